/** `formpilot lint <form> [--json]`: exit code 1 when any finding is an error. */
import path from "node:path";
import { parseArgs } from "node:util";
import { formatFinding, hasErrors } from "../finding";
import { lintPackage } from "../lint";
import { formDirOf } from "../package-files";
import type { Command } from "./io";

export const lintCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({ args, options: { json: { type: "boolean", default: false } }, allowPositionals: true });
  const report = await lintPackage(await formDirOf(positionals[0]));
  const errors = report.findings.filter((f) => f.severity === "error").length;
  const warnings = report.findings.length - errors;
  if (values.json) io.out(JSON.stringify({ ...report, errors, warnings }, null, 2));
  else {
    const where = (file: string) => path.relative(process.cwd(), path.join(report.dir, file));
    for (const f of report.findings) io.out(formatFinding(f, where(f.file)));
    for (const n of report.notes) io.out(`${where(n.file)}${n.pointer ? `:${n.pointer}` : ""} note ${n.message}`);
    io.out(`${report.id}: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
  }
  return hasErrors(report.findings) ? 1 : 0;
};

/** `formpilot diff <form> <from> [<to>] [--json]`: what changed between two versions (to: the current one). */
import path from "node:path";
import { parseArgs } from "node:util";
import { formatProblems, loadPackage } from "../../forms/load";
import { formatVersionDiff, diffVersions } from "../version-diff";
import { formDirOf, UsageError } from "../package-files";
import type { Command } from "./io";
import type { Form } from "../../engine/form";

export const diffCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({ args, options: { json: { type: "boolean", default: false } }, allowPositionals: true });
  const [formArg, fromVersion, toVersion] = positionals;
  if (!fromVersion) throw new UsageError("name the version to compare from: diff <form> <from> [<to>]");
  const dir = await formDirOf(formArg);
  const id = path.basename(dir);
  const current = await loadPackage(dir);
  const load = async (version: string | undefined): Promise<Form | undefined> => {
    if (version === undefined || current.form?.version === version) {
      if (!current.form) io.err(`${id} does not load (run formpilot lint for details):\n${formatProblems(current)}`);
      return current.form;
    }
    const pkg = await loadPackage(path.join(dir, "versions", version), id);
    if (!pkg.form) io.err(`${id} ${version} is not archived in versions/${version}/ or does not load:\n${formatProblems(pkg)}`);
    return pkg.form;
  };
  const from = await load(fromVersion);
  const to = await load(toVersion);
  if (!from || !to) return 1;
  const diff = diffVersions(from, to);
  if (values.json) io.out(JSON.stringify(diff, null, 2));
  else for (const line of formatVersionDiff(diff)) io.out(line);
  return 0;
};

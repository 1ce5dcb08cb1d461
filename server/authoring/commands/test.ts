/** `formpilot test <form>`: replays every worked example; exit code 1 when one differs. */
import { parseArgs } from "node:util";
import { checkExample } from "../example-check";
import { mismatchLines } from "../diff";
import { readOptional } from "../package-files";
import { pdfTextWith } from "../pdf-text";
import { parametersUsed } from "../parameters-used";
import { formatParameter } from "../../engine/parameter-texts";
import type { Command } from "./io";
import { loadedForm } from "./loaded";

export const testCommand: Command = async (args, io) => {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  const { form, dir } = await loadedForm(positionals[0], io);
  if (!form) return 1;
  if (form.examples.length === 0) {
    io.err(`${form.id} has no worked examples: add examples/*.json (see section 4 of forms/README.md)`);
    return 1;
  }
  const pdfText = pdfTextWith(await readOptional(dir, "pdf.hbs"));
  let failed = 0;
  for (const example of form.examples) {
    const mismatches = await checkExample(form, example, pdfText);
    io.out(`${mismatches.length === 0 ? "ok  " : "FAIL"} ${example.file}: ${example.description}`);
    for (const line of mismatches.flatMap(mismatchLines)) io.out(`       ${line}`);
    for (const p of parametersUsed(form, example.answers)) {
      io.out(`       parameter ${p.name} = ${formatParameter(p, "en")} (in force from ${p.from}${p.to ? ` to ${p.to}` : ""}; ${p.reference})`);
    }
    if (mismatches.length > 0) failed++;
  }
  io.out(`${form.id}: ${form.examples.length - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
};

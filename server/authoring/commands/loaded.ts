/** The form a command works on, or its load problems written out and no form. */
import type { Form } from "../../engine/form";
import { formatProblems, loadPackage } from "../../forms/load";
import { formDirOf } from "../package-files";
import type { Output } from "./io";

export async function loadedForm(arg: string | undefined, io: Output): Promise<{ form?: Form; dir: string }> {
  const dir = await formDirOf(arg);
  const pkg = await loadPackage(dir);
  if (!pkg.form) {
    io.err(`${pkg.id} does not load (run formpilot lint for details):`);
    io.err(formatProblems(pkg));
  }
  return { form: pkg.form, dir };
}

/** Finding a form package from a command-line argument, and reading the files lint reads as text. */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { formsRoot } from "../forms/paths";

export class UsageError extends Error {
  override name = "UsageError";
}

export const FORM_ID = /^[a-z][a-z0-9-]*$/;

const isDir = (p: string) => stat(p).then((s) => s.isDirectory(), () => false);

/** A form id under `root` (forms/ by default), or a path to a package folder. */
export async function formDirOf(arg: string | undefined, root = formsRoot): Promise<string> {
  if (!arg) throw new UsageError("name a form: its id under forms/, or the path of its folder");
  if (FORM_ID.test(arg) && (await isDir(path.join(root, arg)))) return path.join(root, arg);
  if (await isDir(arg)) return path.resolve(arg);
  throw new UsageError(`"${arg}" is neither a form under ${path.relative(process.cwd(), root) || "."} nor a folder`);
}

/** A file of the package as text, or undefined when the package has none. */
export function readOptional(dir: string, file: string): Promise<string | undefined> {
  return readFile(path.join(dir, file), "utf8").catch(() => undefined);
}

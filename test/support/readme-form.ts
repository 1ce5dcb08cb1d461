/**
 * The minimal form of forms/README.md, written to a temporary folder exactly as the README shows
 * it, so that the documentation itself is tested: a reader following it gets a working form.
 */
import { mkdtemp, mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const README = path.resolve(import.meta.dirname, "../../forms/README.md");

/** The JSON block that follows the line naming `file` in the README. */
function blockAfter(text: string, file: string): string {
  const start = text.indexOf("`" + file + "`");
  if (start < 0) throw new Error(`forms/README.md no longer shows ${file}`);
  const match = /```json\n([\s\S]*?)```/.exec(text.slice(start));
  if (!match) throw new Error(`forms/README.md shows no JSON for ${file}`);
  return match[1]!;
}

export async function writeReadmeForm(): Promise<string> {
  const text = await readFile(README, "utf8");
  const root = await mkdtemp(path.join(os.tmpdir(), "formpilot-readme-"));
  const dir = path.join(root, "hello");
  await mkdir(path.join(dir, "locales"), { recursive: true });
  await mkdir(path.join(dir, "examples"), { recursive: true });
  await writeFile(path.join(dir, "schema.json"), blockAfter(text, "forms/hello/schema.json"));
  const locale = blockAfter(text, "forms/hello/locales/en.json");
  for (const lang of ["en", "de", "ko"]) await writeFile(path.join(dir, "locales", `${lang}.json`), locale);
  await writeFile(path.join(dir, "examples", "pet.json"), blockAfter(text, "forms/hello/examples/pet.json"));
  return dir;
}

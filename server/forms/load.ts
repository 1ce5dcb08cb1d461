/**
 * Reads form packages from disk and hands their contents to the engine to check and compile.
 * A package that does not load is reported with its file, JSON pointer and fix, never a stack trace.
 */
import { readFile, readdir, access } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { compileForm, type Form, type PackageContents } from "../engine/form";
import type { Problem } from "../engine/problem";
import { LANGUAGES } from "../i18n/languages";

export interface LoadedPackage {
  id: string;
  dir: string;
  form?: Form;
  problems: Problem[];
}

type Parsed = { ok: true; value: unknown } | { ok: false; problem: Problem };

async function readJson(dir: string, file: string): Promise<Parsed | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, file), "utf8");
  } catch {
    return undefined;
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      problem: { code: "invalid_json", file, pointer: "", message: `${file} is not valid JSON: ${(error as Error).message}`, fix: "Correct the JSON syntax at the position named.", severity: "error" },
    };
  }
}

const exists = (p: string) => access(p).then(() => true, () => false);

async function importCompute(dir: string): Promise<{ compute?: unknown; problem?: Problem }> {
  const file = path.join(dir, "compute.ts");
  if (!(await exists(file))) return {};
  try {
    const module = (await import(pathToFileURL(file).href)) as { compute?: unknown };
    return { compute: module.compute ?? null };
  } catch (error) {
    return {
      problem: { code: "compute_does_not_load", file: "compute.ts", pointer: "", message: `compute.ts does not load: ${(error as Error).message}`, fix: "Run `npm run typecheck` and correct what it reports.", severity: "error" },
    };
  }
}

/** `id` defaults to the folder's name; an archived version (versions/<version>/) passes its form's id. */
export async function loadPackage(dir: string, id = path.basename(dir)): Promise<LoadedPackage> {
  const problems: Problem[] = [];
  const take = (parsed: Parsed | undefined): unknown => {
    if (parsed && !parsed.ok) problems.push(parsed.problem);
    return parsed?.ok ? parsed.value : undefined;
  };
  const schemaFile = await readJson(dir, "schema.json");
  if (!schemaFile) {
    problems.push({ code: "missing_schema", file: "schema.json", pointer: "", message: `${id} has no schema.json`, fix: "Every form package needs a schema.json: see forms/README.md.", severity: "error" });
  }
  const schema = take(schemaFile);
  const perLanguage = async (folder: string) => {
    const files: PackageContents["locales"] = {};
    for (const lang of LANGUAGES) {
      const value = take(await readJson(dir, `${folder}/${lang}.json`));
      if (value !== undefined) files[lang] = value;
    }
    return files;
  };
  /** Every JSON file of a folder, in name order, named by its path in the package. */
  const everyJsonIn = async (folder: string) => {
    const names = (await readdir(path.join(dir, folder)).catch(() => [])).filter((f) => f.endsWith(".json")).sort();
    const files: { file: string; content: unknown }[] = [];
    for (const name of names) {
      const file = `${folder}/${name}`;
      const content = take(await readJson(dir, file));
      if (content !== undefined) files.push({ file, content });
    }
    return files;
  };
  /** Optional per-language files: only a package that has one of them must have all of them. */
  const optionalPerLanguage = async (folder: string) => {
    const files = await perLanguage(folder);
    return Object.keys(files).length > 0 ? files : undefined;
  };
  const locales = await perLanguage("locales");
  const examples: PackageContents["examples"] = await everyJsonIn("examples");
  const parameters: PackageContents["parameters"] = await everyJsonIn("parameters");
  const faq = await optionalPerLanguage("faq");
  const privacy = await optionalPerLanguage("privacy");
  const { compute, problem } = await importCompute(dir);
  if (problem) problems.push(problem);
  if (problems.length > 0) return { id, dir, problems };
  const compiled = compileForm({ id, schema, locales, compute: compute === null ? "missing export" : compute, examples, faq, privacy, parameters });
  return { id, dir, form: compiled.form, problems: compiled.problems };
}

/** Every folder under `root` is a form package. */
export async function loadPackages(root: string): Promise<LoadedPackage[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => path.join(root, e.name)).sort();
  return Promise.all(dirs.map((dir) => loadPackage(dir)));
}

/** One line per problem, for a terminal or a log: file, pointer, what is wrong, and the fix. */
export function formatProblems(pkg: LoadedPackage): string {
  return pkg.problems
    .map((p) => `${path.join(path.relative(process.cwd(), pkg.dir), p.file ?? "")}${p.pointer ? ` at ${p.pointer}` : ""}: ${p.message}.${p.fix ? ` Fix: ${p.fix}` : ""}`)
    .join("\n");
}

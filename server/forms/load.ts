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
  const locales = await perLanguage("locales");
  const exampleFiles = (await readdir(path.join(dir, "examples")).catch(() => [])).filter((f) => f.endsWith(".json")).sort();
  const examples: PackageContents["examples"] = [];
  for (const name of exampleFiles) {
    const file = `examples/${name}`;
    const content = take(await readJson(dir, file));
    if (content !== undefined) examples.push({ file, content });
  }
  const parameterFiles = (await readdir(path.join(dir, "parameters")).catch(() => [])).filter((f) => f.endsWith(".json")).sort();
  const parameters: PackageContents["parameters"] = [];
  for (const name of parameterFiles) {
    const file = `parameters/${name}`;
    const content = take(await readJson(dir, file));
    if (content !== undefined) parameters.push({ file, content });
  }
  const faqFiles = await perLanguage("faq");
  // The FAQ is optional: only a package that has some FAQ file must have all of them.
  const faq = Object.keys(faqFiles).length > 0 ? faqFiles : undefined;
  const privacyFiles = await perLanguage("privacy");
  const privacy = Object.keys(privacyFiles).length > 0 ? privacyFiles : undefined;
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

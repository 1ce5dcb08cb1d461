import { readdirSync, readFileSync } from "node:fs";
import { cp, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { checkParameterFiles, type Parameters } from "../../server/engine/parameters";
import { loadPackage, loadPackages, formatProblems } from "../../server/forms/load";
import type { Form } from "../../server/engine/form";
import { formsRoot } from "../../server/forms/paths";

export const fixturesRoot = path.resolve(import.meta.dirname, "../fixtures/forms");

const cache = new Map<string, Promise<Form>>();

/** A form package that must load cleanly; a test fails with the package's own problem report otherwise. */
export function loadForm(dir: string): Promise<Form> {
  let form = cache.get(dir);
  if (!form) {
    form = loadPackage(dir).then((pkg) => {
      if (!pkg.form) throw new Error(`${pkg.id} does not load:\n${formatProblems(pkg)}`);
      return pkg.form;
    });
    cache.set(dir, form);
  }
  return form;
}

export const loadFixture = (name: string) => loadForm(path.join(fixturesRoot, name));

export async function bundledForms(): Promise<Form[]> {
  const packages = await loadPackages(formsRoot);
  return Promise.all(packages.map((p) => loadForm(p.dir)));
}

/**
 * A bundled form's parameter files, read synchronously so that a pure compute test can call the
 * form's compute with them at module level; a problem in the files fails the test run at once.
 */
export function bundledParameters(formId: string): Parameters {
  const dir = path.resolve(import.meta.dirname, "../../forms", formId, "parameters");
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => ({ file: f, content: JSON.parse(readFileSync(path.join(dir, f), "utf8")) as unknown }));
  const { parameters, problems } = checkParameterFiles(files);
  if (problems.length > 0) throw new Error(`${formId} parameters: ${problems.map((p) => `${p.file} ${p.pointer} ${p.message}`).join("; ")}`);
  return parameters;
}

/**
 * A bundled package copied to `dir` (without its archived versions), its TypeScript's imports of
 * the engine pointed back at the repository, so that a test can change a copy and load it.
 */
export async function copyOfBundled(formId: string, dir: string): Promise<string> {
  await cp(path.join(formsRoot, formId), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}versions`) });
  const server = path.resolve(import.meta.dirname, "../../server");
  for (const file of (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".ts"))) {
    const at = path.join(dir, file);
    await writeFile(at, (await readFile(at, "utf8")).replace(/"(?:\.\.\/)+server\//g, `"${server}/`));
  }
  return dir;
}

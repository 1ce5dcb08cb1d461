import path from "node:path";
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

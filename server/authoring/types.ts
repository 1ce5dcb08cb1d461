/**
 * Each form's `schema.types.ts`, generated from its schema.json so that compute code never runs
 * against outdated types. Shared by `npm run types` and `formpilot types` / `formpilot new`.
 */
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { generateTypes } from "../forms/generate-types";

/** Whether the package's types file was (or, checking, would be) changed. */
export async function syncPackageTypes(dir: string, check: boolean): Promise<boolean> {
  const schema = JSON.parse(await readFile(path.join(dir, "schema.json"), "utf8")) as object;
  const target = path.join(dir, "schema.types.ts");
  const fresh = await generateTypes(path.basename(dir), schema);
  if ((await readFile(target, "utf8").catch(() => "")) === fresh) return false;
  if (!check) await writeFile(target, fresh);
  return true;
}

/** The types files of every package under `roots` that were (or would be) changed. */
export async function syncTypes(roots: string[], check: boolean): Promise<string[]> {
  const changed: string[] = [];
  for (const root of roots) {
    const entries = await readdir(root, { withFileTypes: true });
    for (const dir of entries.filter((e) => e.isDirectory()).map((e) => path.join(root, e.name))) {
      if (await syncPackageTypes(dir, check)) changed.push(path.join(dir, "schema.types.ts"));
    }
  }
  return changed;
}

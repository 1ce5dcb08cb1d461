/**
 * `npm run types` writes each form's `schema.types.ts`; with `--check` it writes nothing and fails
 * when a file is missing or stale, so that compute code never runs against outdated types.
 */
import { readFile, writeFile, readdir } from "node:fs/promises";
import path from "node:path";
import { generateTypes } from "../forms/generate-types";
import { formsRoot } from "../forms/paths";

async function main(check: boolean): Promise<number> {
  const entries = await readdir(formsRoot, { withFileTypes: true });
  let stale = 0;
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const dir = path.join(formsRoot, entry.name);
    const schema = JSON.parse(await readFile(path.join(dir, "schema.json"), "utf8")) as object;
    const target = path.join(dir, "schema.types.ts");
    const fresh = await generateTypes(entry.name, schema);
    const current = await readFile(target, "utf8").catch(() => "");
    if (current === fresh) continue;
    if (check) {
      stale++;
      console.error(`${path.relative(process.cwd(), target)} is out of date with schema.json: run \`npm run types\`.`);
    } else {
      await writeFile(target, fresh);
      console.log(`wrote ${path.relative(process.cwd(), target)}`);
    }
  }
  return stale > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.includes("--check"));

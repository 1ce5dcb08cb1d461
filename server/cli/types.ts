/**
 * `npm run types` writes each form's `schema.types.ts` (of the folders named, by default forms/); with `--check` it writes nothing and fails
 * when a file is missing or stale, so that compute code never runs against outdated types.
 */
import { readFile, writeFile, readdir } from "node:fs/promises";
import path from "node:path";
import { generateTypes } from "../forms/generate-types";
import { formsRoot } from "../forms/paths";

async function main(check: boolean, roots: string[]): Promise<number> {
  let stale = 0;
  const dirs: string[] = [];
  for (const root of roots) {
    const entries = await readdir(root, { withFileTypes: true });
    dirs.push(...entries.filter((e) => e.isDirectory()).map((e) => path.join(root, e.name)));
  }
  for (const dir of dirs) {
    const schema = JSON.parse(await readFile(path.join(dir, "schema.json"), "utf8")) as object;
    const target = path.join(dir, "schema.types.ts");
    const fresh = await generateTypes(path.basename(dir), schema);
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

const args = process.argv.slice(2);
const roots = args.filter((a) => !a.startsWith("--"));
process.exitCode = await main(args.includes("--check"), roots.length > 0 ? roots : [formsRoot]);

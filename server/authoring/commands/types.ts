/**
 * `formpilot types [--check] [folder…]` (also `npm run types`): writes each form's
 * schema.types.ts, of forms/ or the folders of packages named; with --check it writes nothing and
 * fails when one is missing or stale.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { formsRoot } from "../../forms/paths";
import { syncTypes } from "../types";
import type { Command } from "./io";

export const typesCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({ args, options: { check: { type: "boolean", default: false } }, allowPositionals: true });
  const changed = await syncTypes(positionals.length > 0 ? positionals : [formsRoot], values.check);
  for (const file of changed.map((f) => path.relative(process.cwd(), f))) {
    if (values.check) io.err(`${file} is out of date with schema.json: run \`npm run types\`.`);
    else io.out(`wrote ${file}`);
  }
  return values.check && changed.length > 0 ? 1 : 0;
};

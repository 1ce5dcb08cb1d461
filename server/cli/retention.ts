/**
 * `npm run retention` erases every application whose form's retention period has ended (as the
 * server's job does at its interval); `npm run retention -- --dry-run` only lists them.
 * Exit codes: 0 done; 2 wrong use.
 */
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { loadConfig, protectorOf } from "../config";
import { openStore } from "../store/open";
import { loadRegistry } from "../forms/registry";
import { formsRoot } from "../forms/paths";
import { runRetention, type Due } from "../applications/retention";
import { t } from "../i18n/translate";

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const LANG = "en";

const lineOf = (due: Due): string =>
  t(LANG, "privacy.retention.line", { reference: due.reference ?? due.id, formId: due.formId, status: t(LANG, `staff.status.${due.status}`), updatedAt: due.updatedAt, rule: t(LANG, `privacy.rule.${due.rule}`) });

export async function retention(args: string[], env: NodeJS.ProcessEnv, io: Io, now: Date = new Date(), root = formsRoot): Promise<number> {
  let dryRun: boolean;
  try {
    dryRun = parseArgs({ args, options: { "dry-run": { type: "boolean" } } }).values["dry-run"] === true;
  } catch {
    io.err(t(LANG, "privacy.retention.usage"));
    return 2;
  }
  const loaded = await loadRegistry(root);
  if (!loaded.ok) {
    io.err(loaded.report);
    return 2;
  }
  const config = await loadConfig(env);
  const store = await openStore(config.databaseUrl, protectorOf(config));
  try {
    const done = await runRetention({ store, registry: loaded.registry }, now, { dryRun });
    for (const due of done) io.out(lineOf(due));
    io.out(t(LANG, dryRun ? "privacy.retention.would_erase" : "privacy.retention.erased", { count: done.length }));
    return 0;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await retention(process.argv.slice(2), process.env, { out: (line) => console.log(line), err: (line) => console.error(line) });
}

/**
 * `npm run export -- --form <form-id> --deidentified [--format csv|json] [--out <file>]`: the
 * de-identified export of a form's submitted applications from the store DATABASE_URL names (the
 * server's own configuration), to stdout or a file. Only the de-identified export is offered.
 * Pseudonyms are keyed with FORMPILOT_EXPORT_KEY, or with a key derived from the server's secret.
 * Exit codes: 0 written; 1 the forms do not load; 2 wrong use (a flag, the format, an unknown form).
 */
import { parseArgs } from "node:util";
import { writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { loadConfig, protectorOf } from "../config";
import { openStore } from "../store/open";
import { loadRegistry } from "../forms/registry";
import { formsRoot } from "../forms/paths";
import { deidentifiedExport, MIN_CASES_PER_CELL } from "../applications/deidentified-export";
import { exportKeyOf } from "../applications/pseudonyms";
import { SUPPRESSED } from "../applications/small-cells";
import { formatTable, isTableFormat } from "../applications/table-formats";
import { t } from "../i18n/translate";

export interface Io {
  out(text: string): void;
  err(line: string): void;
}

/** Operators read English; the messages are the catalog's. */
const LANG = "en";

export async function exportCommand(args: string[], env: NodeJS.ProcessEnv, io: Io, root = formsRoot): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { form: { type: "string" }, deidentified: { type: "boolean" }, format: { type: "string" }, out: { type: "string" } }, strict: true, allowPositionals: false });
  } catch {
    parsed = undefined;
  }
  const formId = parsed?.values.form;
  if (!parsed || !formId) {
    io.err(t(LANG, "export.cli.usage"));
    return 2;
  }
  if (!parsed.values.deidentified) {
    io.err(t(LANG, "export.cli.not_deidentified"));
    return 2;
  }
  const format = parsed.values.format ?? "csv";
  if (!isTableFormat(format)) {
    io.err(t(LANG, "export.cli.bad_format", { format }));
    return 2;
  }
  const loaded = await loadRegistry(root);
  if (!loaded.ok) {
    io.err(t(LANG, "export.cli.forms_broken", { report: loaded.report }));
    return 1;
  }
  const form = loaded.registry.get(formId);
  if (!form) {
    io.err(t(LANG, "export.cli.unknown_form", { form: formId, forms: loaded.registry.all().map((f) => f.id).join(", ") }));
    return 2;
  }
  const config = await loadConfig(env);
  const store = await openStore(config.databaseUrl, protectorOf(config));
  try {
    const table = await deidentifiedExport(store, form, exportKeyOf(env, config.secret));
    const text = formatTable(table, format);
    if (parsed.values.out === undefined) {
      io.out(text);
      return 0;
    }
    await writeFile(parsed.values.out, text, { mode: 0o600 });
    const suppressed = table.rows.filter((row) => row.includes(SUPPRESSED)).length;
    io.err(t(LANG, "export.cli.written", { rows: table.rows.length, form: form.id, file: parsed.values.out, suppressed, k: MIN_CASES_PER_CELL }));
    return 0;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await exportCommand(process.argv.slice(2), process.env, {
    out: (text) => process.stdout.write(text),
    err: (line) => console.error(line),
  });
}

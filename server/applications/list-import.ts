/**
 * Importing a repeatable group's list from a file, and the group's template: the use cases behind
 * the API call, the group's upload page and the chat's link to it. A preview reads and checks the
 * whole file and stores nothing; an import stores every row or, only when asked, the clean ones.
 */
import type { Form } from "../engine/form";
import type { GroupNode } from "../engine/model";
import { columnHeader, importRows, itemQuestions, matchColumns, type CellProblem, type ImportOutcome } from "../engine/import";
import { isPointer, templateOf } from "../engine/pointer";
import { titleOf } from "../engine/texts";
import type { Language } from "../i18n/languages";
import { t } from "../i18n/translate";
import type { ApplicationRecord } from "../store/store";
import { csvTemplate, readTable, xlsxTemplate, LIST_FILE_LIMIT, type ListMediaType } from "./list-file";
import { editable, move, type Failure, type Result, type Services } from "./service";

/** How many rows a preview shows as they will be stored. */
export const PREVIEW_ROWS = 5;

export interface ImportReport {
  /** Each column of the file, and the question it is read as (null: not used). */
  columns: { header: string; question: string | null; title: string | null }[];
  /** Rows read from the file (blank rows left out). */
  rows: number;
  /** Rows stored by this call; 0 for a preview. */
  imported: number;
  /** Rows without problems. */
  cleanRows: number;
  firstRows: ImportOutcome["items"];
  problems: CellProblem[];
  ignored: ImportOutcome["ignored"];
}

export interface ImportRequest {
  group: string;
  bytes: Buffer;
  mediaType: ListMediaType | undefined;
  preview?: boolean;
  cleanRowsOnly?: boolean;
}

const refused = (status: number, code: string, message: string, pointer = ""): Failure => ({ ok: false, status, problems: [{ code, pointer, message }] });

/** The repeatable group at `pointer`, or why there is none to import into. */
export function groupAt(form: Form, pointer: unknown, lang: Language): Result<GroupNode> {
  const node = isPointer(pointer) && pointer !== "" ? form.nodes.get(templateOf(pointer)) : undefined;
  if (node?.kind !== "group") return refused(422, "not_a_list", t(lang, "error.not_a_list"), isPointer(pointer) ? pointer : "");
  return { ok: true, value: node };
}

export async function importList(s: Services, form: Form, record: ApplicationRecord, request: ImportRequest): Promise<Result<{ record: ApplicationRecord; report: ImportReport }>> {
  const lang = record.language;
  const group = groupAt(form, request.group, lang);
  if (!group.ok) return group;
  if (!editable(record)) return { ok: false, status: 409, problems: [{ code: "already_submitted", pointer: "", message: t(lang, "service.already_submitted") }] };
  if (!request.mediaType) return refused(415, "unsupported_media_type", t(lang, "import.wrong_type"));
  if (request.bytes.length > LIST_FILE_LIMIT) return refused(413, "too_large", t(lang, "import.too_large", { limit: `${LIST_FILE_LIMIT / 1024 / 1024} MB` }));
  const reading = await readTable(request.bytes, request.mediaType);
  if (!reading.ok) return refused(422, reading.code, t(lang, `import.${reading.code}`));
  const { headers, rows } = reading.table;
  const matched = matchColumns(form, group.value, headers);
  if (matched.every((c) => c.question === null)) return refused(422, "no_columns", t(lang, "import.no_columns"));
  const run = (session: ApplicationRecord["session"]) =>
    importRows(form, session, { group: request.group, headers, rows, lang, today: s.now(), cleanRowsOnly: request.cleanRowsOnly || request.preview });
  const report = (outcome: ImportOutcome, imported: number): ImportReport => ({
    columns: matched.map((c) => ({ header: c.header, question: c.question, title: c.question ? titleOf(form, lang, c.question) : null })),
    rows: rows.filter((r) => r.some((c) => c.trim() !== "")).length,
    imported,
    cleanRows: outcome.items.length,
    firstRows: outcome.items.slice(0, PREVIEW_ROWS),
    problems: outcome.problems,
    ignored: outcome.ignored,
  });
  // A preview reads as if only the clean rows were taken, so that it can show them; nothing is stored.
  if (request.preview) {
    const outcome = run(record.session);
    const list = outcome.problems.filter((p) => p.row === 0);
    if (list.length > 0) return { ok: false, status: 422, problems: list };
    return { ok: true, value: { record, report: report(outcome, 0) } };
  }
  let outcome: ImportOutcome | undefined;
  const saved = await move(s, form, record, (session) => {
    outcome = run(session);
    return { session: outcome.session, problems: outcome.imported > 0 || outcome.problems.length === 0 ? [] : outcome.problems };
  }, "list_imported", { pointer: request.group });
  if (!saved.ok) return saved;
  return { ok: true, value: { record: saved.value.record, report: report(outcome!, outcome!.imported) } };
}

export interface Template {
  fileName: string;
  mediaType: ListMediaType;
  body: Buffer;
}

/** A language that writes decimal commas gets `;`-separated CSV, as its Excel reads it. */
const delimiterFor = (lang: Language): "," | ";" => (new Intl.NumberFormat(lang).format(1.5).includes(",") ? ";" : ",");

/** The group's template in the applicant's language: the header row only. */
export async function listTemplate(form: Form, group: GroupNode, lang: Language, format: "csv" | "xlsx"): Promise<Template> {
  const headers = itemQuestions(group).map((q) => columnHeader(form, lang, q));
  const name = `${form.id}-${group.name}`;
  if (format === "csv") return { fileName: `${name}.csv`, mediaType: "text/csv", body: csvTemplate(headers, delimiterFor(lang)) };
  return { fileName: `${name}.xlsx`, mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: await xlsxTemplate(headers, titleOf(form, lang, group.template)) };
}

/**
 * Importing a repeatable group's list on the pages, without JavaScript: an upload page (plain
 * multipart form) with the group's templates, a preview with the column mapping, the first rows
 * and the problems table, and a confirmation that imports. Nothing is kept on the server between
 * preview and confirmation: the confirmation form carries the file back, and it is read and checked
 * again, so what is stored is exactly what the checks passed.
 */
import { Router, type Request, type Response } from "express";
import type { Services } from "../../applications/service";
import { groupAt, importList, listTemplate, type ImportReport } from "../../applications/list-import";
import { LIST_FILE_LIMIT, listMediaType, type ListMediaType } from "../../applications/list-file";
import { itemQuestions } from "../../engine/import";
import { displayValue } from "../../engine/kinds/asked";
import { formatPointer, getAt, parsePointer, templateOf } from "../../engine/pointer";
import type { Form } from "../../engine/form";
import type { GroupNode } from "../../engine/model";
import type { QuestionStep } from "../../engine/present";
import { titleOf } from "../../engine/texts";
import type { Problem } from "../../engine/problem";
import { t } from "../../i18n/translate";
import { readUpload } from "../multipart";
import { isEditable, withApplication, type Opened } from "./auth";
import { applicationPaths } from "./paths";
import { render, renderProblem } from "./render";
import { renderSubmitted } from "./submitted";

/**
 * The list a page (or the chat) offers to import from a file: on a group's "add another?" page,
 * and on the questions of its first item, before anything is typed.
 */
export function importableGroup(form: Form, step: QuestionStep): string | undefined {
  if (step.answerKind === "addAnother") return step.pointer;
  const path = parsePointer(step.pointer);
  const at = path.findIndex((segment, i) => segment === 0 && form.nodes.get(templateOf(formatPointer(path.slice(0, i))))?.kind === "group");
  return at > 0 ? formatPointer(path.slice(0, at)) : undefined;
}

/** The addresses of a group's import pages. */
export function importPaths(id: string, group: string) {
  const base = `/applications/${encodeURIComponent(id)}`;
  const query = `?pointer=${encodeURIComponent(group)}`;
  return {
    upload: `${base}/import${query}`,
    confirm: `${base}/import/confirm${query}`,
    csv: `${base}/import-template.csv${query}`,
    xlsx: `${base}/import-template.xlsx${query}`,
  };
}

const pointerOf = (req: Request) => (typeof req.query.pointer === "string" ? req.query.pointer : "");

/** The base64 of the file on the confirmation form: a third more than the file itself. */
const FIELD_LIMIT = Math.ceil((LIST_FILE_LIMIT * 4) / 3) + 4;

function uploadPage(req: Request, res: Response, { form, record }: Opened, group: string, status = 200, problems: Problem[] = []): void {
  const lang = record.language;
  const paths = importPaths(record.id, group);
  const messages = problems.map((p) => p.message);
  render(req, res, {
    view: "import",
    lang,
    status,
    title: t(lang, "import.title"),
    returnTo: paths.upload,
    errors: messages.map((message) => ({ message, href: "#file" })),
    fileError: messages.join(" ") || undefined,
    group: titleOf(form, lang, templateOf(group)),
    templates: paths,
    action: paths.upload,
    paths: applicationPaths(record.id),
    privacyFormId: form.id,
  });
}

function previewPage(req: Request, res: Response, { form, record }: Opened, group: string, report: ImportReport, file: { bytes: Buffer; type: ListMediaType }, status = 200): void {
  const lang = record.language;
  const paths = importPaths(record.id, group);
  const node = groupAt(form, group, lang);
  const questions = node.ok ? itemQuestions(node.value) : [];
  const rowsWithProblems = new Set(report.problems.map((p) => p.row)).size;
  render(req, res, {
    view: "import-preview",
    lang,
    status,
    title: t(lang, "import.preview_title"),
    returnTo: paths.upload,
    group: titleOf(form, lang, templateOf(group)),
    columns: report.columns,
    headings: questions.map((q) => titleOf(form, lang, q.template)),
    firstRows: report.firstRows.map((r) => ({
      row: r.row,
      cells: questions.map((q) => {
        const value = getAt(r.answers, parsePointer(q.template).slice(parsePointer(group).length + 1));
        return value === undefined ? "" : displayValue(form, lang, q, value);
      }),
    })),
    problems: report.problems,
    problemsText: t(lang, "import.problems_count", { count: report.problems.length, rows: rowsWithProblems }),
    cleanText: t(lang, "import.clean", { count: report.cleanRows }),
    ignoredText: report.ignored.length > 0 ? t(lang, "import.ignored", { count: report.ignored.length }) : undefined,
    cleanRows: report.cleanRows,
    confirmText: t(lang, report.problems.length > 0 ? "import.confirm_clean" : "import.confirm", { count: report.cleanRows }),
    confirm: paths.confirm,
    again: paths.upload,
    type: file.type,
    data: file.bytes.toString("base64"),
    paths: applicationPaths(record.id),
    privacyFormId: form.id,
  });
}

/** The pages of an application that takes changes; a submitted one shows its confirmation instead. */
function withDraftGroup(services: Services, handler: (req: Request, res: Response, opened: Opened, group: string, node: GroupNode) => Promise<void>) {
  return withApplication(services, async (req, res, opened) => {
    const lang = opened.record.language;
    if (!isEditable(opened.record)) return renderSubmitted(req, res, opened, { status: 409, notices: [t(lang, "service.already_submitted")] });
    const group = groupAt(opened.form, pointerOf(req), lang);
    if (!group.ok) return renderProblem(req, res, lang, 404, group.problems.map((p) => p.message), [{ href: applicationPaths(opened.record.id).show, text: t(lang, "page.continue_application") }]);
    await handler(req, res, opened, pointerOf(req), group.value);
  });
}

export function importPages(services: Services): Router {
  const router = Router();

  router.get("/applications/:id/import", withDraftGroup(services, async (req, res, opened, group) => uploadPage(req, res, opened, group)));

  router.post("/applications/:id/import", withDraftGroup(services, async (req, res, opened, group) => {
    const lang = opened.record.language;
    const reading = await readUpload(req, { fileSize: LIST_FILE_LIMIT, fieldSize: 1024 });
    if (!reading.ok) return uploadPage(req, res, opened, group, reading.code === "too_large" ? 413 : 400, [{ code: reading.code, pointer: "", message: t(lang, reading.code === "too_large" ? "import.too_large" : "import.unreadable", { limit: `${LIST_FILE_LIMIT / 1024 / 1024} MB` }) }]);
    const file = reading.upload.file;
    if (!file) return uploadPage(req, res, opened, group, 422, [{ code: "no_file", pointer: "", message: t(lang, "import.no_file") }]);
    const type = listMediaType(file.type, file.name);
    const previewed = await importList(services, opened.form, opened.record, { group, bytes: file.bytes, mediaType: type, preview: true });
    if (!previewed.ok) return uploadPage(req, res, opened, group, previewed.status, previewed.problems);
    previewPage(req, res, opened, group, previewed.value.report, { bytes: file.bytes, type: type! });
  }));

  router.post("/applications/:id/import/confirm", withDraftGroup(services, async (req, res, opened, group) => {
    const lang = opened.record.language;
    const reading = await readUpload(req, { fileSize: 0, fieldSize: FIELD_LIMIT });
    const fields = reading.ok ? reading.upload.fields : {};
    const type = listMediaType(fields.type);
    const bytes = Buffer.from(fields.data ?? "", "base64");
    if (!reading.ok || !type) return uploadPage(req, res, opened, group, 400, [{ code: "unreadable", pointer: "", message: t(lang, "import.unreadable") }]);
    const imported = await importList(services, opened.form, opened.record, { group, bytes, mediaType: type, cleanRowsOnly: fields.mode === "clean" });
    if (imported.ok) return res.redirect(303, applicationPaths(opened.record.id).show);
    // The list changed meanwhile (another tab) or was refused: the preview says how it reads now.
    const previewed = await importList(services, opened.form, opened.record, { group, bytes, mediaType: type, preview: true });
    if (!previewed.ok || imported.status !== 422) return uploadPage(req, res, opened, group, imported.status, imported.problems);
    previewPage(req, res, opened, group, previewed.value.report, { bytes, type }, 422);
  }));

  for (const format of ["csv", "xlsx"] as const) {
    router.get(`/applications/:id/import-template.${format}`, withDraftGroup(services, async (_req, res, { form, record }, _group, node) => {
      const template = await listTemplate(form, node, record.language, format);
      res.type(template.mediaType).set("Content-Disposition", `attachment; filename="${template.fileName}"`).send(template.body);
    }));
  }

  return router;
}

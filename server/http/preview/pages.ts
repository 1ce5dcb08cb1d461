/**
 * The preview's pages as data: the packages under the forms root, one package's findings, questions
 * and routes, and one question or the summary of a session that is never stored.
 */
import type { Form } from "../../engine/form";
import type { Entry } from "../../engine/evaluate";
import { entriesFor } from "../../engine/flow";
import { allNodes } from "../../engine/model";
import { completeness, questionStep, stateOf, summaryOf, type QuestionStep, type State } from "../../engine/present";
import { templateOf } from "../../engine/pointer";
import { newSession, type Session } from "../../engine/session";
import { titleOf } from "../../engine/texts";
import type { Decision } from "../../authoring/routes";
import { findingOf, type Finding } from "../../authoring/finding";
import type { Language } from "../../i18n/languages";
import { t } from "../../i18n/translate";
import type { ApplicationRecord } from "../../store/store";
import { questionPage, type Shown } from "../pages/question";
import type { Page } from "../pages/render";
import type { PreviewPackage } from "./packages";
import { previewPaths } from "./paths";

/** Shown where a real application shows its reference: in the PDF and its footer. */
export const PREVIEW_REFERENCE = "PREVIEW";

export const SCRIPTS = ["/assets/preview.js"];

const countsOf = (lang: Language, pkg: PreviewPackage) => t(lang, "preview.counts", { errors: pkg.errors, warnings: pkg.warnings });

const findingRow = (f: Finding) => ({ ...f, error: f.severity === "error" });

export function indexPage(lang: Language, packages: { id: string; pkg: PreviewPackage }[]): Page {
  return {
    view: "preview/index",
    lang,
    title: t(lang, "preview.index.title"),
    packages: packages.map(({ id, pkg }) => ({
      id,
      href: `/preview/${encodeURIComponent(id)}`,
      title: pkg.loaded.form?.locales[lang].form.title,
      version: pkg.loaded.form?.version,
      loads: Boolean(pkg.loaded.form),
      counts: countsOf(lang, pkg),
      problems: pkg.loaded.problems.map((p) => findingRow(findingOf(p))),
    })),
  };
}

/** The first item stands for every item: a question inside a list is jumped to in its first one. */
const examplePointer = (template: string) => template.replaceAll("*", "0");

function decisionText(lang: Language, d: Decision): string {
  if (d.group) return t(lang, "preview.decision.items", { pointer: d.pointer, count: Number(d.value) });
  if (d.value === null) return t(lang, "preview.decision.blank", { pointer: d.pointer });
  return `${d.pointer} = ${JSON.stringify(d.value)}`;
}

export function formPage(lang: Language, id: string, pkg: PreviewPackage, revision: number): Page {
  const form = pkg.loaded.form;
  const paths = previewPaths(id, newSession());
  const common = {
    view: "preview/form",
    lang,
    title: form?.locales[lang].form.title ?? id,
    scripts: SCRIPTS,
    id,
    revision,
    revisionHref: paths.revision,
    counts: countsOf(lang, pkg),
    findings: pkg.lint.findings.map(findingRow),
    notes: pkg.lint.notes,
  };
  if (!form) return { ...common, loads: false };
  const questions = [...allNodes(form.root)].flatMap((node) =>
    node.kind === "question" ? [{ pointer: node.template, title: titleOf(form, lang, node.template), href: paths.question(examplePointer(node.template)) }] : [],
  );
  return {
    ...common,
    loads: true,
    version: form.version,
    startHref: paths.step,
    pdfHref: paths.pdf,
    questions,
    routes: pkg.routes.map((route, i) => ({
      number: i + 1,
      decisions: route.decisions.map((d) => decisionText(lang, d)),
      asked: t(lang, "preview.route.asked", { count: route.asked.length }),
      href: paths.route(i),
    })),
    examples: form.examples.map((e) => ({ file: e.file, description: e.description, href: paths.example(e.file) })),
  };
}

/** A record that is never stored: the applicant pages' question view takes one. */
function previewRecord(form: Form, session: Session, lang: Language): ApplicationRecord {
  return {
    id: PREVIEW_REFERENCE, formId: form.id, formVersion: form.version, status: "draft", language: lang, session,
    tokenHash: "", email: null, reference: PREVIEW_REFERENCE, createdAt: "", updatedAt: "", submittedAt: null,
    revision: 0, assigneeId: null, request: null, decision: null, legalHold: false, erasedAt: null,
  };
}

function banner(id: string, session: Session) {
  const paths = previewPaths(id, session);
  return { overviewHref: paths.overview, reviewHref: paths.review, pdfHref: paths.pdf, restartHref: previewPaths(id, newSession()).step, formId: id };
}

export function previewQuestionPage(form: Form, session: Session, lang: Language, step: QuestionStep, shown: Shown & { inactive?: boolean } = {}): Page {
  const state: State = stateOf(form, session, lang);
  const page = questionPage(form, previewRecord(form, session, lang), state, step, shown);
  const paths = previewPaths(form.id, session);
  return {
    ...page,
    view: "preview/question",
    scripts: SCRIPTS,
    returnTo: paths.question(step.pointer),
    startPage: paths.overview,
    paths,
    preview: banner(form.id, session),
    inactive: shown.inactive,
    revisionHref: paths.revision,
  };
}

/**
 * The question at `pointer`: where the answers ask it, as a change from there (answering it goes
 * on as the flow would); otherwise shown all the same, and said to be off the current branch.
 */
export function jumpTo(form: Form, session: Session, pointer: string, lang: Language): { session: Session; step: QuestionStep; inactive: boolean } | undefined {
  const active = entriesFor(form, session).find((e) => e.kind === "question" && e.pointer === pointer);
  if (active) {
    const moved: Session = { ...session, cursor: { pointer, mode: "change" } };
    return { session: moved, step: questionStep(form, lang, active, moved), inactive: false };
  }
  const node = form.nodes.get(templateOf(pointer));
  if (node?.kind !== "question") return undefined;
  const entry: Entry = { kind: "question", node, pointer, required: false, answered: false };
  return { session, step: questionStep(form, lang, entry, session), inactive: true };
}

export function previewReviewPage(form: Form, session: Session, lang: Language): Page {
  const paths = previewPaths(form.id, session);
  const sections = summaryOf(form, session, lang).map((s) => ({
    heading: s.heading,
    rows: s.rows.map((row) => ({ ...row, changeHref: paths.question(row.pointer) })),
  }));
  const { complete, problems } = completeness(form, session, lang);
  return {
    view: "preview/review",
    lang,
    title: t(lang, "page.review.title"),
    scripts: SCRIPTS,
    returnTo: paths.review,
    sections,
    complete,
    problems: problems.map((p) => ({ message: p.message, href: paths.question(p.pointer) })),
    preview: banner(form.id, session),
    revisionHref: paths.revision,
    continueHref: paths.step,
  };
}

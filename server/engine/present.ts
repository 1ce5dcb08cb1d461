/**
 * What the applicant sees next, in their language: the question (with its help, choices, current
 * value and why it is asked), or the review. The HTML pages, the JSON API, the chat and the CLI all
 * show this same view.
 */
import type { Form } from "./form";
import type { Problem } from "./problem";
import type { Session } from "./session";
import type { Asked, ChoiceView } from "./kinds/kind";
import type { Language } from "../i18n/languages";
import { t, interpolate, type Params } from "../i18n/translate";
import type { Scalar } from "./compute";
import { currentEntry, entriesFor } from "./flow";
import { isPending, type Entry } from "./evaluate";
import { derive } from "./derive";
import { validateApplication } from "./validate";
import { getAt, parsePointer, templateOf } from "./pointer";
import { fieldText, headingsOf, titleOf } from "./texts";
import { parametersDateOf, withParameters } from "./parameter-texts";
import { askedOf, displayValue } from "./kinds/asked";
import { formatNumber } from "./format";

export type { ChoiceView };

/** A question as it is asked; as an `Asked` it carries what its kind needs to read an answer to it. */
export interface QuestionStep extends Asked {
  kind: "question";
  pointer: string;
  /** The pointer with `*` for positions: the key of the question's texts. */
  template: string;
  required: boolean;
  title: string;
  description?: string;
  /** The form's own "why we ask this". */
  why?: string;
  /** The answer that brought a conditional question in. */
  reason?: string;
  headings: string[];
  value?: unknown;
}

export interface ReviewStep {
  kind: "review";
  complete: boolean;
  problems: Problem[];
}

export type Step = QuestionStep | ReviewStep;

export interface Progress {
  answered: number;
  total: number;
}

export interface DerivedValueView {
  pointer: string;
  title: string;
  value: unknown;
  unit?: string;
  display: string;
  /** What the value is, from the form's texts: shown to the applicant beside the figure. */
  description?: string;
  rule: string;
  /** The rule in words with the figures it used, formatted for the language: how the value is worked out. */
  explanation: string;
  inputs: Record<string, unknown>;
}

export interface DerivedView {
  values: DerivedValueView[];
  eligible: boolean | null;
  rules: { rule: string; passed: boolean | null; message: string; params: Record<string, unknown> }[];
}

export interface State {
  step: Step;
  complete: boolean;
  progress: Progress;
  derived: DerivedView;
}

function reasonText(form: Form, lang: Language, entry: Extract<Entry, { kind: "question" }>, answers: unknown): string | undefined {
  if (!entry.reason) return undefined;
  const question = titleOf(form, lang, templateOf(entry.reason.pointer));
  const node = form.nodes.get(templateOf(entry.reason.pointer));
  const value = getAt(answers, parsePointer(entry.reason.pointer));
  const answer = node ? displayValue(form, lang, node, value) : String(value);
  return t(lang, entry.reason.kind === "if" ? "reason.if" : "reason.dependent", { question, answer });
}

/** One question (or "add another?") as it is asked: texts in the applicant's language, choices, bounds, the answer so far. */
export function questionStep(form: Form, lang: Language, entry: Entry, session: Session): QuestionStep {
  const texts = fieldText(form, lang, entry.node.template, parametersDateOf(form.parametersDate, session.answers));
  const headings = headingsOf(form, lang, entry.pointer, session.answers);
  if (entry.kind === "more") {
    const itemsTitle = entry.count === 0 ? t(lang, "group.addFirst", { group: titleOf(form, lang, entry.node.template) }) : undefined;
    return {
      kind: "question",
      pointer: entry.pointer,
      template: entry.node.template,
      answerKind: "addAnother",
      widget: "addAnother",
      valueType: "boolean",
      required: true,
      title: itemsTitle ?? texts?.addAnother ?? t(lang, "group.addAnother"),
      description: entry.count > 0 ? t(lang, "group.count", { count: entry.count }) : undefined,
      headings: [...headings, titleOf(form, lang, entry.node.template)],
      choices: [true, false].map((value) => ({ value, label: t(lang, value ? "answer.yes" : "answer.no") })),
    };
  }
  const { node } = entry;
  return {
    ...askedOf(form, lang, node, entry.required),
    kind: "question",
    pointer: entry.pointer,
    template: node.template,
    required: entry.required,
    title: titleOf(form, lang, node.template),
    description: texts?.description,
    why: texts?.why,
    reason: reasonText(form, lang, entry, session.answers),
    headings,
    value: getAt(session.answers, parsePointer(entry.pointer)),
  };
}

/** Complete means: nothing left to ask, and the whole application validates against schema.json. */
/** The questions that must still be answered before the application is complete. */
export function pendingOf(form: Form, session: Session, entries = entriesFor(form, session)): string[] {
  const skipped = new Set(session.skipped);
  const reopened = new Set(session.reopened ?? []);
  return entries.filter((e) => (isPending(e, skipped) && (e.kind === "more" || e.required)) || reopened.has(e.pointer)).map((e) => e.pointer);
}

export function completeness(form: Form, session: Session, lang: Language, entries = entriesFor(form, session)): { complete: boolean; problems: Problem[] } {
  const pending = pendingOf(form, session, entries);
  const problems = validateApplication(form, session.answers, lang);
  return { complete: pending.length === 0 && problems.length === 0, problems };
}

export function nextStep(form: Form, session: Session, lang: Language): Step {
  const entries = entriesFor(form, session);
  const entry = currentEntry(form, session, entries);
  if (entry) return questionStep(form, lang, entry, session);
  return { kind: "review", ...completeness(form, session, lang, entries) };
}

/**
 * Counted over the questions the current answers make part of the application, so it stays honest
 * as branches change. While more information is requested, only over the questions open to
 * change: the reopened ones, answered once they were answered again, and what they brought in.
 */
export function progressOf(form: Form, session: Session): Progress {
  const skipped = new Set(session.skipped);
  const frozen = new Set(session.frozen ?? []);
  const reopened = new Set(session.reopened ?? []);
  const done = (q: Extract<Entry, { kind: "question" }>) => (q.answered || skipped.has(q.pointer)) && !reopened.has(q.pointer);
  const questions = entriesFor(form, session).filter((e): e is Extract<Entry, { kind: "question" }> => e.kind === "question" && (!frozen.has(e.pointer) || !done(e)));
  return { answered: questions.filter(done).length, total: questions.length };
}

/** A rule's figures as the language writes numbers ("3.200,5" in German): the text around them names the unit. */
function formattedInputs(inputs: Record<string, Scalar | undefined>, lang: Language): Params {
  return Object.fromEntries(Object.entries(inputs).map(([name, value]) => [name, typeof value === "number" ? formatNumber(value, lang) : value]));
}

export function derivedView(form: Form, session: Session, lang: Language): DerivedView {
  const { result, eligible } = derive(form, session.answers);
  const locale = form.localeSources[lang];
  const date = parametersDateOf(form.parametersDate, session.answers);
  const fill = (text: string) => withParameters(text, form.parameters, lang, date);
  return {
    values: Object.entries(result.values).map(([pointer, v]) => ({
      pointer,
      title: fill(locale?.derived?.[templateOf(pointer)]?.title ?? pointer),
      value: v.value,
      ...(v.unit === undefined ? {} : { unit: v.unit }),
      display: typeof v.value === "number" ? formatNumber(v.value, lang, v.unit) : v.value === null ? t(lang, "answer.none") : String(v.value),
      ...(locale?.derived?.[templateOf(pointer)]?.description === undefined ? {} : { description: fill(locale.derived[templateOf(pointer)]!.description!) }),
      rule: v.rule,
      explanation: fill(interpolate(locale?.rules?.[v.rule] ?? "", formattedInputs(v.inputs, lang))),
      inputs: v.inputs,
    })),
    eligible,
    rules: (result.eligibility ?? []).map((r) => ({
      rule: r.rule,
      passed: r.passed,
      params: r.params,
      message: fill(interpolate(locale?.rules?.[r.rule] ?? r.rule, r.params)),
    })),
  };
}

export function stateOf(form: Form, session: Session, lang: Language): State {
  const step = nextStep(form, session, lang);
  const complete = step.kind === "review" ? step.complete : completeness(form, session, lang).complete;
  return { step, complete, progress: progressOf(form, session), derived: derivedView(form, session, lang) };
}

export interface SummaryRow {
  pointer: string;
  title: string;
  value: string;
}

export interface SummarySection {
  heading: string;
  rows: SummaryRow[];
}

/** Check your answers: every question asked on this path, under its section, with the answer as written back. */
export function summaryOf(form: Form, session: Session, lang: Language, options: { answeredOnly?: boolean } = {}): SummarySection[] {
  const sections: SummarySection[] = [];
  for (const entry of entriesFor(form, session)) {
    if (entry.kind !== "question" || (options.answeredOnly && !entry.answered)) continue;
    const heading = headingsOf(form, lang, entry.pointer, session.answers).join(" – ") || form.locales[lang]?.form.title || "";
    let section = sections[sections.length - 1];
    if (section?.heading !== heading) sections.push((section = { heading, rows: [] }));
    const value = getAt(session.answers, parsePointer(entry.pointer));
    section.rows.push({ pointer: entry.pointer, title: titleOf(form, lang, entry.node.template), value: displayValue(form, lang, entry.node, value) });
  }
  return sections;
}

/**
 * The chat is another way of showing the same application: its transcript is read off the stored
 * answers (every answered question on the current path, then the current step), never kept on its
 * own. So switching between chat and pages, reloading, or changing an earlier answer can never
 * make the two disagree, and nothing is asked twice.
 */
import { createHash } from "node:crypto";
import type { Form } from "../../engine/form";
import { currentEntry, entriesFor } from "../../engine/flow";
import type { Entry } from "../../engine/evaluate";
import { formatPointer, parsePointer, templateOf } from "../../engine/pointer";
import { questionStep, stateOf, summaryOf, type QuestionStep, type State } from "../../engine/present";
import { displayValue } from "../../engine/kinds/asked";
import { KINDS } from "../../engine/kinds/index";
import { formatDate } from "../../engine/format";
import type { Language } from "../../i18n/languages";
import { t } from "../../i18n/translate";
import type { ApplicationRecord } from "../../store/store";
import { estimateOf, type EstimateRow } from "../pages/estimate";
import { applicationPaths } from "../pages/paths";
import { importPaths, importableGroup } from "../pages/import";

/** What the applicant can send: each quick reply carries the turn it stands for. */
export type Turn =
  | { kind: "text"; pointer: string; text: string }
  | { kind: "answer"; pointer: string; value: unknown }
  | { kind: "skip"; pointer: string }
  | { kind: "retry"; pointer: string }
  | { kind: "change"; pointer: string }
  /** The answer to "So that is … — right?": confirm stores the value held for that question, reject asks again. */
  | { kind: "confirm"; pointer: string }
  | { kind: "reject"; pointer: string }
  /** The tap on "I confirm – send my application" under the declaration: `declaration: true` is the applicant's consent to it. */
  | { kind: "submit"; declaration?: boolean };

export interface Link {
  href: string;
  text: string;
}

export interface ChatMessage {
  /** Transcript messages are named after what they show ("q:/employer/name"), so a client can tell old from new. */
  id: string;
  from: "assistant" | "applicant";
  text: string;
  /** Smaller print under the text: a question's hint, why it is asked, a list of needs. */
  details?: string[];
  /** The help entry an answer was taken from. */
  source?: string;
  tone?: "error" | "estimate";
  /** On an applicant's answer: the turn that asks the question again. */
  change?: Turn;
  changeLabel?: string;
  summary?: { heading: string; rows: { title: string; value: string; change: Turn }[] }[];
  links?: Link[];
}

export interface QuickReply {
  label: string;
  /** "person" stays in the browser: it opens the form for a callback request. */
  turn: Turn | { kind: "person" };
}

export interface Prompt {
  /** The question the typed text answers; none on the review and after submitting. */
  pointer?: string;
  label: string;
  input: "text" | "textarea" | "choices" | "none";
  inputmode?: "decimal" | "numeric";
  /** A multiple-choice question: the options to tick, sent together. */
  options?: { value: string | number | boolean; label: string }[];
  replies: QuickReply[];
}

export interface ChatView {
  /** True when the client shows the whole conversation anew (the first view, or one reordered by a change). */
  reset: boolean;
  messages: ChatMessage[];
  /** Messages no longer part of the conversation. */
  removed: string[];
  prompt: Prompt;
}

const assistant = (id: string, text: string, more: Partial<ChatMessage> = {}): ChatMessage => ({ id, from: "assistant", text, ...more });

/** The welcome: what this application is, what to have at hand and how long it takes. */
export function greeting(form: Form, lang: Language): ChatMessage[] {
  const texts = form.locales[lang].form;
  return [
    assistant("greeting", t(lang, "chat.greeting", { title: texts.title }), { details: [texts.purpose] }),
    assistant("needs", t(lang, "chat.needs", { minutes: form.minutes }), { details: texts.needs }),
  ];
}

/** A "add another?" question and a question are told apart in ids by the count: `q:/employees#2`. */
const messageId = (prefix: "q" | "a", step: { pointer: string; answerKind: string }, count?: number) =>
  `${prefix}:${step.pointer}${step.answerKind === "addAnother" ? `#${count ?? 0}` : ""}`;

function questionMessage(step: QuestionStep, lang: Language, count?: number): ChatMessage {
  const context = step.headings.length > 0 ? `${step.headings.join(" – ")}: ` : "";
  const details = [step.description, step.reason, step.why ? t(lang, "chat.why", { why: step.why }) : undefined].filter((d): d is string => Boolean(d));
  return assistant(messageId("q", step, count), context + step.title, { details });
}

function answerMessage(step: QuestionStep, lang: Language, text: string, count?: number): ChatMessage {
  return {
    id: messageId("a", step, count),
    from: "applicant",
    text,
    change: { kind: "change", pointer: step.pointer },
    changeLabel: t(lang, "chat.change", { question: step.title }),
  };
}

/** Each "add another?" the applicant said yes to: asked again here so that the transcript reads as it happened. */
function itemsOpened(form: Form, record: ApplicationRecord, pointer: string, opened: Set<string>): ChatMessage[] {
  const lang = record.language;
  const path = parsePointer(pointer);
  const messages: ChatMessage[] = [];
  path.forEach((segment, k) => {
    if (typeof segment !== "number") return;
    const group = formatPointer(path.slice(0, k));
    const node = form.nodes.get(templateOf(group));
    if (opened.has(`${group}/${segment}`) || node?.kind !== "group" || segment < node.minItems) return;
    opened.add(`${group}/${segment}`);
    const step = questionStep(form, lang, { kind: "more", node, pointer: group, required: true, count: segment }, record.session);
    messages.push(questionMessage(step, lang, segment), answerMessage(step, lang, t(lang, "answer.yes"), segment));
  });
  return messages;
}

/** The conversation so far: each question on the applicant's path that was answered, left blank or closed, asked and answered. */
function answered(form: Form, record: ApplicationRecord, until: Entry | undefined): ChatMessage[] {
  const lang = record.language;
  const { session } = record;
  const messages: ChatMessage[] = [];
  const opened = new Set<string>();
  for (const entry of entriesFor(form, session)) {
    if (until && entry.pointer === until.pointer && entry.kind === until.kind) break;
    const step = questionStep(form, lang, entry, session);
    const skipped = session.skipped.includes(entry.pointer);
    if (entry.kind === "more") {
      if (skipped) messages.push(questionMessage(step, lang, entry.count), answerMessage(step, lang, t(lang, "answer.no"), entry.count));
      continue;
    }
    if (!entry.answered && !skipped) continue;
    const text = skipped ? t(lang, "chat.skipped") : displayValue(form, lang, entry.node, step.value);
    messages.push(...itemsOpened(form, record, entry.pointer, opened), questionMessage(step, lang), answerMessage(step, lang, text));
  }
  return messages;
}

/** The question's input as its kind describes it: quick replies for choices, boxes to tick for several. */
function questionPrompt(step: QuestionStep, lang: Language): Prompt {
  const input = KINDS[step.answerKind].input(step);
  const replies: QuickReply[] = [];
  if (input.quickReplies) for (const c of step.choices ?? []) replies.push({ label: c.label, turn: { kind: "answer", pointer: step.pointer, value: c.value } });
  if (!step.required && step.answerKind !== "addAnother") replies.push({ label: t(lang, "chat.skip"), turn: { kind: "skip", pointer: step.pointer } });
  const ticks = input.control === "checkboxes";
  return {
    pointer: step.pointer,
    label: step.title,
    input: ticks ? "choices" : input.control === "textarea" ? "textarea" : "text",
    inputmode: input.inputmode,
    options: ticks ? step.choices : undefined,
    replies,
  };
}

/** "So that is 3,200.00 € — right?", named by what it reads back: a new reading is a new message. */
function readBackMessage(held: NonNullable<ApplicationRecord["session"]["readBack"]>, lang: Language): ChatMessage {
  const id = createHash("sha256").update(JSON.stringify(held)).digest("base64url").slice(0, 12);
  return assistant(`rb:${held.pointer}#${id}`, t(lang, "chat.confirm", { reading: held.reading }));
}

/** While a reading waits, the buttons answer it; typing is still open, for a different answer. */
function readBackPrompt(step: QuestionStep, held: { pointer: string }, lang: Language): Prompt {
  return {
    ...questionPrompt(step, lang),
    input: "text",
    options: undefined,
    replies: [
      { label: t(lang, "chat.confirm_yes"), turn: { kind: "confirm", pointer: held.pointer } },
      { label: t(lang, "chat.confirm_no"), turn: { kind: "reject", pointer: held.pointer } },
    ],
  };
}

function estimateText(form: Form, record: ApplicationRecord, state: State): ChatMessage | undefined {
  const estimate = estimateOf(form, record.language, state.derived, record.session.answers);
  if (!estimate || estimate.totals.length + estimate.unmet.length === 0) return undefined;
  const lines = (rows: EstimateRow[], prefix = "") => rows.flatMap((r) => [`${prefix}${r.title}: ${r.display}`, ...(r.explanation ? [r.explanation] : [])]);
  // What the applicant just entered is worked out in full; the earlier entries stay on the pages and in the PDF.
  const latest = estimate.items[estimate.items.length - 1];
  const details = [
    ...(estimate.unmet.length > 0 ? [t(record.language, "page.estimate.unmet_title"), ...estimate.unmet] : []),
    ...lines(estimate.totals),
    ...(latest ? lines(latest.rows, `${latest.title} – `) : []),
  ];
  // Named by its content: a new estimate is a new message at the end of the conversation, the old one goes.
  return assistant(`estimate:${createHash("sha256").update(details.join("\n")).digest("base64url").slice(0, 12)}`, t(record.language, "chat.estimate"), { tone: "estimate", details });
}

function reviewMessages(form: Form, record: ApplicationRecord, state: State): ChatMessage[] {
  const lang = record.language;
  const summary = summaryOf(form, record.session, lang).map((s) => ({
    heading: s.heading,
    rows: s.rows.map((r) => ({ title: r.title, value: r.value, change: { kind: "change", pointer: r.pointer } as Turn })),
  }));
  const problems = state.step.kind === "review" ? state.step.problems.map((p) => p.message) : [];
  return [
    assistant("review", t(lang, "chat.review"), { summary }),
    ...(state.complete
      ? [assistant("declaration", t(lang, "chat.declaration"), { details: [form.locales[lang].form.declaration] })]
      : [assistant("incomplete", t(lang, "chat.incomplete"), { tone: "error", details: problems })]),
  ];
}

function submittedMessages(record: ApplicationRecord): ChatMessage[] {
  const lang = record.language;
  const paths = applicationPaths(record.id);
  return [
    assistant("submitted", t(lang, "chat.submitted", { reference: record.reference ?? "" }), {
      details: record.submittedAt ? [t(lang, "chat.submitted_at", { date: formatDate(record.submittedAt.slice(0, 10), lang) })] : [],
      links: [
        { href: paths.pdf, text: t(lang, "chat.pdf") },
        { href: paths.status, text: t(lang, "chat.status") },
      ],
    }),
  ];
}

const NO_INPUT: Prompt = { label: "", input: "none", replies: [] };

/** The whole conversation for the application as it is stored now, and what the applicant can answer next. */
export function conversationOf(form: Form, record: ApplicationRecord, editable: boolean): { messages: ChatMessage[]; prompt: Prompt } {
  const lang = record.language;
  const opening = greeting(form, lang);
  if (!editable) return { messages: [...opening, ...answered(form, record, undefined), ...submittedMessages(record)], prompt: NO_INPUT };
  const state = stateOf(form, record.session, lang);
  const estimate = estimateText(form, record, state);
  if (state.step.kind === "review") {
    const replies = state.complete ? [{ label: t(lang, "chat.submit"), turn: { kind: "submit", declaration: true } as Turn }] : [];
    return {
      messages: [...opening, ...answered(form, record, undefined), ...(estimate ? [estimate] : []), ...reviewMessages(form, record, state)],
      prompt: { ...NO_INPUT, replies },
    };
  }
  const step = state.step;
  const entry = currentEntry(form, record.session);
  const count = entry?.kind === "more" ? entry.count : undefined;
  const held = record.session.readBack?.pointer === step.pointer ? record.session.readBack : undefined;
  const question = [...(entry ? itemsOpened(form, record, step.pointer, new Set()) : []), questionMessage(step, lang, count)];
  // A list is imported on its upload page: the chat links there rather than taking files itself.
  const group = importableGroup(form, step);
  const offer = group ? [assistant(`import:${messageId("q", step, count)}`, t(lang, "import.chat_offer"), { links: [{ href: importPaths(record.id, group).upload, text: t(lang, "import.link") }] })] : [];
  return {
    messages: [...opening, ...answered(form, record, entry), ...(estimate ? [estimate] : []), ...question, ...offer, ...(held ? [readBackMessage(held, lang)] : [])],
    prompt: held ? readBackPrompt(step, held, lang) : questionPrompt(step, lang),
  };
}

/**
 * What the client must change in what it shows: messages that are new or read differently now, and
 * the ids of those that went (a changed answer truncates the conversation there). New messages are
 * added at the end, so when one would belong before a message the client keeps, everything is sent anew.
 */
export function continuation(before: ChatMessage[], after: ChatMessage[]): { reset: boolean; messages: ChatMessage[]; removed: string[] } {
  const shown = new Map(before.map((m) => [m.id, JSON.stringify(m)]));
  const ids = new Set(after.map((m) => m.id));
  // An estimate that did not change stays where the client shows it: it is no reason to start over.
  const ordered = after.filter((m) => !m.id.startsWith("estimate:"));
  const firstNew = ordered.findIndex((m) => !shown.has(m.id));
  if (firstNew >= 0 && ordered.slice(firstNew).some((m) => shown.has(m.id))) return { reset: true, messages: after, removed: [] };
  return {
    reset: false,
    messages: after.filter((m) => shown.get(m.id) !== JSON.stringify(m)),
    removed: before.filter((m) => !ids.has(m.id)).map((m) => m.id),
  };
}

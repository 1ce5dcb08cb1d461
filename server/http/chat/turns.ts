/**
 * One turn of the conversation: what the applicant sent, what the assistant says to it, and the
 * move it makes on the application through the same service calls as the pages. Typed text is a
 * help question (answered from the form's help, nothing stored) only when it reads as one; an
 * attempt at an answer is read by the interpreter, and one it had to interpret is held and read
 * back, and stored only when the applicant confirms it ("yes" typed or tapped).
 */
import { randomUUID } from "node:crypto";
import { answerOne, changeAnswer, confirmReading, holdReading, rejectReading, submitApplication, type Failure, type Services } from "../../applications/service";
import type { Interpreter, Interpretation } from "../../chat/interpret";
import { askInAnyLanguage, looksLikeQuestion, wordsOf, type HelpAnswer } from "../../chat/help";
import type { Form } from "../../engine/form";
import { readYesNoIn } from "../../engine/kinds/matching";
import { stateOf, type QuestionStep } from "../../engine/present";
import { dateContextOf } from "../../engine/reading";
import { templateOf } from "../../engine/pointer";
import { titleOf } from "../../engine/texts";
import { LOCALE_TAG } from "../../i18n/languages";
import { t } from "../../i18n/translate";
import type { ApplicationRecord } from "../../store/store";
import type { ChatMessage, QuickReply, Turn } from "./conversation";

export interface TurnOutcome {
  record: ApplicationRecord;
  /** What the assistant says about this turn, shown after it and not kept: the transcript keeps the answers. */
  notes: ChatMessage[];
  /** Replies offered instead of the question's own, such as the readings of an ambiguous answer. */
  replies?: QuickReply[];
}

export type TurnResult = { ok: true; value: TurnOutcome } | Failure;

const note = (from: ChatMessage["from"], text: string, more: Partial<ChatMessage> = {}): ChatMessage => ({ id: `n:${randomUUID()}`, from, text, ...more });

const PERSON = (record: ApplicationRecord): QuickReply => ({ label: t(record.language, "chat.person"), turn: { kind: "person" } });

/** Text without a reading needs this many content words before it is taken for a question to the help. */
const QUESTION_WORDS = 3;

function said(record: ApplicationRecord, notes: ChatMessage[], replies?: QuickReply[]): TurnResult {
  return { ok: true, value: { record, notes, replies } };
}

/**
 * A stored move's outcome: the saved record, or what is wrong with the answer said in the
 * conversation; where a check across answers names another answer, that one can be changed too.
 */
async function moved(form: Form, record: ApplicationRecord, move: Promise<{ ok: true; value: { record: ApplicationRecord } } | Failure>, echo: ChatMessage[] = []): Promise<TurnResult> {
  const result = await move;
  if (result.ok) return said(result.value.record, []);
  if (result.status !== 422) return result;
  const lang = record.language;
  const others = [...new Set(result.problems.flatMap((p) => p.related ?? []))];
  const changes = others.map((pointer): QuickReply => ({ label: t(lang, "chat.change", { question: titleOf(form, lang, templateOf(pointer)) }), turn: { kind: "change", pointer } }));
  return said(record, [...echo, ...result.problems.map((p) => note("assistant", p.message, { tone: "error" }))], changes.length > 0 ? changes : undefined);
}

/** What the form's help says to a question the applicant typed, in the conversation's language. */
function helpAnswer(record: ApplicationRecord, step: QuestionStep | undefined, text: string, answer: HelpAnswer): TurnResult {
  const lang = record.language;
  const echo = note("applicant", text);
  const back = step ? [note("assistant", t(lang, "chat.back_to_question", { question: step.title }))] : [];
  if (!answer.found) return said(record, [echo, note("assistant", t(lang, "chat.help_not_found")), ...back], [PERSON(record)]);
  const source = answer.quoted
    ? t(lang, "chat.help_source_quoted", { title: answer.source.title, quoted: answer.quoted.title, language: new Intl.DisplayNames([LOCALE_TAG[lang]], { type: "language" }).of(answer.quoted.lang) ?? answer.quoted.lang })
    : t(lang, "chat.help_source", { title: answer.source.title });
  return said(record, [echo, note("assistant", answer.text, { source }), ...back]);
}

/**
 * Whether text that could not be read as an answer was still meant as one: digits, a date, a yes
 * or no, a near miss of a choice. Those get the retry message, never a help entry.
 */
function looksLikeAttempt(text: string, reading: Extract<Interpretation, { ok: false }>, record: ApplicationRecord): boolean {
  const lang = record.language;
  if (/\p{N}/u.test(text) || reading.code === "ambiguous" || readYesNoIn(text, lang) !== undefined) return true;
  return wordsOf(text, lang).length < QUESTION_WORDS;
}

async function typed(services: Services, interpreter: Interpreter, form: Form, record: ApplicationRecord, step: QuestionStep, text: string): Promise<TurnResult> {
  const lang = record.language;
  const echo = note("applicant", text);
  if (record.session.readBack?.pointer === step.pointer) {
    // "So that is … — right?" waits: yes and no answer it; anything else is a new answer.
    const verdict = readYesNoIn(text, lang);
    if (verdict === true) return moved(form, record, confirmReading(services, form, record, step.pointer), [echo]);
    if (verdict === false) return rejected(services, form, record, [echo]);
  }
  if (looksLikeQuestion(text)) return helpAnswer(record, step, text, askInAnyLanguage(form, lang, text));
  const reading = await interpreter.interpret(step, text, { lang, today: services.now(), ...dateContextOf(form, record.session.answers, step.pointer) });
  if (!reading.ok) {
    if (!looksLikeAttempt(text, reading, record)) {
      const answer = askInAnyLanguage(form, lang, text);
      if (answer.found) return helpAnswer(record, step, text, answer);
    }
    const options = (reading.options ?? []).map((o): QuickReply => ({ label: o.reading, turn: { kind: "answer", pointer: step.pointer, value: o.value } }));
    return said(record, [echo, note("assistant", reading.message, { tone: "error" })], options.length > 0 ? options : undefined);
  }
  // "none" for an optional question is as certain as the skip button.
  if (reading.exact || reading.value === null) return moved(form, record, answerOne(services, form, record, step.pointer, reading.value), [echo]);
  return moved(form, record, holdReading(services, form, record, { pointer: step.pointer, value: reading.value, reading: reading.reading }), [echo]);
}

async function rejected(services: Services, form: Form, record: ApplicationRecord, echo: ChatMessage[] = []): Promise<TurnResult> {
  const result = await rejectReading(services, form, record);
  if (!result.ok) return result;
  return said(result.value.record, [...echo, note("assistant", t(record.language, "chat.retry"))]);
}

/** Takes the applicant's turn on an editable application. */
export async function takeTurn(services: Services, interpreter: Interpreter, form: Form, record: ApplicationRecord, turn: Turn): Promise<TurnResult> {
  const lang = record.language;
  const step = stateOf(form, record.session, lang).step;
  const asked = step.kind === "question" ? step : undefined;
  switch (turn.kind) {
    case "text":
      // Typed where no question is open (the review) it can only be a question of the applicant's own.
      if (!asked || turn.pointer === "") return helpAnswer(record, asked, turn.text, askInAnyLanguage(form, lang, turn.text));
      // Answered meanwhile in another tab or in the pages: storing it under the next question would be a guess.
      if (turn.pointer !== asked.pointer) return said(record, [note("assistant", t(lang, "chat.moved_on"), { tone: "error" })]);
      if (turn.text.trim() === "") return said(record, [note("assistant", t(lang, "chat.empty"), { tone: "error" })]);
      return typed(services, interpreter, form, record, asked, turn.text);
    case "answer":
      return moved(form, record, answerOne(services, form, record, turn.pointer, turn.value));
    case "confirm":
      if (record.session.readBack?.pointer !== turn.pointer) return said(record, [note("assistant", t(lang, "chat.moved_on"), { tone: "error" })]);
      return moved(form, record, confirmReading(services, form, record, turn.pointer));
    case "reject":
      return rejected(services, form, record);
    case "skip":
      return moved(form, record, answerOne(services, form, record, turn.pointer, ""));
    case "retry":
      return said(record, [note("assistant", t(lang, "chat.retry"))]);
    case "change":
      return moved(form, record, changeAnswer(services, form, record, turn.pointer));
    case "submit": {
      const result = await submitApplication(services, form, record, turn.declaration === true, "chat");
      if (result.ok) return said(result.value, []);
      return result.status === 422 ? said(record, result.problems.map((p) => note("assistant", p.message, { tone: "error" }))) : result;
    }
  }
}

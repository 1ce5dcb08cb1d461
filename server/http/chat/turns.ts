/**
 * One turn of the conversation: what the applicant sent, what the assistant says to it, and the
 * move it makes on the application through the same service calls as the pages. Typed text is
 * either a help question (answered from the form's help, nothing stored) or an answer, read by the
 * interpreter; an answer it had to interpret is read back and only stored once the applicant agrees.
 */
import { randomUUID } from "node:crypto";
import { answerOne, changeAnswer, submitApplication, type Failure, type Services } from "../../applications/service";
import type { Interpreter } from "../../chat/interpret";
import { ask, helpFor, looksLikeQuestion, type HelpAnswer } from "../../chat/help";
import type { Form } from "../../engine/form";
import { stateOf, type QuestionStep } from "../../engine/present";
import { t } from "../../i18n/translate";
import type { ApplicationRecord } from "../../store/store";
import type { ChatMessage, QuickReply, Turn } from "./conversation";

export interface TurnOutcome {
  record: ApplicationRecord;
  /** What the assistant says about this turn, shown after it and not kept: the transcript keeps the answers. */
  notes: ChatMessage[];
  /** Replies offered instead of the question's own, such as "yes, that is right" to a reading. */
  replies?: QuickReply[];
}

export type TurnResult = { ok: true; value: TurnOutcome } | Failure;

const note = (from: ChatMessage["from"], text: string, more: Partial<ChatMessage> = {}): ChatMessage => ({ id: `n:${randomUUID()}`, from, text, ...more });

const PERSON = (record: ApplicationRecord): QuickReply => ({ label: t(record.language, "chat.person"), turn: { kind: "person" } });

function said(record: ApplicationRecord, notes: ChatMessage[], replies?: QuickReply[]): TurnResult {
  return { ok: true, value: { record, notes, replies } };
}

/** A stored move's outcome: the saved record, or what is wrong with the answer said in the conversation. */
async function moved(record: ApplicationRecord, move: Promise<{ ok: true; value: { record: ApplicationRecord } } | Failure>, echo: ChatMessage[] = []): Promise<TurnResult> {
  const result = await move;
  if (result.ok) return said(result.value.record, []);
  if (result.status !== 422) return result;
  return said(record, [...echo, ...result.problems.map((p) => note("assistant", p.message, { tone: "error" }))]);
}

/** What the form's help says to a question the applicant typed; `answer` is the search's result for it. */
function helpAnswer(record: ApplicationRecord, step: QuestionStep | undefined, text: string, answer: HelpAnswer): TurnResult {
  const lang = record.language;
  const echo = note("applicant", text);
  const back = step ? [note("assistant", t(lang, "chat.back_to_question", { question: step.title }))] : [];
  if (!answer.found) return said(record, [echo, note("assistant", t(lang, "chat.help_not_found")), ...back], [PERSON(record)]);
  return said(record, [echo, note("assistant", answer.text, { source: t(lang, "chat.help_source", { title: answer.source.title }) }), ...back]);
}

async function typed(services: Services, interpreter: Interpreter, form: Form, record: ApplicationRecord, step: QuestionStep, text: string): Promise<TurnResult> {
  const lang = record.language;
  const help = () => ask(helpFor(form, lang), text);
  if (looksLikeQuestion(text, lang)) return helpAnswer(record, step, text, help());
  const reading = await interpreter.interpret(step, text, { lang, today: services.now() });
  const echo = note("applicant", text);
  if (!reading.ok) {
    // Not an answer to this question; it may still be something the form's help knows about.
    const answer = help();
    if (answer.found) return helpAnswer(record, step, text, answer);
    return said(record, [echo, note("assistant", reading.message, { tone: "error" })]);
  }
  if (!reading.interpreted) return moved(record, answerOne(services, form, record, step.pointer, reading.value), [echo]);
  return said(record, [echo, note("assistant", t(lang, "chat.confirm", { reading: reading.reading }))], [
    { label: t(lang, "chat.confirm_yes"), turn: { kind: "answer", pointer: step.pointer, value: reading.value } },
    { label: t(lang, "chat.confirm_no"), turn: { kind: "retry", pointer: step.pointer } },
  ]);
}

/** Takes the applicant's turn on an editable application. */
export async function takeTurn(services: Services, interpreter: Interpreter, form: Form, record: ApplicationRecord, turn: Turn): Promise<TurnResult> {
  const lang = record.language;
  const step = stateOf(form, record.session, lang).step;
  const asked = step.kind === "question" ? step : undefined;
  switch (turn.kind) {
    case "text":
      // Typed where no question is open (the review) it can only be a question of the applicant's own.
      if (!asked || turn.pointer === "") return helpAnswer(record, asked, turn.text, ask(helpFor(form, lang), turn.text));
      // Answered meanwhile in another tab or in the pages: storing it under the next question would be a guess.
      if (turn.pointer !== asked.pointer) return said(record, [note("assistant", t(lang, "chat.moved_on"), { tone: "error" })]);
      if (turn.text.trim() === "") return said(record, [note("assistant", t(lang, "chat.empty"), { tone: "error" })]);
      return typed(services, interpreter, form, record, asked, turn.text);
    case "answer":
      return moved(record, answerOne(services, form, record, turn.pointer, turn.value));
    case "skip":
      return moved(record, answerOne(services, form, record, turn.pointer, ""));
    case "retry":
      return said(record, [note("assistant", t(lang, "chat.retry"))]);
    case "change":
      return moved(record, changeAnswer(services, form, record, turn.pointer));
    case "submit": {
      const result = await submitApplication(services, form, record);
      if (result.ok) return said(result.value, []);
      return result.status === 422 ? said(record, result.problems.map((p) => note("assistant", p.message, { tone: "error" }))) : result;
    }
  }
}

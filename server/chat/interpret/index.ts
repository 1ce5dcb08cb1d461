/**
 * Reading a typed answer: the question as asked and the applicant's text in, the value its schema
 * expects (with how to read it back) or a specific retry message out. `Interpreter` is the seam
 * where another reader (a language model, say) can be plugged in; `ruleInterpreter` is the
 * bundled one: deterministic, offline, with its vocabulary in words/<lang>.json and the form's
 * own choice synonyms. Whether the value is allowed (minimum, pattern, …) the engine decides after.
 */
import type { ChoiceView, QuestionStep } from "../../engine/present";
import { formatDate, formatNumber } from "../../engine/texts";
import { LOCALE_TAG, type Language } from "../../i18n/languages";
import { t } from "../../i18n/translate";
import { matchChoice, matchChoices, readYesNo } from "./choices";
import { exampleDate, readDate } from "./dates";
import { readNumber } from "./numbers";
import { VOCABULARY } from "./vocabulary";

export type InterpretCode = "not_a_number" | "not_a_date" | "not_a_boolean" | "not_a_choice" | "ambiguous" | "empty";

export type Interpretation =
  /** `interpreted`: the text was not literally the value, so it is read back before it is stored. */
  | { ok: true; value: unknown; interpreted: boolean; reading: string }
  | { ok: false; code: InterpretCode; message: string };

export interface InterpretContext {
  lang: Language;
  /** Passed in so that "tomorrow" stays testable and the reading pure. */
  today: Date;
}

export interface Interpreter {
  interpret(question: QuestionStep, text: string, context: InterpretContext): Promise<Interpretation>;
}

const list = (items: string[], lang: Language, type: "conjunction" | "disjunction") =>
  new Intl.ListFormat(LOCALE_TAG[lang], { style: "long", type }).format(items);

const isNumeric = (q: QuestionStep) => q.valueType === "number" || q.valueType === "integer";
const isDate = (q: QuestionStep) => q.format === "date" || q.widget === "date";

/** A number a question would accept, written as the applicant writes numbers. */
function exampleNumber(q: QuestionStep, lang: Language): string {
  const typical = q.unit === "KRW" ? 2_500_000 : q.unit === "EUR" ? 1250 : 20;
  const value = Math.min(Math.max(typical, q.minimum ?? typical), q.maximum ?? typical);
  return formatNumber(q.valueType === "integer" ? Math.ceil(value) : value, lang);
}

/** A valid answer to this question, for a retry message. */
function example(q: QuestionStep, lang: Language, today: Date): string {
  const [first, second] = q.choices ?? [];
  if (q.valueType === "array" && first) return second ? list([first.label, second.label], lang, "conjunction") : first.label;
  if (first && q.valueType !== "boolean") return first.label;
  if (q.valueType === "boolean") return VOCABULARY[lang].yes[0]!;
  if (isNumeric(q)) return exampleNumber(q, lang);
  if (isDate(q)) return formatDate(exampleDate(today), lang);
  return "";
}

function failure(code: InterpretCode, message: string): Interpretation {
  return { ok: false, code, message };
}

/** The choices a part of the answer could mean, one of them as the example. */
function ambiguous(part: string, matches: ChoiceView[], lang: Language): Interpretation {
  const labels = matches.map((c) => c.label);
  return failure("ambiguous", t(lang, "interpret.ambiguous", { part, matches: list(labels, lang, "disjunction"), example: labels[0] }));
}

function readChoice(q: QuestionStep, choices: ChoiceView[], text: string, lang: Language, today: Date): Interpretation {
  const labels = choices.map((c) => c.label);
  const params = { choices: list(labels, lang, "disjunction"), example: example(q, lang, today) };
  if (q.valueType === "array") {
    const match = matchChoices(choices, text, VOCABULARY[lang]);
    if (match.ok) {
      const value = match.choices.map((c) => c.value);
      const reading = value.length ? list(match.choices.map((c) => c.label), lang, "conjunction") : t(lang, "interpret.none");
      return { ok: true, value, interpreted: true, reading };
    }
    if (match.matches.length > 1) return ambiguous(match.part, match.matches, lang);
    return failure("not_a_choice", t(lang, "interpret.not_a_choice_part", { ...params, part: match.part }));
  }
  const match = matchChoice(choices, text);
  if (match.ok) return { ok: true, value: match.choice.value, interpreted: text.trim() !== String(match.choice.value), reading: match.choice.label };
  if (match.matches.length > 1) return ambiguous(text.trim(), match.matches, lang);
  return failure("not_a_choice", t(lang, "interpret.not_a_choice", params));
}

function readBoolean(q: QuestionStep, text: string, lang: Language): Interpretation {
  const words = VOCABULARY[lang];
  const value = readYesNo(text, words, q.choices);
  if (value === undefined) return failure("not_a_boolean", t(lang, "interpret.not_a_boolean", { yes: words.yes[0], no: words.no[0] }));
  const label = q.choices?.find((c) => c.value === value)?.label ?? t(lang, value ? "answer.yes" : "answer.no");
  return { ok: true, value, interpreted: text.trim() !== String(value), reading: label };
}

/** Reads `text` as an answer to `q`: synchronous, and the rule interpreter's whole logic. */
export function interpretText(q: QuestionStep, text: string, { lang, today }: InterpretContext): Interpretation {
  const trimmed = text.trim();
  if (!trimmed) {
    const sample = example(q, lang, today);
    return failure("empty", sample ? t(lang, "interpret.empty", { example: sample }) : t(lang, "interpret.empty_text"));
  }
  if (q.valueType === "boolean") return readBoolean(q, trimmed, lang);
  if (q.choices) return readChoice(q, q.choices, trimmed, lang, today);
  if (isNumeric(q)) {
    const number = readNumber(trimmed, lang, VOCABULARY[lang], q.unit);
    const sample = exampleNumber(q, lang);
    if (!number.ok) return number.range ? failure("ambiguous", t(lang, "interpret.range", { example: sample })) : failure("not_a_number", t(lang, "interpret.not_a_number", { example: sample }));
    return { ok: true, value: number.value, interpreted: trimmed !== String(number.value), reading: formatNumber(number.value, lang, q.unit) };
  }
  if (isDate(q)) {
    const date = readDate(trimmed, lang, VOCABULARY[lang], today);
    if (!date) return failure("not_a_date", t(lang, "interpret.not_a_date", { example: formatDate(exampleDate(today), lang) }));
    return { ok: true, value: date, interpreted: trimmed !== date, reading: formatDate(date, lang) };
  }
  return { ok: true, value: trimmed, interpreted: false, reading: trimmed };
}

export const ruleInterpreter: Interpreter = {
  interpret: async (question, text, context) => interpretText(question, text, context),
};

/**
 * The applicant's words for an answer that breaks a JSON Schema keyword: the sentence of the
 * validation catalog (server/i18n/messages/validation/) for the keyword, with its limit written as
 * the applicant's language writes numbers and dates, in the question's unit. Ajv's own texts
 * ("must be >= 1") are for developers and never reach an applicant.
 */
import type { ErrorObject } from "./ajv";
import type { Form } from "./form";
import { resolveDataPointer, type DataRule } from "./cross-answer";
import type { Problem } from "./problem";
import { LOCALE_TAG, type Language } from "../i18n/languages";
import { isMessageKey, t, type MessageKey } from "../i18n/translate";
import { formatPointer, getAt, parsePointer, templateOf } from "./pointer";
import { itemTitle, titleOf } from "./texts";
import { displayValue } from "./kinds/asked";
import { formatNumber } from "./format";

const known = (key: string): MessageKey | undefined => (isMessageKey(key) ? key : undefined);

/** Keywords whose fault the engine's own messages already word, for answers it cannot read. */
const ENGINE_WORDS: Record<string, MessageKey> = {
  required: "error.required",
  dependentRequired: "error.required",
  additionalProperties: "error.unknown_question",
  enum: "error.not_a_choice",
};
const TYPE_WORDS: Record<string, MessageKey> = { number: "error.not_a_number", boolean: "error.not_a_boolean", array: "error.not_a_list" };
const FORMAT_WORDS: Record<string, MessageKey> = { date: "error.not_a_date" };

/**
 * The catalog key of a keyword's message; `detail` is the value of `type` or `format`, whose message
 * depends on it. Undefined when the catalog has none: lint reports such a keyword.
 */
export function keywordMessageKey(keyword: string, detail?: unknown): MessageKey | undefined {
  if (Object.hasOwn(ENGINE_WORDS, keyword)) return ENGINE_WORDS[keyword];
  if (keyword === "type") return (Object.hasOwn(TYPE_WORDS, String(detail)) ? TYPE_WORDS[String(detail)] : undefined) ?? known(`validation.type.${String(detail)}`);
  if (keyword === "format") return (Object.hasOwn(FORMAT_WORDS, String(detail)) ? FORMAT_WORDS[String(detail)] : undefined) ?? known(`validation.format.${String(detail)}`);
  return known(`validation.${keyword}`);
}

/** The key of the message of a rule across answers, which names both answers. */
export const crossMessageKey = (keyword: string): MessageKey | undefined => known(`validation.cross.${keyword}`);

/** The catalog's `.one` form of a text where the language counts `count` as one ("1 character"). */
function pluralKey(key: MessageKey, count: number, lang: Language): MessageKey {
  const one = `${key}.one`;
  return isMessageKey(one) && new Intl.PluralRules(LOCALE_TAG[lang]).select(count) === "one" ? one : key;
}

/** Limits that count characters or entries, not the question's unit. */
const COUNTS = new Set(["minLength", "maxLength", "minItems", "maxItems"]);

/** A value as the applicant reads it: in the question's unit, a date written out. */
function shown(form: Form, lang: Language, pointer: string, value: unknown): string {
  const node = form.nodes.get(templateOf(pointer));
  if (node?.kind === "question") return displayValue(form, lang, node, value);
  return typeof value === "number" ? formatNumber(value, lang) : String(value);
}

export function keywordMessage(form: Form, lang: Language, error: ErrorObject, pointer: string): string {
  const params = error.params as Record<string, unknown>;
  const key = keywordMessageKey(error.keyword, error.keyword === "type" ? params.type : params.format);
  if (!key) return t(lang, "error.invalid");
  const limit = error.keyword === "multipleOf" ? params.multipleOf : params.limit;
  if (COUNTS.has(error.keyword) && typeof limit === "number") return t(lang, pluralKey(key, limit, lang), { limit: formatNumber(limit, lang) });
  return t(lang, key, { limit: limit === undefined ? undefined : shown(form, lang, pointer, limit) });
}

/** "Days of the measure – Employee 2: Kim": the question, and the item it belongs to. */
function answerName(form: Form, lang: Language, pointer: string, answers: unknown): string {
  const path = parsePointer(pointer);
  const title = titleOf(form, lang, templateOf(pointer));
  const item = path.reduce<number>((last, segment, i) => (typeof segment === "number" ? i : last), -1);
  return item < 0 ? title : `${title} – ${itemTitle(form, lang, formatPointer(path.slice(0, item + 1)), answers)}`;
}

/** A rule across answers, broken: both answers named with their values, and the other one as `related`. */
export function crossProblem(form: Form, lang: Language, rule: DataRule, error: ErrorObject, answers: unknown): Problem {
  const pointer = error.instancePath;
  const { limit, comparison } = error.params as { limit: string | number; comparison: string };
  const related = resolveDataPointer(pointer, rule.data);
  const key = crossMessageKey(rule.keyword);
  const base = { code: rule.keyword, pointer, params: { limit, comparison } };
  if (related === undefined || !key) return { ...base, message: keywordMessage(form, lang, error, pointer) };
  const message = t(lang, key, {
    title: answerName(form, lang, pointer, answers),
    value: shown(form, lang, pointer, getAt(answers, parsePointer(pointer))),
    relatedTitle: answerName(form, lang, related, answers),
    relatedValue: shown(form, lang, related, limit),
  });
  return { ...base, message, related: [related] };
}

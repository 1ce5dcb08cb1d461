/**
 * Reading what an applicant sent for a question: typed text through its kind's reader, a JSON
 * value through its kind's type check, and every failure worded in one place with an example that
 * fits the question. Pages, chat and API all read answers here.
 */
import { t, type MessageKey } from "../../i18n/translate";
import { formatList } from "../format";
import { KINDS } from "./index";
import type { Asked, KindReading, ReadCode, ReadContext } from "./kind";
import { saysNothing } from "./matching";
import { VOCABULARY } from "./words";

export type Reading =
  /** `exact`: the text was the value itself (or a certain word for it), so nothing needs reading back. `value` null: left blank. */
  | { ok: true; value: unknown; exact: boolean; reading: string }
  | { ok: false; code: ReadCode; message: string; options?: { value: unknown; reading: string }[] };

/** Kinds where "none" is an answer of their own ("no", no choices) rather than a blank. */
const OWN_NONE = new Set(["yesno", "addAnother", "choices"]);

function failed(asked: Asked, text: string, reading: Extract<KindReading, { ok: false }>, ctx: ReadContext): Reading {
  const kind = KINDS[asked.answerKind];
  const { lang } = ctx;
  if (reading.code === "ambiguous") {
    const options = reading.options.map((value) => ({ value, reading: kind.show(value, asked, lang) }));
    const message = t(lang, "read.ambiguous", { text: reading.part ?? text, options: formatList(options.map((o) => o.reading), lang, "disjunction") });
    return { ok: false, code: "ambiguous", message, options };
  }
  const example = kind.example(asked, lang, ctx.today);
  const key: MessageKey =
    reading.code === "empty" && !example ? "read.empty_text" : reading.code === "not_a_choice" && reading.params?.part !== undefined ? "read.not_a_choice_part" : `read.${reading.code}`;
  return { ok: false, code: reading.code, message: t(lang, key, { example, ...reading.params }) };
}

export function readTyped(asked: Asked, raw: unknown, ctx: ReadContext): Reading {
  const kind = KINDS[asked.answerKind];
  const { lang } = ctx;
  const typed = typeof raw === "string";
  const text = typed ? raw.trim() : "";
  const blank = { ok: true as const, value: null, exact: false, reading: t(lang, "answer.none") };
  if (typed && !text) return asked.required ? failed(asked, text, { ok: false, code: "empty" }, ctx) : blank;
  if (typed && !asked.required && !OWN_NONE.has(asked.answerKind) && saysNothing(text, VOCABULARY[lang])) return blank;
  const reading = typed ? kind.read(text, asked, ctx) : kind.take(raw, asked, lang);
  if (!reading.ok) return failed(asked, text, reading, ctx);
  const exact = !typed || reading.sure === true || String(reading.value) === text;
  return { ok: true, value: reading.value, exact, reading: kind.show(reading.value, asked, lang) };
}

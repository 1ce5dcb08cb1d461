/**
 * The words typed answers are read with, per language, from server/i18n/words/<lang>.json so that
 * the vocabulary grows without code changes (one yes/no list for every question that asks yes or
 * no); and the text normalisation every reader shares.
 */
import type { Language } from "../../i18n/languages";
import en from "../../i18n/words/en.json" with { type: "json" };
import de from "../../i18n/words/de.json" with { type: "json" };
import ko from "../../i18n/words/ko.json" with { type: "json" };

export interface Affixes {
  before: string[];
  after: string[];
}

export interface Vocabulary {
  yes: string[];
  no: string[];
  /** "about 20", "ca. 20", "약 20", "20 정도": the number is taken as said. */
  approximately: Affixes;
  /** Unit words by the question's `x-unit`; only the question's own unit is accepted. */
  units: Record<string, Affixes>;
  /** Number words that multiply: "2만" (Korean myriads), "1,5 Mio.". `small` ones combine below a `large` one ("2천만"). */
  multipliers: { small: Record<string, number>; large: Record<string, number> };
  /** What joins two numbers into a range ("20-25", "20 bis 25"): asked again rather than guessed. */
  ranges: string[];
  /** Words around a date that do not change it: "from 1 March", "ab 1. März", "3월 1일부터". */
  dateWords: Affixes;
  /** Days counted from today. */
  relativeDays: Record<string, number>;
  /** What separates several choices: whole words, and (Korean) particles attached to the word before. */
  conjunctions: { words: string[]; particles: string[] };
  /** Every choice of a multiple choice, or none of them. */
  all: string[];
  none: string[];
  /** Month names and their abbreviations (Korean months are numbers with 월). */
  months: Record<string, number>;
  /** Weekday names, 0 for Sunday as in Date.getUTCDay. */
  weekdays: Record<string, number>;
  /** "next" before a weekday: "next monday", "nächsten Montag", "다음 주 월요일". */
  next: string[];
  /** The week after this one, read as its Monday ("ab nächster Woche"). */
  nextWeek: string[];
  /** Around a month: its last day ("end of June", "Ende Juni", "6월 말"). */
  endOf: Affixes;
  /** Words that leave an optional question blank: "none", "keine", "없음". */
  blank: string[];
}

export const VOCABULARY: Record<Language, Vocabulary> = { en, de, ko };

/**
 * The conversation's own words first, then the other languages': a German employer may well type
 * "ab 1. März" or "ja" in the English conversation. Readers try the others only when their own
 * language read nothing, so no language's reading is overruled.
 */
export const WORDS_IN_ORDER: Record<Language, Language[]> = { en: ["en", "de", "ko"], de: ["de", "en", "ko"], ko: ["ko", "en", "de"] };

/** Lower case with single spaces; accents kept, since "März" is a month and "Marz" is not. */
export function fold(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Folded and without accents, for matching labels: "Économie" and "economie" read the same. Hangul stays whole. */
export function normalize(text: string): string {
  return fold(text.normalize("NFKD").replace(/\p{M}/gu, "")).replace(/ß/g, "ss");
}

const LATIN = /[a-z]/i;

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Two letters of a Latin script meeting would split a word ("20h" is fine, "shour" is not). */
const joins = (left: string, right: string) => !(LATIN.test(left) && LATIN.test(right));

/** Removes one of `affixes` from the start (`before`) or end (`after`) of folded text, if one is there. */
export function stripAffix(text: string, affixes: string[], side: "before" | "after"): string | undefined {
  const sorted = [...affixes].map(fold).sort((a, b) => b.length - a.length);
  for (const affix of sorted) {
    if (!affix) continue;
    if (side === "before" && text.startsWith(affix) && text.length > affix.length) {
      const rest = text.slice(affix.length);
      if (joins(affix.slice(-1), rest[0]!)) return rest.trim();
    }
    if (side === "after" && text.endsWith(affix) && text.length > affix.length) {
      const rest = text.slice(0, -affix.length);
      if (joins(rest.slice(-1), affix[0]!)) return rest.trim();
    }
  }
  return undefined;
}

/** Strips affixes on both sides for as long as any is found. */
export function stripAll(text: string, affixes: Affixes): { text: string; stripped: boolean } {
  let rest = text;
  let stripped = false;
  for (;;) {
    const next = stripAffix(rest, affixes.before, "before") ?? stripAffix(rest, affixes.after, "after");
    if (next === undefined) return { text: rest, stripped };
    rest = next;
    stripped = true;
  }
}

/** Whether `needle` stands in `hay` as a word of its own (Korean words carry particles, so there a substring is enough). */
export function containsWord(hay: string, needle: string): boolean {
  if (!needle) return false;
  if (!LATIN.test(needle)) return hay.includes(needle);
  let from = 0;
  for (;;) {
    const at = hay.indexOf(needle, from);
    if (at < 0) return false;
    const before = hay[at - 1] ?? " ";
    const after = hay[at + needle.length] ?? " ";
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
    from = at + 1;
  }
}

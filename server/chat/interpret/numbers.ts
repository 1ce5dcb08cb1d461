/**
 * Numbers as people type them: "1.250,50 €", "20 Mitarbeiter", "about 20", "약 20명", "250만원",
 * "1,5 Mio.". Digits are read by the engine's own parseNumber, in the applicant's language.
 */
import { parseNumber } from "../../engine/coerce";
import type { Language } from "../../i18n/languages";
import { escapeRegExp as escape, fold, stripAll, type Vocabulary } from "./vocabulary";

export type NumberReading = { ok: true; value: number } | { ok: false; range: boolean };

/** "2억 3천만", "250만", "1,5 Mio.": digits, each followed by a multiplier word. */
function withMultipliers(text: string, lang: Language, words: Vocabulary["multipliers"]): number | undefined {
  const names = [...Object.keys(words.small), ...Object.keys(words.large)].sort((a, b) => b.length - a.length);
  if (names.length === 0) return undefined;
  const token = new RegExp(`([0-9][0-9.,]*)?\\s*(${names.map(escape).join("|")})(?![a-z])\\s*`, "y");
  let total = 0;
  let section = 0;
  let at = 0;
  let matched = false;
  while (at < text.length) {
    token.lastIndex = at;
    const m = token.exec(text);
    if (!m) break;
    matched = true;
    at = token.lastIndex;
    const digits = m[1] === undefined ? undefined : parseNumber(m[1], lang);
    if (m[1] !== undefined && digits === undefined) return undefined;
    const name = m[2]!;
    const small = words.small[name];
    if (small !== undefined) section += (digits ?? 1) * small;
    else {
      total += (section + (digits ?? (section === 0 ? 1 : 0))) * words.large[name]!;
      section = 0;
    }
  }
  if (!matched) return undefined;
  const rest = text.slice(at).trim();
  if (rest) {
    const tail = parseNumber(rest, lang);
    if (tail === undefined) return undefined;
    section += tail;
  }
  return total + section;
}

/** The number in `text`, for a question in `unit`; a range ("20-25") is told apart from nonsense. */
export function readNumber(text: string, lang: Language, words: Vocabulary, unit?: string): NumberReading {
  const unitWords = unit ? words.units[unit] : undefined;
  const approximate = stripAll(fold(text), words.approximately);
  const bare = unitWords ? stripAll(approximate.text, unitWords).text : approximate.text;
  const again = stripAll(bare, words.approximately).text;
  const value = parseNumber(again, lang) ?? withMultipliers(again.replace(/\s+/g, " "), lang, words.multipliers);
  if (value !== undefined) return { ok: true, value };
  const range = new RegExp(`[0-9]\\s*(${words.ranges.map(escape).join("|")})\\s*[0-9]`).test(again);
  return { ok: false, range };
}

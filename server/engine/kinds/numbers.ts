/**
 * Numbers as people type them, in any of the three conventions: "3.200,00", "3,200.00", "38,5",
 * "1 250", "2.5k", "ca. 30", "8천만원", "20 Mitarbeiter". A reading that two conventions give
 * differently ("3.200" in English: 3,200 or 3.2?) is returned as both, to be asked back.
 */
import { LOCALE_TAG, type Language } from "../../i18n/languages";
import { escapeRegExp as escape, fold, stripAll, type Vocabulary } from "./words";

export type NumberReading = { ok: true; values: number[] } | { ok: false; range: boolean };

/** The language's own grouping separator: "," in English and Korean, "." in German. */
const groupingOf = (lang: Language): string =>
  new Intl.NumberFormat(LOCALE_TAG[lang]).formatToParts(12345.6).find((p) => p.type === "group")?.value ?? ",";

const grouped = (parts: string[]) => parts.length > 1 && /^\d{1,3}$/.test(parts[0]!) && parts.slice(1).every((p) => /^\d{3}$/.test(p));

/**
 * Digits with separators. Both "." and "," present: the last is the decimal mark. One kind
 * repeated: grouping. A single one followed by other than three digits: a decimal mark in every
 * language. A single one followed by three: grouping where the language groups with it or the
 * answer is a whole number; otherwise both readings.
 */
export function digitReadings(text: string, lang: Language, integer: boolean): number[] | undefined {
  const cleaned = text.replace(/[\s\u00a0\u202f'’]/g, "");
  const m = /^([+-]?)(\d[\d.,]*\d|\d|[.,]\d+)$/.exec(cleaned);
  if (!m) return undefined;
  const sign = m[1] === "-" ? -1 : 1;
  const body = m[2]!;
  const at = (n: number) => (Number.isFinite(n) ? [sign * n] : undefined);
  const dots = body.split(".").length - 1;
  const commas = body.split(",").length - 1;
  if (dots === 0 && commas === 0) return at(Number(body));
  if (dots > 0 && commas > 0) {
    const last = Math.max(body.lastIndexOf("."), body.lastIndexOf(","));
    const decimal = body[last]!;
    const whole = body.slice(0, last).split(decimal === "." ? "," : ".");
    const fraction = body.slice(last + 1);
    if (/[.,]/.test(fraction) || whole.join("").includes(decimal) || (whole.length > 1 && !grouped(whole))) return undefined;
    return at(Number(`${whole.join("")}.${fraction}`));
  }
  const separator = dots > 0 ? "." : ",";
  const parts = body.split(separator);
  if (parts.length > 2) return grouped(parts) ? at(Number(parts.join(""))) : undefined;
  const [head, tail] = parts as [string, string];
  const asDecimal = Number(`${head || "0"}.${tail}`);
  if (tail.length !== 3 || !grouped(parts) || head === "0") return integer && tail.length === 3 ? undefined : at(asDecimal);
  const asGrouping = Number(head + tail);
  if (integer || separator === groupingOf(lang)) return at(asGrouping);
  return [sign * asGrouping, sign * asDecimal];
}

/** "2억 3천만", "250만", "1,5 Mio.", "2.5k": digits, each followed by a multiplier word. */
function withMultipliers(text: string, lang: Language, words: Vocabulary["multipliers"]): number | undefined {
  const names = [...Object.keys(words.small), ...Object.keys(words.large)].sort((a, b) => b.length - a.length);
  if (names.length === 0) return undefined;
  const token = new RegExp(`([0-9][0-9.,]*)?\\s*(${names.map(escape).join("|")})(?![a-z])\\s*`, "y");
  const digits = (s: string) => {
    const readings = digitReadings(s, lang, false);
    return readings?.length === 1 ? readings[0] : undefined;
  };
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
    const count = m[1] === undefined ? undefined : digits(m[1]);
    if (m[1] !== undefined && count === undefined) return undefined;
    const name = m[2]!;
    const small = words.small[name];
    if (small !== undefined) section += (count ?? 1) * small;
    else {
      total += (section + (count ?? (section === 0 ? 1 : 0))) * words.large[name]!;
      section = 0;
    }
  }
  if (!matched) return undefined;
  const rest = text.slice(at).trim();
  if (rest) {
    const tail = digits(rest);
    if (tail === undefined) return undefined;
    section += tail;
  }
  // Korean myriads multiply in whole won; floating point must not leave 80000000.00000001.
  return Math.round((total + section) * 1e6) / 1e6;
}

/** The number in `text` for a question in `unit`; a range ("20-25") is told apart from nonsense. */
export function readNumber(text: string, lang: Language, words: Vocabulary, unit: string | undefined, integer: boolean): NumberReading {
  const unitWords = unit ? words.units[unit] : undefined;
  // "30 Mitarbeiter." and "20!" end a sentence; a dot after a digit may still be a decimal mark.
  const approximate = stripAll(fold(text.replace(/!+$/, "").replace(/(?<=\p{L})\.$/u, "")), words.approximately);
  const bare = unitWords ? stripAll(approximate.text, unitWords).text : approximate.text;
  const again = stripAll(bare, words.approximately).text;
  const readings = digitReadings(again, lang, integer);
  if (readings) return { ok: true, values: readings };
  const multiplied = withMultipliers(again.replace(/\s+/g, " "), lang, words.multipliers);
  if (multiplied !== undefined) return { ok: true, values: [multiplied] };
  const range = new RegExp(`[0-9]\\s*(${words.ranges.map(escape).join("|")})\\s*[0-9]`).test(again);
  return { ok: false, range };
}

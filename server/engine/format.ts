/**
 * Numbers, money, dates and moments written as each language writes them. Shared by every place
 * that shows a value (pages, review, chat, PDF, messages), so one figure reads the same everywhere.
 */
import { LOCALE_TAG, type Language } from "../i18n/languages";
import { t, type MessageKey } from "../i18n/translate";

const CURRENCIES = new Set(["EUR", "KRW"]);

export const isCurrency = (unit: string | undefined): unit is string => unit !== undefined && CURRENCIES.has(unit);

/**
 * Intl formatters are costly to build and a page of a thousand employees formats tens of thousands
 * of figures: one formatter per language and style, kept.
 */
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Language, unit: string | undefined): Intl.NumberFormat {
  const style = isCurrency(unit) ? unit : unit === "percent" ? "percent" : "";
  const key = `${lang}:${style}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(
      LOCALE_TAG[lang],
      isCurrency(unit)
        ? { style: "currency", currency: unit, maximumFractionDigits: unit === "KRW" ? 0 : 2 }
        : unit === "percent"
          ? { style: "percent", maximumFractionDigits: 1 }
          : { maximumFractionDigits: 2 },
    );
    formatters.set(key, format);
  }
  return format;
}

const pluralRules = new Map<Language, Intl.PluralRules>();
const pluralOf = (lang: Language): Intl.PluralRules => pluralRules.get(lang) ?? pluralRules.set(lang, new Intl.PluralRules(LOCALE_TAG[lang])).get(lang)!;

/** "1,250.50 €"-style money, "38.5 hours", "20명": the unit's word follows the language's plural rules. */
export function formatNumber(value: number, lang: Language, unit?: string): string {
  const number = numberFormat(lang, unit).format(value);
  if (!unit || isCurrency(unit) || unit === "percent") return number;
  const plural = pluralOf(lang).select(value) === "one" ? "one" : "other";
  return t(lang, `unit.${unit}.${plural}` as MessageKey, { n: number });
}

/** The unit as a word or symbol beside an input: "€", "hours", "명". */
export function unitLabel(unit: string | undefined, lang: Language): string | undefined {
  if (!unit) return undefined;
  if (isCurrency(unit)) {
    return new Intl.NumberFormat(LOCALE_TAG[lang], { style: "currency", currency: unit }).formatToParts(0).find((p) => p.type === "currency")?.value;
  }
  if (unit === "percent") return "%";
  return t(lang, `unit.${unit}` as MessageKey);
}

const utcDay = (iso: string): Date | undefined => {
  const [y, m, d] = iso.split("-").map(Number);
  return y && m && d ? new Date(Date.UTC(y, m - 1, d)) : undefined;
};

export function formatDate(iso: string, lang: Language): string {
  const day = utcDay(iso);
  return day ? new Intl.DateTimeFormat(LOCALE_TAG[lang], { dateStyle: "long", timeZone: "UTC" }).format(day) : iso;
}

/** "March 2026", "März 2026", "2026년 3월". */
export function formatMonth(yearMonth: string, lang: Language): string {
  const day = utcDay(`${yearMonth}-01`);
  return day ? new Intl.DateTimeFormat(LOCALE_TAG[lang], { year: "numeric", month: "long", timeZone: "UTC" }).format(day) : yearMonth;
}

/** A moment in UTC, saying so: the server does not know the reader's time zone, and must not let its own change a document. */
export function formatTimestamp(at: string | Date, lang: Language, month: "long" | "short" = "long"): string {
  return new Intl.DateTimeFormat(LOCALE_TAG[lang], { year: "numeric", month, day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC", timeZoneName: "short" }).format(new Date(at));
}

/** "a, b and c" / "a or b" in the language's own way. */
export const formatList = (items: string[], lang: Language, type: "conjunction" | "disjunction"): string =>
  new Intl.ListFormat(LOCALE_TAG[lang], { style: "long", type }).format(items);

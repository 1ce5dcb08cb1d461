/** A calendar day, stored as ISO "YYYY-MM-DD": read in context (dates.ts), shown as a long date. */
import { LOCALE_TAG, type Language } from "../../i18n/languages";
import { formatDate } from "../format";
import { dayOf, exampleDay, readDate } from "./dates";
import { WRONG_TYPE, type KindDefinition } from "./kind";

const numeric = (iso: string, lang: Language) =>
  new Intl.DateTimeFormat(LOCALE_TAG[lang], { day: "numeric", month: "numeric", year: "numeric", timeZone: "UTC" }).format(dayOf(iso));

export const date: KindDefinition = {
  name: "date",
  read: (typed, _asked, ctx) => readDate(typed, ctx),
  take: (value) => (typeof value === "string" ? { ok: true, value } : WRONG_TYPE),
  show: (value, _asked, lang) => formatDate(String(value), lang),
  // English numeric dates are read both ways round; the long form is the one that reads back as written.
  typed: (value, _asked, lang) => (lang === "en" ? formatDate(String(value), lang) : numeric(String(value), lang)),
  input: () => ({ control: "text", short: true, hint: "page.date_hint" }),
  example: (_asked, lang, today) => formatDate(exampleDay(today), lang),
  spellings: (value, _asked, lang) => {
    const iso = String(value);
    const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    // A slashed English date is only certain when the day cannot be a month.
    const slashed = lang === "de" || (lang === "en" && (d > 12 || d === m)) ? [`${d}/${m}/${y}`] : [];
    return [iso, formatDate(iso, lang), `${formatDate(iso, lang)}.`, ...(lang === "en" ? [] : [numeric(iso, lang)]), ...slashed];
  },
  sample: () => "2025-01-15",
};

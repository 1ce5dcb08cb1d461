/**
 * Dates as people type them. Numeric dates are always day first ("1.3.2026", "01/03/2026" are
 * 1 March), in every language: the applicants are in Germany and Korea, and the English pages are
 * en-GB. A date without a year ("3월 1일", "ab 1. März") is the one closest to today. German and
 * English words are read by chrono; Korean is read here. "Today" is the UTC day of `today`.
 */
import * as chrono from "chrono-node";
import { parseDate } from "../../engine/coerce";
import type { Language } from "../../i18n/languages";
import { fold, stripAll, type Vocabulary } from "./vocabulary";

const pad = (n: number) => String(n).padStart(2, "0");
const DAY = 86_400_000;

function iso(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** A real calendar day, or undefined for 31 April. */
function calendarDay(year: number, month: number, day: number): Date | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

function closestYear(month: number, day: number, today: Date): Date | undefined {
  const year = today.getUTCFullYear();
  const candidates = [year - 1, year, year + 1].map((y) => calendarDay(y, month, day)).filter((d): d is Date => d !== undefined);
  return candidates.sort((a, b) => Math.abs(a.getTime() - today.getTime()) - Math.abs(b.getTime() - today.getTime()))[0];
}

/** "3월 1일", "2026년 3월 1일", and day-first "1.3." without a year. */
function numeric(text: string, today: Date): string | undefined {
  const korean = /^(?:(\d{4})\s*년\s*)?(\d{1,2})\s*월\s*(\d{1,2})\s*일$/.exec(text);
  const dayFirst = /^(\d{1,2})\s*[./]\s*(\d{1,2})\.?$/.exec(text);
  const date = korean
    ? korean[1] ? calendarDay(+korean[1], +korean[2]!, +korean[3]!) : closestYear(+korean[2]!, +korean[3]!, today)
    : dayFirst && closestYear(+dayFirst[2]!, +dayFirst[1]!, today);
  return date ? iso(date) : undefined;
}

/** A chrono reading only counts if it is the whole text and names a day, not just a month ("next month"). */
function worded(text: string, lang: Exclude<Language, "ko">, today: Date): string | undefined {
  const parser = lang === "de" ? chrono.de : chrono.en.GB;
  const results = parser.parse(text, { instant: today, timezone: 0 });
  const [only] = results;
  if (results.length !== 1 || !only || only.text.length !== text.length || !only.start.isCertain("day")) return undefined;
  const date = only.start.isCertain("year")
    ? calendarDay(only.start.get("year")!, only.start.get("month")!, only.start.get("day")!)
    : closestYear(only.start.get("month")!, only.start.get("day")!, today);
  return date && iso(date);
}

/** The ISO date in `text`, or undefined. */
export function readDate(text: string, lang: Language, words: Vocabulary, today: Date): string | undefined {
  const bare = stripAll(fold(text), words.dateWords).text;
  const exact = parseDate(bare);
  if (exact) return exact;
  const offset = Object.entries(words.relativeDays).find(([word]) => fold(word) === bare)?.[1];
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (offset !== undefined) return iso(new Date(midnight + offset * DAY));
  return numeric(bare, today) ?? (lang === "ko" ? undefined : worded(bare, lang, today));
}

/** The first day of next month: a date that is valid for most questions, for examples in messages. */
export function exampleDate(today: Date): string {
  return iso(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1)));
}

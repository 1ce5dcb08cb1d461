/**
 * Days and months as people type them, read in context. ISO and year-first dates are certain;
 * dotted dates are day first; a slashed date whose two numbers could both be the month is asked
 * back in English (the en-GB and en-US habits differ) and day first elsewhere. A date without a
 * year is placed in the year closest to `near` (a related answer, else today) that keeps it within
 * the question's bounds. Relative words ("tomorrow", "next monday", "다음 주 월요일") count from
 * today. German and English words otherwise are read by chrono. The conversation's own language is
 * tried first, then the others'.
 */
import * as chrono from "chrono-node";
import type { Language } from "../../i18n/languages";
import type { KindReading, ReadContext } from "./kind";
import { fold, stripAffix, stripAll, VOCABULARY, WORDS_IN_ORDER, type Vocabulary } from "./words";

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, "0");

export const isoDay = (date: Date): string => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

export const dayOf = (iso: string): Date => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

/** A real calendar day, or undefined for 31 April. */
export function calendarDay(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? isoDay(date) : undefined;
}

const lastDayOf = (year: number, month: number): string => isoDay(new Date(Date.UTC(year, month, 0)));

const midnight = (today: Date) => Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());

const within = (iso: string, ctx: ReadContext) => (!ctx.min || iso >= ctx.min) && (!ctx.max || iso <= ctx.max);

/** A day whose year was not said: the one closest to `near` within the bounds, else just the closest. */
function placed(ctx: ReadContext, day: (year: number) => string | undefined): KindReading {
  const near = ctx.near ? dayOf(ctx.near) : new Date(midnight(ctx.today));
  const year = near.getUTCFullYear();
  const candidates = [year - 1, year, year + 1].map(day).filter((d): d is string => d !== undefined);
  if (candidates.length === 0) return { ok: false, code: "no_such_day" };
  const distance = (iso: string) => Math.abs(dayOf(iso).getTime() - near.getTime());
  const byDistance = [...candidates].sort((a, b) => distance(a) - distance(b));
  return { ok: true, value: byDistance.find((d) => within(d, ctx)) ?? byDistance[0] };
}

const certain = (iso: string | undefined): KindReading => (iso ? { ok: true, value: iso } : { ok: false, code: "no_such_day" });

const monthNumber = (name: string, words: Vocabulary): number | undefined => words.months[name.replace(/\.$/, "")];

/** Numbers only: ISO, year first, day first, and slashed dates that may need asking. */
function numeric(text: string, ctx: ReadContext): KindReading | undefined {
  let m = /^(\d{4})\s*(?:-|\/|\.|년)\s*(\d{1,2})\s*(?:-|\/|\.|월)\s*(\d{1,2})\s*[.일]?$/.exec(text);
  if (m) return certain(calendarDay(+m[1]!, +m[2]!, +m[3]!));
  m = /^(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4})$/.exec(text) ?? /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(text);
  if (m) return certain(calendarDay(+m[3]!, +m[2]!, +m[1]!));
  m = /^(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})$/.exec(text);
  if (m) {
    const [a, b, year] = [+m[1]!, +m[2]!, +m[3]!];
    const dayFirst = calendarDay(year, b, a);
    const monthFirst = calendarDay(year, a, b);
    if (ctx.lang === "en" && dayFirst && monthFirst && dayFirst !== monthFirst) return { ok: false, code: "ambiguous", options: [dayFirst, monthFirst] };
    if (dayFirst) return { ok: true, value: dayFirst };
    return ctx.lang === "en" && monthFirst ? { ok: true, value: monthFirst } : { ok: false, code: "no_such_day" };
  }
  m = /^(?:(\d{4})\s*년\s*)?(\d{1,2})\s*월\s*(\d{1,2})\s*일?$/.exec(text);
  if (m) return m[1] ? certain(calendarDay(+m[1], +m[2]!, +m[3]!)) : placed(ctx, (y) => calendarDay(y, +m![2]!, +m![3]!));
  m = /^(\d{1,2})\s*[./]\s*(\d{1,2})\.?$/.exec(text);
  if (m) return placed(ctx, (y) => calendarDay(y, +m![2]!, +m![1]!));
  return undefined;
}

/** Days counted from today: "tomorrow", "next monday", "nächsten Montag", "다음 주 월요일", "ab nächster Woche". */
function relative(text: string, ctx: ReadContext, words: Vocabulary): KindReading | undefined {
  const today = midnight(ctx.today);
  const offset = Object.entries(words.relativeDays).find(([word]) => fold(word) === text)?.[1];
  if (offset !== undefined) return { ok: true, value: isoDay(new Date(today + offset * DAY)) };
  const weekday = new Date(today).getUTCDay();
  const nextMonday = today + (((8 - weekday) % 7) || 7) * DAY;
  if (words.nextWeek.map(fold).includes(text)) return { ok: true, value: isoDay(new Date(nextMonday)) };
  const after = [...words.next].map(fold).sort((a, b) => b.length - a.length).map((w) => stripAffix(text, [w], "before")).find((r) => r !== undefined);
  const named = words.weekdays[after ?? text];
  if (named === undefined) return undefined;
  // "next monday" is the Monday of next week; a bare weekday is the coming one.
  const day = after !== undefined ? nextMonday + ((named + 6) % 7) * DAY : today + (((named - weekday + 7) % 7) || 7) * DAY;
  return { ok: true, value: isoDay(new Date(day)) };
}

/** "end of June", "Ende Juni 2026", "6월 말": the last day of that month. */
function endOfMonth(text: string, ctx: ReadContext, words: Vocabulary): KindReading | undefined {
  const rest = stripAffix(text, words.endOf.before, "before") ?? stripAffix(text, words.endOf.after, "after");
  if (rest === undefined) return undefined;
  const month = readMonthParts(rest, words);
  if (!month) return undefined;
  return month.year ? { ok: true, value: lastDayOf(month.year, month.month) } : placed(ctx, (y) => lastDayOf(y, month.month));
}

/** A chrono reading only counts if it is the whole text and names a day, not just a month ("next month"). */
function worded(text: string, lang: Exclude<Language, "ko">, ctx: ReadContext): KindReading | undefined {
  const parser = lang === "de" ? chrono.de : chrono.en.GB;
  const results = parser.parse(text, { instant: ctx.today, timezone: 0 });
  const [only] = results;
  if (results.length !== 1 || !only || only.text.length !== text.length || !only.start.isCertain("day")) return undefined;
  const month = only.start.get("month")!;
  const day = only.start.get("day")!;
  return only.start.isCertain("year") ? certain(calendarDay(only.start.get("year")!, month, day)) : placed(ctx, (y) => calendarDay(y, month, day));
}

function readDateIn(text: string, ctx: ReadContext, lang: Language): KindReading {
  const words = VOCABULARY[lang];
  // "1 March.", "1 March 2026." and "morgen!" end a sentence; the dot of "1.3." belongs to the date.
  const bare = stripAll(fold(text.replace(/[!?]+$/, "").replace(/(?<=\p{L}|\d{4})\.$/u, "")), words.dateWords).text;
  const reading =
    numeric(bare, ctx) ??
    relative(bare, ctx, words) ??
    endOfMonth(bare, ctx, words) ??
    (lang === "ko" ? undefined : worded(bare, lang, ctx));
  return reading ?? { ok: false, code: "not_a_date" };
}

/** The ISO day in `text`, asked back when two days fit, refused when the day does not exist. */
export function readDate(text: string, ctx: ReadContext): KindReading {
  const [own, ...others] = WORDS_IN_ORDER[ctx.lang].map((lang) => () => readDateIn(text, ctx, lang));
  const first = own!();
  if (first.ok || first.code !== "not_a_date") return first;
  return others.map((read) => read()).find((r) => r.ok || r.code !== "not_a_date") ?? first;
}

/** Month and optional year: "03/2026", "3.2026", "2026-03", "2026년 3월", "März 2026", "Mar 2026", "june". */
function readMonthParts(text: string, words: Vocabulary): { year?: number; month: number } | undefined {
  let m = /^(\d{4})\s*(?:-|\/|\.|년)\s*(\d{1,2})\s*(?:월|\.)?$/.exec(text);
  if (m) return { year: +m[1]!, month: +m[2]! };
  m = /^(\d{1,2})\s*(?:\/|\.|-)\s*(\d{4})$/.exec(text);
  if (m) return { year: +m[2]!, month: +m[1]! };
  m = /^(\d{1,2})\s*월$/.exec(text);
  if (m) return { month: +m[1]! };
  m = /^(\p{L}+\.?)(?:\s*,?\s*(\d{4}))?$/u.exec(text);
  const named = m && monthNumber(m[1]!, words);
  return named ? { year: m![2] ? +m![2] : undefined, month: named } : undefined;
}

/** "YYYY-MM" from a month as typed; a month without a year is the one closest to `near`. */
export function readMonth(text: string, ctx: ReadContext): KindReading {
  const parts = WORDS_IN_ORDER[ctx.lang].map((lang) => readMonthParts(stripAll(fold(text), VOCABULARY[lang].dateWords).text, VOCABULARY[lang])).find((p) => p !== undefined);
  if (!parts || parts.month < 1 || parts.month > 12) return { ok: false, code: "not_a_month" };
  const month = (year: number) => `${year}-${pad(parts.month)}`;
  if (parts.year) return { ok: true, value: month(parts.year) };
  const day = placed(ctx, (y) => `${month(y)}-01`);
  return day.ok ? { ok: true, value: String(day.value).slice(0, 7) } : day;
}

/** The first day of next month: a date that is valid for most questions, for examples in messages. */
export function exampleDay(today: Date): string {
  return isoDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1)));
}

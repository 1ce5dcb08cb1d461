/**
 * `{parameters.<name>}` in a form's texts: the figure of a rule written from the parameter files,
 * in the reader's language, so that a text never states a figure the rule no longer uses.
 */
import type { Language } from "../i18n/languages";
import { formatNumber } from "./format";
import { parameterForText, type ParameterInForce, type Parameters } from "./parameters";
import { formatPointer, getAt, parsePointer } from "./pointer";

export const PARAMETER_PLACEHOLDER = /\{parameters\.([A-Za-z][A-Za-z0-9]*)\}/g;

/** 66,000 KRW as money, 15 as "15 %", a ratio as "2/3", days and hours with their unit word. */
export function formatParameter(p: Pick<ParameterInForce, "value" | "exact" | "unit">, lang: Language): string {
  if (p.unit === "percent") return formatNumber(p.value / 100, lang, "percent");
  if (p.unit === "ratio") return p.exact.den === 1 ? String(p.exact.num) : `${p.exact.num}/${p.exact.den}`;
  return formatNumber(p.value, lang, p.unit);
}

/** The text with every known placeholder filled in for `date` (the newest value when no date is known). */
export function withParameters(text: string, parameters: Parameters, lang: Language, date: string | undefined): string {
  return text.replace(PARAMETER_PLACEHOLDER, (whole, name: string) => {
    const found = parameterForText(parameters, name, date);
    return found ? formatParameter(found, lang) : whole;
  });
}

/**
 * The date that decides which values a text shows: the form's `x-form.parametersDate` answer (a
 * day, or a month read as its first day), else today, else none.
 */
export function parametersDateOf(pointer: string | undefined, answers: unknown, today?: string): string | undefined {
  const at = pointer ? getAt(answers, parsePointer(pointer)) : undefined;
  if (typeof at === "string" && /^\d{4}-\d{2}-\d{2}$/.test(at)) return at;
  if (typeof at === "string" && /^\d{4}-\d{2}$/.test(at)) return `${at}-01`;
  return today;
}

/** Every string of a text entry (title, help, choices, messages) with `fill` applied. */
export function mapStrings<T>(value: T, fill: (s: string) => string): T {
  if (typeof value === "string") return fill(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fill)) as T;
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fill)])) as T;
  return value;
}

/** Each language's file with the newest values filled in, for every reader that does not know the claim's date. */
export function filledPerLanguage<T>(files: Partial<Record<Language, T>>, parameters: Parameters): Partial<Record<Language, T>> {
  return Object.fromEntries(Object.entries(files).map(([lang, file]) => [lang, mapStrings(file, (s) => withParameters(s, parameters, lang as Language, undefined))])) as Partial<Record<Language, T>>;
}

/** Every string in a locale file, with its JSON pointer. */
export function* stringsIn(node: unknown, pointer = ""): Generator<[string, string]> {
  if (typeof node === "string") yield [pointer, node];
  else if (Array.isArray(node)) for (const [i, v] of node.entries()) yield* stringsIn(v, `${pointer}/${i}`);
  else if (node !== null && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) yield* stringsIn(v, pointer + formatPointer([k]));
  }
}

/**
 * Answers typed as text become the values the schema expects: "1 200" or "1.200,50" a number,
 * "1.3.2026" a date, "ja" a yes. What was read is returned so that it can be shown back.
 */
import type { QuestionNode } from "./model";
import type { Language } from "../i18n/languages";
import { LOCALE_TAG } from "../i18n/languages";

export type Coercion =
  | { ok: true; value: unknown; interpreted: boolean }
  | { ok: false; code: "not_a_number" | "not_a_date" | "not_a_boolean" | "not_a_choice" };

const YES = new Set(["true", "yes", "y", "ja", "j", "예", "네", "응", "1", "on"]);
const NO = new Set(["false", "no", "n", "nein", "아니오", "아니요", "아니", "0", "off"]);

function separatorsOf(lang: Language): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(LOCALE_TAG[lang]).formatToParts(12345.6);
  return {
    group: parts.find((p) => p.type === "group")?.value ?? ",",
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
  };
}

/**
 * Reads a number as the applicant's language writes it. A single separator followed by exactly
 * three digits is taken as grouping ("1,200" is twelve hundred in English, "1.200" in German).
 */
export function parseNumber(text: string, lang: Language): number | undefined {
  const cleaned = text.replace(/[\s\u00a0\u202f'’]/g, "").replace(/(€|eur|krw|₩|원|%)$/i, "").replace(/^(€|₩)/, "");
  if (!/^[+-]?[0-9.,]+$/.test(cleaned)) return undefined;
  const { group, decimal } = separatorsOf(lang);
  let normalised: string;
  const groups = group === "." ? /\./g : /,/g;
  if (cleaned.includes(decimal) && cleaned.includes(group)) {
    if (cleaned.lastIndexOf(decimal) < cleaned.lastIndexOf(group)) return undefined;
    normalised = cleaned.replace(groups, "").replace(decimal, ".");
  } else if (cleaned.includes(group)) {
    const parts = cleaned.split(group);
    if (parts.slice(1).some((p) => p.length !== 3)) return undefined;
    normalised = parts.join("");
  } else if (cleaned.includes(decimal)) {
    if (cleaned.split(decimal).length > 2) return undefined;
    normalised = cleaned.replace(decimal, ".");
  } else normalised = cleaned;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : undefined;
}

const pad = (n: number) => String(n).padStart(2, "0");

function isoDate(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** ISO dates always; day-first dates with dots or slashes; Korean year-month-day forms. */
export function parseDate(text: string): string | undefined {
  const s = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return isoDate(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})\s*[.년/]\s*(\d{1,2})\s*[.월/]\s*(\d{1,2})\s*[.일]?$/.exec(s);
  if (m) return isoDate(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{4})$/.exec(s);
  if (m) return isoDate(+m[3]!, +m[2]!, +m[1]!);
  return undefined;
}

function coerceScalar(node: QuestionNode, raw: unknown, lang: Language): Coercion {
  const type = node.valueType === "array" ? "string" : node.valueType;
  if (typeof raw !== "string") return { ok: true, value: raw, interpreted: false };
  const text = raw.trim();
  if (type === "boolean") {
    const lower = text.toLowerCase();
    if (YES.has(lower)) return { ok: true, value: true, interpreted: lower !== "true" };
    if (NO.has(lower)) return { ok: true, value: false, interpreted: lower !== "false" };
    return { ok: false, code: "not_a_boolean" };
  }
  if (type === "number" || type === "integer") {
    const value = parseNumber(text, lang);
    if (value === undefined) return { ok: false, code: "not_a_number" };
    return { ok: true, value, interpreted: String(value) !== text };
  }
  if (node.format === "date") {
    const value = parseDate(text);
    if (value === undefined) return { ok: false, code: "not_a_date" };
    return { ok: true, value, interpreted: value !== text };
  }
  return { ok: true, value: text, interpreted: false };
}

/** Turns what was typed or posted into the value the question's schema expects. */
export function coerce(node: QuestionNode, raw: unknown, lang: Language): Coercion {
  if (node.valueType === "array") {
    const list = Array.isArray(raw) ? raw : [raw];
    const values: unknown[] = [];
    for (const item of list) {
      const c = coerceChoice(node, item, lang);
      if (!c.ok) return c;
      values.push(c.value);
    }
    return { ok: true, value: values, interpreted: false };
  }
  return node.choices ? coerceChoice(node, raw, lang) : coerceScalar(node, raw, lang);
}

/** A choice arrives as text from a form post; it matches the choice whose value reads the same. */
function coerceChoice(node: QuestionNode, raw: unknown, lang: Language): Coercion {
  const match = node.choices?.find((c) => c.value === raw || String(c.value) === String(raw).trim());
  if (match) return { ok: true, value: match.value, interpreted: false };
  const scalar = coerceScalar(node, raw, lang);
  return scalar.ok ? { ok: true, value: scalar.value, interpreted: false } : { ok: false, code: "not_a_choice" };
}

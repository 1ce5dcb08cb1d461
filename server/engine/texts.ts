/** The form's own texts in the applicant's language, and answers written out for people. */
import type { FieldTexts, Form } from "./form";
import type { FormNode, QuestionNode } from "./model";
import { LOCALE_TAG, type Language } from "../i18n/languages";
import { interpolate, isMessageKey, t, type MessageKey } from "../i18n/translate";
import { parsePointer, templateOf, formatPointer } from "./pointer";

/** A text of the form in `lang`, falling back to the form's own language, then to the key. */
export function fieldText(form: Form, lang: Language, template: string): FieldTexts | undefined {
  return form.locales[lang]?.fields[template] ?? form.locales[form.defaultLanguage]?.fields[template];
}

export function titleOf(form: Form, lang: Language, template: string): string {
  return fieldText(form, lang, template)?.title ?? template;
}

export function choiceLabel(form: Form, lang: Language, node: QuestionNode, value: unknown): string {
  if (typeof value === "boolean") return t(lang, value ? "answer.yes" : "answer.no");
  return fieldText(form, lang, node.template)?.choices?.[String(value)] ?? String(value);
}

const CURRENCIES = new Set(["EUR", "KRW"]);

/** The catalog's `.one` form of a text where the language counts `count` as one ("1 person"). */
export function pluralKey(key: MessageKey, count: number, lang: Language): MessageKey {
  const one = `${key}.one`;
  return isMessageKey(one) && new Intl.PluralRules(LOCALE_TAG[lang]).select(count) === "one" ? one : key;
}

export function formatNumber(value: number, lang: Language, unit?: string): string {
  if (unit && CURRENCIES.has(unit)) {
    return new Intl.NumberFormat(LOCALE_TAG[lang], { style: "currency", currency: unit, maximumFractionDigits: unit === "KRW" ? 0 : 2 }).format(value);
  }
  if (unit === "percent") return new Intl.NumberFormat(LOCALE_TAG[lang], { style: "percent", maximumFractionDigits: 1 }).format(value);
  const number = new Intl.NumberFormat(LOCALE_TAG[lang], { maximumFractionDigits: 2 }).format(value);
  // Korean writes a counter word onto the number ("25명"); the catalog's unit.amount says how.
  return unit ? t(lang, "unit.amount", { number, unit: t(lang, pluralKey(`unit.${unit}` as MessageKey, value, lang)) }) : number;
}

export function formatDate(iso: string, lang: Language): string {
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(LOCALE_TAG[lang], { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A moment in UTC, saying so: the server does not know the reader's time zone, and must not let its own change a document. */
export function formatTimestamp(at: string | Date, lang: Language, month: "long" | "short" = "long"): string {
  return new Intl.DateTimeFormat(LOCALE_TAG[lang], { year: "numeric", month, day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC", timeZoneName: "short" }).format(new Date(at));
}

/** An answer as the applicant reads it back: labels, grouped numbers, long dates. */
export function displayValue(form: Form, lang: Language, node: FormNode, value: unknown): string {
  if (value === undefined || value === null) return t(lang, "answer.none");
  if (node.kind !== "question") return "";
  if (Array.isArray(value)) return value.map((v) => choiceLabel(form, lang, node, v)).join(", ");
  if (node.choices || typeof value === "boolean") return choiceLabel(form, lang, node, value);
  if (typeof value === "number") return formatNumber(value, lang, node.unit);
  if (typeof value === "string" && node.format === "date") return formatDate(value, lang);
  return String(value);
}

/** "Employee 2" for `/employees/1`, from the group's `item` text, or its label property. */
export function itemTitle(form: Form, lang: Language, itemPointer: string, answers: unknown): string {
  const path = parsePointer(itemPointer);
  const index = Number(path[path.length - 1]);
  const group = formatPointer(path.slice(0, -1));
  const node = form.nodes.get(templateOf(group));
  const pattern = fieldText(form, lang, templateOf(group))?.item ?? t(lang, "group.item");
  const numbered = interpolate(pattern, { n: index + 1 });
  if (node?.kind !== "group" || !node.itemLabel) return numbered;
  let item: unknown = answers;
  for (const seg of path) item = (item as Record<string | number, unknown> | undefined)?.[seg];
  const label = (item as Record<string, unknown> | undefined)?.[node.itemLabel];
  return typeof label === "string" && label ? `${numbered}: ${label}` : numbered;
}

/** The headings above a question: its sections, and the item of a group it belongs to. */
export function headingsOf(form: Form, lang: Language, pointer: string, answers: unknown): string[] {
  const path = parsePointer(pointer);
  const headings: string[] = [];
  for (let i = 1; i < path.length; i++) {
    const prefix = formatPointer(path.slice(0, i));
    const node = form.nodes.get(templateOf(prefix));
    if (node?.kind === "section" || node?.kind === "group") headings.push(titleOf(form, lang, node.template));
    if (typeof path[i] === "number") {
      headings.push(itemTitle(form, lang, formatPointer(path.slice(0, i + 1)), answers));
      i++;
    }
  }
  return headings;
}

/** The form's own texts in the applicant's language: titles, choice labels, headings. */
import type { FieldTexts, Form } from "./form";
import type { QuestionNode } from "./model";
import type { Language } from "../i18n/languages";
import { interpolate, t } from "../i18n/translate";
import { parsePointer, templateOf, formatPointer } from "./pointer";
import { mapStrings, withParameters } from "./parameter-texts";

/**
 * A text of the form in `lang`, falling back to the form's own language, then to the key, with its
 * `{parameters.x}` filled in for `date` (the day that dates the claim; the newest values without one).
 */
export function fieldText(form: Form, lang: Language, template: string, date?: string): FieldTexts | undefined {
  if (date === undefined) return form.locales[lang]?.fields[template] ?? form.locales[form.defaultLanguage]?.fields[template];
  const [texts, textLang] = form.localeSources[lang]?.fields[template] ? [form.localeSources[lang].fields[template], lang] : [form.localeSources[form.defaultLanguage]?.fields[template], form.defaultLanguage];
  return texts && mapStrings(texts, (s) => withParameters(s, form.parameters, textLang, date));
}

export function titleOf(form: Form, lang: Language, template: string): string {
  return fieldText(form, lang, template)?.title ?? template;
}

export function choiceLabel(form: Form, lang: Language, node: QuestionNode, value: unknown): string {
  if (typeof value === "boolean") return t(lang, value ? "answer.yes" : "answer.no");
  return fieldText(form, lang, node.template)?.choices?.[String(value)] ?? String(value);
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

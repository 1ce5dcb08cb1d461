/**
 * The table of question kinds, and the one place that decides which kind a question is. Every
 * other part of the product (pages, chat, API, PDF, author tools) asks its question's kind through
 * `KINDS[asked.answerKind]`, so that a value typed on a page and in the chat is read the same way.
 */
import { isCurrency } from "../format";
import { choice } from "./choice";
import { choices } from "./choices";
import { date } from "./date";
import { identifier } from "./identifier";
import type { KindDefinition, KindName, ValueType, Widget } from "./kind";
import { month } from "./month";
import { money, number, percent } from "./number";
import { text } from "./text";
import { addAnother, yesno } from "./yes-no";

export const KINDS: Record<KindName, KindDefinition> = { text, identifier, number, money, percent, date, month, yesno, choice, choices, addAnother };

/** What of a question's schema decides its kind. */
export interface KindSource {
  valueType: ValueType;
  /** The form's own `x-widget`, if it declares one. */
  widget?: string;
  choiceCount: number;
  format?: string;
  unit?: string;
  pattern?: string;
}

const isNumeric = (s: KindSource) => s.valueType === "number" || s.valueType === "integer";

/** In order: the first that fits is the kind. */
const RESOLUTION: [KindName, (s: KindSource) => boolean][] = [
  ["choices", (s) => s.valueType === "array"],
  ["yesno", (s) => s.valueType === "boolean"],
  ["choice", (s) => s.choiceCount > 0],
  ["date", (s) => s.format === "date" || s.widget === "date"],
  ["month", (s) => s.format === "month" || s.widget === "month"],
  ["money", (s) => isNumeric(s) && (isCurrency(s.unit) || s.widget === "money")],
  ["percent", (s) => isNumeric(s) && s.unit === "percent"],
  ["number", isNumeric],
  ["identifier", (s) => (s.pattern !== undefined || s.format === "iban") && s.widget !== "textarea"],
  ["text", () => true],
];

export function resolveKind(source: KindSource): KindName {
  return RESOLUTION.find(([, fits]) => fits(source))![0];
}

/** The page control a kind gets when the form declares none; long lists of choices are a select. */
const DEFAULT_WIDGETS: Record<KindName, (s: KindSource) => Widget> = {
  text: () => "text",
  identifier: () => "text",
  number: () => "number",
  money: () => "money",
  percent: () => "number",
  date: () => "date",
  month: () => "month",
  yesno: () => "yesno",
  choice: (s) => (s.choiceCount > 6 ? "select" : "radios"),
  choices: () => "checkboxes",
  addAnother: () => "yesno",
};

export const widgetOf = (source: KindSource, kind: KindName): Widget => (source.widget as Widget | undefined) ?? DEFAULT_WIDGETS[kind](source);

export type { KindDefinition, KindName } from "./kind";

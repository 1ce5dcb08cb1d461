/**
 * A question's widget as the input the page shows: which partial, its id and name, hints, errors,
 * and the value to put back (the stored answer written as the applicant's language writes it, or,
 * after an error, exactly what was typed).
 */
import type { QuestionStep } from "../../engine/present";
import { LOCALE_TAG, type Language } from "../../i18n/languages";
import { t, type MessageKey } from "../../i18n/translate";

export interface Option {
  id: string;
  value: string;
  label: string;
  checked: boolean;
}

export interface Field {
  partial: "field-text" | "field-textarea" | "field-select" | "field-choices";
  id: string;
  name: string;
  label: string;
  /** The label is the page's h1 (one thing per page); otherwise a smaller label or legend. */
  heading: boolean;
  hints: { id: string; text: string }[];
  errors: string[];
  describedBy?: string;
  value?: string;
  type?: "text" | "email" | "radio" | "checkbox";
  inputmode?: "decimal" | "numeric";
  autocomplete?: string;
  suffix?: string;
  width?: string;
  options?: Option[];
  inline?: boolean;
}

type FieldSpec = Omit<Field, "hints" | "describedBy" | "errors"> & { hints?: (string | undefined)[]; errors?: string[]; describe?: string[] };

/** Fills in the ids that tie hints, errors and a unit to the input for screen readers. */
export function field(spec: FieldSpec): Field {
  const { hints = [], errors = [], describe = [], ...rest } = spec;
  const shown = hints.flatMap((text, i) => (text ? [{ id: `${spec.id}-hint${i ? `-${i + 1}` : ""}`, text }] : []));
  const ids = [...shown.map((h) => h.id), ...describe, ...(errors.length ? [`${spec.id}-error`] : [])];
  return { ...rest, hints: shown, errors, describedBy: ids.join(" ") || undefined };
}

const UNIT_KEYS: Record<string, MessageKey> = { hours: "unit.hours", days: "unit.days", persons: "unit.persons" };

function unitLabel(unit: string | undefined, lang: Language): string | undefined {
  if (!unit) return undefined;
  // ISO 4217 codes are three capitals; the other units are words.
  if (/^[A-Z]{3}$/.test(unit)) {
    return new Intl.NumberFormat(LOCALE_TAG[lang], { style: "currency", currency: unit }).formatToParts(0).find((p) => p.type === "currency")?.value;
  }
  if (unit === "percent") return "%";
  const key = UNIT_KEYS[unit];
  return key ? t(lang, key) : unit;
}

/** A stored answer as the applicant would type it, so that Continue without a change keeps it. */
function typedForm(step: QuestionStep, lang: Language): string {
  const { value } = step;
  if (typeof value === "number") {
    const cents = step.widget === "money" && !Number.isInteger(value) ? 2 : 0;
    return new Intl.NumberFormat(LOCALE_TAG[lang], { useGrouping: false, minimumFractionDigits: cents, maximumFractionDigits: 10 }).format(value);
  }
  if (typeof value === "string" && step.format === "date") {
    const [y, m, d] = value.split("-").map(Number);
    if (y && m && d) return new Intl.DateTimeFormat(LOCALE_TAG[lang], { day: "numeric", month: "numeric", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
  }
  return value === undefined || value === null ? "" : String(value);
}

const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** `entered` is what was posted, when the page is shown again with errors. */
export function questionField(step: QuestionStep, lang: Language, errors: string[], entered?: { value: unknown }): Field {
  const base = { id: "value", name: "value", label: step.title, heading: true, errors, hints: [step.description] };
  if (step.choices) {
    const selected = new Set(asList(entered ? entered.value : step.value).map(String));
    const options = step.choices.map((c, i) => ({ id: i === 0 ? "value" : `value-${i + 1}`, value: String(c.value), label: c.label, checked: selected.has(String(c.value)) }));
    if (step.widget === "select") return field({ ...base, partial: "field-select", options });
    const inline = step.widget === "yesno" || step.widget === "addAnother";
    return field({ ...base, partial: "field-choices", type: step.widget === "checkboxes" ? "checkbox" : "radio", options, inline });
  }
  const value = entered ? asList(entered.value).map(String).join(" ") : typedForm(step, lang);
  if (step.widget === "textarea") return field({ ...base, partial: "field-textarea", value });
  const numeric = step.valueType === "number" || step.valueType === "integer";
  const suffix = numeric ? unitLabel(step.unit, lang) : undefined;
  return field({
    ...base,
    partial: "field-text",
    type: step.format === "email" ? "email" : "text",
    value,
    hints: [step.description, step.format === "date" ? t(lang, "page.date_hint") : undefined],
    inputmode: numeric ? (step.valueType === "integer" ? "numeric" : "decimal") : undefined,
    width: numeric || step.format === "date" ? "input--short" : undefined,
    suffix,
    describe: suffix ? ["value-unit"] : [],
  });
}

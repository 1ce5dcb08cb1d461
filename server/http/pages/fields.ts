/**
 * A question's widget as the input the page shows: which partial, its id and name, hints, errors,
 * and the value to put back (the stored answer written as the applicant's language writes it, or,
 * after an error, exactly what was typed).
 */
import type { QuestionStep } from "../../engine/present";
import type { Language } from "../../i18n/languages";
import { t } from "../../i18n/translate";
import { unitLabel } from "../../engine/format";
import { KINDS } from "../../engine/kinds/index";

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

/** A stored answer as the applicant would type it, so that Continue without a change keeps it. */
const typedForm = (step: QuestionStep, lang: Language): string =>
  step.value === undefined || step.value === null ? "" : KINDS[step.answerKind].typed(step.value, step, lang);

const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** `entered` is what was posted, when the page is shown again with errors. The input is the kind's. */
export function questionField(step: QuestionStep, lang: Language, errors: string[], entered?: { value: unknown }): Field {
  const input = KINDS[step.answerKind].input(step);
  const base = { id: "value", name: "value", label: step.title, heading: true, errors, hints: [step.description] };
  if (step.choices && input.control !== "text") {
    const selected = new Set(asList(entered ? entered.value : step.value).map(String));
    const options = step.choices.map((c, i) => ({ id: i === 0 ? "value" : `value-${i + 1}`, value: String(c.value), label: c.label, checked: selected.has(String(c.value)) }));
    if (input.control === "select") return field({ ...base, partial: "field-select", options });
    return field({ ...base, partial: "field-choices", type: input.control === "checkboxes" ? "checkbox" : "radio", options, inline: input.inline });
  }
  const value = entered ? asList(entered.value).map(String).join(" ") : typedForm(step, lang);
  if (input.control === "textarea") return field({ ...base, partial: "field-textarea", value });
  const suffix = input.inputmode ? unitLabel(step.unit, lang) : undefined;
  return field({
    ...base,
    partial: "field-text",
    type: input.inputType ?? "text",
    value,
    hints: [step.description, input.hint ? t(lang, input.hint) : undefined],
    inputmode: input.inputmode,
    width: input.short ? "input--short" : undefined,
    suffix,
    describe: suffix ? ["value-unit"] : [],
  });
}

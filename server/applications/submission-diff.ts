/**
 * What changed between two submitted versions of an application, as a caseworker checks a
 * resubmission: each answer added, changed or removed, and each derived value before and after.
 */
import type { Form } from "../engine/form";
import { formatPointer, isPlainObject, templateOf } from "../engine/pointer";
import { titleOf } from "../engine/texts";
import { displayValue } from "../engine/kinds/asked";
import { formatNumber } from "../engine/format";
import type { SubmissionRecord } from "../store/store";
import type { Language } from "../i18n/languages";
import { t } from "../i18n/translate";

export type ChangeKind = "added" | "changed" | "removed";

export interface DiffRow {
  pointer: string;
  kind: ChangeKind;
  title: string;
  before: string;
  after: string;
}

/** The answers as pointer → value, one entry per answered question (an empty list counts as a value). */
function leaves(data: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (isPlainObject(data)) for (const [key, value] of Object.entries(data)) leaves(value, prefix + formatPointer([key]), out);
  else if (Array.isArray(data) && data.length > 0 && data.every(isPlainObject)) data.forEach((item, i) => leaves(item, `${prefix}/${i}`, out));
  else out.set(prefix, data);
  return out;
}

function compare<T>(before: Map<string, T>, after: Map<string, T>, row: (pointer: string, kind: ChangeKind) => DiffRow): DiffRow[] {
  const pointers = [...new Set([...before.keys(), ...after.keys()])];
  return pointers.flatMap((p) => {
    if (!before.has(p)) return [row(p, "added")];
    if (!after.has(p)) return [row(p, "removed")];
    return JSON.stringify(before.get(p)) === JSON.stringify(after.get(p)) ? [] : [row(p, "changed")];
  });
}

type DerivedValues = Record<string, { value: unknown; unit?: string }>;
/** Only the value and its unit: the same figure from other inputs is no change to the claim. */
const derivedValues = (derived: unknown): Map<string, { value: unknown; unit?: string }> =>
  new Map(Object.entries(isPlainObject(derived) && isPlainObject(derived.values) ? (derived.values as DerivedValues) : {}).map(([p, v]) => [p, { value: v.value, unit: v.unit }]));

export function submissionDiff(form: Form, older: SubmissionRecord, newer: SubmissionRecord, lang: Language): { answers: DiffRow[]; derived: DiffRow[] } {
  const [a, b] = [leaves(older.answers), leaves(newer.answers)];
  const answer = (values: Map<string, unknown>, pointer: string) => {
    const node = form.nodes.get(templateOf(pointer));
    const value = values.get(pointer);
    return node ? displayValue(form, lang, node, value) : value === undefined ? t(lang, "answer.none") : String(value);
  };
  const answers = compare(a, b, (pointer, kind) => ({ pointer, kind, title: titleOf(form, lang, templateOf(pointer)), before: answer(a, pointer), after: answer(b, pointer) }));
  const [x, y] = [derivedValues(older.derived), derivedValues(newer.derived)];
  const derivedText = (values: typeof x, pointer: string) => {
    const v = values.get(pointer);
    if (v === undefined || v.value === null || v.value === undefined) return t(lang, "answer.none");
    return typeof v.value === "number" ? formatNumber(v.value, lang, v.unit) : String(v.value);
  };
  const derived = compare(x, y, (pointer, kind) => ({
    pointer,
    kind,
    title: form.locales[lang]?.derived?.[templateOf(pointer)]?.title ?? pointer,
    before: derivedText(x, pointer),
    after: derivedText(y, pointer),
  }));
  return { answers, derived };
}

/**
 * A worked example replayed and held against its expectations: the questions asked, completeness,
 * eligibility, derived values to the cent, and text that must appear in its PDF. Every difference
 * is returned, not just the first, so that one run shows all that is wrong.
 */
import type { Example, Form } from "../engine/form";
import type { Problem } from "../engine/problem";
import { derive } from "../engine/derive";
import { formatPointer, isPlainObject } from "../engine/pointer";
import { stateOf } from "../engine/present";
import { replay } from "../engine/replay";
import { validateApplication } from "../engine/validate";
import type { PdfTextOf } from "./pdf-text";

export type Mismatch =
  | { kind: "refused"; problems: Problem[] }
  | { kind: "asked"; expected: string[]; actual: string[] }
  | { kind: "value"; field: string; expected: unknown; actual: unknown }
  /** A complete example whose answers the engine did not keep as given (an answer never asked for). */
  | { kind: "kept"; pointers: string[] }
  | { kind: "invalid"; problems: Problem[] }
  | { kind: "pdfText"; missing: string[] };

/** Pointers at which two answer objects differ. */
function differences(a: unknown, b: unknown, prefix = ""): string[] {
  if (isPlainObject(a) && isPlainObject(b)) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((k) => differences(a[k], b[k], prefix + formatPointer([k])));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((item, i) => differences(item, b[i], `${prefix}/${i}`));
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix || "/"];
}

/** pdftotext wraps and pads lines: both sides are compared with whitespace collapsed. */
const flat = (text: string) => text.replace(/\s+/g, " ").trim();

export async function checkExample(form: Form, example: Example, pdfTextOf: PdfTextOf): Promise<Mismatch[]> {
  const lang = example.language ?? form.defaultLanguage;
  const want = example.expect;
  const run = replay(form, example.answers, lang);
  const out: Mismatch[] = [];
  if (run.problems.length > 0) out.push({ kind: "refused", problems: run.problems });
  if (want.asked && want.asked.join("\n") !== run.asked.join("\n")) out.push({ kind: "asked", expected: want.asked, actual: run.asked });
  // Past a refused answer the rest would only repeat it.
  if (run.problems.length > 0) return out;

  const complete = stateOf(form, run.session, lang).complete;
  if (complete !== want.complete) out.push({ kind: "value", field: "complete", expected: want.complete, actual: complete });
  if (want.complete) {
    const lost = differences(example.answers, run.session.answers);
    if (lost.length > 0) out.push({ kind: "kept", pointers: lost });
    const invalid = validateApplication(form, example.answers, lang);
    if (invalid.length > 0) out.push({ kind: "invalid", problems: invalid });
  }
  const derived = derive(form, run.session.answers);
  if (derived.problems.length > 0) out.push({ kind: "refused", problems: derived.problems });
  if (want.eligible !== undefined && derived.eligible !== want.eligible) out.push({ kind: "value", field: "eligible", expected: want.eligible, actual: derived.eligible });
  for (const [pointer, expected] of Object.entries(want.derived ?? {})) {
    const actual = derived.result.values[pointer]?.value;
    const same = typeof expected === "number" && typeof actual === "number" ? Math.abs(actual - expected) < 0.005 : JSON.stringify(actual) === JSON.stringify(expected);
    if (!same) out.push({ kind: "value", field: `derived ${pointer}`, expected, actual });
  }
  if (want.pdfText?.length) {
    const text = flat(await pdfTextOf(form, run.session.answers, lang));
    const missing = want.pdfText.filter((needle) => !text.includes(flat(needle)));
    if (missing.length > 0) out.push({ kind: "pdfText", missing });
  }
  return out;
}

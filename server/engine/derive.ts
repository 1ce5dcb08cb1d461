/** Derived values (estimates, eligibility): the form's compute.ts, run on every answer. */
import type { ComputeResult } from "./compute";
import type { Form } from "./form";
import type { Problem } from "./problem";

export interface Derivation {
  result: ComputeResult;
  /** true when every rule passed, false as soon as one failed, null while undecided. */
  eligible: boolean | null;
  problems: Problem[];
}

export function eligibilityOf(result: ComputeResult): boolean | null {
  const rules = result.eligibility ?? [];
  if (rules.some((r) => r.passed === false)) return false;
  if (rules.every((r) => r.passed === true)) return true;
  return null;
}

export function derive(form: Form, answers: Record<string, unknown>): Derivation {
  if (!form.compute) return { result: { values: {} }, eligible: null, problems: [] };
  try {
    const result = (form.compute as (a: unknown) => ComputeResult)(answers);
    return { result, eligible: eligibilityOf(result), problems: [] };
  } catch (error) {
    // A fault in a form's compute code must not stop the applicant: the estimate is left out.
    return {
      result: { values: {} },
      eligible: null,
      problems: [{ code: "compute_failed", pointer: "", message: (error as Error).message, file: "compute.ts", severity: "error" }],
    };
  }
}

/** Derived values (estimates, eligibility): the form's compute.ts, run on every answer. */
import type { ComputeContext, ComputeResult, DerivedValue } from "./compute";
import type { Parameters } from "./parameters";
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

/** `parameters` defaults to the form's own; the example check passes a copy that records what compute read. */
export function derive(form: Form, answers: Record<string, unknown>, parameters: Parameters = form.parameters): Derivation {
  if (!form.compute) return { result: { values: {} }, eligible: null, problems: [] };
  try {
    const result = (form.compute as (a: unknown, c: ComputeContext) => ComputeResult)(answers, { parameters });
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

const MONEY_UNITS = new Set(["EUR", "KRW"]);

/** The estimate of the whole claim: a top-level money value of the form's compute.ts, if it has one. */
export function totalEstimate(form: Form, answers: Record<string, unknown>): DerivedValue | undefined {
  return Object.entries(derive(form, answers).result.values).find(([pointer, v]) => /^\/[^/]+$/.test(pointer) && MONEY_UNITS.has(v.unit ?? ""))?.[1];
}

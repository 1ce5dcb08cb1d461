/**
 * The contract between a form's optional `compute.ts` and the engine.
 * A compute function is pure: answers and the form's parameters in, derived values and eligibility out.
 */

import type { Parameters } from "./parameters";

export type Scalar = string | number | boolean | null;

/** Every answer may still be missing while the applicant is filling the form in. */
export type DeepPartial<T> = T extends (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export interface DerivedValue {
  value: Scalar;
  /** EUR, KRW, percent, days, hours, persons: how the value is displayed. */
  unit?: string;
  /** The rule that produced the value; its text lives in the locale files under `rules`. */
  rule: string;
  /** The figures the rule used, so that a caseworker can check the result by hand. */
  inputs: Record<string, Scalar | undefined>;
}

export interface RuleOutcome {
  rule: string;
  /** null while the answers do not decide the rule yet. */
  passed: boolean | null;
  params: Record<string, Scalar | undefined>;
}

export interface ComputeResult {
  /** Keyed by a JSON pointer of the form's choosing, e.g. `/employees/0/allowance`. */
  values: Record<string, DerivedValue>;
  eligibility?: RuleOutcome[];
}

/** What compute gets besides the answers: the form's dated parameters, to look up with `parameterAt`. */
export interface ComputeContext {
  parameters: Parameters;
}

export type Compute<T> = (answers: DeepPartial<T>, context: ComputeContext) => ComputeResult;

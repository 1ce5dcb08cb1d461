/**
 * How a de-identified export coarsens an answer, one definition per kind of coarsening (as Ajv has
 * one definition per keyword). A property names one in its `x-export` annotation: by name alone
 * (`{ "coarsen": "month" }`) or by name with its parameter (`{ "coarsen": { "step": 500 } }`). The
 * form does not load when the coarsening is unknown, its parameter wrong, or it does not fit the
 * question (a month of a number).
 */
import type { FormNode, QuestionNode } from "./model";

interface Coarsening {
  /** The questions it fits, and how to say so when it does not. */
  fits(question: QuestionNode): boolean;
  fitsWhat: string;
  /** `undefined` when the coarsening is named alone. */
  parameterOk(parameter: unknown): boolean;
  parameterWhat: string;
  /** The coarse value, as exported; `undefined` when the value is not of the kind it fits. */
  apply(value: unknown, parameter: unknown): string | undefined;
}

const isDate = (q: QuestionNode) => q.format === "date";
const isNumber = (q: QuestionNode) => q.valueType === "number" || q.valueType === "integer";
const alone = (parameter: unknown) => parameter === undefined;
const positiveInteger = (parameter: unknown) => Number.isInteger(parameter) && (parameter as number) > 0;
const leading = (value: unknown, length: number) => (typeof value === "string" && value.length >= length ? value.slice(0, length) : undefined);

export const COARSENINGS = {
  /** A date (YYYY-MM-DD) as its month, YYYY-MM. */
  month: {
    fits: isDate,
    fitsWhat: "a date",
    parameterOk: alone,
    parameterWhat: 'nothing: write "coarsen": "month"',
    apply: (value) => leading(value, 7),
  },
  /** A date or a month as its year, YYYY. */
  year: {
    fits: (q) => isDate(q) || q.format === "month",
    fitsWhat: "a date or a month",
    parameterOk: alone,
    parameterWhat: 'nothing: write "coarsen": "year"',
    apply: (value) => leading(value, 4),
  },
  /** A number as the band of `step` it falls in, "1500–2000": from the lower bound up to, not including, the upper. */
  step: {
    fits: isNumber,
    fitsWhat: "a number",
    parameterOk: (parameter) => typeof parameter === "number" && parameter > 0,
    parameterWhat: 'the width of a band, a number above 0: "coarsen": { "step": 500 }',
    apply: (value, step) => {
      if (typeof value !== "number") return undefined;
      const lower = Math.floor(value / (step as number)) * (step as number);
      return `${lower}–${lower + (step as number)}`;
    },
  },
  /** A text (a postcode) as its first characters: "10" of "10115", the region. */
  prefix: {
    fits: (q) => q.valueType === "string" && !q.choices && !q.format,
    fitsWhat: "a text",
    parameterOk: positiveInteger,
    parameterWhat: 'how many characters to keep, a whole number above 0: "coarsen": { "prefix": 2 }',
    apply: (value, length) => leading(value, length as number),
  },
} satisfies Record<string, Coarsening>;

export type CoarseningName = keyof typeof COARSENINGS;

export interface CoarseningSpec {
  name: CoarseningName;
  parameter: unknown;
}

const isCoarseningName = (name: string): name is CoarseningName => Object.hasOwn(COARSENINGS, name);

/** The coarsening `x-export.coarsen` names, read as the meta-schema allows it: a name, or `{ name: parameter }`. */
function specOf(coarsen: unknown): { name: string; parameter: unknown } | undefined {
  if (typeof coarsen === "string") return { name: coarsen, parameter: undefined };
  if (coarsen !== null && typeof coarsen === "object" && Object.keys(coarsen).length === 1) {
    const [name, parameter] = Object.entries(coarsen)[0]!;
    return { name, parameter };
  }
  return undefined;
}

/** The question's coarsening, when its package loaded (so that it is known and fits). */
export function coarseningOf(question: QuestionNode): CoarseningSpec | undefined {
  const spec = specOf((question.schema["x-export"] as { coarsen?: unknown } | undefined)?.coarsen);
  return spec && isCoarseningName(spec.name) ? { name: spec.name, parameter: spec.parameter } : undefined;
}

export const coarsen = (spec: CoarseningSpec, value: unknown): string | undefined => COARSENINGS[spec.name].apply(value, spec.parameter);

export interface CoarseningProblem {
  code: string;
  schemaPath: string;
  message: string;
  fix: string;
}

/** Every `x-export` that names an unknown coarsening, gives it a wrong parameter, or sits on what it does not fit. */
export function coarseningProblems(nodes: Iterable<FormNode>): CoarseningProblem[] {
  const out: CoarseningProblem[] = [];
  for (const node of nodes) {
    if (!("x-export" in node.schema)) continue;
    const at = `${node.schemaPath}/x-export/coarsen`;
    if (node.kind !== "question") {
      out.push({ code: "export_coarsening_misplaced", schemaPath: `${node.schemaPath}/x-export`, message: `"${node.template}" is not a question: only an answer can be coarsened`, fix: "Move x-export to the question it coarsens." });
      continue;
    }
    const spec = specOf((node.schema["x-export"] as { coarsen?: unknown }).coarsen);
    if (!spec) continue; // the meta-schema has said what is wrong with it
    if (!isCoarseningName(spec.name)) {
      out.push({ code: "unknown_coarsening", schemaPath: at, message: `"${spec.name}" is not a coarsening Formpilot knows`, fix: `Use one of ${Object.keys(COARSENINGS).join(", ")}.` });
      continue;
    }
    const definition: Coarsening = COARSENINGS[spec.name];
    if (!definition.parameterOk(spec.parameter)) {
      out.push({ code: "invalid_coarsening", schemaPath: at, message: `"${spec.name}" takes ${definition.parameterWhat}`, fix: "See the table of coarsenings in forms/README.md." });
    } else if (!definition.fits(node)) {
      out.push({ code: "coarsening_does_not_fit", schemaPath: at, message: `"${spec.name}" coarsens ${definition.fitsWhat}, and "${node.template}" is not one`, fix: `Choose a coarsening for this question's kind (${Object.keys(COARSENINGS).join(", ")}), or remove x-export.` });
    }
  }
  return out;
}

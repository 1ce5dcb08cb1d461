import Ajv2020 from "ajv/dist/2020";
import type { ErrorObject, ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { isValidIBAN, electronicFormatIBAN } from "ibantools";
import annotationsSchema from "./annotations.schema.json" with { type: "json" };

export type { ErrorObject, ValidateFunction };

/** The `x-` keywords a form may use; their shapes are in annotations.schema.json. */
export const ANNOTATIONS = Object.keys(annotationsSchema.properties);

/** ajv-formats' comparisons of formatted strings (dates, months): no other JSON Schema tool knows them. */
export const FORMAT_LIMITS = ["formatMinimum", "formatMaximum", "formatExclusiveMinimum", "formatExclusiveMaximum"] as const;

const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

/** A calendar month, YYYY-MM: written so, months sort as strings do; NaN (no order) for anything else. */
const month = {
  type: "string" as const,
  validate: MONTH,
  compare: (a: string, b: string) => (MONTH.test(a) && MONTH.test(b) ? (a < b ? -1 : a > b ? 1 : 0) : Number.NaN),
};

/**
 * One Ajv per form: the schema is added under its own id, so that every sub-schema (a question, an
 * `if`) is compiled as a reference into the whole and `$ref`s to `$defs` keep working. `$data`
 * lets a keyword take its limit from another answer (docs/adr/0007); the format keywords compare
 * dates and months with it.
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, $data: true, multipleOfPrecision: 6, strict: true, strictRequired: false, strictTypes: false, strictTuples: false });
  addFormats(ajv, { keywords: true });
  ajv.addFormat("iban", { type: "string", validate: (s: string) => isValidIBAN(electronicFormatIBAN(s) ?? "") });
  ajv.addFormat("month", month);
  ajv.addVocabulary(ANNOTATIONS);
  return ajv;
}

export const schemaIdOf = (formId: string): string => `https://formpilot.invalid/forms/${formId}/schema.json`;

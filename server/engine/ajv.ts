import Ajv2020 from "ajv/dist/2020";
import type { ErrorObject, ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { isValidIBAN, electronicFormatIBAN } from "ibantools";
import annotationsSchema from "./annotations.schema.json" with { type: "json" };

export type { ErrorObject, ValidateFunction };

/** The `x-` keywords a form may use; their shapes are in annotations.schema.json. */
export const ANNOTATIONS = Object.keys(annotationsSchema.properties);

/**
 * One Ajv per form: the schema is added under its own id, so that every sub-schema (a question, an
 * `if`) is compiled as a reference into the whole and `$ref`s to `$defs` keep working.
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, multipleOfPrecision: 6, strict: true, strictRequired: false, strictTypes: false, strictTuples: false });
  addFormats(ajv);
  // A calendar month, "2026-03"; ISO strings of one width compare as they sort.
  ajv.addFormat("month", { type: "string", validate: /^[0-9]{4}-(0[1-9]|1[0-2])$/, compare: (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0) });
  ajv.addFormat("iban", { type: "string", validate: (s: string) => isValidIBAN(electronicFormatIBAN(s) ?? "") });
  ajv.addVocabulary(ANNOTATIONS);
  return ajv;
}

export const schemaIdOf = (formId: string): string => `https://formpilot.invalid/forms/${formId}/schema.json`;

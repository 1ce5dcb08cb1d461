/** Free text: kept as typed (trimmed); a textarea when the form asks for one. */
import { schemaNumber, WRONG_TYPE, type KindDefinition } from "./kind";

/** Samples for the text formats Ajv knows; the author tools validate them like any answer. */
const FORMATS: Record<string, string> = {
  "date-time": "2025-01-15T09:00:00Z",
  time: "09:00:00",
  email: "applicant@example.org",
  uri: "https://example.org",
};

const textSample = (schema: Record<string, unknown>) => "Example answer".padEnd(schemaNumber(schema, "minLength") ?? 0, ".").slice(0, schemaNumber(schema, "maxLength"));

export const text: KindDefinition = {
  name: "text",
  read: (typed) => ({ ok: true, value: typed }),
  take: (value) => (typeof value === "string" ? { ok: true, value } : WRONG_TYPE),
  show: (value) => String(value),
  typed: (value) => String(value),
  input: (asked) => (asked.widget === "textarea" ? { control: "textarea" } : { control: "text", inputType: asked.format === "email" ? "email" : "text" }),
  example: () => "",
  spellings: (value) => [String(value), ` ${String(value)} `],
  sample: ({ schema, format }) => FORMATS[format ?? ""] ?? textSample(schema),
};

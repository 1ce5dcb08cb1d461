/**
 * Keywords of schema.json without an applicant message: an answer that breaks one would be told
 * only "This answer is not valid". The messages are in server/i18n/messages/validation/.
 */
import { isDataReference, schemaObjects } from "../engine/cross-answer";
import { keywordMessageKey } from "../engine/keyword-messages";
import type { SchemaObject } from "../engine/model";
import { formatPointer } from "../engine/pointer";
import type { Finding } from "./finding";

/** Keywords that hold or combine subschemas or describe; their subschemas' keywords carry the messages. */
const NO_MESSAGE = new Set([
  "$schema", "$id", "$ref", "$defs", "$comment", "$anchor", "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly",
  "properties", "items", "prefixItems", "allOf", "anyOf", "oneOf", "if", "then", "else", "dependentSchemas",
]);

/** `type` and `format` have a message per value: each type and format is checked on its own. */
const detailsOf = (keyword: string, value: unknown): unknown[] => (keyword === "type" && Array.isArray(value) ? value : keyword === "type" || keyword === "format" ? [value] : [undefined]);

export function keywordTextFindings(schema: SchemaObject): Finding[] {
  const findings: Finding[] = [];
  for (const [at, object] of schemaObjects(schema)) {
    for (const [keyword, value] of Object.entries(object)) {
      // x- annotations are not checked; a `$data` rule is lint's data-references.ts's.
      if (NO_MESSAGE.has(keyword) || keyword.startsWith("x-") || isDataReference(value)) continue;
      for (const detail of detailsOf(keyword, value)) {
        if (keywordMessageKey(keyword, detail)) continue;
        const what = detail === undefined ? `"${keyword}"` : `"${keyword}": "${String(detail)}"`;
        findings.push({
          severity: "warning",
          code: "keyword_without_message",
          file: "schema.json",
          pointer: at + formatPointer([keyword]),
          message: `${what} has no applicant message; an answer that breaks it is told only "This answer is not valid"`,
          fix: `Add "${detail === undefined ? `validation.${keyword}` : `validation.${keyword}.${String(detail)}`}" to server/i18n/messages/validation/{en,de,ko}.json, or word it for the field under "errors" in each locale.`,
        });
      }
    }
  }
  return findings;
}

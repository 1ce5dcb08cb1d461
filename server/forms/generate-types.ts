import { compile } from "json-schema-to-typescript";

/** `short-time-work` → `ShortTimeWork`: the name of a form's answers type. */
export function typeNameOf(formId: string): string {
  return formId
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}

/**
 * Titles would become type names in json-schema-to-typescript; ours are in the locale files, and a
 * stray one in a schema must not rename the generated types under the compute code.
 */
function withoutTitles(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutTitles);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "title" && typeof value === "string") continue;
    out[key] = key === "properties" || key === "$defs" ? mapValues(value, withoutTitles) : withoutTitles(value);
  }
  return out;
}

function mapValues(record: unknown, fn: (v: unknown) => unknown): unknown {
  if (record === null || typeof record !== "object") return record;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}

const BANNER = "/* Generated from schema.json by `npm run types`. Do not edit: change schema.json instead. */";

export async function generateTypes(formId: string, schema: object): Promise<string> {
  const prepared = { ...(withoutTitles(schema) as object), title: typeNameOf(formId) };
  return compile(prepared as Parameters<typeof compile>[0], typeNameOf(formId), {
    bannerComment: BANNER,
    additionalProperties: false,
    unreachableDefinitions: false,
    // Bounded arrays (a group's minItems/maxItems) would otherwise become a union of every tuple length.
    maxItems: -1,
    format: true,
    style: { singleQuote: false },
  });
}

/**
 * Checks across answers ("the end is not before the start") are keywords of schema.json whose limit
 * is another answer, written with Ajv's `$data` reference: `"formatMinimum": { "$data": "1/start" }`.
 * Ajv checks them when it validates the whole application. One answer validated on its own cannot
 * see the other, so after each change the whole application is validated and the errors of these
 * keywords that touch the changed answer are kept (docs/adr/0007-cross-answer-rules-with-data-references.md).
 */
import type { SchemaObject } from "./model";
import { formatPointer, isPlainObject, parsePointer } from "./pointer";

export interface DataRule {
  /** Where the keyword is, written as Ajv's errors write `schemaPath`: `#/properties/period/properties/expectedEnd/formatMinimum`. */
  schemaPath: string;
  keyword: string;
  /** The `$data` pointer as written: relative to the answer checked (`1/start`) or absolute (`/period/start`). */
  data: string;
  /** The answer the keyword checks, `*` for an item's position (`/employees/*​/days`). */
  template: string;
  /** Inside an `if`: a condition is decided on its object alone, where the other answer may be out of sight. */
  inCondition: boolean;
}

export const isDataReference = (value: unknown): value is { $data: string } =>
  isPlainObject(value) && typeof value.$data === "string" && Object.keys(value).length === 1;

/** Subschemas that apply to the same answer as their parent. */
const SAME_ANSWER_LISTS = ["allOf", "anyOf", "oneOf"];
const SAME_ANSWER_ONE = ["then", "else", "not"];

interface Place {
  schemaPath: string;
  template: string;
  inCondition: boolean;
}

function* rulesIn(root: SchemaObject, schema: unknown, at: Place, followed: Set<string>): Generator<DataRule> {
  if (!isPlainObject(schema)) return;
  const below = (segments: (string | number)[], node: unknown, changes: Partial<Place> = {}) =>
    rulesIn(root, node, { ...at, schemaPath: at.schemaPath + formatPointer(segments), ...changes }, followed);
  for (const [keyword, value] of Object.entries(schema)) {
    if (isDataReference(value)) yield { schemaPath: `#${at.schemaPath}${formatPointer([keyword])}`, keyword, data: value.$data, template: at.template, inCondition: at.inCondition };
  }
  for (const [name, child] of Object.entries(isPlainObject(schema.properties) ? schema.properties : {})) {
    yield* below(["properties", name], child, { template: at.template + formatPointer([name]) });
  }
  yield* below(["items"], schema.items, { template: `${at.template}/*` });
  for (const keyword of SAME_ANSWER_LISTS) {
    const list = schema[keyword];
    if (Array.isArray(list)) for (const [i, sub] of list.entries()) yield* below([keyword, i], sub);
  }
  for (const keyword of SAME_ANSWER_ONE) yield* below([keyword], schema[keyword]);
  yield* below(["if"], schema.if, { inCondition: true });
  for (const [name, sub] of Object.entries(isPlainObject(schema.dependentSchemas) ? schema.dependentSchemas : {})) yield* below(["dependentSchemas", name], sub);
  // Ajv names a keyword reached through `$ref` by its place in `$defs`; each use is followed once.
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#/") && !followed.has(`${ref} ${at.template}`)) {
    followed.add(`${ref} ${at.template}`);
    const target = parsePointer(ref.slice(1)).reduce<unknown>((node, seg) => (isPlainObject(node) ? node[String(seg)] : undefined), root);
    yield* rulesIn(root, target, { ...at, schemaPath: ref.slice(1) }, followed);
  }
}

/** Every keyword of the schema whose value is a `$data` reference. */
export function dataRulesOf(schema: SchemaObject): DataRule[] {
  return [...rulesIn(schema, schema, { schemaPath: "", template: "", inCondition: false }, new Set())];
}

const RELATIVE = /^(0|[1-9][0-9]*)(.*)$/;

/**
 * The answer a `$data` pointer names, seen from the answer `at` (a pointer or a template): absolute
 * pointers name themselves, relative ones (RFC draft "Relative JSON Pointers") go up first. Undefined
 * for a pointer above the root or one ending in `#`, which names a key, not an answer.
 */
export function resolveDataPointer(at: string, data: string): string | undefined {
  if (data === "" || data.startsWith("/")) return data;
  const [, up, rest = ""] = RELATIVE.exec(data) ?? [];
  if (up === undefined || (rest !== "" && !rest.startsWith("/"))) return undefined;
  const segments = parsePointer(at);
  if (Number(up) > segments.length) return undefined;
  return formatPointer(segments.slice(0, segments.length - Number(up))) + rest;
}

const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "dependentSchemas"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SCHEMA_ONE = ["items", "if", "then", "else", "not", "contains", "additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties"];

/** Every schema object in a schema, with its JSON pointer: the root, and each subschema below it. */
export function* schemaObjects(schema: unknown, pointer = ""): Generator<[string, Record<string, unknown>]> {
  if (!isPlainObject(schema)) return;
  yield [pointer, schema];
  for (const [keyword, value] of Object.entries(schema)) {
    const here = pointer + formatPointer([keyword]);
    if (SCHEMA_MAPS.includes(keyword) && isPlainObject(value)) for (const [name, sub] of Object.entries(value)) yield* schemaObjects(sub, here + formatPointer([name]));
    else if (SCHEMA_LISTS.includes(keyword) && Array.isArray(value)) for (const [i, sub] of value.entries()) yield* schemaObjects(sub, `${here}/${i}`);
    else if (SCHEMA_ONE.includes(keyword)) yield* schemaObjects(value, here);
  }
}

const mapValues = (object: Record<string, unknown>, f: (value: unknown) => unknown) => Object.fromEntries(Object.entries(object).map(([k, v]) => [k, f(v)]));

/** A copy of a schema with `f` applied to each schema object in it, the subschemas first (a property named like a keyword stays). */
export function mapSchemas(schema: unknown, f: (schema: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (!isPlainObject(schema)) return schema;
  const again = (sub: unknown) => mapSchemas(sub, f);
  const mapped: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (SCHEMA_MAPS.includes(keyword) && isPlainObject(value)) mapped[keyword] = mapValues(value, again);
    else if (SCHEMA_LISTS.includes(keyword) && Array.isArray(value)) mapped[keyword] = value.map(again);
    else mapped[keyword] = SCHEMA_ONE.includes(keyword) ? again(value) : value;
  }
  return f(mapped);
}

/**
 * A copy of a schema without the keywords `drop` picks, subschema by subschema. `describe` words
 * what an object lost, for its `description`.
 */
export function withoutKeywords(schema: unknown, drop: (keyword: string, value: unknown) => boolean, describe?: (dropped: [string, unknown][]) => string): unknown {
  return mapSchemas(schema, (object) => {
    const entries = Object.entries(object);
    const kept = Object.fromEntries(entries.filter(([keyword, value]) => !drop(keyword, value)));
    const dropped = entries.filter(([keyword, value]) => drop(keyword, value));
    if (describe && dropped.length > 0) kept.description = [kept.description, describe(dropped)].filter((d) => typeof d === "string").join(" ");
    return kept;
  });
}

/** The schema as one answer is validated alone: its `$data` limits are other answers, checked with the whole. */
export const withoutDataRules = (schema: SchemaObject): SchemaObject => withoutKeywords(schema, (_keyword, value) => isDataReference(value)) as SchemaObject;

/**
 * Whether an `if` can ever be true, or is always true, decided by trying it: the compiled `if` is
 * run against every combination of the values its properties can take. That is finite only for
 * choices, yes/no and `const`s; a condition on free text or a number is left undecided.
 */
import type { ValidateFunction } from "../engine/ajv";
import type { Fragment, SectionNode } from "../engine/model";
import { KINDS } from "../engine/kinds/index";
import { getAt, isPlainObject, parsePointer } from "../engine/pointer";

export type Verdict =
  | { kind: "sometimes" | "always" | "never" }
  | { kind: "undecidable"; reason: string };

/** The keywords of an `if` the analysis follows; any other may constrain something it does not vary. */
const FOLLOWED = new Set(["properties", "required", "$comment", "description"]);

/** Beyond this many combinations the analysis gives up rather than slow lint down. */
const MAX_COMBINATIONS = 4096;

/** Stands for "some answer" where only presence matters (a `required` without a constraint). */
const ANY_ANSWER = "(any answer)";

type Domain = { values: unknown[] } | { reason: string };

/** The values a property can have when the condition is decided; `undefined` is "left blank". */
function domainOf(section: SectionNode, name: string, constrained: boolean): Domain {
  const node = section.children.find((c) => c.name === name);
  // An unknown name is the engine's unknown_property_in_condition; nothing more to say here.
  if (!node) return { reason: `it names "${name}", which is not a property` };
  if (node.kind !== "question") return { reason: `it names "${name}", a ${node.kind}, not a single answer` };
  const blank = section.required.includes(name) || section.gated.has(name) ? [] : [undefined];
  const values = KINDS[node.answerKind].domain?.(node);
  if (node.answerKind === "choices" && !values) return { reason: `"${name}" has too many combinations of choices` };
  if (values) return { values: [...values, ...blank] };
  if ("const" in node.schema) return { values: [node.schema.const, ...blank] };
  if (constrained) return { reason: `"${name}" is a free ${node.answerKind} answer` };
  return { values: [ANY_ANSWER, ...blank] };
}

/** The `if` schema as written, read relative to its (already $ref-resolved) object. */
function ifSchemaOf(section: SectionNode, fragment: Extract<Fragment, { kind: "if" }>): Record<string, unknown> {
  const relative = fragment.schemaPath.slice(section.schemaPath.length);
  const found = getAt(section.schema, parsePointer(relative));
  return isPlainObject(found) ? found : {};
}

export function verdictOf(section: SectionNode, fragment: Extract<Fragment, { kind: "if" }>, validatorAt: (path: string) => ValidateFunction): Verdict {
  const schema = ifSchemaOf(section, fragment);
  const other = Object.keys(schema).find((k) => !FOLLOWED.has(k));
  if (other) return { kind: "undecidable", reason: `it uses "${other}"` };
  const constrained = new Set(Object.keys(isPlainObject(schema.properties) ? schema.properties : {}));
  const domains: [string, unknown[]][] = [];
  let combinations = 1;
  for (const name of fragment.names) {
    const domain = domainOf(section, name, constrained.has(name));
    if ("reason" in domain) return { kind: "undecidable", reason: domain.reason };
    domains.push([name, domain.values]);
    combinations *= domain.values.length;
  }
  if (combinations > MAX_COMBINATIONS) return { kind: "undecidable", reason: `it has ${combinations} combinations of answers` };
  const validate = validatorAt(fragment.schemaPath);
  let seenTrue = false;
  let seenFalse = false;
  const tryAll = (i: number, values: Record<string, unknown>): void => {
    if (i === domains.length) {
      if (validate(values)) seenTrue = true;
      else seenFalse = true;
      return;
    }
    const [name, options] = domains[i]!;
    for (const v of options) {
      const next = { ...values };
      if (v !== undefined) next[name] = v;
      tryAll(i + 1, next);
    }
  };
  tryAll(0, {});
  return { kind: seenTrue && seenFalse ? "sometimes" : seenTrue ? "always" : "never" };
}

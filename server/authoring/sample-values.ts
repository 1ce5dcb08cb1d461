/**
 * A deterministic valid answer for each question, read from its schema: the first choice, the
 * smallest number, a fixed date, a text of the right length, the shortest string a pattern
 * accepts. Where the schema alone gives nothing valid (an unusual pattern or format), the first
 * value a worked example gives for that question is used instead.
 */
import type { Form } from "../engine/form";
import type { QuestionNode, SectionNode } from "../engine/model";
import { isPlainObject } from "../engine/pointer";
import { patternSample } from "./pattern-sample";

const FORMATS: Record<string, string> = {
  date: "2025-01-15",
  "date-time": "2025-01-15T09:00:00Z",
  time: "09:00:00",
  email: "applicant@example.org",
  uri: "https://example.org",
  // A real IBAN: its checksum cannot be made up.
  iban: "DE89370400440532013000",
};

const num = (node: QuestionNode, key: string) => (typeof node.schema[key] === "number" ? (node.schema[key] as number) : undefined);

function numberSample(node: QuestionNode): number {
  const step = num(node, "multipleOf") ?? 1;
  const exclusive = num(node, "exclusiveMinimum");
  const lowest = num(node, "minimum") ?? (exclusive !== undefined ? exclusive + step : 0);
  // Up to the next multiple, without binary fractions creeping in (0.1 + 0.2).
  const stepped = Number((Math.ceil(lowest / step - 1e-9) * step).toFixed(10));
  return Math.min(stepped, num(node, "maximum") ?? stepped);
}

function textSample(node: QuestionNode): string {
  return "Example answer".padEnd(num(node, "minLength") ?? 0, ".").slice(0, num(node, "maxLength"));
}

/** What the schema alone suggests; still to be validated. */
function fromSchema(node: QuestionNode): unknown {
  const choices = node.choices?.map((c) => c.value);
  if (node.valueType === "array") return choices?.slice(0, Math.max(1, num(node, "minItems") ?? 0));
  if (choices) return choices[0];
  if (node.valueType === "boolean") return true;
  if (node.valueType === "number" || node.valueType === "integer") return numberSample(node);
  if (node.format) return FORMATS[node.format];
  if (typeof node.schema.pattern === "string") return patternSample(node.schema.pattern);
  return textSample(node);
}

/** The first value each question has in the form's worked examples, by template. */
function exampleValues(form: Form): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const visit = (section: SectionNode, data: unknown) => {
    if (!isPlainObject(data)) return;
    for (const child of section.children) {
      const value = data[child.name];
      if (value === undefined) continue;
      if (child.kind === "question") {
        if (!found.has(child.template)) found.set(child.template, value);
      } else if (child.kind === "section") visit(child, value);
      else if (Array.isArray(value)) value.forEach((item) => visit(child.item, item));
    }
  };
  for (const example of form.examples) visit(form.root, example.answers);
  return found;
}

export type Sampler = (node: QuestionNode) => unknown;

/** Undefined for a question nothing valid is known for: lint and paths say which. */
export function samplerOf(form: Form): Sampler {
  const examples = exampleValues(form);
  const valid = (node: QuestionNode, value: unknown) => value !== undefined && (form.validatorAt(node.schemaPath)(value) as boolean);
  return (node) => {
    // A pattern's worked-example value reads like real data ("12345678", not "00000000").
    const candidates = typeof node.schema.pattern === "string" ? [examples.get(node.template), fromSchema(node)] : [fromSchema(node), examples.get(node.template)];
    return candidates.find((value) => valid(node, value));
  };
}

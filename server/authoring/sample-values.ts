/**
 * A deterministic valid answer for each question, read from its schema by its kind: the first
 * choice, the smallest number, a fixed date, a text of the right length, the shortest string a
 * pattern accepts. Where the schema alone gives nothing valid (an unusual pattern or format), the first
 * value a worked example gives for that question is used instead.
 */
import type { Form } from "../engine/form";
import type { QuestionNode, SectionNode } from "../engine/model";
import { isPlainObject } from "../engine/pointer";
import { KINDS } from "../engine/kinds/index";

/** What the schema alone suggests, through the question's kind; still to be validated. */
const fromSchema = (node: QuestionNode): unknown => KINDS[node.answerKind].sample(node);

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

/**
 * Where a typed date is read from: a date without a year ("1 March") belongs near the answers it
 * relates to. The question's own cross-answer bound (`formatMinimum: {"$data": "1/start"}`) is the
 * closest relation and also limits the year; else the last date or month answered before it in
 * the same section (the claim month for the first day of the measure); else today.
 */
import { resolveDataPointer } from "./cross-answer";
import type { Form } from "./form";
import type { ReadContext } from "./kinds/kind";
import type { QuestionNode } from "./model";
import { formatPointer, getAt, parsePointer, templateOf } from "./pointer";

const DATED = new Set(["date", "month"]);

/** A month read as a bound for a day: from its first, up to its last. */
const asDay = (value: string, end: "first" | "last") => (/^\d{4}-\d{2}$/.test(value) ? `${value}-${end === "first" ? "01" : "31"}` : value);

function bound(node: QuestionNode, answers: unknown, pointer: string, keywords: string[], end: "first" | "last"): string | undefined {
  for (const keyword of keywords) {
    const ref = (node.schema[keyword] as { $data?: unknown } | undefined)?.$data;
    const target = typeof ref === "string" ? resolveDataPointer(pointer, ref) : undefined;
    const value = target === undefined ? undefined : getAt(answers, parsePointer(target));
    if (typeof value === "string") return asDay(value, end);
  }
  return undefined;
}

function earlierInSection(form: Form, answers: unknown, pointer: string): string | undefined {
  const path = parsePointer(pointer);
  const parentPointer = formatPointer(path.slice(0, -1));
  const parent = form.nodes.get(templateOf(parentPointer));
  const siblings = parent?.kind === "section" ? parent.children : [];
  let found: string | undefined;
  for (const sibling of siblings) {
    if (sibling.name === path[path.length - 1]) break;
    if (sibling.kind !== "question" || !DATED.has(sibling.answerKind)) continue;
    const value = getAt(answers, [...path.slice(0, -1), sibling.name]);
    if (typeof value === "string") found = asDay(value, "first");
  }
  return found;
}

export function dateContextOf(form: Form, answers: unknown, pointer: string): Pick<ReadContext, "near" | "min" | "max"> {
  const node = form.nodes.get(templateOf(pointer));
  if (node?.kind !== "question" || !DATED.has(node.answerKind)) return {};
  const min = bound(node, answers, pointer, ["formatMinimum", "formatExclusiveMinimum"], "first");
  const max = bound(node, answers, pointer, ["formatMaximum", "formatExclusiveMaximum"], "last");
  return { near: min ?? max ?? earlierInSection(form, answers, pointer), min, max };
}

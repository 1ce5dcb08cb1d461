/**
 * Which questions the answers so far make part of the application, in the order they are asked.
 * This is where JSON Schema's conditionals become branching.
 */
import type { Form } from "./form";
import type { Branch, Fragment, GroupNode, QuestionNode, SectionNode } from "./model";
import { formatPointer, isPlainObject } from "./pointer";

/** Why a conditional question is asked: the answer that brought it in. */
export interface Reason {
  kind: "if" | "dependent";
  /** The JSON pointer of the deciding answer. */
  pointer: string;
}

interface Activation {
  required: boolean;
  reason?: Reason;
}

export type Entry =
  | { kind: "question"; node: QuestionNode; pointer: string; required: boolean; answered: boolean; reason?: Reason }
  /** "Add another?" after the items of a repeatable group. */
  | { kind: "more"; node: GroupNode; pointer: string; required: boolean; count: number };

export interface Context {
  form: Form;
  /** Pointers of optional questions the applicant left blank and of groups they closed. */
  skipped: ReadonlySet<string>;
}

const child = (prefix: string, name: string | number) => prefix + formatPointer([name]);

/** The properties of one object that the answers make part of the application. */
export function activeNames(ctx: Context, section: SectionNode, data: unknown, prefix: string): Map<string, Activation> {
  const values = isPlainObject(data) ? data : {};
  const result = new Map<string, Activation>();
  const unconditional = new Set(section.required);
  for (const c of section.children) {
    if (!section.gated.has(c.name)) result.set(c.name, { required: unconditional.has(c.name) });
  }
  const activate = (name: string, reason: Reason) => {
    result.set(name, { required: true, reason: result.get(name)?.reason ?? reason });
  };
  const applyBranch = (branch: Branch | undefined, reason: Reason) => {
    if (!branch) return;
    branch.required.forEach((n) => activate(n, reason));
    branch.fragments.forEach(applyFragment);
  };
  const applyFragment = (f: Fragment): void => {
    if (f.kind === "if") {
      const undecided = f.names.some((n) => values[n] === undefined && !ctx.skipped.has(child(prefix, n)));
      if (undecided) return;
      const reason: Reason = { kind: "if", pointer: child(prefix, f.names[0] ?? "") };
      applyBranch(ctx.form.validatorAt(f.schemaPath)(values) ? f.then : f.else, reason);
      return;
    }
    if (values[f.trigger] === undefined) return;
    const reason: Reason = { kind: "dependent", pointer: child(prefix, f.trigger) };
    if (f.kind === "dependentRequired") f.names.forEach((n) => activate(n, reason));
    else applyBranch(f.branch, reason);
  };
  section.fragments.forEach(applyFragment);
  return result;
}

function walkSection(ctx: Context, section: SectionNode, data: unknown, prefix: string, out: Entry[]): void {
  const values = isPlainObject(data) ? data : {};
  const active = activeNames(ctx, section, data, prefix);
  for (const node of section.children) {
    const activation = active.get(node.name);
    if (!activation) continue;
    const pointer = child(prefix, node.name);
    const value = values[node.name];
    if (node.kind === "section") walkSection(ctx, node, value, pointer, out);
    else if (node.kind === "question") {
      out.push({ kind: "question", node, pointer, required: activation.required, answered: value !== undefined, reason: activation.reason });
    } else {
      const items = Array.isArray(value) ? value : [];
      items.forEach((item, i) => walkSection(ctx, node.item, item, child(pointer, i), out));
      if (items.length < node.minItems && (activation.required || items.length > 0)) {
        walkSection(ctx, node.item, undefined, child(pointer, items.length), out);
      } else if (items.length < node.maxItems) {
        out.push({ kind: "more", node, pointer, required: activation.required, count: items.length });
      }
    }
  }
}

/** The entries of one item of a group as its own answers bring them in: what a row of an imported list is asked. */
export function itemEntriesOf(ctx: Context, group: GroupNode, item: unknown, itemPointer: string): Entry[] {
  const out: Entry[] = [];
  walkSection(ctx, group.item, item, itemPointer, out);
  return out;
}

/** Every question (and "add another?") the current answers make part of the application, in order. */
export function entriesOf(ctx: Context, answers: unknown): Entry[] {
  const out: Entry[] = [];
  walkSection(ctx, ctx.form.root, answers, "", out);
  return out;
}

/** Still to be asked: unanswered and required, or unanswered and not yet passed over. */
export function isPending(entry: Entry, skipped: ReadonlySet<string>): boolean {
  if (entry.kind === "more") return !skipped.has(entry.pointer);
  return !entry.answered && (entry.required || !skipped.has(entry.pointer));
}

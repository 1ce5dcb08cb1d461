/**
 * What changed between two versions of a form, question by question: added, removed, and changed in
 * type, choices, whether it is required, or the conditions (branches) that bring it in. Pure: it
 * compares two compiled forms and reads nothing else.
 */
import type { Form } from "../engine/form";
import { allNodes, type Branch, type Fragment, type SectionNode } from "../engine/model";
import { getAt, parsePointer } from "../engine/pointer";

export interface QuestionFacts {
  /** Answer template (`/people/*​/pay`). */
  template: string;
  kind: "question" | "group" | "section";
  type: string;
  choices: string[] | null;
  /** Required whatever the answers. */
  required: boolean;
  /** Each condition under which a branch brings the question in, in words; empty: not conditional. */
  conditions: string[];
}

export interface QuestionChange {
  template: string;
  field: "kind" | "type" | "choices" | "required" | "conditions";
  from: unknown;
  to: unknown;
}

export interface VersionDiff {
  formId: string;
  from: string;
  to: string;
  added: QuestionFacts[];
  removed: QuestionFacts[];
  changed: QuestionChange[];
}

const IGNORED_IN_CONDITION = new Set(["$comment", "description", "title"]);

function conditionText(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (IGNORED_IN_CONDITION.has(key) ? undefined : v));
}

/** The `if` of a fragment, read from the schema (the fragment keeps only where it is). */
function ifOf(form: Form, schemaPath: string): unknown {
  const at = getAt(form.schema, parsePointer(schemaPath));
  return at !== null && typeof at === "object" && "if" in at ? (at as { if: unknown }).if : at;
}

/** For each property name of a section, the conditions under which a branch brings it in. */
function conditionsOf(form: Form, section: SectionNode): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const note = (name: string, condition: string) => found.set(name, [...(found.get(name) ?? []), condition]);
  const walkBranch = (branch: Branch | undefined, context: string[]) => {
    if (!branch) return;
    for (const name of branch.required) note(name, context.join(" and "));
    for (const f of branch.fragments) walk(f, context);
  };
  const walk = (fragment: Fragment, context: string[]) => {
    switch (fragment.kind) {
      case "if": {
        const test = conditionText(ifOf(form, fragment.schemaPath));
        walkBranch(fragment.then, [...context, `if ${test}`]);
        walkBranch(fragment.else, [...context, `unless ${test}`]);
        return;
      }
      case "dependentRequired":
        for (const name of fragment.names) note(name, [...context, `when ${fragment.trigger} is answered`].join(" and "));
        return;
      case "dependentSchemas":
        walkBranch(fragment.branch, [...context, `when ${fragment.trigger} is answered`]);
        return;
    }
  };
  for (const f of section.fragments) walk(f, []);
  return found;
}

/** Every question, group and section of a form (the root left out) with what the diff compares. */
export function questionFacts(form: Form): Map<string, QuestionFacts> {
  const facts = new Map<string, QuestionFacts>();
  for (const node of allNodes(form.root)) {
    const section = node.kind === "section" ? node : node.kind === "group" ? node.item : undefined;
    if (!section) continue;
    const conditions = conditionsOf(form, section);
    for (const child of section.children) {
      facts.set(child.template, {
        template: child.template,
        kind: child.kind,
        type: child.kind === "question" ? `${child.valueType} (${child.widget})` : child.kind,
        choices: child.kind === "question" && child.choices ? child.choices.map((c) => JSON.stringify(c.value)) : null,
        required: section.required.includes(child.name),
        conditions: [...new Set(conditions.get(child.name) ?? [])].sort(),
      });
    }
  }
  return facts;
}

export function diffVersions(from: Form, to: Form): VersionDiff {
  const a = questionFacts(from);
  const b = questionFacts(to);
  const changed: QuestionChange[] = [];
  for (const [template, before] of a) {
    const after = b.get(template);
    if (!after) continue;
    for (const field of ["kind", "type", "choices", "required", "conditions"] as const) {
      if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) changed.push({ template, field, from: before[field], to: after[field] });
    }
  }
  return {
    formId: to.id,
    from: from.version,
    to: to.version,
    added: [...b.values()].filter((q) => !a.has(q.template)),
    removed: [...a.values()].filter((q) => !b.has(q.template)),
    changed,
  };
}

const show = (value: unknown): string =>
  Array.isArray(value) ? (value.length === 0 ? "(none)" : value.join("; ")) : value === null ? "(none)" : String(value);

/** The diff for a terminal, one line per question or change. */
export function formatVersionDiff(diff: VersionDiff): string[] {
  const lines = [`${diff.formId}: ${diff.from} → ${diff.to}`];
  const asked = (q: QuestionFacts) => (q.conditions.length > 0 ? `, asked ${q.conditions.join(" or ")}` : q.required ? ", required" : ", optional");
  for (const q of diff.added) lines.push(`  + ${q.template}  ${q.type}${asked(q)}`);
  for (const q of diff.removed) lines.push(`  - ${q.template}  ${q.type}${asked(q)}`);
  for (const c of diff.changed) lines.push(`  ~ ${c.template}  ${c.field}: ${show(c.from)} → ${show(c.to)}`);
  if (lines.length === 1) lines.push("  no question changed");
  lines.push(`${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`);
  return lines;
}

/**
 * The branching logic of a form, flattened: every `if`, `dependentRequired` and `dependentSchemas`
 * of every object (root, sections, group items), with the branch it sits in. Lint and the route
 * explorer both read the form through this.
 */
import { allNodes, type Fragment, type SectionNode } from "../engine/model";

export type Side = "then" | "else" | "branch";

export interface Condition {
  section: SectionNode;
  fragment: Fragment;
  /** The properties whose answers decide it: what the `if` names, or the trigger. */
  deciders: string[];
  /** The branch of an enclosing condition it is written in; it counts only while that applies. */
  parent?: { condition: Condition; side: Side };
}

/** What one side of a condition makes required: `then`/`else` of an `if`, or the dependent's list. */
export function namesOn(condition: Condition, side: Side): string[] {
  const f = condition.fragment;
  if (f.kind === "if") return (side === "then" ? f.then : side === "else" ? f.else : undefined)?.required ?? [];
  if (side !== "branch") return [];
  return f.kind === "dependentRequired" ? f.names : f.branch.required;
}

export const sidesOf = (f: Fragment): Side[] => (f.kind === "if" ? ["then", "else"] : ["branch"]);

export function conditionsOf(section: SectionNode): Condition[] {
  const out: Condition[] = [];
  const visit = (fragments: Fragment[], parent: Condition["parent"]) => {
    for (const fragment of fragments) {
      const condition: Condition = { section, fragment, deciders: fragment.kind === "if" ? fragment.names : [fragment.trigger], parent };
      out.push(condition);
      if (fragment.kind === "if") {
        if (fragment.then) visit(fragment.then.fragments, { condition, side: "then" });
        if (fragment.else) visit(fragment.else.fragments, { condition, side: "else" });
      } else if (fragment.kind === "dependentSchemas") visit(fragment.branch.fragments, { condition, side: "branch" });
    }
  };
  visit(section.fragments, undefined);
  return out;
}

export function sectionsOf(root: SectionNode): SectionNode[] {
  return [...allNodes(root)].filter((n): n is SectionNode => n.kind === "section");
}

/** Templates (`/people/*​/paid`) of every question whose answer decides a condition. */
export function decidingTemplates(root: SectionNode): Set<string> {
  const out = new Set<string>();
  for (const section of sectionsOf(root)) {
    for (const c of conditionsOf(section)) {
      for (const name of c.deciders) {
        const child = section.children.find((n) => n.name === name);
        if (child) out.add(child.template);
      }
    }
  }
  return out;
}

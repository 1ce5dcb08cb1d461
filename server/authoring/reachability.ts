/**
 * Conditions that can never be true or are always true, and the questions no combination of
 * answers can reach because of them. A conditional question is reachable when some branch that
 * brings it in can apply: its condition can go that way, the questions deciding it are reachable,
 * and so is every branch it is written in.
 */
import type { SectionNode } from "../engine/model";
import type { Finding, Note } from "./finding";
import { conditionsOf, namesOn, sidesOf, type Condition, type Side } from "./logic";
import type { SchemaLogic } from "./schema-logic";
import { verdictOf, type Verdict } from "./verdict";

const finding = (severity: Finding["severity"], code: string, pointer: string, message: string, fix: string): Finding => ({ severity, code, file: "schema.json", pointer, message, fix });

function sectionReport(section: SectionNode, logic: SchemaLogic): { findings: Finding[]; notes: Note[] } {
  const findings: Finding[] = [];
  const notes: Note[] = [];
  const conditions = conditionsOf(section);
  const verdicts = new Map<Condition, Verdict>();
  for (const c of conditions) {
    if (c.fragment.kind !== "if") continue;
    const verdict = verdictOf(section, c.fragment, logic.validatorAt);
    verdicts.set(c, verdict);
    const where = c.fragment.schemaPath;
    if (verdict.kind === "never") {
      findings.push(finding("error", "condition_never_true", where, "This condition can never be true: no combination of the answers it names satisfies it",
        c.fragment.else ? "Correct the values it compares with (see each property's choices), or remove it and keep the else branch unconditional." : "Correct the values it compares with (see each property's choices), or remove it."));
    } else if (verdict.kind === "always") {
      findings.push(finding("warning", "condition_always_true", where, "This condition is true whatever the answers",
        "Name the deciding property under the if's properties (with required), or make its then branch unconditional."));
    } else if (verdict.kind === "undecidable") {
      notes.push({ file: "schema.json", pointer: where, message: `not checked whether this condition can be true: ${verdict.reason}` });
    }
  }

  const reachable = new Set(section.children.filter((c) => !section.gated.has(c.name)).map((c) => c.name));
  const open = (c: Condition): boolean => c.deciders.every((d) => reachable.has(d)) && (!c.parent || sideOpen(c.parent.condition, c.parent.side));
  const sideOpen = (c: Condition, side: Side): boolean => {
    const verdict = verdicts.get(c)?.kind;
    if ((side === "then" && verdict === "never") || (side === "else" && verdict === "always")) return false;
    return open(c);
  };
  // Each pass can open branches decided by what the last one reached; it ends when nothing is added.
  for (let grown = true; grown; ) {
    grown = false;
    for (const c of conditions) {
      for (const side of sidesOf(c.fragment)) {
        if (!sideOpen(c, side)) continue;
        for (const name of namesOn(c, side).filter((n) => !reachable.has(n))) {
          reachable.add(name);
          grown = true;
        }
      }
    }
  }
  const whyClosed = (c: Condition, side: Side): string => {
    const verdict = verdicts.get(c)?.kind;
    if (side === "then" && verdict === "never") return `the condition at ${c.fragment.schemaPath} can never be true`;
    if (side === "else" && verdict === "always") return `the condition at ${c.fragment.schemaPath} is always true, so its else never applies`;
    const unasked = c.deciders.find((d) => !reachable.has(d));
    if (unasked !== undefined) return `${c.fragment.schemaPath} is decided by "${unasked}", which is never asked`;
    return c.parent ? whyClosed(c.parent.condition, c.parent.side) : "";
  };
  for (const child of section.children) {
    if (reachable.has(child.name)) continue;
    const reasons = conditions.flatMap((c) => sidesOf(c.fragment).filter((side) => namesOn(c, side).includes(child.name)).map((side) => whyClosed(c, side)));
    findings.push(finding("error", "unreachable_question", child.schemaPath, `"${child.template}" is never asked: ${[...new Set(reasons)].join("; ")}`,
      "Correct the condition that should bring it in, or remove the property."));
  }
  return { findings, notes };
}

/** Sections inside an unreachable property are not reported again: the property is. */
export function reachabilityReport(logic: SchemaLogic): { findings: Finding[]; notes: Note[] } {
  const findings: Finding[] = [];
  const notes: Note[] = [];
  const visit = (section: SectionNode) => {
    const report = sectionReport(section, logic);
    findings.push(...report.findings);
    notes.push(...report.notes);
    const unreachable = new Set(report.findings.filter((f) => f.code === "unreachable_question").map((f) => f.pointer));
    for (const child of section.children) {
      if (unreachable.has(child.schemaPath)) continue;
      if (child.kind === "section") visit(child);
      if (child.kind === "group") visit(child.item);
    }
  };
  visit(logic.root);
  return { findings, notes };
}

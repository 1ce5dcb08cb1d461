/**
 * Conditions that feed each other: a question that decides whether a second one is asked, while
 * the second (directly or over others) decides whether the first is. The engine settles branches
 * round by round; such a loop may never settle, and the applicant's answer is then refused.
 */
import type { Finding } from "./finding";
import { conditionsOf, namesOn, sectionsOf, sidesOf, type Condition } from "./logic";
import type { SectionNode } from "../engine/model";

const decidersWithin = (c: Condition): string[] => [...c.deciders, ...(c.parent ? decidersWithin(c.parent.condition) : [])];

/** The shortest loop back to `start` along "decides whether … is asked", if there is one. */
function loopFrom(start: string, edges: Map<string, Set<string>>): string[] | undefined {
  const queue: string[][] = [[start]];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const path = queue.shift()!;
    for (const next of edges.get(path.at(-1)!) ?? []) {
      if (next === start) return path;
      if (!seen.has(next)) {
        seen.add(next);
        queue.push([...path, next]);
      }
    }
  }
  return undefined;
}

export function cycleFindings(root: SectionNode): Finding[] {
  const findings: Finding[] = [];
  for (const section of sectionsOf(root)) {
    const edges = new Map<string, Set<string>>();
    for (const c of conditionsOf(section)) {
      const brought = sidesOf(c.fragment).flatMap((side) => namesOn(c, side));
      for (const decider of decidersWithin(c)) for (const name of brought) edges.set(decider, (edges.get(decider) ?? new Set()).add(name));
    }
    const reported = new Set<string>();
    for (const name of edges.keys()) {
      const loop = loopFrom(name, edges);
      if (!loop || loop.some((n) => reported.has(n))) continue;
      loop.forEach((n) => reported.add(n));
      const nodes = loop.map((n) => section.children.find((c) => c.name === n)!);
      findings.push({
        severity: "error",
        code: "conditions_feed_each_other",
        file: "schema.json",
        pointer: nodes[0]!.schemaPath,
        message: `The conditions of ${[...nodes, nodes[0]!].map((n) => `"${n.template}"`).join(" → ")} decide each other: each decides whether the next is asked, so the branches may never settle`,
        fix: `Let one of ${nodes.map((n) => `"${n.name}"`).join(", ")} be asked always, or decide it by a question outside this loop.`,
      });
    }
  }
  return findings;
}

/**
 * A conditional question declared before a question that decides it. The engine asks in the order
 * written, so the applicant would answer the later question and then be sent back up the form.
 */
import type { Finding } from "./finding";
import { conditionsOf, namesOn, sectionsOf, sidesOf, type Condition } from "./logic";
import type { SectionNode } from "../engine/model";

/** Every decider of a condition and of the branches it is written in. */
const decidersWithin = (c: Condition): string[] => [...c.deciders, ...(c.parent ? decidersWithin(c.parent.condition) : [])];

export function orderFindings(root: SectionNode): Finding[] {
  const findings: Finding[] = [];
  for (const section of sectionsOf(root)) {
    const position = new Map(section.children.map((c, i) => [c.name, i]));
    const reported = new Set<string>();
    for (const c of conditionsOf(section)) {
      const brought = sidesOf(c.fragment).flatMap((side) => namesOn(c, side));
      for (const name of brought) {
        for (const decider of decidersWithin(c)) {
          const before = position.get(name);
          const after = position.get(decider);
          if (before === undefined || after === undefined || before >= after || reported.has(`${name} ${decider}`)) continue;
          reported.add(`${name} ${decider}`);
          const node = section.children[before]!;
          findings.push({
            severity: "warning",
            code: "declared_before_decider",
            file: "schema.json",
            pointer: node.schemaPath,
            message: `"${node.template}" is declared before "${section.children[after]!.template}", which decides whether it is asked: the applicant would be sent back up the form`,
            fix: `Move "${name}" after "${decider}" under properties.`,
          });
        }
      }
    }
  }
  return findings;
}

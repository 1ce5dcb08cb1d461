/** Repeatable groups without bounds: forms/README.md asks for both minItems and maxItems. */
import { allNodes, type SectionNode } from "../engine/model";
import type { Finding } from "./finding";

export function groupFindings(root: SectionNode): Finding[] {
  const findings: Finding[] = [];
  for (const node of allNodes(root)) {
    if (node.kind !== "group") continue;
    for (const [keyword, why] of [
      ["minItems", "without it an applicant can finish with no item at all"],
      ["maxItems", "without it there is no limit to the items an applicant can add"],
    ] as const) {
      if (typeof node.schema[keyword] === "number") continue;
      findings.push({
        severity: "warning",
        code: `group_without_${keyword === "minItems" ? "min" : "max"}_items`,
        file: "schema.json",
        pointer: node.schemaPath,
        message: `The repeatable group "${node.template}" has no ${keyword}: ${why}`,
        fix: `Add "${keyword}" to ${node.schemaPath}.`,
      });
    }
  }
  return findings;
}

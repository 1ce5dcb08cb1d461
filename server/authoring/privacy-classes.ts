/** Questions without a privacy class: a de-identified export leaves them out, and the author should decide instead. */
import { allNodes, type SectionNode } from "../engine/model";
import { PRIVACY_CLASSES, privacyClassOf } from "../engine/privacy";
import type { Finding } from "./finding";

export function privacyClassFindings(root: SectionNode): Finding[] {
  return [...allNodes(root)].flatMap((node): Finding[] =>
    node.kind === "question" && privacyClassOf(node) === undefined
      ? [{
          severity: "warning",
          code: "missing_privacy_class",
          file: "schema.json",
          pointer: node.schemaPath,
          message: `The question "${node.template}" has no privacy class: a de-identified export leaves it out`,
          fix: `Add "x-privacy" (${PRIVACY_CLASSES.join(", ")}) to ${node.schemaPath}.`,
        }]
      : [],
  );
}

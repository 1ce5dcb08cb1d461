/**
 * Rules across answers (`$data`) that cannot work: Ajv skips a keyword whose `$data` pointer finds
 * no value, so a pointer that names no question of the form turns the rule off without a word.
 */
import { dataRulesOf, resolveDataPointer } from "../engine/cross-answer";
import { crossMessageKey } from "../engine/keyword-messages";
import { allNodes, type SchemaObject, type SectionNode } from "../engine/model";
import { templateOf } from "../engine/pointer";
import type { Finding } from "./finding";

export function dataReferenceFindings(schema: SchemaObject, root: SectionNode): Finding[] {
  const questions = new Set([...allNodes(root)].filter((n) => n.kind === "question").map((n) => n.template));
  return dataRulesOf(schema).flatMap((rule): Finding[] => {
    const pointer = rule.schemaPath.slice(1);
    const target = resolveDataPointer(rule.template, rule.data);
    if (target === undefined || !questions.has(templateOf(target))) {
      return [{
        severity: "error",
        code: "unresolved_data_reference",
        file: "schema.json",
        pointer,
        message: `"${rule.keyword}" takes its limit from "${rule.data}", which from ${rule.template} names no question of the form`,
        fix: 'Point "$data" at a question: relative to the answer checked ("1/start" is a question beside it) or absolute ("/period/start").',
      }];
    }
    if (crossMessageKey(rule.keyword)) return [];
    return [{
      severity: "warning",
      code: "keyword_without_message",
      file: "schema.json",
      pointer,
      message: `"${rule.keyword}" with "$data" has no message that names both answers; applicants read "This answer is not valid"`,
      fix: `Add "validation.cross.${rule.keyword}" to server/i18n/messages/validation/{en,de,ko}.json, or use one of the comparisons that have one.`,
    }];
  });
}

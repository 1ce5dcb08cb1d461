/**
 * What kind of data each answer is (`x-privacy`), and what a de-identified export makes of it.
 * The rule is one: an answer leaves an export only if its class is `none`, or if the form says how
 * to coarsen it (`x-export`). So identifiers never leave; names, contact details, free texts and
 * bank details of the classes `personal` and `financial` leave only coarsened (a birth year, a
 * pay band), and an answer without a class (or of an older version, unknown to the current one)
 * does not leave at all.
 */
import { coarseningOf, type CoarseningSpec } from "./coarsenings";
import type { QuestionNode } from "./model";

export const PRIVACY_CLASSES = ["identifier", "personal", "financial", "none"] as const;
export type PrivacyClass = (typeof PRIVACY_CLASSES)[number];

export const privacyClassOf = (question: QuestionNode): PrivacyClass | undefined => {
  const value = question.schema["x-privacy"];
  return (PRIVACY_CLASSES as readonly unknown[]).includes(value) ? (value as PrivacyClass) : undefined;
};

export type ExportTreatment = { kind: "drop" } | { kind: "keep" } | { kind: "coarsen"; coarsening: CoarseningSpec };

export function exportTreatment(question: QuestionNode): ExportTreatment {
  const privacy = privacyClassOf(question);
  if (privacy === undefined || privacy === "identifier") return { kind: "drop" };
  const coarsening = coarseningOf(question);
  if (coarsening) return { kind: "coarsen", coarsening };
  return privacy === "none" ? { kind: "keep" } : { kind: "drop" };
}

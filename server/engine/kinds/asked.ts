/**
 * A question of the form as its kind sees it (texts in the applicant's language, choices with
 * labels, bounds), and an answer shown back through its kind: the one way a value is written for
 * people on the review, in the chat, in the PDF and in messages.
 */
import type { Language } from "../../i18n/languages";
import { t } from "../../i18n/translate";
import type { Form } from "../form";
import type { FormNode, QuestionNode } from "../model";
import { choiceLabel, fieldText } from "../texts";
import { KINDS } from "./index";
import { schemaNumber, type Asked } from "./kind";

export function askedOf(form: Form, lang: Language, node: QuestionNode, required = true): Asked {
  const texts = fieldText(form, lang, node.template);
  const choices = node.choices ?? (node.answerKind === "yesno" ? [{ value: true }, { value: false }] : undefined);
  return {
    answerKind: node.answerKind,
    required,
    widget: node.widget,
    valueType: node.valueType,
    unit: node.unit,
    choices: choices?.map((c) => ({ value: c.value, label: choiceLabel(form, lang, node, c.value), synonyms: texts?.synonyms?.[String(c.value)] })),
    minimum: schemaNumber(node.schema, "minimum") ?? schemaNumber(node.schema, "exclusiveMinimum"),
    maximum: schemaNumber(node.schema, "maximum") ?? schemaNumber(node.schema, "exclusiveMaximum"),
    pattern: node.pattern,
    format: node.format,
  };
}

/** An answer as the applicant reads it back: labels, grouped numbers with units, long dates. */
export function displayValue(form: Form, lang: Language, node: FormNode, value: unknown): string {
  if (value === undefined || value === null) return t(lang, "answer.none");
  if (node.kind !== "question") return "";
  return KINDS[node.answerKind].show(value, askedOf(form, lang, node), lang);
}

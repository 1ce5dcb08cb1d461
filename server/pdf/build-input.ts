/** The PDF's content from the stored submission alone, so that re-rendering it gives the same document. */
import type { Form } from "../engine/form";
import { newSession } from "../engine/session";
import { derivedView, summaryOf } from "../engine/present";
import type { Language } from "../i18n/languages";
import type { ApplicationPdfInput } from "./input";

export interface SubmittedData {
  answers: Record<string, unknown>;
  language: Language;
  reference: string;
  submittedAt: string;
  declared?: ApplicationPdfInput["declared"];
}

export function pdfInputOf(form: Form, data: SubmittedData): ApplicationPdfInput {
  const session = { ...newSession(), answers: data.answers };
  const texts = form.locales[data.language].form;
  return {
    formId: form.id,
    formVersion: form.version,
    language: data.language,
    authority: texts.authority,
    title: texts.title,
    reference: data.reference,
    submittedAt: data.submittedAt,
    sections: summaryOf(form, session, data.language, { answeredOnly: true }),
    derived: derivedView(form, session, data.language),
    declaration: texts.declaration,
    declared: data.declared,
  };
}

/** What the PDF of a submitted application shows; everything already in the applicant's language. */
import type { Language } from "../i18n/languages";
import type { SummarySection, DerivedView } from "../engine/present";

export interface ApplicationPdfInput {
  formId: string;
  formVersion: string;
  language: Language;
  authority: string;
  title: string;
  reference: string;
  /** ISO timestamp; it is also the PDF's creation date, so re-rendering gives the same bytes. */
  submittedAt: string;
  sections: SummarySection[];
  derived: DerivedView;
  declaration: string;
  /** How that text was declared: which version of it, when, and in which channel; absent in previews, where nobody declared anything. */
  declared?: { version: string; at: string; channel: "pages" | "chat" | "api" };
}

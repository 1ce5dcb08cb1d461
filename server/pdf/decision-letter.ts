/**
 * The decision letter the applicant downloads: templates/decision-letter.hbs turns the stored
 * decision into layout blocks, drawn like the application PDF. It is rendered on request, never
 * stored, so its bytes must depend on the decision alone: the creation date is the decision's.
 */
import type { Form } from "../engine/form";
import { summaryOf } from "../engine/present";
import { formatDate } from "../engine/format";
import type { ApplicationRecord, Decision } from "../store/store";
import { LOCALE_TAG, type Language } from "../i18n/languages";
import { t } from "../i18n/translate";
import { amountText } from "../applications/timeline";
import { templateFile, type Block } from "./template";
import { drawDocument } from "./draw";

/** Everything already in the applicant's language. */
export interface DecisionLetterInput {
  language: Language;
  authority: string;
  /** The form's title. */
  title: string;
  reference: string;
  /** Who applied, when the answers say so. */
  applicant: string | null;
  outcome: Decision["outcome"];
  /** The amount granted, formatted. */
  amount: string | null;
  reason: string;
  /** ISO timestamp of the decision: when it became final, with the second person's confirmation if it needed one. */
  decidedAt: string;
  caseworker: string | null;
  /** The supervisor who confirmed an approval above the form's approval limit. */
  secondPerson: string | null;
}

const loadTemplate = templateFile(new URL("../../templates/decision-letter.hbs", import.meta.url));

/**
 * Forms name the applicant differently (a business, a person), so the letter takes the first answer
 * of the first section, which is where forms ask who is applying.
 */
export function letterInputOf(form: Form, record: ApplicationRecord, decision: Decision, caseworker: string | null, secondPerson: string | null): DecisionLetterInput {
  const lang = record.language;
  const texts = form.locales[lang].form;
  const answers = record.session.answers;
  return {
    language: lang,
    authority: texts.authority,
    title: texts.title,
    reference: record.reference ?? "",
    applicant: summaryOf(form, record.session, lang, { answeredOnly: true })[0]?.rows[0]?.value ?? null,
    outcome: decision.outcome,
    amount: decision.amount === null ? null : amountText(form, answers, decision.amount, lang),
    reason: decision.reason,
    decidedAt: decision.confirmedAt ?? decision.decidedAt,
    caseworker,
    secondPerson,
  };
}

/** What the template sees; templates/decision-letter.hbs lists it. */
function viewOf(input: DecisionLetterInput) {
  const lang = input.language;
  return {
    ...input,
    decidedAt: formatDate(input.decidedAt.slice(0, 10), lang),
    outcome: t(lang, `letter.outcome.${input.outcome}`),
    closing: t(lang, "letter.closing"),
    regards: t(lang, "letter.regards", { name: input.caseworker ?? input.authority }),
    labels: {
      letter: t(lang, "letter.title"),
      form: t(lang, "letter.form"),
      reference: t(lang, "letter.reference"),
      applicant: t(lang, "letter.applicant"),
      decidedAt: t(lang, "letter.decided_at"),
      decision: t(lang, "letter.decision"),
      outcome: t(lang, "letter.outcome"),
      amount: t(lang, "letter.amount"),
      reason: t(lang, "letter.reason"),
      caseworker: t(lang, "letter.caseworker"),
      secondPerson: t(lang, "approval.letter.confirmed_by"),
    },
  };
}

function decidedDate(input: DecisionLetterInput): Date {
  const date = new Date(input.decidedAt);
  if (Number.isNaN(date.getTime())) throw new Error(`decidedAt is not a timestamp: ${input.decidedAt}`);
  return date;
}

export async function decisionBlocks(input: DecisionLetterInput): Promise<Block[]> {
  return (await loadTemplate())(viewOf(input));
}

export async function renderDecisionLetter(input: DecisionLetterInput): Promise<Buffer> {
  return drawDocument(await decisionBlocks(input), {
    title: `${t(input.language, "letter.title")} – ${input.title}`,
    author: input.authority,
    subject: input.reference,
    lang: LOCALE_TAG[input.language],
    created: decidedDate(input),
    footerLeft: input.reference,
    footerRight: (page, pages) => t(input.language, "pdf.page", { page, pages }),
  });
}

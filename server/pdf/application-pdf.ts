/**
 * The PDF a caseworker reads: a handlebars template turns the application into layout blocks, and
 * pdfkit draws them. The same input always gives the same bytes.
 */
import { formatTimestamp } from "../engine/format";
import { LOCALE_TAG } from "../i18n/languages";
import { t } from "../i18n/translate";
import type { ApplicationPdfInput } from "./input";
import { compileTemplate, templateFile, type Block } from "./template";
import { drawDocument } from "./draw";
import { withItemTables } from "./item-tables";

const loadDefaultTemplate = templateFile(new URL("../../templates/application-pdf.hbs", import.meta.url));

function submittedDate(input: ApplicationPdfInput): Date {
  const date = new Date(input.submittedAt);
  if (Number.isNaN(date.getTime())) throw new Error(`submittedAt is not a timestamp: ${input.submittedAt}`);
  return date;
}

/** What a template sees; templates/application-pdf.hbs lists it. */
function viewOf(input: ApplicationPdfInput, submitted: Date) {
  const lang = input.language;
  const status = (passed: boolean | null) => t(lang, passed === null ? "pdf.undecided" : passed ? "pdf.passed" : "pdf.failed");
  return {
    formId: input.formId,
    formVersion: input.formVersion,
    language: lang,
    authority: input.authority,
    title: input.title,
    reference: input.reference,
    submittedAt: formatTimestamp(submitted, lang),
    declaration: input.declaration,
    declared: input.declared && t(lang, "submission.declared", {
      at: formatTimestamp(new Date(input.declared.at), lang),
      channel: t(lang, `submission.channel_${input.declared.channel}`),
      version: input.declared.version,
    }),
    sections: withItemTables(input.sections),
    estimate: input.derived.values,
    payable: input.derived.eligible !== false,
    unmet: input.derived.rules.filter((rule) => rule.passed === false).map((rule) => rule.message),
    rules: input.derived.rules.map((rule) => ({ ...rule, status: status(rule.passed) })),
    labels: {
      reference: t(lang, "pdf.reference"),
      submittedAt: t(lang, "pdf.submittedAt"),
      estimate: t(lang, "pdf.estimate"),
      estimateNote: t(lang, "pdf.estimate_note"),
      notPayable: t(lang, "pdf.estimate_not_payable"),
      eligibility: t(lang, "pdf.eligibility"),
      declaration: t(lang, "pdf.declaration"),
    },
  };
}

/** The layout blocks of the application; `template` is the source of a form's own template, by default templates/application-pdf.hbs. */
export async function applicationBlocks(input: ApplicationPdfInput, template?: string): Promise<Block[]> {
  const compiled = template === undefined ? await loadDefaultTemplate() : compileTemplate(template);
  return compiled(viewOf(input, submittedDate(input)));
}

export async function renderApplicationPdf(input: ApplicationPdfInput, template?: string): Promise<Buffer> {
  const blocks = await applicationBlocks(input, template);
  return drawDocument(blocks, {
    title: input.title,
    author: input.authority,
    subject: input.reference,
    lang: LOCALE_TAG[input.language],
    created: submittedDate(input),
    footerLeft: input.reference,
    footerRight: (page, pages) => t(input.language, "pdf.page", { page, pages }),
  });
}

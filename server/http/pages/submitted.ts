/** After submitting: the confirmation with the reference, the PDF, and the status. Read-only from here on. */
import { Router, type Request, type Response } from "express";
import { submittedPdf, type Services } from "../../applications/service";
import type { ApplicationStatus } from "../../store/store";
import { LOCALE_TAG } from "../../i18n/languages";
import { t, type MessageKey } from "../../i18n/translate";
import { isEditable, withApplication, type Opened } from "./auth";
import { applicationPaths } from "./paths";
import { render, renderProblem } from "./render";

const STATUS: Record<ApplicationStatus, MessageKey> = {
  draft: "page.status.draft",
  submitted: "page.status.submitted",
  assigned: "page.status.assigned",
  in_review: "page.status.in_review",
  more_information: "page.status.more_information",
  approved: "page.status.approved",
  rejected: "page.status.rejected",
};

/** The confirmation, also shown instead of any change tried on a submitted application, with why in `notices`. */
export function renderSubmitted(req: Request, res: Response, { record, form }: Opened, status = 200, notices: string[] = []): void {
  const lang = record.language;
  const paths = applicationPaths(record.id);
  render(req, res, {
    view: "confirmation",
    lang,
    status,
    title: t(lang, "page.confirmation.title"),
    returnTo: paths.confirmation,
    notices,
    reference: record.reference,
    authority: form.locales[lang].form.authority,
    paths,
  });
}

/** Never submitted: there is nothing to confirm yet, so the applicant continues where they are. */
const unsubmitted = (res: Response, { record }: Opened) => res.redirect(303, applicationPaths(record.id).show);

export function submittedPages(services: Services): Router {
  const router = Router();

  router.get("/applications/:id/confirmation", withApplication(services, async (req, res, opened) => {
    if (!opened.record.reference) return unsubmitted(res, opened);
    renderSubmitted(req, res, opened);
  }));

  router.get("/applications/:id/status", withApplication(services, async (req, res, opened) => {
    const { record } = opened;
    if (!record.reference || !record.submittedAt) return unsubmitted(res, opened);
    const lang = record.language;
    const submittedAt = new Intl.DateTimeFormat(LOCALE_TAG[lang], { dateStyle: "long", timeStyle: "long", timeZone: "UTC" }).format(new Date(record.submittedAt));
    render(req, res, {
      view: "status",
      lang,
      title: t(lang, "page.status.title"),
      reference: record.reference,
      statusText: t(lang, STATUS[record.status]),
      submittedAt,
      editable: isEditable(record),
      paths: applicationPaths(record.id),
    });
  }));

  router.get("/applications/:id/pdf", withApplication(services, async (req, res, { record }) => {
    const pdf = await submittedPdf(services, record);
    const paths = applicationPaths(record.id);
    if (!pdf.ok) return renderProblem(req, res, record.language, pdf.status, pdf.problems.map((p) => p.message), [{ href: paths.show, text: t(record.language, "page.continue_application") }]);
    res.type("application/pdf").set("Content-Disposition", `inline; filename="${record.reference}.pdf"`).send(pdf.value);
  }));

  return router;
}

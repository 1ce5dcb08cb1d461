/**
 * After submitting: the confirmation with the reference and the PDF, and the status page that
 * follows the case from there: what happened so far, what the caseworker asks for, the decision
 * and its letter. Read-only, except for the way back to the questions a caseworker reopened.
 */
import { Router, type Request, type Response } from "express";
import { decisionLetter, submittedPdf, timelineFor, type Result, type Services } from "../../applications/service";
import type { TimelineKind } from "../../applications/timeline";
import { finalDecision } from "../../applications/workflow";
import type { ApplicationStatus } from "../../store/store";
import { t, type MessageKey } from "../../i18n/translate";
import { withApplication, type Opened } from "./auth";
import { applicationPaths } from "./paths";
import { render, renderProblem } from "./render";

const STATUS: Record<ApplicationStatus, MessageKey> = {
  draft: "page.status.draft",
  submitted: "page.status.submitted",
  assigned: "page.status.assigned",
  in_review: "page.status.in_review",
  more_information: "page.status.more_information",
  // Not final until the second person confirms it: to the applicant, the case is still in review.
  pending_approval: "page.status.in_review",
  approved: "page.status.approved",
  rejected: "page.status.rejected",
};

interface Shown {
  status?: number;
  /** Why the confirmation is shown instead of the page asked for. */
  notices?: string[];
  /** Sent again with the information a caseworker asked for. */
  resubmitted?: boolean;
}

/** The confirmation, also shown instead of any change tried on a submitted application. */
export function renderSubmitted(req: Request, res: Response, { record, form }: Opened, shown: Shown = {}): void {
  const lang = record.language;
  const paths = applicationPaths(record.id);
  render(req, res, {
    view: "confirmation",
    lang,
    status: shown.status,
    title: t(lang, shown.resubmitted ? "status.resubmitted" : "page.confirmation.title"),
    returnTo: paths.confirmation,
    notices: shown.notices ?? [],
    reference: record.reference,
    authority: form.locales[lang].form.authority,
    paths,
    privacyFormId: form.id,
  });
}

/** Never submitted: there is nothing to confirm yet, so the applicant continues where they are. */
const unsubmitted = (res: Response, { record }: Opened) => res.redirect(303, applicationPaths(record.id).show);

const DECIDED: ReadonlySet<TimelineKind> = new Set(["approved", "rejected"]);

async function renderStatus(services: Services, req: Request, res: Response, { record, form }: Opened): Promise<void> {
  const lang = record.language;
  const timeline = await timelineFor(services, form, record);
  // The request and the decision as the timeline tells them, so that both say the same.
  const latest = (wanted: (kind: TimelineKind) => boolean) => timeline.filter((e) => wanted(e.kind)).at(-1);
  render(req, res, {
    view: "status",
    lang,
    title: t(lang, "page.status.title"),
    reference: record.reference,
    statusText: t(lang, STATUS[record.status]),
    timeline,
    request: record.status === "more_information" ? latest((kind) => kind === "more_information") : undefined,
    decision: finalDecision(record) ? latest((kind) => DECIDED.has(kind)) : undefined,
    paths: applicationPaths(record.id),
    privacyFormId: form.id,
  });
}

/** A PDF of a submitted application, or a page saying why there is none, with the way back to its status. */
function pdfRoute(services: Services, pdfOf: (opened: Opened) => Promise<Result<Buffer>>, fileName: (reference: string | null) => string, options: { whenDecided?: boolean } = {}) {
  return withApplication(services, async (req, res, opened) => {
    const { record } = opened;
    const pdf = await pdfOf(opened);
    const paths = applicationPaths(record.id);
    const wayOn = record.reference ? { href: paths.status, text: t(record.language, "page.confirmation.status") } : { href: paths.show, text: t(record.language, "page.continue_application") };
    if (!pdf.ok) return renderProblem(req, res, record.language, pdf.status, pdf.problems.map((p) => p.message), [wayOn]);
    res.type("application/pdf").set("Content-Disposition", `inline; filename="${fileName(record.reference)}"`).send(pdf.value);
  }, options);
}

export function submittedPages(services: Services): Router {
  const router = Router();

  router.get("/applications/:id/confirmation", withApplication(services, async (req, res, opened) => {
    if (!opened.record.reference) return unsubmitted(res, opened);
    const latest = await services.store.getSubmission(opened.record.id);
    renderSubmitted(req, res, opened, { resubmitted: (latest?.version ?? 1) > 1 });
  }));

  router.get("/applications/:id/status", withApplication(services, async (req, res, opened) => {
    if (!opened.record.reference) return unsubmitted(res, opened);
    await renderStatus(services, req, res, opened);
  }, { whenDecided: true }));

  router.get("/applications/:id/pdf", pdfRoute(services, ({ record }) => submittedPdf(services, record), (reference) => `${reference}.pdf`));
  router.get("/applications/:id/letter", pdfRoute(services, ({ form, record }) => decisionLetter(services, form, record), (reference) => `${reference}-decision.pdf`, { whenDecided: true }));

  return router;
}

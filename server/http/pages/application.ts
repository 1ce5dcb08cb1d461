/** The steps of a draft: the current question or the review, and every move the applicant makes on them. */
import { Router, type Request, type Response } from "express";
import {
  answerOne, changeAnswer, goBack, removeGroupItem, submitApplication, type Failure, type Result, type Services,
} from "../../applications/service";
import { stateOf } from "../../engine/present";
import { isPlainObject, isPointer, templateOf } from "../../engine/pointer";
import { titleOf } from "../../engine/texts";
import { t } from "../../i18n/translate";
import { isEditable, withApplication, type Opened } from "./auth";
import { applicationPaths } from "./paths";
import { questionPage, type Shown } from "./question";
import { reviewPage, type ReviewShown } from "./review";
import { render, renderNotFound, renderProblem } from "./render";
import { renderSubmitted } from "./submitted";
import { requestedPage } from "./paging";

function showStep(req: Request, res: Response, { form, record }: Opened, status = 200, shown: Shown & ReviewShown = {}): void {
  const state = stateOf(form, record.session, record.language);
  const page = state.step.kind === "question" ? questionPage(form, record, state, state.step, shown) : reviewPage(form, record, state, shown);
  render(req, res, { ...page, status, privacyFormId: form.id });
}

function failed(req: Request, res: Response, opened: Opened, failure: Failure): void {
  const messages = failure.problems.map((p) => p.message);
  // Submitted meanwhile (another tab): the confirmation says so and shows the way on.
  if (failure.problems.some((p) => p.code === "already_submitted")) return renderSubmitted(req, res, opened, { status: failure.status, notices: messages });
  const lang = opened.record.language;
  renderProblem(req, res, lang, failure.status, messages, [{ href: applicationPaths(opened.record.id).show, text: t(lang, "page.continue_application") }]);
}

/** After a move, the applicant sees the step it leads to (post, redirect, get); an invalid one is shown again with its problems. */
function afterMove(req: Request, res: Response, opened: Opened, result: Result<unknown>, shown: Shown = {}, query = ""): void {
  if (result.ok) return res.redirect(303, applicationPaths(opened.record.id).show + query);
  if (result.status === 422) return showStep(req, res, opened, 422, { ...shown, problems: result.problems });
  failed(req, res, opened, result);
}

const posted = (req: Request, name: string): unknown => (isPlainObject(req.body) ? req.body[name] : undefined);
const pointerOf = (req: Request): string => String(posted(req, "pointer") ?? "");

/** Changes to a submitted application show the confirmation instead: never a dead end. */
function withDraft(services: Services, handler: (req: Request, res: Response, opened: Opened) => Promise<void>) {
  return withApplication(services, async (req, res, opened) => {
    if (!isEditable(opened.record)) return renderSubmitted(req, res, opened, { status: 409, notices: [t(opened.record.language, "service.already_submitted")] });
    await handler(req, res, opened);
  });
}

export function stepPages(services: Services): Router {
  const router = Router();

  router.get("/applications/:id", withApplication(services, async (req, res, opened) => {
    // What happens to it now is what an applicant coming back to a submitted application wants to know.
    if (!isEditable(opened.record)) return res.redirect(303, applicationPaths(opened.record.id).status);
    showStep(req, res, opened, 200, { read: typeof req.query.read === "string" ? req.query.read : undefined, page: requestedPage(req.query.page) });
  }, { whenDecided: true }));

  router.post("/applications/:id/answer", withDraft(services, async (req, res, opened) => {
    const pointer = pointerOf(req);
    const value = posted(req, "value");
    const result = await answerOne(services, opened.form, opened.record, pointer, value);
    const read = result.ok && result.value.outcome.interpreted ? `?read=${encodeURIComponent(pointer)}` : "";
    afterMove(req, res, opened, result, { entered: { pointer, value } }, read);
  }));

  router.post("/applications/:id/back", withDraft(services, async (req, res, opened) => {
    afterMove(req, res, opened, await goBack(services, opened.form, opened.record));
  }));

  // An old "Change" link still works: it asks, and the button posts.
  router.get("/applications/:id/change", withDraft(services, async (req, res, opened) => {
    const pointer = typeof req.query.pointer === "string" ? req.query.pointer : "";
    const { form, record } = opened;
    const node = isPointer(pointer) ? form.nodes.get(templateOf(pointer)) : undefined;
    const lang = record.language;
    if (!node) return renderNotFound(req, res, lang);
    render(req, res, {
      view: "change",
      lang,
      title: t(lang, "session.change.title"),
      question: t(lang, "session.change.question", { question: titleOf(form, lang, node.template) }),
      pointer,
      paths: applicationPaths(record.id),
      privacyFormId: form.id,
    });
  }));

  router.post("/applications/:id/change", withDraft(services, async (req, res, opened) => {
    const pointer = pointerOf(req);
    const result = await changeAnswer(services, opened.form, opened.record, pointer);
    if (!result.ok && result.status === 422) return failed(req, res, opened, result);
    afterMove(req, res, opened, result);
  }));

  router.post("/applications/:id/remove", withDraft(services, async (req, res, opened) => {
    afterMove(req, res, opened, await removeGroupItem(services, opened.form, opened.record, pointerOf(req)));
  }));

  router.post("/applications/:id/submit", withDraft(services, async (req, res, opened) => {
    if (!posted(req, "declaration")) return showStep(req, res, opened, 422, { declarationMissing: true });
    const result = await submitApplication(services, opened.form, opened.record, true, "pages");
    if (result.ok) return res.redirect(303, applicationPaths(opened.record.id).confirmation);
    afterMove(req, res, opened, result);
  }));

  return router;
}

/**
 * The form author's preview (`npm run dev`): every package under the forms root as it is on disk
 * now, its lint findings, any question at once, any example filled in, and the PDF, with the
 * session carried in the address so that nothing is ever stored as an application.
 */
import { Router, type Request, type Response } from "express";
import type { Form } from "../../engine/form";
import { answer, answerMany, back, removeItem, type Outcome } from "../../engine/flow";
import { isPlainObject } from "../../engine/pointer";
import { stateOf } from "../../engine/present";
import { newSession, type Session } from "../../engine/session";
import type { Language } from "../../i18n/languages";
import { t } from "../../i18n/translate";
import { pdfInputOf } from "../../pdf/build-input";
import { renderApplicationPdf } from "../../pdf/application-pdf";
import { readOptional } from "../../authoring/package-files";
import { requestLanguage } from "../language";
import { render, renderNotFound, renderProblem } from "../pages/render";
import type { PackageSource, PreviewPackage } from "./packages";
import { formPage, indexPage, jumpTo, PREVIEW_REFERENCE, previewQuestionPage, previewReviewPage } from "./pages";
import { previewPaths } from "./paths";
import { decodeSession } from "./state";

interface Opened {
  lang: Language;
  id: string;
  pkg: PreviewPackage;
  form: Form;
  session: Session;
}

const posted = (req: Request, name: string): unknown => (isPlainObject(req.body) ? req.body[name] : undefined);
const queried = (req: Request, name: string): string | undefined => (typeof req.query[name] === "string" ? req.query[name] : undefined);

/** The package, its form and the session in `state`; answers the request itself when one of them is missing. */
function withForm(source: PackageSource, handler: (req: Request, res: Response, opened: Opened) => Promise<void> | void) {
  return async (req: Request, res: Response) => {
    const lang = requestLanguage(req);
    const id = String(req.params.formId);
    const pkg = await source.get(id);
    if (!pkg) return renderNotFound(req, res, lang);
    const overview = [{ href: previewPaths(id, newSession()).overview, text: t(lang, "preview.form.back") }];
    const form = pkg.loaded.form;
    if (!form) return renderProblem(req, res, lang, 422, [t(lang, "preview.form.does_not_load", { id })], overview);
    const session = decodeSession(req.query.state);
    if (!session) return renderProblem(req, res, lang, 400, [t(lang, "preview.bad_state")], overview);
    await handler(req, res, { lang, id, pkg, form, session });
  };
}

function showStep(req: Request, res: Response, { form, session, lang }: Opened, status = 200, shown: Parameters<typeof previewQuestionPage>[4] = {}): void {
  const { step } = stateOf(form, session, lang);
  const page = step.kind === "question" ? previewQuestionPage(form, session, lang, step, shown) : previewReviewPage(form, session, lang);
  render(req, res, { ...page, status });
}

/** Post, redirect, get, as on the applicant pages; a refused answer is shown again with its problems. */
function afterMove(req: Request, res: Response, opened: Opened, outcome: Outcome, entered?: { pointer: string; value: unknown }): void {
  if (outcome.problems.length === 0) return res.redirect(303, previewPaths(opened.id, outcome.session).step);
  const jumped = entered && jumpTo(opened.form, opened.session, entered.pointer, opened.lang);
  if (!jumped) return renderProblem(req, res, opened.lang, 422, outcome.problems.map((p) => p.message), [{ href: previewPaths(opened.id, opened.session).step, text: t(opened.lang, "page.continue") }]);
  const page = previewQuestionPage(opened.form, jumped.session, opened.lang, jumped.step, { problems: outcome.problems, entered, inactive: jumped.inactive });
  render(req, res, { ...page, status: 422 });
}

/** A generated route (`?route=`) or a worked example of the package (`?file=examples/….json`). */
function exampleAnswers(req: Request, { pkg, form }: Opened): Record<string, unknown> | undefined {
  const route = queried(req, "route");
  if (route !== undefined) return /^\d+$/.test(route) ? pkg.routes[Number(route)]?.answers : undefined;
  const file = queried(req, "file");
  return form.examples.find((e) => e.file === file)?.answers;
}

export function previewPages(source: PackageSource): Router {
  const router = Router();

  router.get("/", async (req, res) => {
    const ids = await source.ids();
    // A folder removed meanwhile is left out.
    const packages = (await Promise.all(ids.map(async (id) => ({ id, pkg: await source.get(id) })))).flatMap(({ id, pkg }) => (pkg ? [{ id, pkg }] : []));
    render(req, res, indexPage(requestLanguage(req), packages));
  });

  router.get("/:formId", async (req, res) => {
    const lang = requestLanguage(req);
    const id = String(req.params.formId);
    const pkg = await source.get(id);
    if (!pkg) return renderNotFound(req, res, lang);
    render(req, res, formPage(lang, id, pkg, source.revision(id)));
  });

  router.get("/:formId/revision", async (req, res) => {
    const id = String(req.params.formId);
    if (!(await source.ids()).includes(id)) return renderNotFound(req, res, requestLanguage(req));
    res.json({ revision: source.revision(id) });
  });

  router.get("/:formId/step", withForm(source, (req, res, opened) => showStep(req, res, opened)));

  router.get("/:formId/question", withForm(source, (req, res, opened) => {
    const jumped = jumpTo(opened.form, opened.session, queried(req, "pointer") ?? "", opened.lang);
    if (!jumped) return renderNotFound(req, res, opened.lang);
    render(req, res, previewQuestionPage(opened.form, jumped.session, opened.lang, jumped.step, { inactive: jumped.inactive }));
  }));

  router.post("/:formId/answer", withForm(source, (req, res, opened) => {
    const pointer = String(posted(req, "pointer") ?? "");
    const value = posted(req, "value");
    afterMove(req, res, opened, answer(opened.form, opened.session, pointer, value, opened.lang), { pointer, value });
  }));

  router.post("/:formId/back", withForm(source, (_req, res, opened) => {
    res.redirect(303, previewPaths(opened.id, back(opened.form, opened.session)).step);
  }));

  router.post("/:formId/remove", withForm(source, (req, res, opened) => {
    afterMove(req, res, opened, removeItem(opened.form, opened.session, String(posted(req, "pointer") ?? ""), opened.lang));
  }));

  router.get("/:formId/review", withForm(source, (req, res, opened) => render(req, res, previewReviewPage(opened.form, opened.session, opened.lang))));

  router.get("/:formId/example", withForm(source, (req, res, opened) => {
    const answers = exampleAnswers(req, opened);
    if (!answers) return renderNotFound(req, res, opened.lang);
    const outcome = answerMany(opened.form, newSession(), answers, opened.lang);
    if (outcome.problems.length > 0) return afterMove(req, res, opened, outcome);
    res.redirect(303, previewPaths(opened.id, outcome.session).review);
  }));

  router.get("/:formId/pdf", withForm(source, async (_req, res, { form, session, lang, pkg }) => {
    const input = pdfInputOf(form, { answers: session.answers, language: lang, reference: PREVIEW_REFERENCE, submittedAt: new Date().toISOString() });
    const pdf = await renderApplicationPdf(input, await readOptional(pkg.loaded.dir, "pdf.hbs"));
    res.type("application/pdf").setHeader("Content-Disposition", `inline; filename="${form.id}-preview.pdf"`);
    res.send(pdf);
  }));

  return router;
}

/** The way in: the list of forms, a form's start page, and starting an application. */
import { Router, type Request, type RequestHandler } from "express";
import { openApplication, startApplication, type Services } from "../../applications/service";
import type { Form } from "../../engine/form";
import { formatDate } from "../../engine/format";
import type { Language } from "../../i18n/languages";
import { t } from "../../i18n/translate";
import { requestLanguage } from "../language";
import { heldApplicationIds, isEditable, rememberToken, tokenOf } from "./auth";
import { applicationPaths } from "./paths";
import { render, renderNotFound, renderProblem } from "./render";

const formPath = (form: Form) => `/forms/${encodeURIComponent(form.id)}`;

/** Shows the links to the chat, which needs JavaScript: without it, the pages are the way. */
export const CHAT_LINK = "/assets/chat-link.js";

/** Applications of this form the browser still holds a cookie for: the quickest way back in. */
async function heldApplications(services: Services, req: Request, form: Form, lang: Language) {
  const held = [];
  for (const id of heldApplicationIds(req, 10)) {
    const opened = await openApplication(services, id, tokenOf(req, id), lang);
    if (!opened.ok || opened.value.record.formId !== form.id) continue;
    const { record } = opened.value;
    const paths = applicationPaths(record.id);
    const date = formatDate(record.createdAt.slice(0, 10), lang);
    held.push(isEditable(record)
      ? { href: paths.show, text: t(lang, "page.start.resume_held", { date }) }
      : { href: paths.status, text: t(lang, "page.start.submitted_held", { reference: record.reference }) });
  }
  return held;
}

/** Starts an application of the form in the path, gives the browser its token, and goes on to `next`. */
export function startAndGo(services: Services, options: { secure: boolean }, next: (id: string) => string): RequestHandler {
  return async (req, res) => {
    const lang = requestLanguage(req);
    const started = await startApplication(services, String(req.params.formId), lang);
    if (!started.ok) return started.status === 404 ? renderNotFound(req, res, lang) : renderProblem(req, res, lang, started.status, started.problems.map((p) => p.message));
    const { record, token } = started.value;
    rememberToken(req, res, record.id, token, options.secure);
    res.redirect(303, next(record.id));
  };
}

export function formPages(services: Services, options: { createLimiter: RequestHandler; secure: boolean }): Router {
  const router = Router();

  router.get("/", (req, res) => {
    const lang = requestLanguage(req);
    const forms = services.registry.all().map((form) => ({ href: formPath(form), title: form.locales[lang].form.title, purpose: form.locales[lang].form.purpose }));
    render(req, res, { view: "home", lang, title: t(lang, "page.home.title"), forms });
  });

  router.get("/forms/:formId", async (req, res) => {
    const lang = requestLanguage(req);
    const form = services.registry.get(String(req.params.formId));
    if (!form) return renderNotFound(req, res, lang);
    const texts = form.locales[lang].form;
    render(req, res, {
      view: "start",
      lang,
      title: texts.title,
      texts,
      minutes: form.minutes,
      privacyFormId: form.id,
      privacy: form.privacy?.[lang].summary,
      startPath: `${formPath(form)}/start`,
      chatPath: `${formPath(form)}/chat`,
      scripts: [CHAT_LINK],
      held: await heldApplications(services, req, form, lang),
    });
  });

  router.post("/forms/:formId/start", options.createLimiter, startAndGo(services, options, (id) => applicationPaths(id).show));

  return router;
}

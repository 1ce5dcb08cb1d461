/**
 * The chat assistant's addresses. The page is server-rendered and its script talks JSON to
 * /applications/:id/chat/messages with the same cookie as the pages. Without JavaScript, the chat
 * links lead to the page flow (the script turns them into chat links), and the chat page itself
 * says so and links there, so nobody is locked out.
 */
import { Router, type Request, type RequestHandler, type Response } from "express";
import { Ajv } from "ajv";
import { openApplication, type Services } from "../../applications/service";
import { requestCallback } from "../../applications/callbacks";
import type { Interpreter } from "../../chat/interpret";
import type { Form } from "../../engine/form";
import type { Language } from "../../i18n/languages";
import { t } from "../../i18n/translate";
import { requestLanguage } from "../language";
import { sendFailure, sendProblems } from "../errors";
import { isDecided, isEditable, tokenOf, withApplication, type Opened } from "../pages/auth";
import { startAndGo } from "../pages/forms";
import { applicationPaths } from "../pages/paths";
import { render, renderNotFound } from "../pages/render";
import { continuation, conversationOf, greeting, type ChatView, type Turn } from "./conversation";
import { takeTurn } from "./turns";
import turnSchema from "./turn.schema.json" with { type: "json" };

const validTurn = new Ajv({ strict: true }).compile<Turn>(turnSchema);

export const chatPath = (formId: string) => `/forms/${encodeURIComponent(formId)}/chat`;

/** The application the cookie opens, or the same JSON 404 whatever the reason but an expired token, as the pages do. */
function withChat(services: Services, handler: (req: Request, res: Response, opened: Opened) => Promise<void>): RequestHandler {
  return async (req, res) => {
    const id = String(req.params.id);
    const lang = requestLanguage(req);
    const opened = await openApplication(services, id, tokenOf(req, id), lang);
    if (!opened.ok) return opened.status === 410 ? sendFailure(res, opened) : sendProblems(res, 404, [{ code: "not_found", pointer: "", message: t(lang, "service.not_found") }]);
    // Once decided, the status page and the letter are all there is (ADR 11): the pages link there.
    if (isDecided(opened.value.record)) return sendProblems(res, 403, [{ code: "decided", pointer: "", message: t(opened.value.record.language, "session.decided") }]);
    await handler(req, res, opened.value);
  };
}

function pageData(form: Form, lang: Language) {
  return {
    lang,
    title: t(lang, "chat.title", { title: form.locales[lang].form.title }),
    styles: ["/assets/chat.css"],
    formTitle: form.locales[lang].form.title,
    pagesPath: `/forms/${encodeURIComponent(form.id)}`,
    privacyFormId: form.id,
  };
}

export function chatRoutes(services: Services, interpreter: Interpreter, options: { createLimiter: RequestHandler; secure: boolean }): Router {
  const router = Router();

  router.get("/forms/:formId/chat", (req, res) => {
    const lang = requestLanguage(req);
    const form = services.registry.get(String(req.params.formId));
    if (!form) return renderNotFound(req, res, lang);
    render(req, res, { view: "chat", ...pageData(form, lang), welcome: greeting(form, lang), startPath: `${chatPath(form.id)}/start` });
  });

  router.post("/forms/:formId/chat/start", options.createLimiter, startAndGo(services, options, (id) => applicationPaths(id).chat));

  router.get("/applications/:id/chat", withApplication(services, async (req, res, { form, record }) => {
    const paths = applicationPaths(record.id);
    render(req, res, {
      view: "chat",
      ...pageData(form, record.language),
      scripts: ["/assets/chat.js"],
      endpoint: `${paths.chat}/messages`,
      callbackEndpoint: `${paths.chat}/callback`,
      pagesPath: isEditable(record) ? paths.show : paths.status,
    });
  }));

  router.get("/applications/:id/chat/messages", withChat(services, async (_req, res, { form, record }) => {
    const view: ChatView = { reset: true, removed: [], ...conversationOf(form, record, isEditable(record)) };
    res.json({ ...view, revision: record.revision });
  }));

  router.post("/applications/:id/chat/messages", withChat(services, async (req, res, { form, record }) => {
    const lang = record.language;
    const body: unknown = req.body;
    const turn = typeof body === "object" && body !== null ? (body as { turn?: unknown }).turn : undefined;
    if (!validTurn(turn)) return sendProblems(res, 400, [{ code: "bad_turn", pointer: "/turn", message: t(lang, "chat.bad_turn") }]);
    if (!isEditable(record)) return sendProblems(res, 409, [{ code: "already_submitted", pointer: "", message: t(lang, "service.already_submitted") }]);
    const outcome = await takeTurn(services, interpreter, form, record, turn);
    if (!outcome.ok) return sendFailure(res, outcome);
    const after = outcome.value.record;
    const next = conversationOf(form, after, isEditable(after));
    // A client that saw another revision (a second tab, the pages) is shown the conversation anew.
    const seen = (body as { revision?: unknown }).revision;
    const changes = seen === record.revision ? continuation(conversationOf(form, record, true).messages, next.messages) : { reset: true, messages: next.messages, removed: [] };
    const prompt = outcome.value.replies ? { ...next.prompt, replies: outcome.value.replies } : next.prompt;
    const view: ChatView = { ...changes, messages: [...changes.messages, ...outcome.value.notes], prompt };
    res.json({ ...view, revision: after.revision });
  }));

  router.post("/applications/:id/chat/callback", withChat(services, async (req, res, { record }) => {
    const body = typeof req.body === "object" && req.body !== null ? (req.body as Record<string, unknown>) : {};
    const result = await requestCallback(services, record, { name: body.name, contact: body.contact, message: body.message }, record.language);
    if (!result.ok) return sendFailure(res, result);
    res.status(201).json({ message: t(record.language, "chat.callback_received") });
  }));

  return router;
}

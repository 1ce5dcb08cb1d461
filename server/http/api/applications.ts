/**
 * The JSON API: the same engine and store as the pages, for mobile apps and messenger bots.
 * Paths and shapes are a contract (see /openapi.json); extend, never rename.
 */
import { Router, type Request, type Response } from "express";
import type { RequestHandler } from "express";
import {
  answerOne, answerSeveral, goBack, openApplication, startApplication, submitApplication, submittedPdf, viewOf,
  type Services,
} from "../../applications/service";
import { isLanguage } from "../../i18n/languages";
import { requestLanguage } from "../language";
import { sendFailure, sendProblems } from "../errors";
import { t } from "../../i18n/translate";
import { isPointer, isPlainObject } from "../../engine/pointer";

const bearer = (req: Request): string | undefined => /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "")?.[1];

type Opened = Extract<Awaited<ReturnType<typeof openApplication>>, { ok: true }>["value"];

/** Runs a handler with the application the bearer token opens. */
function withApplication(services: Services, handler: (req: Request, res: Response, opened: Opened) => Promise<void>): RequestHandler {
  return async (req, res) => {
    const opened = await openApplication(services, String(req.params.id), bearer(req), requestLanguage(req));
    if (!opened.ok) return sendFailure(res, opened);
    await handler(req, res, opened.value);
  };
}

export function applicationsApi(services: Services, createLimiter: RequestHandler): Router {
  const api = Router();

  api.post("/forms/:formId/applications", createLimiter, async (req, res) => {
    const body: unknown = req.body ?? {};
    const language = isPlainObject(body) ? body.language : undefined;
    if (language !== undefined && !isLanguage(language)) {
      return sendProblems(res, 422, [{ code: "enum", pointer: "/language", message: t(requestLanguage(req), "http.language") }]);
    }
    const started = await startApplication(services, String(req.params.formId), language ?? undefined);
    if (!started.ok) return sendFailure(res, started);
    const { record, token, form } = started.value;
    res.status(201).location(`/api/applications/${record.id}`).json({ token, ...viewOf(form, record) });
  });

  api.get("/applications/:id", withApplication(services, async (_req, res, { record, form }) => {
    res.json(viewOf(form, record));
  }));

  api.post("/applications/:id/answers", withApplication(services, async (req, res, { record, form }) => {
    const body: unknown = req.body;
    let result;
    if (isPlainObject(body) && isPointer(body.pointer) && "value" in body) result = await answerOne(services, form, record, body.pointer, body.value);
    else if (isPlainObject(body) && isPlainObject(body.answers)) result = await answerSeveral(services, form, record, body.answers);
    else return sendProblems(res, 422, [{ code: "invalid_body", pointer: "", message: t(record.language, "http.answer_body") }]);
    if (!result.ok) return sendFailure(res, result);
    res.json({ ...viewOf(form, result.value.record), interpreted: result.value.outcome.interpreted });
  }));

  api.post("/applications/:id/back", withApplication(services, async (_req, res, { record, form }) => {
    const result = await goBack(services, form, record);
    if (!result.ok) return sendFailure(res, result);
    res.json(viewOf(form, result.value.record));
  }));

  api.post("/applications/:id/submit", withApplication(services, async (_req, res, { record, form }) => {
    const result = await submitApplication(services, form, record);
    if (!result.ok) return sendFailure(res, result);
    res.json(viewOf(form, result.value));
  }));

  api.get("/applications/:id/pdf", withApplication(services, async (_req, res, { record }) => {
    const pdf = await submittedPdf(services, record);
    if (!pdf.ok) return sendFailure(res, pdf);
    res.type("application/pdf").set("Content-Disposition", `inline; filename="${record.reference}.pdf"`).send(pdf.value);
  }));

  return api;
}

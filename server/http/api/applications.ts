/**
 * The JSON API: the same engine and store as the pages, for mobile apps and messenger bots.
 * Paths and shapes are a contract (see /openapi.json); extend, never rename.
 */
import express, { Router, type Request, type Response } from "express";
import type { RequestHandler } from "express";
import {
  answerOne, answerSeveral, applicationView, decisionLetter, goBack, openApplication, startApplication, submitApplication, submittedPdf,
  type Result, type Services,
} from "../../applications/service";
import { callbackView, requestCallback } from "../../applications/callbacks";
import { isLanguage } from "../../i18n/languages";
import { requestLanguage } from "../language";
import { sendFailure, sendProblems } from "../errors";
import { t } from "../../i18n/translate";
import { isPointer, isPlainObject } from "../../engine/pointer";
import { groupAt, importList, listTemplate } from "../../applications/list-import";
import { LIST_FILE_LIMIT, listMediaType } from "../../applications/list-file";

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

/** A PDF of the application, named after its reference, or the problems saying why there is none. */
function pdfRoute(services: Services, pdfOf: (opened: Opened) => Promise<Result<Buffer>>, fileName: (reference: string | null) => string): RequestHandler {
  return withApplication(services, async (_req, res, opened) => {
    const pdf = await pdfOf(opened);
    if (!pdf.ok) return sendFailure(res, pdf);
    res.type("application/pdf").set("Content-Disposition", `inline; filename="${fileName(opened.record.reference)}"`).send(pdf.value);
  });
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
    res.status(201).location(`/api/applications/${record.id}`).json({ token, ...(await applicationView(services, form, record)) });
  });

  api.get("/applications/:id", withApplication(services, async (_req, res, { record, form }) => {
    res.json(await applicationView(services, form, record));
  }));

  api.post("/applications/:id/answers", withApplication(services, async (req, res, { record, form }) => {
    const body: unknown = req.body;
    let result;
    if (isPlainObject(body) && isPointer(body.pointer) && "value" in body) result = await answerOne(services, form, record, body.pointer, body.value);
    else if (isPlainObject(body) && isPlainObject(body.answers)) result = await answerSeveral(services, form, record, body.answers);
    else return sendProblems(res, 422, [{ code: "invalid_body", pointer: "", message: t(record.language, "http.answer_body") }]);
    if (!result.ok) return sendFailure(res, result);
    res.json({ ...(await applicationView(services, form, result.value.record)), interpreted: result.value.outcome.interpreted });
  }));

  api.post("/applications/:id/back", withApplication(services, async (_req, res, { record, form }) => {
    const result = await goBack(services, form, record);
    if (!result.ok) return sendFailure(res, result);
    res.json(await applicationView(services, form, result.value.record));
  }));

  api.post("/applications/:id/submit", withApplication(services, async (req, res, { record, form }) => {
    // Only `true` declares: an absent body, `false` or "yes" are refused with the pointer /declaration.
    const declared = isPlainObject(req.body) && req.body.declaration === true;
    const result = await submitApplication(services, form, record, declared, "api");
    if (!result.ok) return sendFailure(res, result);
    res.json(await applicationView(services, form, result.value));
  }));

  api.post("/applications/:id/callback-requests", withApplication(services, async (req, res, { record }) => {
    const body: Record<string, unknown> = isPlainObject(req.body) ? req.body : {};
    const result = await requestCallback(services, record, { name: body.name, contact: body.contact, message: body.message }, record.language);
    if (!result.ok) return sendFailure(res, result);
    res.status(201).location(`/api/applications/${record.id}/callback-requests`).json(callbackView(result.value));
  }));

  api.get("/applications/:id/callback-requests", withApplication(services, async (_req, res, { record }) => {
    res.json({ requests: (await services.store.callbackRequestsOf(record.id)).map(callbackView) });
  }));

  // The file is the body, whatever its type: the media type is checked with the file, in the applicant's language.
  api.post("/applications/:id/import", express.raw({ type: () => true, limit: LIST_FILE_LIMIT }), withApplication(services, async (req, res, { record, form }) => {
    const result = await importList(services, form, record, {
      group: String(req.query.pointer ?? ""),
      bytes: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      mediaType: listMediaType(req.get("content-type")),
      preview: req.query.preview === "true",
      cleanRowsOnly: req.query.cleanRowsOnly === "true",
    });
    if (!result.ok) return sendFailure(res, result);
    const { report } = result.value;
    if (req.query.preview === "true") return void res.json(report);
    res.json({ ...(await applicationView(services, form, result.value.record)), import: report });
  }));

  for (const format of ["csv", "xlsx"] as const) {
    api.get(`/applications/:id/import-template.${format}`, withApplication(services, async (req, res, { record, form }) => {
      const group = groupAt(form, req.query.pointer, record.language);
      if (!group.ok) return sendFailure(res, group);
      const template = await listTemplate(form, group.value, record.language, format);
      res.type(template.mediaType).set("Content-Disposition", `attachment; filename="${template.fileName}"`).send(template.body);
    }));
  }

  api.get("/applications/:id/pdf", pdfRoute(services, ({ record }) => submittedPdf(services, record), (name) => `${name}.pdf`));
  api.get("/applications/:id/letter", pdfRoute(services, ({ form, record }) => decisionLetter(services, form, record), (name) => `${name}-decision.pdf`));

  return api;
}

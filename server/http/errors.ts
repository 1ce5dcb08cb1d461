/**
 * Every error leaves the server in one shape: `{ errors: [{ code, pointer, message }] }`, with
 * `params` and `related` where a problem has them (a rule across answers).
 */
import type { ErrorRequestHandler, Request, Response } from "express";
import type { Problem } from "../engine/problem";
import type { Failure } from "../applications/service";
import { t } from "../i18n/translate";
import { requestLanguage } from "./language";
import type { Logger } from "pino";

export function sendProblems(res: Response, status: number, problems: Problem[]): void {
  res.status(status).json({ errors: problems.map(({ code, pointer, message, params, related }) => ({ code, pointer, message, params, related })) });
}

export const sendFailure = (res: Response, failure: Failure) => sendProblems(res, failure.status, failure.problems);

/** How an error reaches the client: JSON for the API, a page in the reader's language for a browser. */
export type Reply = (req: Request, res: Response, status: number, problems: Problem[]) => void;

export const replyJson: Reply = (_req, res, status, problems) => sendProblems(res, status, problems);

/** Malformed or oversized bodies, and anything unexpected: a clear answer, never a stack trace. */
export function errorHandler(logger: Logger, reply: Reply): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const lang = requestLanguage(req);
    const type = (error as { type?: string }).type;
    if (type === "entity.too.large") return reply(req, res, 413, [{ code: "too_large", pointer: "", message: t(lang, "http.too_large") }]);
    if (type === "entity.parse.failed") return reply(req, res, 400, [{ code: "malformed_json", pointer: "", message: t(lang, "http.malformed_json") }]);
    logger.error({ err: error, url: req.path }, "request failed");
    return reply(req, res, 500, [{ code: "internal", pointer: "", message: t(lang, "http.internal") }]);
  };
}

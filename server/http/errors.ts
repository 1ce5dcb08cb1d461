/**
 * Every error leaves the server in one shape: `{ errors: [{ code, pointer, message }] }`, with
 * `params` and `related` where a problem has them (a rule across answers).
 */
import type { ErrorRequestHandler, Request, Response } from "express";
import type { Problem } from "../engine/problem";
import type { CellProblem } from "../engine/import";
import type { Failure } from "../applications/service";
import { t, type MessageKey } from "../i18n/translate";
import type { Language } from "../i18n/languages";
import { loggedPath, safeError } from "./logging";
import { requestLanguage } from "./language";
import type { Logger } from "pino";

/** A problem with a cell of an imported list also says where it is in the file. */
const cellOf = (p: Problem & Partial<CellProblem>) => (p.row ? { row: p.row, column: p.column, value: p.value } : {});

export function sendProblems(res: Response, status: number, problems: Problem[]): void {
  res.status(status).json({ errors: problems.map((p) => ({ code: p.code, pointer: p.pointer, message: p.message, params: p.params, related: p.related, ...cellOf(p) })) });
}

export const sendFailure = (res: Response, failure: Failure) => sendProblems(res, failure.status, failure.problems);

/** How an error reaches the client: JSON for the API, a page in the reader's language for a browser. */
export type Reply = (req: Request, res: Response, status: number, problems: Problem[]) => void;

export const replyJson: Reply = (_req, res, status, problems) => sendProblems(res, status, problems);

/** What body-parser and the router say about a request the server cannot take, as our problem codes. */
const CLIENT_ERRORS: Record<string, { code: string; message: MessageKey }> = {
  "entity.too.large": { code: "too_large", message: "http.too_large" },
  "entity.parse.failed": { code: "malformed_json", message: "http.malformed_json" },
  "charset.unsupported": { code: "unsupported_charset", message: "request.unsupported_charset" },
  "encoding.unsupported": { code: "unsupported_encoding", message: "request.unsupported_encoding" },
  "parameters.too.many": { code: "too_many_fields", message: "request.too_many_fields" },
};

/**
 * The status of an error that is the client's doing: body-parser's and the router's (a malformed
 * %-escape in a path) carry a 4xx `status`. Anything else is ours.
 */
export function clientErrorStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === "number" && status >= 400 && status < 500 ? status : undefined;
}

function clientProblem(error: unknown, lang: Language): Problem {
  const known = CLIENT_ERRORS[String((error as { type?: unknown }).type)];
  if (known) return { code: known.code, pointer: "", message: t(lang, known.message) };
  if (error instanceof URIError) return { code: "malformed_path", pointer: "", message: t(lang, "request.malformed_path") };
  return { code: "bad_request", pointer: "", message: t(lang, "request.bad_request") };
}

/** Malformed or oversized bodies and addresses, and anything unexpected: a clear answer, never a stack trace. */
export function errorHandler(logger: Logger, reply: Reply): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const lang = requestLanguage(req);
    const status = clientErrorStatus(error);
    if (status !== undefined) return reply(req, res, status, [clientProblem(error, lang)]);
    logger.error({ err: safeError(error), path: loggedPath(req) }, "request failed");
    return reply(req, res, 500, [{ code: "internal", pointer: "", message: t(lang, "http.internal") }]);
  };
}

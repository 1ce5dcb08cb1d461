/**
 * Structured logs that never carry personal data: no answers, tokens, cookies, callback requests,
 * staff e-mails or names typed into an address. A request is logged by its method, the route it
 * took and its status, never by the address as sent: a path can hold anything a client typed
 * (`/forms/Max Mustermann.pdf`), so only the route's own words and application ids are kept.
 * An unexpected error is logged by its type, code and stack frames, without its message, which
 * may quote a value.
 */
import { pino, type Logger } from "pino";
import { pinoHttp } from "pino-http";
import type { IncomingMessage, ServerResponse } from "node:http";

export function createLogger(level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level });
}

/** Ids the server generates (newApplicationId): random, they name no one. */
const GENERATED_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What express adds to a request once a route took it. */
interface Routed {
  baseUrl?: string;
  route?: { path?: unknown };
  params?: Record<string, unknown>;
}

/**
 * The route a request took, with its parameters as `:name` except the ids the server generated:
 * `/resume/:id/:token` → `/resume/1b9d…/:token`. A request no route took (a page not found, a
 * static file) is logged by the prefix it was mounted under only: `/assets/…`, `/…`.
 */
export function loggedPath(req: IncomingMessage & Routed): string {
  const route = req.route?.path;
  if (typeof route !== "string") return `${req.baseUrl ?? ""}/…`;
  return `${req.baseUrl ?? ""}${route}`.replace(/:(\w+)/g, (whole, name: string) => {
    const value = req.params?.[name];
    return typeof value === "string" && GENERATED_ID.test(value) ? value : whole;
  });
}

/** An error as the log keeps it: what kind and where, not what it says. */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    stack: (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line)).join("\n"),
  };
}

/**
 * Nothing of a request is logged when it arrives (the route is not known then); when its
 * response is finished, the entry is written from the route it took (pino-http's own `req`, `res`
 * and `err` entries, which would carry the raw address and error, are renamed away and unused).
 */
export function requestLogger(logger: Logger) {
  const entry = (req: IncomingMessage, res: ServerResponse, val: { responseTime?: unknown }) => ({
    req: { method: req.method, path: loggedPath(req) },
    res: { statusCode: res.statusCode },
    responseTime: val.responseTime,
  });
  return pinoHttp({
    logger,
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { req: "rawRequest", res: "rawResponse", err: "rawError" },
    customSuccessObject: (req, res, val) => entry(req, res, val),
    customErrorObject: (req, res, error, val) => ({ ...entry(req, res, val), err: safeError(error) }),
  });
}

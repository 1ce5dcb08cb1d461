/**
 * Answers are personal and financial data: strict security headers, no caching of application
 * pages, small request bodies, and a per-client limit on starting applications, counted in the
 * store so that all processes share it. None of it needs
 * JavaScript, so the no-script path stays as easy to use.
 */
import helmet from "helmet";
import { rateLimit } from "express-rate-limit";
import type { RequestHandler } from "express";
import type { Reply } from "./errors";
import { requestLanguage } from "./language";
import { t } from "../i18n/translate";
import type { LimitStores } from "./limit-store";

/** A page posts one answer at a time: a form post never needs more. */
export const BODY_LIMIT = "64kb";
/** An API client may post a whole claim at once, a thousand employees included (about 200 kB). */
export const JSON_BODY_LIMIT = "512kb";

export const securityHeaders = (): RequestHandler =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        frameSrc: ["'self'"],
        objectSrc: ["'self'"],
        baseUri: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "no-referrer" },
  });

/** Application pages and API answers must not be kept by a shared computer's browser or a proxy. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set("Cache-Control", "no-store");
  next();
};

/**
 * A forwarded header that is not trusted is ignored on purpose (FORMPILOT_TRUST_PROXY unset):
 * express-rate-limit's warning about it would only fill the log with what a client chose to send.
 */
export const LIMITER_VALIDATION = { xForwardedForHeader: false } as const;

export function createLimiter(perMinute: number, reply: Reply, stores: LimitStores): RequestHandler {
  return rateLimit({
    store: stores("create"),
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    validate: LIMITER_VALIDATION,
    handler: (req, res) => reply(req, res, 429, [{ code: "rate_limited", pointer: "", message: t(requestLanguage(req), "http.rate_limited") }]),
  });
}

/**
 * Applicant posts carry the application's cookie, so a form or script on another site could make a
 * victim's browser post with it. Every applicant post must say it comes from this site's own pages
 * (ADR 11): by its Origin header, or where a browser sends none or "null", by Sec-Fetch-Site or the Referer.
 * A post that says nothing is refused too: every browser in use sends at least one of them.
 */
import type { Request, RequestHandler } from "express";
import type { Reply } from "./errors";
import { requestLanguage } from "./language";
import { t } from "../i18n/translate";

const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
};

/** Whether a request's headers say it was made by a page of `host`; the first header present decides. */
export function fromSameOrigin(headers: { origin?: string; fetchSite?: string; referer?: string }, host: string | undefined): boolean {
  if (!host) return false;
  // "null" says nothing either way: browsers send it for our own posts too, because the pages send
  // no referrer (Referrer-Policy: no-referrer), and for a sandboxed frame elsewhere. The next header decides.
  if (headers.origin !== undefined && headers.origin !== "null") return hostOf(headers.origin) === host;
  if (headers.fetchSite !== undefined) return headers.fetchSite === "same-origin";
  if (headers.referer !== undefined) return hostOf(headers.referer) === host;
  return false;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

const sameOrigin = (req: Request) =>
  fromSameOrigin({ origin: req.get("origin"), fetchSite: req.get("sec-fetch-site"), referer: req.get("referer") }, req.get("host"));

/** Refuses every post that is not from this site's pages with 403: a page for a browser, JSON for the chat's script. */
export const sameOriginPosts = (reply: Reply): RequestHandler => (req, res, next) => {
  if (SAFE.has(req.method) || sameOrigin(req)) return next();
  reply(req, res, 403, [{ code: "cross_site", pointer: "", message: t(requestLanguage(req), "session.cross_site") }]);
};

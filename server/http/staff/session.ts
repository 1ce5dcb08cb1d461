/**
 * Who is asking: the staff session cookie is read once per request, and every route states the
 * roles it serves. Anonymous page requests are sent to sign in; anything else anonymous is 401,
 * and a signed-in member of the wrong role gets 403.
 */
import type { CookieOptions, Request, RequestHandler, Response } from "express";
import type { StaffRole } from "../../store/store";
import type { Services } from "../../applications/service";
import { SESSION_HOURS, staffOfSession } from "../../applications/staff-auth";
import { requestLanguage } from "../language";
import { renderMessage } from "./render";
import { localsOf } from "./locals";

const STAFF_COOKIE = "fp_staff";

/** Those who work on cases; an admin manages accounts only. */
export const CASE_ROLES: readonly StaffRole[] = ["caseworker", "supervisor"];

/**
 * Only sent back to /staff, never readable by scripts or sent by other sites; only over HTTPS when
 * the request came that way or `secure` says the site is served over HTTPS.
 */
const cookieOptions = (req: Request, secure: boolean): CookieOptions => ({ httpOnly: true, sameSite: "strict", secure: secure || req.secure, path: "/staff" });

export function setSessionCookie(req: Request, res: Response, sessionId: string, secure: boolean): void {
  res.cookie(STAFF_COOKIE, sessionId, { ...cookieOptions(req, secure), maxAge: SESSION_HOURS * 3_600_000 });
}

export const clearSessionCookie = (req: Request, res: Response, secure: boolean): void => void res.clearCookie(STAFF_COOKIE, cookieOptions(req, secure));

export const sessionIdOf = (req: Request): string | undefined => req.cookies?.[STAFF_COOKIE];

export function loadStaff(services: Services): RequestHandler {
  return async (req, res, next) => {
    const locals = localsOf(res);
    locals.lang = requestLanguage(req);
    locals.who = await staffOfSession(services.store, services.now(), sessionIdOf(req));
    next();
  };
}

export function allow(...roles: StaffRole[]): RequestHandler {
  return (req, res, next) => {
    const { who } = localsOf(res);
    if (!who && (req.method === "GET" || req.method === "HEAD")) return res.redirect(303, "/staff/login");
    if (!who) return renderMessage(res, 401, "staff.auth.signed_out", "staff.auth.signed_out_text");
    if (!roles.includes(who.staff.role)) return renderMessage(res, 403, "staff.auth.forbidden", "staff.auth.forbidden_text");
    next();
  };
}

/**
 * The pages hold an applicant's token in a cookie per application (ADR 5): several applications
 * can be open in one browser, and the token never reaches a script (httpOnly). SameSite=Lax keeps
 * it off other sites' form posts, which is what makes the POST routes safe without a CSRF token.
 * The cookie lasts as long as the browser session: on a shared computer the resume link, not the
 * browser, is what brings an applicant back.
 */
import type { Request, RequestHandler, Response } from "express";
import { openApplication, type Services } from "../../applications/service";
import type { ApplicationRecord } from "../../store/store";
import { requestLanguage } from "../language";
import { renderNotFound } from "./render";

const PREFIX = "fp_app_";

export const cookieNameOf = (id: string) => PREFIX + id;

/** `secure` forces the Secure flag; a request that came over HTTPS (directly or through the trusted proxy) gets it anyway. */
export function rememberToken(req: Request, res: Response, id: string, token: string, secure: boolean): void {
  res.cookie(cookieNameOf(id), token, { httpOnly: true, sameSite: "lax", secure: secure || req.secure, path: "/" });
}

export function tokenOf(req: Request, id: string): string | undefined {
  const token: unknown = req.cookies?.[cookieNameOf(id)];
  return typeof token === "string" ? token : undefined;
}

/** Ids of the applications this browser holds a cookie for, at most `limit`. */
export const heldApplicationIds = (req: Request, limit: number): string[] =>
  Object.keys(req.cookies ?? {})
    .filter((name) => name.startsWith(PREFIX))
    .map((name) => name.slice(PREFIX.length))
    .slice(0, limit);

/** The service's rule for which applications take changes; the pages use it to show the submitted view instead. */
export const isEditable = (record: ApplicationRecord) => record.status === "draft" || record.status === "more_information";

export type Opened = Extract<Awaited<ReturnType<typeof openApplication>>, { ok: true }>["value"];

/** Runs a handler with the application the browser's cookie opens; anything else is the same 404 page. */
export function withApplication(services: Services, handler: (req: Request, res: Response, opened: Opened) => Promise<void>): RequestHandler {
  return async (req, res) => {
    const id = String(req.params.id);
    const opened = await openApplication(services, id, tokenOf(req, id), requestLanguage(req));
    if (!opened.ok) return renderNotFound(req, res, requestLanguage(req));
    await handler(req, res, opened.value);
  };
}

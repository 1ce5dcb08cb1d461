/**
 * The pages hold an applicant's token in a cookie per application (ADR 5): several applications
 * can be open in one browser, and the token never reaches a script (httpOnly). SameSite=Lax keeps
 * it off other sites' form posts, and every post must come from this site's own pages (ADR 11); the
 * cookie is set only by starting an application or by confirming a resume link on this site.
 * The cookie lasts as long as the browser session: on a shared computer the resume link, not the
 * browser, is what brings an applicant back.
 */
import type { Request, RequestHandler, Response } from "express";
import { openApplication, type Services } from "../../applications/service";
import type { ApplicationRecord } from "../../store/store";
import { t } from "../../i18n/translate";
import { requestLanguage } from "../language";
import { applicationPaths } from "./paths";
import { renderNotFound, renderProblem } from "./render";

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

/** Decided: nothing is left to do on it but to read what happened. */
export const isDecided = (record: ApplicationRecord) => record.status === "approved" || record.status === "rejected";

export type Opened = Extract<Awaited<ReturnType<typeof openApplication>>, { ok: true }>["value"];

/** An expired token is told as such; anything else (unknown id, wrong or no token) is the same 404 page. */
export async function openForPage(services: Services, req: Request, res: Response, id: string, token: string | undefined): Promise<Opened | undefined> {
  const lang = requestLanguage(req);
  const opened = await openApplication(services, id, token, lang);
  if (opened.ok) return opened.value;
  if (opened.status === 410) renderProblem(req, res, lang, 410, opened.problems.map((p) => p.message), [{ href: "/", text: t(lang, "page.footer.forms") }]);
  else renderNotFound(req, res, lang);
  return undefined;
}

/** Refuses every page of a decided application but its status page and letter, with the way there. */
export function refuseDecided(req: Request, res: Response, { record }: Opened): void {
  const lang = record.language;
  renderProblem(req, res, lang, 403, [t(lang, "session.decided")], [{ href: applicationPaths(record.id).status, text: t(lang, "page.confirmation.status") }]);
}

/**
 * Runs a handler with the application the browser's cookie opens. Once decided, only the pages
 * that say `whenDecided: true` (status, letter) open.
 */
export function withApplication(services: Services, handler: (req: Request, res: Response, opened: Opened) => Promise<void>, options: { whenDecided?: boolean } = {}): RequestHandler {
  return async (req, res) => {
    const id = String(req.params.id);
    const opened = await openForPage(services, req, res, id, tokenOf(req, id));
    if (!opened) return;
    if (isDecided(opened.record) && !options.whenDecided) return refuseDecided(req, res, opened);
    await handler(req, res, opened);
  };
}

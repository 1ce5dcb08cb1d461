/**
 * Save and come back later: the resume link carries the token (ADR 5), so it works on any device;
 * following it puts the token back into this browser's cookie. An e-mail address can be left with
 * the application; nothing is mailed (yet), and the page says so.
 */
import { Router, type Request, type Response } from "express";
import { openApplication, setPreferences, type Services } from "../../applications/service";
import { isEmailAddress } from "../../applications/callbacks";
import { t } from "../../i18n/translate";
import { requestLanguage } from "../language";
import { isPlainObject } from "../../engine/pointer";
import { rememberToken, tokenOf, withApplication, type Opened } from "./auth";
import { field } from "./fields";
import { applicationPaths } from "./paths";
import { render, renderNotFound, renderProblem } from "./render";

interface Shown {
  status?: number;
  saved?: boolean;
  typed?: string;
  invalid?: boolean;
}

/**
 * The origin of the resume link: the configured public URL, else the address this server answers
 * on. Never the Host header: a forged one would make the page hand out a link to another site.
 */
const originOf = (req: Request, publicUrl: URL | undefined): string => publicUrl?.origin ?? `http://localhost:${req.socket.localPort}`;

function savePage(req: Request, res: Response, { record }: Opened, shown: Shown, publicUrl: URL | undefined): void {
  const lang = record.language;
  const paths = applicationPaths(record.id);
  const link = `${originOf(req, publicUrl)}${paths.resume(tokenOf(req, record.id) ?? "")}`;
  const error = shown.invalid ? t(lang, "page.save.email_invalid") : undefined;
  const email = field({
    partial: "field-text",
    id: "email",
    name: "email",
    type: "email",
    autocomplete: "email",
    label: t(lang, "page.save.email_label"),
    heading: false,
    hints: [t(lang, "page.save.email_hint")],
    errors: error ? [error] : [],
    value: shown.typed ?? record.email ?? "",
  });
  const saved = shown.saved ? t(lang, record.email ? "page.save.email_saved" : "page.save.email_removed", { email: record.email }) : undefined;
  render(req, res, {
    view: "save",
    lang,
    status: shown.status,
    title: t(lang, "page.save.title"),
    returnTo: paths.save,
    errors: error ? [{ message: error, href: "#email" }] : [],
    link,
    email,
    saved,
    paths,
  });
}

export function savePages(services: Services, options: { secure: boolean; publicUrl?: URL }): Router {
  const router = Router();

  router.get("/applications/:id/save", withApplication(services, async (req, res, opened) => {
    savePage(req, res, opened, { saved: req.query.saved !== undefined }, options.publicUrl);
  }));

  router.post("/applications/:id/save", withApplication(services, async (req, res, opened) => {
    const typed = isPlainObject(req.body) && typeof req.body.email === "string" ? req.body.email.trim() : "";
    if (typed && !isEmailAddress(typed)) return savePage(req, res, opened, { status: 422, typed, invalid: true }, options.publicUrl);
    const saved = await setPreferences(services, opened.record, { email: typed || null });
    const paths = applicationPaths(opened.record.id);
    if (!saved.ok) return renderProblem(req, res, opened.record.language, saved.status, saved.problems.map((p) => p.message), [{ href: paths.save, text: t(opened.record.language, "page.save.title") }]);
    res.redirect(303, `${paths.save}?saved`);
  }));

  router.get("/resume/:id/:token", async (req, res) => {
    const { id, token } = req.params;
    const opened = await openApplication(services, id, token, requestLanguage(req));
    if (!opened.ok) return renderNotFound(req, res, requestLanguage(req));
    rememberToken(req, res, id, token, options.secure);
    // Once submitted, the status page comes first: it says what happened and what, if anything, is asked of the applicant.
    const paths = applicationPaths(id);
    res.redirect(303, opened.value.record.reference ? paths.status : paths.show);
  });

  return router;
}

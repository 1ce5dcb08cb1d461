/**
 * The language switch in every page's header: a small form per language, so it works without
 * JavaScript. The choice is kept in a cookie for a year and, on an application's pages, stored with
 * the application, whose questions, messages and PDF then follow it. Because that is a change, it is
 * a post (ADR 11); a link to `/language/…` from before only shows the button.
 */
import { Router, type Request } from "express";
import { openApplication, setPreferences, type Services } from "../../applications/service";
import { isLanguage } from "../../i18n/languages";
import { t } from "../../i18n/translate";
import { isPlainObject } from "../../engine/pointer";
import { LANGUAGE_COOKIE, requestLanguage } from "../language";
import { tokenOf } from "./auth";
import { AUTONYMS, render, renderNotFound } from "./render";

const YEAR = 365 * 24 * 60 * 60 * 1000;

/** Only a path on this site: `//host` and `/\host` would leave it (an open redirect). */
export function safeReturn(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) && !/[\\\u0000-\u001f\u007f]/.test(value) ? value : "/";
}

const returnOf = (req: Request): string => safeReturn(req.method === "GET" ? req.query.return : isPlainObject(req.body) ? req.body.return : undefined);

export function languagePages(services: Services, options: { secure: boolean }): Router {
  const router = Router();

  router.get("/language/:lang", (req, res) => {
    const lang = req.params.lang;
    if (!isLanguage(lang)) return renderNotFound(req, res, requestLanguage(req));
    // Asked in the language offered, so that someone who cannot read the current one finds the button.
    render(req, res, { view: "language", lang, title: t(lang, "session.language.title"), action: `/language/${lang}`, target: returnOf(req), button: t(lang, "session.language.button", { name: AUTONYMS[lang] }), returnTo: returnOf(req) });
  });

  router.post("/language/:lang", async (req, res) => {
    const lang = req.params.lang;
    if (!isLanguage(lang)) return renderNotFound(req, res, requestLanguage(req));
    const target = returnOf(req);
    res.cookie(LANGUAGE_COOKIE, lang, { maxAge: YEAR, httpOnly: true, sameSite: "lax", secure: options.secure || req.secure, path: "/" });
    const id = /^\/applications\/([^/?#]+)/.exec(target)?.[1];
    if (id) {
      const opened = await openApplication(services, id, tokenOf(req, id), lang);
      // A conflict only means the language stays as it was for the application; the cookie still changes the pages.
      if (opened.ok && opened.value.record.language !== lang) await setPreferences(services, opened.value.record, { language: lang });
    }
    res.redirect(303, target);
  });

  return router;
}

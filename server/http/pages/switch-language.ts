/**
 * The language switch in every page's header: plain links, so it works without JavaScript. The
 * choice is kept in a cookie for a year and, on an application's pages, stored with the
 * application, whose questions, messages and PDF then follow it.
 */
import { Router } from "express";
import { openApplication, setPreferences, type Services } from "../../applications/service";
import { isLanguage } from "../../i18n/languages";
import { LANGUAGE_COOKIE, requestLanguage } from "../language";
import { tokenOf } from "./auth";
import { renderNotFound } from "./render";

const YEAR = 365 * 24 * 60 * 60 * 1000;

/** Only a path on this site: `//host` and `/\host` would leave it (an open redirect). */
export function safeReturn(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) && !/[\\\u0000-\u001f\u007f]/.test(value) ? value : "/";
}

export function languagePages(services: Services, options: { secure: boolean }): Router {
  const router = Router();

  router.get("/language/:lang", async (req, res) => {
    const lang = req.params.lang;
    if (!isLanguage(lang)) return renderNotFound(req, res, requestLanguage(req));
    const target = safeReturn(req.query.return);
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

/**
 * Save and come back later: the resume link carries the token (ADR 5), so it works on any device.
 * Following it only asks whether to continue; the answer, posted from this site, puts the token into
 * this browser's cookie (ADR 11), so another site cannot plant its own application in a browser. The
 * applicant can replace the link when it may have been seen. An e-mail address can be left with
 * the application; nothing is mailed (yet), and the page says so.
 */
import { Router, type Request, type Response } from "express";
import { replaceToken, setPreferences, type Services } from "../../applications/service";
import { formatTimestamp } from "../../engine/format";
import { isEmailAddress } from "../../applications/callbacks";
import { t } from "../../i18n/translate";
import { isPlainObject } from "../../engine/pointer";
import { openForPage, rememberToken, tokenOf, withApplication, type Opened } from "./auth";
import { field } from "./fields";
import { applicationPaths } from "./paths";
import { render, renderProblem } from "./render";

interface Shown {
  status?: number;
  saved?: boolean;
  renewed?: boolean;
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
    renewed: shown.renewed ? t(lang, "session.revoke.done") : undefined,
    paths,
  });
}

export function savePages(services: Services, options: { secure: boolean; publicUrl?: URL }): Router {
  const router = Router();

  router.get("/applications/:id/save", withApplication(services, async (req, res, opened) => {
    savePage(req, res, opened, { saved: req.query.saved !== undefined, renewed: req.query.renewed !== undefined }, options.publicUrl);
  }));

  router.post("/applications/:id/save", withApplication(services, async (req, res, opened) => {
    const typed = isPlainObject(req.body) && typeof req.body.email === "string" ? req.body.email.trim() : "";
    if (typed && !isEmailAddress(typed)) return savePage(req, res, opened, { status: 422, typed, invalid: true }, options.publicUrl);
    const saved = await setPreferences(services, opened.record, { email: typed || null });
    const paths = applicationPaths(opened.record.id);
    if (!saved.ok) return renderProblem(req, res, opened.record.language, saved.status, saved.problems.map((p) => p.message), [{ href: paths.save, text: t(opened.record.language, "page.save.title") }]);
    res.redirect(303, `${paths.save}?saved`);
  }));

  router.post("/applications/:id/save/new-link", withApplication(services, async (req, res, opened) => {
    const replaced = await replaceToken(services, opened.record);
    const paths = applicationPaths(opened.record.id);
    if (!replaced.ok) return renderProblem(req, res, opened.record.language, replaced.status, replaced.problems.map((p) => p.message), [{ href: paths.save, text: t(opened.record.language, "page.save.title") }]);
    rememberToken(req, res, opened.record.id, replaced.value.token, options.secure);
    res.redirect(303, `${paths.save}?renewed`);
  }));

  router.get("/resume/:id/:token", async (req, res) => {
    const { id, token } = req.params;
    const opened = await openForPage(services, req, res, id, token);
    if (!opened) return;
    const { form, record } = opened;
    const lang = record.language;
    render(req, res, {
      view: "resume",
      lang,
      title: t(lang, "session.resume.title"),
      // The language switch must not lead back to a page that shows the token in its address.
      returnTo: "/",
      question: t(lang, "session.resume.question", { form: form.locales[lang].form.title, date: formatTimestamp(record.createdAt, lang, "short") }),
      changed: t(lang, "session.resume.changed", { date: formatTimestamp(record.updatedAt, lang, "short") }),
      reference: record.reference,
      action: applicationPaths(id).resume(token),
    });
  });

  router.post("/resume/:id/:token", async (req, res) => {
    const { id, token } = req.params;
    const opened = await openForPage(services, req, res, id, token);
    if (!opened) return;
    rememberToken(req, res, id, token, options.secure);
    // Once submitted, the status page comes first: it says what happened and what, if anything, is asked of the applicant.
    const paths = applicationPaths(id);
    res.redirect(303, opened.record.reference ? paths.status : paths.show);
  });

  return router;
}

/**
 * The staff pages' HTML: the templates in templates/staff/, compiled once at start in their own
 * handlebars environment, each page a `{{#> layout}}` block. Texts come from the message catalogs
 * through `{{t "staff.…"}}`, in the staff member's language; a key missing from a catalog fails
 * the page loudly instead of showing the key.
 */
import { formatTimestamp } from "../../engine/format";
import Handlebars from "handlebars";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Response } from "express";
import type { Language } from "../../i18n/languages";
import { catalogOf, interpolate, t, type MessageKey, type Params } from "../../i18n/translate";
import type { StaffRole } from "../../store/store";
import { homeOf, localsOf } from "./locals";

const TEMPLATES = fileURLToPath(new URL("../../../templates/staff/", import.meta.url));

const handlebars = Handlebars.create();
handlebars.registerHelper("t", (key: string, options: Handlebars.HelperOptions) => {
  const text = catalogOf(options.data.root.lang as Language)[key as MessageKey];
  if (text === undefined) throw new Error(`templates/staff: "${key}" is missing from a message catalog`);
  return interpolate(text, options.hash as Params);
});

const templates = new Map(
  readdirSync(TEMPLATES)
    .filter((file) => file.endsWith(".hbs"))
    .map((file) => [path.basename(file, ".hbs"), handlebars.compile(readFileSync(path.join(TEMPLATES, file), "utf8"))]),
);
// Any template can be a partial: the layout, a select's options, the hidden fields of a case form.
for (const [name, template] of templates) handlebars.registerPartial(name, template);
// The footer the applicant's pages have, with the same links to the notices every page must offer.
handlebars.registerPartial("site-footer", readFileSync(fileURLToPath(new URL("../../../templates/pages/partials/site-footer.hbs", import.meta.url)), "utf8"));

/** An <option> of a select. */
export const option = (value: string, label: string, selected = false) => ({ value, label, selected });

export const roleLabel = (lang: Language, role: StaffRole): string => t(lang, `staff.role.${role}`);
export const languageLabel = (lang: Language, of: Language): string => t(lang, `staff.language.${of}`);

/** Timestamps in UTC, saying so, so that every caseworker reads the same time. */
export const formatWhen = (iso: string, lang: Language): string => formatTimestamp(iso, lang, "short");

/** Renders templates/staff/<name>.hbs with what every page needs: the language, who is signed in, their CSRF token, the menu. */
export function renderPage(res: Response, status: number, name: string, view: { title: string; [data: string]: unknown }): void {
  const template = templates.get(name);
  if (!template) throw new Error(`no template templates/staff/${name}.hbs`);
  const { lang, who } = localsOf(res);
  const staff = who && {
    name: who.staff.name,
    role: roleLabel(lang, who.staff.role),
    csrf: who.session.csrfToken,
    home: homeOf(who.staff.role),
    queue: who.staff.role !== "admin",
    users: who.staff.role === "admin",
  };
  res.status(status).type("html").send(template({ ...view, lang, staff }));
}

/** A page that says what happened and offers the way on: sign in, or back to the start. */
export function renderMessage(res: Response, status: number, title: MessageKey, text: MessageKey, params?: Params): void {
  const { lang } = localsOf(res);
  renderPage(res, status, "message", { title: t(lang, title), text: t(lang, text, params) });
}

/** An address the page cannot be shown for (a date that does not exist, a page number out of range): 400, saying what is wrong. */
export function renderRefusal(res: Response, problem: { message: string }): void {
  const { lang } = localsOf(res);
  renderPage(res, 400, "message", { title: t(lang, "request.bad_request"), text: problem.message });
}

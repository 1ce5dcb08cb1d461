/**
 * The applicant pages' templates, compiled once at start in their own handlebars environment.
 * Every page is a `{{#> layout}}` block, so no template needs `{{{ }}}`: the check below refuses
 * one that tries, and any `{{t "key"}}` missing from a catalog, before the server takes a request.
 */
import Handlebars from "handlebars";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Request, Response } from "express";
import { LANGUAGES, type Language } from "../../i18n/languages";
import { isMessageKey, t, type MessageKey, type Params } from "../../i18n/translate";

const TEMPLATES = fileURLToPath(new URL("../../../templates/pages/", import.meta.url));
export const ASSETS = fileURLToPath(new URL("../../../templates/assets/", import.meta.url));

/** Each language is offered in its own name, so that someone who cannot read the page finds theirs. */
export const AUTONYMS: Record<Language, string> = { ko: "한국어", de: "Deutsch", en: "English" };

const handlebars = Handlebars.create();
handlebars.registerHelper("t", (key: MessageKey, options: Handlebars.HelperOptions) => t(options.data.root.lang, key, options.hash as Params));

class TemplateCheck extends Handlebars.Visitor {
  problems: string[] = [];
  constructor(private file: string) {
    super();
  }
  private translation(node: { path: unknown; params: hbs.AST.Expression[]; loc: hbs.AST.SourceLocation }) {
    const name = (node.path as hbs.AST.PathExpression).original;
    if (name !== "t") return;
    const key = node.params[0] as hbs.AST.StringLiteral | undefined;
    if (key?.type !== "StringLiteral") this.problems.push(`${this.file}:${node.loc.start.line}: {{t}} takes a literal key`);
    else if (!isMessageKey(key.value)) this.problems.push(`${this.file}:${node.loc.start.line}: "${key.value}" is missing from a message catalog`);
  }
  override MustacheStatement(node: hbs.AST.MustacheStatement) {
    if (!node.escaped) this.problems.push(`${this.file}:${node.loc.start.line}: {{{ }}} writes unescaped HTML`);
    this.translation(node);
    super.MustacheStatement(node);
  }
  override SubExpression(node: hbs.AST.SubExpression) {
    this.translation(node);
    super.SubExpression(node);
  }
}

function compiled(file: string): HandlebarsTemplateDelegate {
  const source = readFileSync(path.join(TEMPLATES, file), "utf8");
  const check = new TemplateCheck(file);
  check.accept(handlebars.parse(source));
  if (check.problems.length > 0) throw new Error(`templates/pages: ${check.problems.join("; ")}`);
  return handlebars.compile(source);
}

const hbsFiles = (dir: string) => readdirSync(path.join(TEMPLATES, dir)).filter((f) => f.endsWith(".hbs"));
for (const file of hbsFiles("partials")) handlebars.registerPartial(path.basename(file, ".hbs"), compiled(`partials/${file}`));
const views = new Map([
  ...hbsFiles(".").map((file) => [path.basename(file, ".hbs"), compiled(file)] as const),
  // The form author's preview (templates/preview/) shares the layout and partials of these pages.
  ...hbsFiles("../preview").map((file) => [`preview/${path.basename(file, ".hbs")}`, compiled(`../preview/${file}`)] as const),
]);

export interface ErrorLink {
  message: string;
  href?: string;
  /** Where to change the other answers a rule across answers compares (an end before its start). */
  others?: Link[];
}

export interface Page {
  view: string;
  lang: Language;
  title: string;
  status?: number;
  /** Where the language switch brings the applicant back to; a page shown for a POST names the page to see instead. */
  returnTo?: string;
  errors?: ErrorLink[];
  /** The form the page belongs to: its footer links that form's privacy notice instead of the list of notices. */
  privacyFormId?: string;
  [data: string]: unknown;
}

/** A form's privacy notice page. */
export const privacyPathOf = (formId: string): string => `/privacy/${encodeURIComponent(formId)}`;

export function render(req: Request, res: Response, page: Page): void {
  const view = views.get(page.view);
  if (!view) throw new Error(`no template templates/pages/${page.view}.hbs`);
  const returnTo = page.returnTo ?? (req.method === "GET" ? req.originalUrl : "/");
  const languages = LANGUAGES.map((code) => ({
    code,
    name: AUTONYMS[code],
    current: code === page.lang,
    // A form, not a link: choosing a language changes what the application is kept in.
    action: `/language/${code}`,
    returnTo,
  }));
  const privacyPath = page.privacyFormId === undefined ? "/privacy" : privacyPathOf(page.privacyFormId);
  res.status(page.status ?? 200).type("html").send(view({ privacyPath, ...page, languages }));
}

export interface Link {
  href: string;
  text: string;
}

/** A page that explains what went wrong and always offers a way on. */
export function renderProblem(req: Request, res: Response, lang: Language, status: number, messages: string[], links: Link[] = []): void {
  const title = t(lang, status === 404 ? "page.not_found.title" : "page.problem.title");
  render(req, res, { view: "problem", lang, title, status, messages, links: [...links, { href: "/", text: t(lang, "page.home_link") }] });
}

/** One page for an unknown page, form or application and for a wrong token: it reveals nothing about which. */
export const renderNotFound = (req: Request, res: Response, lang: Language) => renderProblem(req, res, lang, 404, [t(lang, "page.not_found.text")]);

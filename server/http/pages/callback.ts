/**
 * "Talk to a person": the form for a callback request and, once sent, the confirmation and the
 * applicant's requests with their state. Open to every application, draft or submitted; the way
 * back leads to the questions or, once submitted, to the status page.
 */
import { Router, type Request, type Response } from "express";
import { callbackView, MAX_OPEN_PER_APPLICATION, MESSAGE_MAX, requestCallback, type CallbackView } from "../../applications/callbacks";
import type { Services } from "../../applications/service";
import type { Problem } from "../../engine/problem";
import { isPlainObject } from "../../engine/pointer";
import { formatTimestamp } from "../../engine/format";
import { t } from "../../i18n/translate";
import { withApplication, type Opened } from "./auth";
import { field } from "./fields";
import { applicationPaths } from "./paths";
import { render } from "./render";

type Typed = Record<"name" | "contact" | "message", string>;

interface Shown {
  status?: number;
  sent?: boolean;
  typed?: Typed;
  problems?: Problem[];
}

/** The field a problem's pointer names, for the error summary's link and the message beside it. */
const fieldIdOf = (pointer: string): string | undefined => ({ "/name": "name", "/contact": "contact", "/message": "message" })[pointer];

async function callbackPage(services: Services, req: Request, res: Response, { record }: Opened, shown: Shown): Promise<void> {
  const lang = record.language;
  const paths = applicationPaths(record.id);
  const problems = shown.problems ?? [];
  const errorsOf = (id: string) => problems.filter((p) => fieldIdOf(p.pointer) === id).map((p) => p.message);
  const typed = shown.typed ?? { name: "", contact: "", message: "" };
  const requests = (await services.store.callbackRequestsOf(record.id)).map(callbackView);
  const open = requests.filter((r) => r.state === "received").length;
  const row = (r: CallbackView) => ({
    when: formatTimestamp(r.createdAt, lang, "short"),
    at: r.createdAt,
    contact: r.contact,
    message: r.message,
    state: t(lang, `callback.state.${r.state}`),
    handled: r.state === "handled",
  });
  render(req, res, {
    view: "callback",
    lang,
    status: shown.status,
    title: t(lang, shown.sent ? "callback.received_title" : "callback.title"),
    returnTo: paths.callback,
    errors: problems.map((p) => ({ message: p.message, href: fieldIdOf(p.pointer) && `#${fieldIdOf(p.pointer)}` })),
    sent: shown.sent,
    // The limit is said before the applicant types, not after; a refused post still shows the form with its error.
    full: open >= MAX_OPEN_PER_APPLICATION && !shown.problems && t(lang, "callback.too_many_open", { max: MAX_OPEN_PER_APPLICATION }),
    fields: [
      field({ partial: "field-text", id: "name", name: "name", type: "text", autocomplete: "name", label: t(lang, "callback.name_label"), heading: false, errors: errorsOf("name"), value: typed.name }),
      field({ partial: "field-text", id: "contact", name: "contact", type: "text", autocomplete: "tel", label: t(lang, "callback.contact_label"), heading: false, hints: [t(lang, "callback.contact_hint")], errors: errorsOf("contact"), value: typed.contact }),
      field({ partial: "field-textarea", id: "message", name: "message", label: t(lang, "callback.message_label"), heading: false, hints: [t(lang, "callback.message_hint", { max: MESSAGE_MAX })], errors: errorsOf("message"), value: typed.message }),
    ],
    requests: requests.map(row),
    wayBack: record.reference ? { href: paths.status, text: t(lang, "page.confirmation.status") } : { href: paths.show, text: t(lang, "page.continue_application") },
    paths,
  });
}

const postedText = (req: Request, name: string): string => (isPlainObject(req.body) && typeof req.body[name] === "string" ? req.body[name] : "");

export function callbackPages(services: Services): Router {
  const router = Router();

  router.get("/applications/:id/callback", withApplication(services, async (req, res, opened) => {
    await callbackPage(services, req, res, opened, { sent: req.query.sent !== undefined });
  }));

  router.post("/applications/:id/callback", withApplication(services, async (req, res, opened) => {
    const typed = { name: postedText(req, "name"), contact: postedText(req, "contact"), message: postedText(req, "message") };
    const result = await requestCallback(services, opened.record, typed, opened.record.language);
    if (result.ok) return res.redirect(303, `${applicationPaths(opened.record.id).callback}?sent`);
    await callbackPage(services, req, res, opened, { status: result.status, typed, problems: result.problems });
  }));

  return router;
}

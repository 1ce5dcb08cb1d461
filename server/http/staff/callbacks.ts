/**
 * Callback requests in the workspace: the list of open ones across all applications, newest first,
 * and the "Mark as handled" action, which the case page offers too. A request on a draft is listed
 * without a case to open: caseworkers see a draft's answers only once it is submitted.
 */
import type { Response, Router } from "express";
import type { Services } from "../../applications/service";
import { markCallbackHandled } from "../../applications/callbacks";
import type { Problem } from "../../engine/problem";
import type { CallbackRequest, OpenCallbackRequest } from "../../store/store";
import type { Language } from "../../i18n/languages";
import { t } from "../../i18n/translate";
import { checkCsrf } from "./csrf";
import { fieldOf, pageOf } from "./fields";
import { localsOf, signedIn } from "./locals";
import { formatWhen, renderPage, renderRefusal } from "./render";
import { allow, CASE_ROLES } from "./session";

const PAGE_SIZE = 50;
export const CALLBACKS_PATH = "/staff/callbacks";
const handledPath = (id: number) => `${CALLBACKS_PATH}/${id}/handled`;

/** A request as a row of the case page or the list: who, how to reach them, what about, when, and whether someone did. */
export function callbackRow(request: CallbackRequest, lang: Language, staffName: (id: string) => string) {
  return {
    id: request.id,
    name: request.name,
    contact: request.contact,
    kind: t(lang, `callback.kind.${request.contactKind}`),
    message: request.message,
    when: formatWhen(request.createdAt, lang),
    state: t(lang, request.handledAt === null ? "callback.state.open" : "callback.state.handled"),
    handled: request.handledAt !== null && request.handledBy !== null && t(lang, "callback.staff.handled_by", { by: staffName(request.handledBy), at: formatWhen(request.handledAt, lang) }),
    action: request.handledAt === null && handledPath(request.id),
  };
}

async function renderList(services: Services, res: Response, status: number, page: number, problems: Problem[] = []): Promise<void> {
  const { lang } = localsOf(res);
  const { items, total } = await services.store.openCallbackRequests({ offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  const last = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const application = (item: OpenCallbackRequest) => ({
    href: item.status === "draft" ? undefined : `/staff/cases/${item.applicationId}`,
    reference: item.reference ?? t(lang, "callback.staff.not_submitted"),
    form: services.registry.get(item.formId)?.locales[lang].form.title ?? item.formId,
  });
  renderPage(res, status, "callbacks", {
    title: t(lang, "callback.staff.title"),
    problems: problems.map((p) => p.message),
    total,
    // Open requests have no handler yet, so no staff names are needed.
    rows: items.map((item) => ({ ...callbackRow(item, lang, (id) => id), application: application(item) })),
    pages: last > 1 && {
      previous: page > 1 && `${CALLBACKS_PATH}?page=${page - 1}`,
      next: page < last && `${CALLBACKS_PATH}?page=${page + 1}`,
    },
  });
}

export function callbackRoutes(router: Router, services: Services): void {
  router.get("/callbacks", allow(...CASE_ROLES), async (req, res) => {
    const page = pageOf(req, localsOf(res).lang);
    if (!page.ok) return renderRefusal(res, page.problem);
    await renderList(services, res, 200, page.value);
  });

  /** From the case page (`from=case`) back to the case; from the list back to the list. A refusal shows the list as it is now. */
  router.post("/callbacks/:callbackId/handled", allow(...CASE_ROLES), checkCsrf, async (req, res) => {
    const { lang } = localsOf(res);
    const raw = String(req.params.callbackId);
    const result = await markCallbackHandled(services, signedIn(res).staff, /^\d+$/.test(raw) ? Number(raw) : Number.NaN, lang);
    if (result.ok) return res.redirect(303, fieldOf(req, "from") === "case" ? `/staff/cases/${result.value.applicationId}` : CALLBACKS_PATH);
    await renderList(services, res, result.status, 1, result.problems);
  });
}

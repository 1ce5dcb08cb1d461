/** Erasure on request, for admins: an application named by its reference number (or id) is erased at once, unless it is under legal hold. */
import type { Router } from "express";
import type { Services } from "../../applications/service";
import { eraseOnRequest } from "../../applications/retention";
import { t } from "../../i18n/translate";
import { localsOf, signedIn } from "./locals";
import { renderPage } from "./render";
import { allow } from "./session";
import { checkCsrf } from "./csrf";
import { fieldOf } from "./fields";

export function erasureRoutes(router: Router, services: Services): void {
  router.get("/erasure", allow("admin"), (_req, res) => {
    renderPage(res, 200, "erasure", { title: t(localsOf(res).lang, "privacy.erasure.title"), problems: [] });
  });
  router.post("/erasure", allow("admin"), checkCsrf, async (req, res) => {
    const { lang } = localsOf(res);
    const which = fieldOf(req, "which").trim();
    const result = await eraseOnRequest(services, signedIn(res).staff, which, lang);
    const title = t(lang, "privacy.erasure.title");
    if (!result.ok) return renderPage(res, result.status, "erasure", { title, problems: result.problems.map((p) => p.message), which });
    renderPage(res, 200, "erasure", { title, problems: [], done: t(lang, "privacy.erasure.done", { which }) });
  });
}

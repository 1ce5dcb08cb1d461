/** The staff accounts, for admins. Accounts are added with `npm run user:add`. */
import type { Router } from "express";
import type { Services } from "../../applications/service";
import { t } from "../../i18n/translate";
import { localsOf } from "./locals";
import { formatWhen, renderPage, roleLabel } from "./render";
import { allow } from "./session";

export function userRoutes(router: Router, services: Services): void {
  router.get("/users", allow("admin"), async (_req, res) => {
    const { lang } = localsOf(res);
    const staff = await services.store.listStaff();
    renderPage(res, 200, "users", {
      title: t(lang, "staff.users.title"),
      users: staff.map((s) => ({ name: s.name, email: s.email, role: roleLabel(lang, s.role), createdAt: formatWhen(s.createdAt, lang) })),
    });
  });
}

/** Signing in and out. A failed sign-in does not say whether the e-mail or the password was wrong. */
import type { Router } from "express";
import { rateLimit } from "express-rate-limit";
import type { Services } from "../../applications/service";
import { signIn, signOut, STAFF_ROLES } from "../../applications/staff-auth";
import { t } from "../../i18n/translate";
import { homeOf, localsOf } from "./locals";
import { renderPage } from "./render";
import { allow, clearSessionCookie, setSessionCookie, sessionIdOf } from "./session";
import { checkCsrf } from "./csrf";
import { fieldOf } from "./fields";

/**
 * bcrypt makes each guess slow; this makes many guesses impossible: after `failures` failed
 * sign-ins in 15 minutes a client is told to wait. Successful sign-ins do not count.
 */
function signInLimiter(failures: number) {
  return rateLimit({
    windowMs: 15 * 60_000,
    limit: failures,
    skipSuccessfulRequests: true,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: (_req, res) => {
      const { lang } = localsOf(res);
      renderPage(res, 429, "login", { title: t(lang, "staff.login.title"), failed: [t(lang, "staff.login.too_many")] });
    },
  });
}

export function loginRoutes(router: Router, services: Services, failures: number): void {
  router.get("/login", (_req, res) => {
    renderPage(res, 200, "login", { title: t(localsOf(res).lang, "staff.login.title") });
  });

  router.post("/login", signInLimiter(failures), async (req, res) => {
    const email = fieldOf(req, "email");
    const signedIn = await signIn(services.store, services.now(), email, fieldOf(req, "password"));
    const { lang } = localsOf(res);
    if (!signedIn) return renderPage(res, 401, "login", { title: t(lang, "staff.login.title"), email, failed: [t(lang, "staff.login.failed")] });
    // Any session this browser had ends: one browser, one signed-in person.
    const previous = sessionIdOf(req);
    if (previous) await signOut(services.store, previous);
    setSessionCookie(req, res, signedIn.sessionId);
    res.redirect(303, homeOf(signedIn.staff.role));
  });

  router.post("/logout", allow(...STAFF_ROLES), checkCsrf, async (req, res) => {
    await signOut(services.store, sessionIdOf(req)!);
    clearSessionCookie(req, res);
    res.redirect(303, "/staff/login");
  });
}

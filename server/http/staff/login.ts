/** Signing in and out. A failed sign-in does not say whether the e-mail or the password was wrong. */
import type { Router } from "express";
import { rateLimit, type Options, type Store as LimiterStore } from "express-rate-limit";
import type { Services } from "../../applications/service";
import { normalEmail, signIn, signOut, STAFF_ROLES } from "../../applications/staff-auth";
import { t } from "../../i18n/translate";
import { homeOf, localsOf } from "./locals";
import { renderPage } from "./render";
import { allow, clearSessionCookie, setSessionCookie, sessionIdOf } from "./session";
import { checkCsrf } from "./csrf";
import { fieldOf } from "./fields";
import type { StaffOptions } from "./index";
import { LIMITER_VALIDATION } from "../security";

/**
 * bcrypt makes each guess slow; this makes many guesses impossible: after `failures` failed
 * sign-ins in 15 minutes with the same key, the client is told to wait. Successful sign-ins do not count.
 * The counts are the store's, so processes sharing a database share them.
 */
function signInLimiter(store: LimiterStore, failures: number, keyGenerator?: Options["keyGenerator"]) {
  return rateLimit({
    store,
    windowMs: 15 * 60_000,
    limit: failures,
    ...(keyGenerator && { keyGenerator }),
    skipSuccessfulRequests: true,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    validate: LIMITER_VALIDATION,
    handler: (_req, res) => {
      const { lang } = localsOf(res);
      renderPage(res, 429, "login", { title: t(lang, "staff.login.title"), failed: [t(lang, "staff.login.too_many")] });
    },
  });
}

/**
 * Two counts: per address, so one client cannot try many accounts, and per account, so guesses
 * spread over many addresses stop too. The address allows more than the account, as colleagues
 * behind one office address share it: one of them mistyping does not lock the others out.
 */
export function loginRoutes(router: Router, services: Services, options: StaffOptions): void {
  const perAddress = signInLimiter(options.limitStores("sign-in-address"), options.signInFailuresPerAddress ?? options.signInFailures);
  const perAccount = signInLimiter(options.limitStores("sign-in-account"), options.signInFailures, (req) => `account:${normalEmail(fieldOf(req, "email"))}`);
  const secure = options.secure ?? false;
  router.get("/login", (_req, res) => {
    renderPage(res, 200, "login", { title: t(localsOf(res).lang, "staff.login.title") });
  });

  router.post("/login", perAddress, perAccount, async (req, res) => {
    const email = fieldOf(req, "email");
    const signedIn = await signIn(services.store, services.now(), email, fieldOf(req, "password"));
    const { lang } = localsOf(res);
    if (!signedIn) return renderPage(res, 401, "login", { title: t(lang, "staff.login.title"), email, failed: [t(lang, "staff.login.failed")] });
    // Any session this browser had ends: one browser, one signed-in person.
    const previous = sessionIdOf(req);
    if (previous) await signOut(services.store, previous);
    setSessionCookie(req, res, signedIn.sessionId, secure);
    res.redirect(303, homeOf(signedIn.staff.role));
  });

  router.post("/logout", allow(...STAFF_ROLES), checkCsrf, async (req, res) => {
    await signOut(services.store, sessionIdOf(req)!);
    clearSessionCookie(req, res, secure);
    res.redirect(303, "/staff/login");
  });
}

/**
 * The caseworker workspace under /staff. Every route names the roles it serves (see `allow`);
 * every form post of a signed-in member is checked for the session's CSRF token.
 */
import { Router } from "express";
import type { Services } from "../../applications/service";
import { loadStaff } from "./session";
import { loginRoutes } from "./login";
import { queueRoutes } from "./queue";
import { caseRoutes } from "./case-page";
import { caseActionRoutes } from "./case-actions";
import { userRoutes } from "./users";
import { erasureRoutes } from "./erasure";
import { callbackRoutes } from "./callbacks";
import { renderMessage } from "./render";
import type { LimitStores } from "../limit-store";

export interface StaffOptions {
  /** Failed sign-ins to one account in 15 minutes. */
  signInFailures: number;
  /** Failed sign-ins from one address in 15 minutes; the account's limit when not given. */
  signInFailuresPerAddress?: number;
  /** Where the sign-in limits count failures. */
  limitStores: LimitStores;
  /** Forces the Secure flag on the session cookie (the public URL is https). */
  secure?: boolean;
}

export function staffPages(services: Services, options: StaffOptions): Router {
  const router = Router();
  router.use(loadStaff(services));
  loginRoutes(router, services, options);
  queueRoutes(router, services);
  caseRoutes(router, services);
  caseActionRoutes(router, services);
  callbackRoutes(router, services);
  userRoutes(router, services);
  erasureRoutes(router, services);
  router.use((_req, res) => renderMessage(res, 404, "staff.not_found", "staff.not_found_text"));
  return router;
}

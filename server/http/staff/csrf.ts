/**
 * Every form post of a signed-in staff member carries the session's synchronizer token in `_csrf`.
 * Another site can make a browser post, but cannot read the token from our pages, so a post
 * without it is refused before anything changes.
 */
import type { RequestHandler } from "express";
import { csrfMatches } from "../../applications/staff-auth";
import { signedIn } from "./locals";
import { renderMessage } from "./render";
import { fieldOf } from "./fields";

export const checkCsrf: RequestHandler = (req, res, next) => {
  const { session } = signedIn(res);
  if (!csrfMatches(session, fieldOf(req, "_csrf"))) return renderMessage(res, 403, "staff.csrf.title", "staff.csrf.text");
  next();
};

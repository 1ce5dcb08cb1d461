/**
 * The applicant's HTML pages: server-rendered and complete without JavaScript. Every form posts
 * and redirects (303) to the page that shows the outcome, so reloading never answers twice.
 */
import { Router, type ErrorRequestHandler, type RequestHandler } from "express";
import type { Services } from "../../applications/service";
import { t } from "../../i18n/translate";
import { requestLanguage } from "../language";
import { stepPages } from "./application";
import { callbackPages } from "./callback";
import { formPages } from "./forms";
import { renderProblem } from "./render";
import { savePages } from "./save";
import { submittedPages } from "./submitted";
import { languagePages } from "./switch-language";

/** Something unexpected: logged, and a page in the applicant's language rather than a JSON error. */
const problemPage: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  req.log.error({ err: error }, "page failed");
  const lang = requestLanguage(req);
  renderProblem(req, res, lang, 500, [t(lang, "http.internal")]);
};

export function applicantPages(services: Services, options: { createLimiter: RequestHandler; secure: boolean; publicUrl?: URL }): Router {
  const router = Router();
  router.use(formPages(services, options), stepPages(services), submittedPages(services), savePages(services, options), callbackPages(services), languagePages(services, options));
  router.use(problemPage);
  return router;
}

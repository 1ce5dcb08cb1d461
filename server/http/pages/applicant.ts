/**
 * The applicant's HTML pages: server-rendered and complete without JavaScript. Every form posts
 * and redirects (303) to the page that shows the outcome, so reloading never answers twice.
 */
import { Router, type RequestHandler } from "express";
import type { Services } from "../../applications/service";
import { stepPages } from "./application";
import { callbackPages } from "./callback";
import { formPages } from "./forms";
import { savePages } from "./save";
import { submittedPages } from "./submitted";
import { languagePages } from "./switch-language";
import { importPages } from "./import";

export function applicantPages(services: Services, options: { createLimiter: RequestHandler; secure: boolean; publicUrl?: URL }): Router {
  const router = Router();
  router.use(formPages(services, options), stepPages(services), submittedPages(services), savePages(services, options), callbackPages(services), importPages(services), languagePages(services, options));
  return router;
}

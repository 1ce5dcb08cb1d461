/** The express application: middleware in the order a request meets it, then the routers. */
import express from "express";
import cookieParser from "cookie-parser";
import type { Logger } from "pino";
import type { Services } from "../applications/service";
import { applicationsApi } from "./api/applications";
import { staffPages } from "./staff";
import { openApiDocument } from "./api/openapi";
import { errorHandler, replyJson, sendProblems, type Reply } from "./errors";
import { requestLogger } from "./logging";
import { limitStores } from "./limit-store";
import { BODY_LIMIT, JSON_BODY_LIMIT, createLimiter, noStore, securityHeaders } from "./security";
import { requestLanguage } from "./language";
import { sameOriginPosts } from "./same-origin";
import { t } from "../i18n/translate";
import { applicantPages } from "./pages/applicant";
import { chatRoutes } from "./chat/routes";
import { ruleInterpreter, type Interpreter } from "../chat/interpret";
import { ASSETS, renderNotFound, renderProblem } from "./pages/render";
import { previewPages } from "./preview/routes";
import { packageSource } from "./preview/packages";
import type { TrustProxy } from "../config";
import { DEMO_SITE, type Site } from "../site/site";
import { noticePages } from "./pages/notices";

export interface AppOptions {
  logger: Logger;
  /** Signs cookies. */
  secret: string;
  /** New applications one client may start per minute. */
  createPerMinute: number;
  /** Failed sign-ins to one staff account in 15 minutes; then it waits. */
  signInFailures?: number;
  /** Failed staff sign-ins from one address in 15 minutes; then that address waits. */
  signInFailuresPerAddress?: number;
  /** Express's `trust proxy`; by default no forwarded header is believed. */
  trustProxy?: TrustProxy;
  /** The site's public origin: links are built on it, never on the Host header; `https:` makes every cookie Secure. */
  publicUrl?: URL;
  /** Reads the chat's typed answers; the rule-based one unless an operator plugs in another (ADR 6). */
  interpreter?: Interpreter;
  /** Serves the form author's preview of the packages under `root`, read from disk as they change. */
  preview?: { root: string };
  /** The operator's details for the imprint, the privacy notices and the accessibility statement; the demo's examples by default. */
  site?: Site;
}

/** The routes that answer JSON whoever asks: the API and the chat's endpoints, which its script reads. The whole path: a router sees only its part. */
const isJsonRoute = (path: string): boolean => /^\/api(\/|$)/i.test(path) || /^\/applications\/[^/]+\/chat\/(messages|callback)\/?$/i.test(path);

export function createApp(services: Services, options: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? false);
  app.use(requestLogger(options.logger));
  app.use(securityHeaders());
  app.use(cookieParser(options.secret));
  app.use(express.json({ limit: JSON_BODY_LIMIT }));
  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT }));

  /** Browsers get a page in their language; programs (and everything under /api, and the chat's script) get JSON. */
  const reply: Reply = (req, res, status, problems) =>
    isJsonRoute(req.originalUrl.split("?")[0]!) || !req.accepts("html")
      ? replyJson(req, res, status, problems)
      : renderProblem(req, res, requestLanguage(req), status, problems.map((p) => p.message));
  // The limits count in the store, hashing keys with the secret every process shares.
  const stores = limitStores(services.store, options.secret, services.now);
  const limiter = createLimiter(options.createPerMinute, reply, stores);
  app.get("/openapi.json", (_req, res) => res.json(openApiDocument(services.registry)));
  app.use("/api", noStore, applicationsApi(services, limiter));
  app.use("/api", (req, res) => sendProblems(res, 404, [{ code: "not_found", pointer: "", message: t(requestLanguage(req), "http.not_found") }]));
  // Cookies get the Secure flag whenever a request came over HTTPS, and always when the public URL is https.
  const secure = options.publicUrl?.protocol === "https:";
  app.use("/staff", noStore, staffPages(services, { signInFailures: options.signInFailures ?? 10, signInFailuresPerAddress: options.signInFailuresPerAddress ?? 50, limitStores: stores, secure }));
  app.use("/assets", express.static(ASSETS, { index: false, maxAge: "1h" }));
  if (options.preview) app.use("/preview", noStore, previewPages(packageSource(options.preview.root)));
  app.use(["/forms", "/applications", "/resume"], noStore);
  // The applicant's pages and chat are opened by a cookie; the API by a bearer token, which no other site can send (ADR 11).
  app.use(noticePages(services.registry, options.site ?? DEMO_SITE));
  app.use(sameOriginPosts(reply));
  app.use(chatRoutes(services, options.interpreter ?? ruleInterpreter, { createLimiter: limiter, secure }));
  app.use(applicantPages(services, { createLimiter: limiter, secure, publicUrl: options.publicUrl }));
  app.use((req, res) => renderNotFound(req, res, requestLanguage(req)));
  app.use(errorHandler(options.logger, reply));
  return app;
}

/**
 * Structured logs that never carry answers, tokens or cookies: requests are logged by method,
 * path (with resume tokens masked) and status only.
 */
import { pino, type Logger } from "pino";
import { pinoHttp } from "pino-http";
import type { IncomingMessage, ServerResponse } from "node:http";

export function createLogger(level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level });
}

/**
 * `/resume/<id>/<token>` → `/resume/<id>/…`; query strings are dropped. Routing ignores case, so
 * `/RESUME/…` opens the same link: the token is masked whatever the path's case.
 */
export const safePath = (url: string): string => url.split("?")[0]!.replace(/^(\/resume\/[^/]+\/)[^/]+/i, "$1…");

export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    serializers: {
      req: (req: IncomingMessage) => ({ method: req.method, path: safePath(req.url ?? "") }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
  });
}

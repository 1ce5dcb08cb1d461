/** `npm start`: Formpilot on http://localhost:$PORT with the store at $DATABASE_URL. */
import { loadConfig } from "./config";
import { createLogger } from "./http/logging";
import { start } from "./start";

const logger = createLogger();
const config = await loadConfig();
const started = await start(config, logger);
if (!started.ok) {
  logger.fatal(started.message);
  process.exit(1);
}
const { running } = started;
logger.info({ url: running.url, forms: running.registry.all().map((f) => `${f.id}@${f.version}`) }, "Formpilot is serving");
if (config.preview) logger.warn({ url: `${running.url}/preview` }, "Preview mode is on: form packages are reloaded from disk and shown to anyone. Never use it in production.");

// Stop taking requests, let the ones under way finish, then close the store: nothing acknowledged is lost.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "shutting down");
    void running.close().then(() => process.exit(0));
  });
}

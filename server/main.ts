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
if (!config.encryption) logger.warn("Encryption at rest is off (FORMPILOT_ENCRYPTION=off): personal values are stored in clear. It exists to measure what encryption costs; never serve applicants so.");

// Stop taking requests, let the ones under way finish, then close the store: nothing acknowledged is lost.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "shutting down");
    void running.close().then(() => process.exit(0));
  });
}

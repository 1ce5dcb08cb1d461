/** A real Formpilot server on a free port with a SQLite file in a temporary folder. */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pino, type Logger } from "pino";
import { loadConfig } from "../../server/config";
import { start, type Running } from "../../server/start";
import { TEST_KEY } from "./keys";

export async function tempDataDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), "formpilot-data-"));
}

/**
 * `root` is the forms folder to serve (and to preview, with FORMPILOT_PREVIEW=1); forms/ by default.
 * Servers share the tests' key ring, so that several on one database, and the test itself, read one another's rows.
 */
export async function startServer(dataDir?: string, env: Record<string, string> = {}, logger: Logger = pino({ level: "silent" }), root?: string): Promise<Running> {
  const dir = dataDir ?? (await tempDataDir());
  const config = await loadConfig({ FORMPILOT_DATA: dir, PORT: "0", FORMPILOT_SECRET: "test-secret", FORMPILOT_CREATE_PER_MINUTE: "1000", FORMPILOT_SIGNIN_FAILURES: "1000", FORMPILOT_SIGNIN_FAILURES_PER_ADDRESS: "1000", FORMPILOT_KEY: TEST_KEY, ...env });
  const started = await start(config, logger, root);
  if (!started.ok) throw new Error(started.message);
  return started.running;
}

/**
 * Configuration from the environment, with defaults that make a first start need no set-up.
 * Secrets that are not given are generated once and kept under data/.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";

export interface Config {
  port: number;
  databaseUrl: string;
  secret: string;
  createPerMinute: number;
  /** Failed staff sign-ins one client may make in 15 minutes. */
  signInFailures: number;
  dataDir: string;
  /** The form author's preview under /preview (FORMPILOT_PREVIEW=1, `npm run dev`): never in production. */
  preview: boolean;
  /** FORMPILOT_AMOUNT_WARNING_SHARE: an amount granted further from the form's estimate than this share of it is flagged. */
  amountWarningShare: number;
}

async function keptSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "secret.key");
  const existing = await readFile(file, "utf8").catch(() => undefined);
  if (existing?.trim()) return existing.trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, secret + "\n", { mode: 0o600, flag: "wx" }).catch(async () => undefined);
  // Another process may have won the race to create it: whatever is on disk is the secret.
  return (await readFile(file, "utf8")).trim();
}

export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const dataDir = path.resolve(env.FORMPILOT_DATA ?? "data");
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL ?? path.join(dataDir, "formpilot.sqlite"),
    secret: env.FORMPILOT_SECRET ?? (await keptSecret(dataDir)),
    createPerMinute: Number(env.FORMPILOT_CREATE_PER_MINUTE ?? 30),
    signInFailures: Number(env.FORMPILOT_SIGNIN_FAILURES ?? 10),
    dataDir,
    preview: env.FORMPILOT_PREVIEW === "1",
    amountWarningShare: Number(env.FORMPILOT_AMOUNT_WARNING_SHARE ?? 0.2),
  };
}

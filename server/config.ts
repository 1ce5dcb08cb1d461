/**
 * Configuration from the environment, with defaults that make a first start need no set-up.
 * Secrets that are not given are generated once and kept under data/.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { DRAFT_TOKEN_DAYS } from "./applications/tokens";
import { keysFromEnvironment, type KeySource } from "./store/crypto/key-file";
import { protector, type Protector } from "./store/crypto/protector";

export interface Config {
  port: number;
  databaseUrl: string;
  secret: string;
  createPerMinute: number;
  /** Failed sign-ins to one staff account in 15 minutes, from wherever they come. */
  signInFailures: number;
  /** Failed staff sign-ins from one address in 15 minutes, whichever accounts they name. */
  signInFailuresPerAddress: number;
  /** Express's `trust proxy`: which forwarded headers say who the client is and whether it came over HTTPS. */
  trustProxy: TrustProxy;
  /** The origin applicants and staff reach the site at: links are built on it, and `https:` makes every cookie Secure. */
  publicUrl?: URL;
  /** Days a draft's resume link and token stay valid after its last change. */
  draftTokenDays: number;
  dataDir: string;
  /** The form author's preview under /preview (FORMPILOT_PREVIEW=1, `npm run dev`): never in production. */
  preview: boolean;
  /** FORMPILOT_AMOUNT_WARNING_SHARE: an amount granted further from the form's estimate than this share of it is flagged. */
  amountWarningShare: number;
  /** FORMPILOT_SITE_FILE: the operator's details for the imprint, privacy notices and accessibility statement (data/site.json by default; without it the demo's examples). */
  siteFile: string;
  /** The key-encryption keys and the blind-index key: FORMPILOT_KEY, or the key file (FORMPILOT_KEY_FILE, by default data/keys.json). */
  keys: KeySource;
  /** FORMPILOT_ENCRYPTION=off stores personal values in clear, for measuring what encryption costs only: never for serving applicants. */
  encryption: boolean;
  /** FORMPILOT_RETENTION_MINUTES: how often the server erases what the forms' retention periods make due; 0 never (run `npm run retention` instead). */
  retentionMinutes: number;
}

/** What the store seals personal values with, as the configuration says. */
export const protectorOf = (config: Pick<Config, "keys" | "encryption">): Protector => protector(config.keys, { encrypt: config.encryption });

export type TrustProxy = boolean | number | string;

/**
 * FORMPILOT_TRUST_PROXY read the way express reads `trust proxy`: `true`/`false`, a number of
 * hops, or addresses, subnets and names such as `loopback` separated by commas. Unset trusts no
 * forwarded header, so a client cannot pick its own address by sending X-Forwarded-For.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const given = value?.trim() ?? "";
  if (given === "" || given === "false") return false;
  if (given === "true") return true;
  return /^\d+$/.test(given) ? Number(given) : given;
}

/** Only an origin: a path, query or credentials in it would end up in every link. */
export function parsePublicUrl(value: string | undefined): URL | undefined {
  if (!value?.trim()) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !["http:", "https:"].includes(url.protocol) || url.username || url.password || url.search || url.hash || url.pathname !== "/")
    throw new Error(`FORMPILOT_PUBLIC_URL must be an origin such as https://antrag.example.org, not "${value}"`);
  return url;
}

async function keptSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "secret.key");
  const existing = await readFile(file, "utf8").catch(() => undefined);
  if (existing?.trim()) return existing.trim();
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, secret + "\n", { mode: 0o600, flag: "wx" }).catch(async () => undefined);
  // Another process may have won the race to create it: whatever is on disk is the secret.
  return (await readFile(file, "utf8")).trim();
}

export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const dataDir = path.resolve(env.FORMPILOT_DATA ?? "data");
  // Only the process's user enters the data folder (mode 700 when it is created here).
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL ?? path.join(dataDir, "formpilot.sqlite"),
    // An empty FORMPILOT_SECRET is no secret: the kept one is used instead.
    secret: env.FORMPILOT_SECRET?.trim() || (await keptSecret(dataDir)),
    createPerMinute: Number(env.FORMPILOT_CREATE_PER_MINUTE ?? 30),
    signInFailures: Number(env.FORMPILOT_SIGNIN_FAILURES ?? 10),
    signInFailuresPerAddress: Number(env.FORMPILOT_SIGNIN_FAILURES_PER_ADDRESS ?? 50),
    trustProxy: parseTrustProxy(env.FORMPILOT_TRUST_PROXY),
    publicUrl: parsePublicUrl(env.FORMPILOT_PUBLIC_URL),
    draftTokenDays: Number(env.FORMPILOT_DRAFT_TOKEN_DAYS ?? DRAFT_TOKEN_DAYS),
    dataDir,
    preview: env.FORMPILOT_PREVIEW === "1",
    amountWarningShare: Number(env.FORMPILOT_AMOUNT_WARNING_SHARE ?? 0.2),
    siteFile: path.resolve(env.FORMPILOT_SITE_FILE ?? path.join(dataDir, "site.json")),
    keys: keysFromEnvironment(env, dataDir),
    encryption: env.FORMPILOT_ENCRYPTION !== "off",
    retentionMinutes: Number(env.FORMPILOT_RETENTION_MINUTES ?? 60),
  };
}

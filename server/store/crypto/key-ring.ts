/**
 * The key ring, pure: numbered key-encryption keys (KEKs) and the blind-index key, as the key file
 * or FORMPILOT_KEY hold them. Data keys are wrapped by the current KEK; older versions stay to
 * unwrap what is not yet re-wrapped, until they are retired. The index key never rotates with the
 * KEKs: every blind index would have to be recomputed from values only the data keys open.
 *
 * The text form is JSON: `{ "current": 2, "index": "<base64>", "keys": { "1": "<base64>", "2": "<base64>" } }`.
 * FORMPILOT_KEY may also be one base64 secret of at least 32 bytes: it stands for version 1, and
 * both keys are derived from it (HKDF-SHA256, one label each).
 */
import { hkdfSync, randomBytes } from "node:crypto";
import { KEY_BYTES } from "./envelope";

export interface KeyRing {
  current: number;
  /** The key-encryption keys by version. */
  keys: ReadonlyMap<number, Buffer>;
  index: Buffer;
}

const key = (text: unknown, what: string): Buffer => {
  const bytes = typeof text === "string" ? Buffer.from(text, "base64") : Buffer.alloc(0);
  if (bytes.length !== KEY_BYTES) throw new Error(`${what} is not a base64 key of ${KEY_BYTES} bytes`);
  return bytes;
};

const derived = (secret: Buffer, label: string): Buffer => Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), `formpilot ${label}`, KEY_BYTES));

/** Reads the text of a key file or of FORMPILOT_KEY; `where` names it in errors, never the keys. */
export function parseKeyRing(text: string, where: string): KeyRing {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{")) {
    const secret = Buffer.from(trimmed, "base64");
    if (secret.length < KEY_BYTES) throw new Error(`${where} holds neither a key ring nor a base64 secret of at least ${KEY_BYTES} bytes`);
    return { current: 1, keys: new Map([[1, derived(secret, "key-encryption key 1")]]), index: derived(secret, "blind index key") };
  }
  let parsed: { current?: unknown; index?: unknown; keys?: unknown };
  try {
    parsed = JSON.parse(trimmed) as typeof parsed;
  } catch {
    throw new Error(`${where} is not valid JSON`);
  }
  const keys = new Map<number, Buffer>();
  for (const [version, text] of Object.entries((parsed.keys ?? {}) as Record<string, unknown>)) {
    if (!/^[1-9][0-9]*$/.test(version)) throw new Error(`${where}: key version "${version}" is not a positive whole number`);
    keys.set(Number(version), key(text, `${where}: key ${version}`));
  }
  const current = Number(parsed.current);
  if (!keys.has(current)) throw new Error(`${where}: the current version ${String(parsed.current)} has no key`);
  return { current, keys, index: key(parsed.index, `${where}: the index key`) };
}

export function formatKeyRing(ring: KeyRing): string {
  const keys = Object.fromEntries([...ring.keys].sort(([a], [b]) => a - b).map(([version, k]) => [String(version), k.toString("base64")]));
  return JSON.stringify({ current: ring.current, index: ring.index.toString("base64"), keys }, null, 2) + "\n";
}

export const newKeyRing = (): KeyRing => ({ current: 1, keys: new Map([[1, randomBytes(KEY_BYTES)]]), index: randomBytes(KEY_BYTES) });

/** A new KEK version after the highest, made current. */
export function withNewVersion(ring: KeyRing): KeyRing {
  const version = Math.max(...ring.keys.keys()) + 1;
  return { current: version, keys: new Map([...ring.keys, [version, randomBytes(KEY_BYTES)]]), index: ring.index };
}

/** The ring without the given versions; the current one is never retired. */
export function without(ring: KeyRing, versions: readonly number[]): KeyRing {
  if (versions.includes(ring.current)) throw new Error(`key version ${ring.current} is the current one and cannot be retired`);
  return { current: ring.current, keys: new Map([...ring.keys].filter(([version]) => !versions.includes(version))), index: ring.index };
}

/**
 * Where the key ring comes from at run time: FORMPILOT_KEY, or a key file (FORMPILOT_KEY_FILE,
 * by default `keys.json` in the data folder), created with mode 600 on the first start. A running
 * process re-reads the file when it changed, so that `npm run keys:rotate` needs no restart: a
 * data key wrapped by a version this process has not seen yet is opened after one re-read, and
 * new data keys are wrapped by the version the file calls current.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { formatKeyRing, newKeyRing, parseKeyRing, type KeyRing } from "./key-ring";

export interface KeySource {
  /** The ring as it stands now. */
  ring(): KeyRing;
  /** The KEK of `version`; throws when the ring does not hold it (any more). */
  kek(version: number): Buffer;
}

export function fixedKeys(ring: KeyRing): KeySource {
  return {
    ring: () => ring,
    kek: (version) => {
      const kek = ring.keys.get(version);
      if (!kek) throw new Error(`the key ring holds no key-encryption key of version ${version}`);
      return kek;
    },
  };
}

/** Replaces the file in one step (a reader sees the old ring or the new one), mode 600. */
export function writeKeyFile(file: string, ring: KeyRing): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, formatKeyRing(ring), { mode: 0o600, flag: "wx" });
  renameSync(temporary, file);
}

/** Reads the key file, creating it (and its folder, mode 700) with a new ring when there is none. */
export function fileKeys(file: string): KeySource {
  try {
    statSync(file);
  } catch {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // Another process may win the race to create it: whatever is on disk then is the ring.
    try {
      writeFileSync(file, formatKeyRing(newKeyRing()), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  let seen = { mtime: 0, size: -1 };
  let ring: KeyRing | undefined;
  /** The ring, re-read when the file changed. */
  const fresh = (): KeyRing => {
    const stat = statSync(file);
    if (!ring || stat.mtimeMs !== seen.mtime || stat.size !== seen.size) ring = parseKeyRing(readFileSync(file, "utf8"), file);
    seen = { mtime: stat.mtimeMs, size: stat.size };
    return ring;
  };
  return {
    // Wrapping a new data key asks for the current version: the file is looked at each time.
    ring: fresh,
    // Every read unwraps a key: the ring in memory serves, and the file is looked at only for a version it does not hold.
    kek: (version) => fixedKeys(ring?.keys.has(version) ? ring : fresh()).kek(version),
  };
}

/** FORMPILOT_KEY when given, else the key file. */
export function keysFromEnvironment(env: NodeJS.ProcessEnv, dataDir: string): KeySource {
  if (env.FORMPILOT_KEY?.trim()) return fixedKeys(parseKeyRing(env.FORMPILOT_KEY, "FORMPILOT_KEY"));
  return fileKeys(keyFileOf(env, dataDir));
}

export const keyFileOf = (env: NodeJS.ProcessEnv, dataDir: string): string => path.resolve(env.FORMPILOT_KEY_FILE ?? path.join(dataDir, "keys.json"));

/**
 * `npm run keys:rotate` adds a key-encryption key version to the key file, makes it current and
 * re-wraps every data key with it, while servers keep running: they re-read the key file when it
 * changes, and the older versions stay in it to open what is not re-wrapped yet.
 * `npm run keys:rotate -- --retire` re-wraps what is left (data keys a server wrapped with an older
 * version meanwhile) and then removes from the file every version no data key is wrapped by.
 * Exit codes: 0 done; 2 wrong use (or keys from FORMPILOT_KEY, which this cannot change).
 */
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { loadConfig, protectorOf } from "../config";
import { openStore } from "../store/open";
import { fileKeys, keyFileOf, writeKeyFile } from "../store/crypto/key-file";
import { withNewVersion, without } from "../store/crypto/key-ring";
import { t } from "../i18n/translate";

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const LANG = "en";

export async function keysRotate(args: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  let retire: boolean;
  try {
    retire = parseArgs({ args, options: { retire: { type: "boolean" } } }).values.retire === true;
  } catch {
    io.err(t(LANG, "privacy.keys.usage"));
    return 2;
  }
  if (env.FORMPILOT_KEY?.trim()) {
    io.err(t(LANG, "privacy.keys.from_environment"));
    return 2;
  }
  const config = await loadConfig(env);
  const file = keyFileOf(env, config.dataDir);
  const keys = fileKeys(file);
  if (!retire) writeKeyFile(file, withNewVersion(keys.ring()));
  const store = await openStore(config.databaseUrl, protectorOf({ ...config, keys }));
  try {
    const count = await store.rewrapDataKeys();
    const ring = keys.ring();
    if (!retire) {
      io.out(t(LANG, "privacy.keys.rotated", { version: ring.current, count, file }));
      return 0;
    }
    const inUse = await store.keyVersionsInUse();
    const unused = [...ring.keys.keys()].filter((version) => version !== ring.current && !inUse.includes(version));
    const kept = without(ring, unused);
    writeKeyFile(file, kept);
    io.out(t(LANG, "privacy.keys.retired", { count, version: ring.current, retired: unused.join(", ") || t(LANG, "privacy.keys.none_retired"), kept: [...kept.keys.keys()].join(", ") }));
    return 0;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await keysRotate(process.argv.slice(2), process.env, { out: (line) => console.log(line), err: (line) => console.error(line) });
}

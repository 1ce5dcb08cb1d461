/**
 * Picks the store for DATABASE_URL: a postgres:// URL means several processes share one database;
 * anything else is the path of a SQLite file.
 */
import path from "node:path";
import type { Store } from "./store";
import type { Protector } from "./crypto/protector";
import { openPostgresStore } from "./postgres/postgres-store";
import { openSqliteStore } from "./sqlite/sqlite-store";

const isPostgresUrl = (databaseUrl: string): boolean => /^postgres(ql)?:\/\//i.test(databaseUrl);

/** `p` seals the personal values (see crypto/protector.ts). */
export async function openStore(databaseUrl: string, p: Protector): Promise<Store> {
  if (isPostgresUrl(databaseUrl)) return openPostgresStore(databaseUrl, p);
  return openSqliteStore(databaseUrl === ":memory:" ? databaseUrl : path.resolve(process.cwd(), databaseUrl), p);
}

/**
 * The Store on one SQLite file, the embedded default for a single Formpilot process: the SQL
 * store (sql-store.ts) on one connection whose queue runs one transaction at a time.
 */
import type { Store } from "../store";
import { migratedStore, type Dialect } from "../sql-store";
import { openConnection } from "./connection";
import { migrate } from "./migrations";

/** One writer at a time needs no row locks; the e-mail and name columns compare without case (COLLATE NOCASE). */
export const SQLITE: Dialect = {
  lockRow: "",
  sameEmail: "email = ?",
  staffOrder: "name COLLATE NOCASE, email",
};

/** Opens the store on `file` (":memory:" for a private one), bringing its schema up to date. */
export async function openSqliteStore(file: string): Promise<Store> {
  return migratedStore(await openConnection(file), migrate, SQLITE);
}

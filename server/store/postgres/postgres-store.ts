/**
 * The Store on a PostgreSQL database that several Formpilot processes share: the SQL store
 * (sql-store.ts) on a pool of connections, after bringing the schema up to date.
 */
import type { Store } from "../store";
import { migratedStore, type Dialect } from "../sql-store";
import { openConnection } from "./connection";
import { migrate } from "./migrations";

/** Rows are locked for the transaction; e-mails and names compare by their characters, whatever the database's locale. */
export const POSTGRES: Dialect = {
  lockRow: " FOR UPDATE",
  sameEmail: `lower(email COLLATE "C") = lower(CAST(? AS TEXT) COLLATE "C")`,
  staffOrder: `lower(name COLLATE "C"), email COLLATE "C"`,
};

/** Opens the store on the database at `url`, bringing its schema up to date. */
export async function openPostgresStore(url: string): Promise<Store> {
  return migratedStore(await openConnection(url), migrate, POSTGRES);
}

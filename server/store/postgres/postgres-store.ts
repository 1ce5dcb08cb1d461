/**
 * The Store on a PostgreSQL database that several Formpilot processes share: the SQL store
 * (sql-store.ts) on a pool of connections, after bringing the schema up to date.
 */
import type { Store } from "../store";
import type { Protector } from "../crypto/protector";
import { migratedStore, type Dialect } from "../sql-store";
import { openConnection } from "./connection";
import { migrate } from "./migrations";

/** Rows are locked for the transaction. */
export const POSTGRES: Dialect = {
  lockRow: " FOR UPDATE",
  // The user triggers only: the foreign keys' own triggers keep working. Undone by the end of the transaction if it fails.
  unguarded: async (tx, table, work) => {
    await tx.exec(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    const result = await work();
    await tx.exec(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    return result;
  },
};

/** Opens the store on the database at `url`, bringing its schema up to date; `p` seals the personal values. */
export async function openPostgresStore(url: string, p: Protector): Promise<Store> {
  return migratedStore(await openConnection(url), migrate, POSTGRES, p);
}

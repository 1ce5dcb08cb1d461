/**
 * The Store on one SQLite file, the embedded default for a single Formpilot process: the SQL
 * store (sql-store.ts) on one connection whose queue runs one transaction at a time.
 */
import type { Store } from "../store";
import type { Protector } from "../crypto/protector";
import { migratedStore, type Dialect } from "../sql-store";
import { openConnection } from "./connection";
import { migrate } from "./migrations";

/** One writer at a time needs no row locks. */
export const SQLITE: Dialect = {
  lockRow: "",
  // SQLite cannot switch a trigger off: the table's triggers are dropped in the transaction and created again as they were.
  unguarded: async (tx, table, work) => {
    const triggers = await tx.all<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?", [table]);
    for (const { name } of triggers) await tx.exec(`DROP TRIGGER "${name}"`);
    try {
      return await work();
    } finally {
      for (const { sql } of triggers) await tx.exec(sql);
    }
  },
};

/** Opens the store on `file` (":memory:" for a private one), bringing its schema up to date; `p` seals the personal values. */
export async function openSqliteStore(file: string, p: Protector): Promise<Store> {
  return migratedStore(await openConnection(file), migrate, SQLITE, p);
}

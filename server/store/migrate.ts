/**
 * Bringing a database's schema up to date, for either database: the numbered steps not yet
 * recorded in schema_migrations are applied in order, each with its record in one transaction.
 * `prepare` runs first in every migrating transaction: PostgreSQL takes an advisory lock there so
 * that processes starting at once apply each step once; SQLite's BEGIN IMMEDIATE already holds
 * the file's write lock. `verify` runs in the same transaction after each step's SQL: SQLite checks
 * there the foreign keys it cannot enforce while a table is rebuilt.
 */
import type { Migration } from "./records";
import type { Connection, Queries } from "./sql-store";

/** A database that a newer Formpilot migrated would be misread by this code. */
async function refuseNewer(q: Queries, migrations: readonly Migration[]): Promise<void> {
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const row = await q.get<{ newest: number | null }>("SELECT MAX(version) AS newest FROM schema_migrations");
  if ((row?.newest ?? 0) > known) {
    throw new Error(`The database has schema version ${row?.newest}, newer than this Formpilot knows (${known}). Run the newer version, or restore a backup.`);
  }
}

/** Applies the steps the database has not seen and returns their versions. */
export async function applyMigrations(
  db: Connection,
  migrations: readonly Migration[],
  prepare: (tx: Queries) => Promise<void> = async () => undefined,
  verify: (tx: Queries) => Promise<void> = async () => undefined,
): Promise<number[]> {
  await db.transaction(async (tx) => {
    await prepare(tx);
    await tx.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
    await refuseNewer(tx, migrations);
  });
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const ran = await db.transaction(async (tx) => {
      await prepare(tx);
      if (await tx.get("SELECT 1 FROM schema_migrations WHERE version = ?", [migration.version])) return false;
      await tx.exec(migration.sql);
      await verify(tx);
      await tx.run("INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)", [migration.version, migration.description, new Date().toISOString()]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}

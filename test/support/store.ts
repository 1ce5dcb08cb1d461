import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Migration, Param } from "../../server/store/records";
import { openConnection as openPostgresConnection, type Connection as PostgresConnection } from "../../server/store/postgres/connection";
import { MIGRATIONS as POSTGRES_MIGRATIONS, migrate as migratePostgres } from "../../server/store/postgres/migrations";
import { openPostgresStore } from "../../server/store/postgres/postgres-store";
import { openConnection, type Connection } from "../../server/store/sqlite/connection";
import { MIGRATIONS as SQLITE_MIGRATIONS, migrate as migrateSqlite } from "../../server/store/sqlite/migrations";
import { openSqliteStore } from "../../server/store/sqlite/sqlite-store";
import { isConflict, type ApplicationRecord, type Conflict, type Store } from "../../server/store/store";
import { testPostgres, withoutPostgres } from "./postgres";
import { TEST_PROTECTOR } from "./keys";

/** The error a promise is rejected with; fails the test when it is not rejected. */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the promise to be rejected");
}

export function expectRecord(value: ApplicationRecord | Conflict): ApplicationRecord {
  if (isConflict(value)) expect.fail(`unexpected conflict at revision ${value.current.revision}`);
  return value;
}

/** A second connection to the same SQLite file, for what the Store interface rightly does not offer. */
export async function withDirectSql<T>(file: string, work: (db: Connection) => Promise<T>): Promise<T> {
  const db = await openConnection(file);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** What the two stores' connections have in common. */
export interface DirectQueries {
  run(sql: string, params?: readonly Param[]): Promise<unknown>;
  all<Row>(sql: string, params?: readonly Param[]): Promise<Row[]>;
  exec(sql: string): Promise<void>;
}
export interface DirectConnection extends DirectQueries {
  transaction<T>(work: (tx: DirectQueries) => Promise<T>): Promise<T>;
}

/** What a contract test needs of a database beyond the Store interface. */
export interface StoreHarness {
  /** The store under test, open. */
  store: Store;
  /** Another store on the same database, as a restart or a second process sees it; the caller closes it. */
  reopen(): Promise<Store>;
  /** A connection of the store's own kind to the same database, closed after `work`. */
  connection<T>(work: (db: DirectConnection) => Promise<T>): Promise<T>;
  /** Direct SQL (`?` placeholders) for what the Store interface rightly does not offer. */
  sql<Row = Record<string, unknown>>(text: string, params?: readonly Param[]): Promise<Row[]>;
  /** The kind's migrate(), run on a connection of its own, with the given steps. */
  migrate(migrations: readonly Migration[]): Promise<number[]>;
  /** What openStore opens the same database with: the SQLite file or the PostgreSQL URL, for another process. */
  database: string;
  /** The SQLite file, for the tests of what only SQLite has. */
  file?: string;
  /** Closes the store and removes the database. */
  dispose(): Promise<void>;
}

export interface StoreKind {
  name: "SQLite" | "PostgreSQL";
  migrations: readonly Migration[];
  /** How each database words a broken constraint. */
  violation: { foreignKey: RegExp; check: RegExp; uniqueReference: RegExp };
  /** Why this kind cannot be tested here (only PostgreSQL can be missing), or undefined when it can. */
  unavailable(): Promise<string | undefined>;
  open(): Promise<StoreHarness>;
}

const sqliteKind: StoreKind = {
  name: "SQLite",
  migrations: SQLITE_MIGRATIONS,
  violation: { foreignKey: /FOREIGN KEY constraint failed/, check: /CHECK constraint failed/, uniqueReference: /UNIQUE constraint failed: applications\.reference/ },
  unavailable: async () => undefined,
  open: async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "formpilot-store-"));
    const file = path.join(dir, "nested", "formpilot.sqlite");
    const harness: StoreHarness = {
      store: await openSqliteStore(file, TEST_PROTECTOR),
      reopen: () => openSqliteStore(file, TEST_PROTECTOR),
      connection: (work) => withDirectSql(file, work),
      sql: (text, params) => withDirectSql(file, (db) => db.all(text, params)),
      migrate: (migrations) => withDirectSql(file, (db) => migrateSqlite(db, migrations)),
      database: file,
      file,
      dispose: async () => {
        await harness.store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
    return harness;
  },
};

/** A PostgreSQL connection of its own, closed after `work`. */
async function withPostgres<T>(url: string, work: (db: PostgresConnection) => Promise<T>): Promise<T> {
  const db = await openPostgresConnection(url);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const postgresKind: StoreKind = {
  name: "PostgreSQL",
  migrations: POSTGRES_MIGRATIONS,
  violation: {
    foreignKey: /violates foreign key constraint/,
    check: /violates check constraint/,
    uniqueReference: /duplicate key value violates unique constraint "applications_reference_key"/,
  },
  unavailable: async () => {
    const server = await testPostgres();
    return typeof server === "string" ? server : undefined;
  },
  open: async () => {
    const server = await testPostgres();
    if (typeof server === "string") throw new Error(server);
    // A database per test: ids and reference numbers start from 1, as in a new SQLite file.
    const url = await server.createDatabase();
    const harness: StoreHarness = {
      store: await openPostgresStore(url, TEST_PROTECTOR),
      reopen: () => openPostgresStore(url, TEST_PROTECTOR),
      connection: (work) => withPostgres(url, work),
      sql: (text, params) => withPostgres(url, (db) => db.all(text, params)),
      migrate: (migrations) => withPostgres(url, (db) => migratePostgres(db, migrations)),
      database: url,
      dispose: async () => {
        await harness.store.close();
        await server.dropDatabase(url);
      },
    };
    return harness;
  },
};

export const STORE_KINDS: readonly StoreKind[] = [sqliteKind, postgresKind];

/** Declares the same suite for every kind of store; see withoutPostgres for a kind that cannot run here. */
export function describeStores(title: string, suite: (kind: StoreKind) => void): void {
  for (const kind of STORE_KINDS) {
    describe(`the ${kind.name} store${title}`, function () {
      before(async function () {
        const why = await kind.unavailable();
        if (why) withoutPostgres(this, why);
      });
      suite(kind);
    });
  }
}

/**
 * A promise wrapper over one node-sqlite3 connection.
 *
 * node-sqlite3 runs every request on the same connection, and a transaction belongs to the
 * connection, not to the request that began it: a statement issued while another request's
 * BEGIN…COMMIT is open would silently become part of it (and be rolled back with it). So every
 * unit of work, a transaction or a single statement, takes its turn in one queue.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import sqlite3 from "sqlite3";
import type { Param } from "../records";
import type { Connection, Queries } from "../sql-store";

export type { Connection, Param, Queries };

/** How long a statement waits for another process's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

function queriesOf(db: sqlite3.Database): Queries {
  return {
    run: (sql, params = []) =>
      new Promise((resolve, reject) =>
        db.run(sql, params, function (error) {
          if (error) reject(error);
          else resolve({ changes: this.changes });
        }),
      ),
    get: <Row>(sql: string, params: readonly Param[] = []) =>
      new Promise<Row | undefined>((resolve, reject) => db.get<Row>(sql, params, (error, row) => (error ? reject(error) : resolve(row)))),
    all: <Row>(sql: string, params: readonly Param[] = []) =>
      new Promise<Row[]>((resolve, reject) => db.all<Row>(sql, params, (error, rows) => (error ? reject(error) : resolve(rows)))),
    exec: (sql) => new Promise((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve()))),
  };
}

/** One task at a time, in the order they were queued; a failed task does not stop the next. */
function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const result = tail.then(task);
    tail = result.catch(() => undefined);
    return result;
  };
}

async function inTransaction<T>(raw: Queries, work: (tx: Queries) => Promise<T>, begin = "BEGIN IMMEDIATE"): Promise<T> {
  await raw.exec(begin);
  try {
    const result = await work(raw);
    await raw.exec("COMMIT");
    return result;
  } catch (error) {
    // After some errors (SQLITE_FULL, SQLITE_IOERR…) SQLite has already rolled back, and ROLLBACK
    // then fails with "no transaction is active"; the error worth reporting is the first one.
    await raw.exec("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

function openRaw(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db: sqlite3.Database = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(db)));
  });
}

/** Opens (creating if needed) the database `file`, or a private in-memory one for ":memory:". */
export async function openConnection(file: string): Promise<Connection> {
  if (file !== ":memory:") {
    // Only the process's user reads the database: SQLite gives its -wal and -shm files the mode of the database file.
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, "", { flag: "a", mode: 0o600 });
  }
  const db = await openRaw(file);
  const raw = queriesOf(db);
  // WAL lets readers in other processes work during a write; FULL syncs the WAL on every commit,
  // so an acknowledged answer survives a power cut. Only journal_mode is kept in the file: the
  // others hold for this connection alone, hence on every open.
  await raw.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}; PRAGMA secure_delete = ON;`);
  const queued = serialQueue();
  return {
    run: (sql, params) => queued(() => raw.run(sql, params)),
    get: <Row>(sql: string, params?: readonly Param[]) => queued(() => raw.get<Row>(sql, params)),
    all: <Row>(sql: string, params?: readonly Param[]) => queued(() => raw.all<Row>(sql, params)),
    exec: (sql) => queued(() => raw.exec(sql)),
    transaction: (work) => queued(() => inTransaction(raw, work)),
    snapshot: (work) => queued(() => inTransaction(raw, work, "BEGIN DEFERRED")),
    close: () => queued(() => new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())))),
  };
}

/**
 * A pool of PostgreSQL connections with the same small query interface as the SQLite connection.
 * Unlike node-sqlite3, each transaction gets a client of its own, so transactions of one process
 * run side by side and PostgreSQL's row locks, not a queue, keep them apart.
 */
import pg from "pg";
import type { Param } from "../records";
import type { Connection, Queries } from "../sql-store";

export type { Connection, Queries };

/** `?` → `$1`, `$2`, …; the SQL of the stores has no `?` inside string literals. */
const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** COUNT(*) is a bigint, which pg hands over as text; counts of cases fit a JavaScript number. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function queriesOf(client: pg.Pool | pg.PoolClient): Queries {
  const query = <Row extends pg.QueryResultRow>(sql: string, params: readonly Param[] = []) => client.query<Row>(numbered(sql), [...params]);
  return {
    run: async (sql, params) => ({ changes: (await query(sql, params)).rowCount ?? 0 }),
    get: async <Row>(sql: string, params?: readonly Param[]) => (await query(sql, params)).rows[0] as Row | undefined,
    all: async <Row>(sql: string, params?: readonly Param[]) => (await query(sql, params)).rows as Row[],
    exec: async (sql) => {
      await client.query(sql);
    },
  };
}

async function inTransaction<T>(pool: pg.Pool, work: (tx: Queries) => Promise<T>, begin: string): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    try {
      const result = await work(queriesOf(client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      // The error worth reporting is the first one, not a failed ROLLBACK on a broken connection.
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } finally {
    client.release();
  }
}

/** Connects to the database at `url` (postgres://user:password@host:port/database). */
export async function openConnection(url: string): Promise<Connection> {
  const pool = new pg.Pool({ connectionString: url, types });
  // An idle client that loses its server must not bring the process down; the next query reconnects.
  pool.on("error", () => undefined);
  // Fail at start, with the driver's message, rather than on the first request.
  await pool.query("SELECT 1").catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  return {
    ...queriesOf(pool),
    transaction: (work) => inTransaction(pool, work, "BEGIN"),
    snapshot: (work) => inTransaction(pool, work, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"),
    close: () => pool.end(),
  };
}

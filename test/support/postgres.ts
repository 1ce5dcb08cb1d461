/**
 * A throwaway PostgreSQL server for the store tests: the one FORMPILOT_TEST_DATABASE_URL names (a
 * fresh database per run is created on it), or else a temporary cluster started from the server
 * binaries when they are installed. Without either, the PostgreSQL suites are pending, unless
 * FORMPILOT_REQUIRE_POSTGRES=1 asks for a failure instead.
 */
import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdtemp, readdir } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

export interface TestPostgres {
  /** A new, empty database on the server, for one suite or one test. */
  createDatabase(): Promise<string>;
  /** Removes a database createDatabase made, closing what is still connected to it. */
  dropDatabase(url: string): Promise<void>;
  /** Synchronous, so that it can run as the process exits. */
  stop(): void;
}

/**
 * Marks the suite whose hook `context` is pending, with the reason printed; or fails it when
 * FORMPILOT_REQUIRE_POSTGRES=1 says that PostgreSQL must be tested here.
 */
export function withoutPostgres(context: Mocha.Context, why: string): never {
  if (process.env.FORMPILOT_REQUIRE_POSTGRES === "1") throw new Error(`PostgreSQL is required (FORMPILOT_REQUIRE_POSTGRES=1): ${why}`);
  console.warn(`    PostgreSQL tests pending: ${why}`);
  return context.skip();
}

export async function binDir(): Promise<string | undefined> {
  const root = "/usr/lib/postgresql";
  const versions = await readdir(root).catch(() => [] as string[]);
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest && path.join(root, newest, "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Creates databases on the server at `adminUrl` (a database the user may connect to). */
function databasesOn(adminUrl: string, stop: () => void): TestPostgres {
  const asAdmin = async (sql: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  return {
    createDatabase: async () => {
      const name = `formpilot_test_${randomBytes(6).toString("hex")}`;
      await asAdmin(`CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    dropDatabase: async (url) => {
      const name = new URL(url).pathname.slice(1);
      if (!/^formpilot_test_[0-9a-f]{12}$/.test(name)) throw new Error(`Not a test database: ${name}`);
      await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
    stop,
  };
}

/** Runs a server binary as the `postgres` user when running as root: PostgreSQL refuses to run as root. */
const asServerUser = (command: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];

async function startCluster(bin: string): Promise<TestPostgres> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "formpilot-pg-"));
  if (process.getuid?.() === 0) await run("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  const port = await freePort();
  await run(...asServerUser(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "-N"]));
  const options = `-k ${dir} -p ${port} -c listen_addresses='' -c fsync=off -c max_connections=200`;
  await run(...asServerUser(path.join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "start"]));
  const stop = () => {
    try {
      execFileSync(...asServerUser(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]), { stdio: "ignore" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return databasesOn(`postgres://postgres@localhost:${port}/postgres?host=${encodeURIComponent(dir)}`, stop);
}

let started: Promise<TestPostgres | string> | undefined;

async function startServer(): Promise<TestPostgres | string> {
  const given = process.env.FORMPILOT_TEST_DATABASE_URL;
  if (given) return databasesOn(given, () => undefined);
  const bin = await binDir();
  if (!bin) return "no PostgreSQL: set FORMPILOT_TEST_DATABASE_URL or install the server (postgresql)";
  return startCluster(bin);
}

/**
 * The test server, started once per run and stopped when the process exits; a string says why
 * there is none. Its failure to start is an error, not a reason to skip.
 */
export async function testPostgres(): Promise<TestPostgres | string> {
  if (!started) {
    started = startServer();
    const server = await started;
    // The server goes when the run is over, however the process ends.
    if (typeof server !== "string") process.once("exit", () => server.stop());
  }
  return started;
}

/**
 * Fills a SQLite store with many submitted applications at once, for benchmarks: the caseworker
 * queue over 100,000 cases, say. Nothing here goes through the Store: rows are written with
 * prepared statements on a connection of their own, one transaction per 5,000 applications.
 *
 * The cases look like real ones where the queue can tell: spread over forms, statuses, staff and
 * submission dates, with references numbered per form and year as allocateReference numbers them
 * (and the counters moved on, so that the store goes on from there). Sessions and answers are
 * small; the PDF of a submission is a placeholder of a few bytes.
 *
 * For a file nobody else has open: the applications' indexes are dropped while the rows go in.
 */
import { randomUUID } from "node:crypto";
import sqlite3 from "sqlite3";
import type { ApplicationStatus } from "../store";
import { openConnection, type Param } from "./connection";
import { migrate } from "./migrations";

export interface SeedOptions {
  /** The forms the cases are spread over, registered (with a placeholder schema) if they are not yet. */
  forms?: readonly { formId: string; version: string }[];
  /** How many caseworkers share the assigned cases; they are added as staff. */
  staff?: number;
  /** Cases are submitted over the `days` days before `until`. */
  until?: Date;
  days?: number;
  /** Also store each case's submission (answers, a placeholder PDF) and its created and submitted events. */
  history?: boolean;
  /** The same seed gives the same spread (ids and the staff's ids aside). */
  seed?: number;
}

export interface SeedResult {
  count: number;
  formIds: string[];
  staffIds: string[];
  /** One reference of a seeded case per form, for look-ups. */
  references: string[];
}

const BATCH = 5000;

/** How a queue of some months looks: most cases in review or decided, some new, a few waiting for the applicant. */
const STATUS_WEIGHTS: readonly [Exclude<ApplicationStatus, "draft">, number][] = [
  ["submitted", 15],
  ["assigned", 15],
  ["in_review", 25],
  ["more_information", 5],
  ["approved", 28],
  ["rejected", 12],
];

/** mulberry32: small, fast and good enough to spread test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** As the applicant services number them: `short-time-work` → `STW`. */
const prefixOf = (formId: string) =>
  formId
    .split("-")
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase())
    .join("");

function openRaw(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db: sqlite3.Database = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(db)));
  });
}

const exec = (db: sqlite3.Database, sql: string) => new Promise<void>((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve())));
const all = <Row>(db: sqlite3.Database, sql: string, params: Param[] = []) =>
  new Promise<Row[]>((resolve, reject) => db.all<Row>(sql, params, (error, rows) => (error ? reject(error) : resolve(rows))));

const run = (statement: sqlite3.Statement, params: Param[]) =>
  new Promise<void>((resolve, reject) => statement.run(params, (error) => (error ? reject(error) : resolve())));

const prepare = (db: sqlite3.Database, sql: string) =>
  new Promise<sqlite3.Statement>((resolve, reject) => {
    const statement: sqlite3.Statement = db.prepare(sql, (error) => (error ? reject(error) : resolve(statement)));
  });
const finalize = (statement: sqlite3.Statement) => new Promise<void>((resolve) => statement.finalize(() => resolve()));

/**
 * Runs `write` between BEGIN and COMMIT, rolling back if it fails. Each statement is awaited in
 * turn: node-sqlite3 does not keep statements of different Statement objects in the order they
 * were queued, and the connection is nobody else's, so there is nothing to wait for meanwhile.
 */
async function batch(db: sqlite3.Database, write: () => Promise<void>): Promise<void> {
  await exec(db, "BEGIN IMMEDIATE");
  try {
    await write();
    await exec(db, "COMMIT");
  } catch (error) {
    await exec(db, "ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/**
 * Rows into one table, ROWS at a time through one prepared multi-row INSERT: a round trip to
 * SQLite's thread per row would cost more than SQLite's own work.
 */
class Inserter {
  static readonly ROWS = 100;
  private pending: Param[][] = [];
  private constructor(
    private readonly db: sqlite3.Database,
    private readonly sql: (rows: number) => string,
    private readonly full: sqlite3.Statement,
  ) {}

  static async open(db: sqlite3.Database, table: string, columns: readonly string[]): Promise<Inserter> {
    const row = `(${columns.map(() => "?").join(", ")})`;
    const sql = (rows: number) => `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${Array.from({ length: rows }, () => row).join(", ")}`;
    return new Inserter(db, sql, await prepare(db, sql(Inserter.ROWS)));
  }

  add(row: Param[]): void {
    this.pending.push(row);
  }

  /** Writes what was added, ROWS at a time; call it before the transaction ends. */
  async flush(): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    let at = 0;
    for (; at + Inserter.ROWS <= rows.length; at += Inserter.ROWS) await run(this.full, rows.slice(at, at + Inserter.ROWS).flat());
    if (at < rows.length) {
      const rest = await prepare(this.db, this.sql(rows.length - at));
      try {
        await run(rest, rows.slice(at).flat());
      } finally {
        await finalize(rest);
      }
    }
  }

  close(): Promise<void> {
    return finalize(this.full);
  }
}

/** Inserts `count` submitted applications into the store at `file` (migrating it first), and tells what it made. */
export async function seedApplications(file: string, count: number, options: SeedOptions = {}): Promise<SeedResult> {
  const forms = options.forms ?? [
    { formId: "short-time-work", version: "1.0.0" },
    { formId: "employment-retention-kr", version: "1.0.0" },
    { formId: "housing-benefit", version: "2.1.0" },
    { formId: "childcare-subsidy", version: "1.3.0" },
  ];
  const staffCount = options.staff ?? 25;
  const until = (options.until ?? new Date("2026-11-01T00:00:00.000Z")).getTime();
  const span = (options.days ?? 365) * 86_400_000;
  const history = options.history ?? true;
  const next = random(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const totalWeight = STATUS_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  const statusOf = (): Exclude<ApplicationStatus, "draft"> => {
    let r = next() * totalWeight;
    for (const [status, weight] of STATUS_WEIGHTS) if ((r -= weight) < 0) return status;
    return "submitted";
  };

  // The schema first, as the store would set it up.
  const connection = await openConnection(file);
  try {
    await migrate(connection);
  } finally {
    await connection.close();
  }

  const db = await openRaw(file);
  try {
    // Benchmark data: losing the last commit to a power cut is fine, waiting for the disk is not.
    await exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -262144;");
    const now = new Date(until).toISOString();
    const staffIds = Array.from({ length: staffCount }, () => randomUUID());
    await batch(db, async () => {
      const form = await prepare(db, "INSERT OR IGNORE INTO form_versions (form_id, version, schema_json, locales_json, registered_at) VALUES (?, ?, ?, ?, ?)");
      for (const { formId, version } of forms) await run(form, [formId, version, JSON.stringify({ type: "object", "x-seeded": true }), "{}", now]);
      await finalize(form);
      // "!" is no bcrypt hash: nobody signs in as a seeded caseworker.
      const staff = await prepare(db, "INSERT INTO staff (id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, 'caseworker', '!', ?)");
      for (const [i, id] of staffIds.entries()) await run(staff, [id, `seed-${id}@example.org`, `Caseworker ${i + 1}`, now]);
      await finalize(staff);
    });

    // References go on from where the counters stand.
    const counters = new Map<string, number>();
    for (const row of await all<{ prefix: string; year: number; last: number }>(db, "SELECT prefix, year, last FROM reference_counters")) {
      counters.set(`${row.prefix}-${row.year}`, row.last);
    }
    const references = new Map<string, string>();

    const applications = await Inserter.open(db, "applications", [
      "id", "form_id", "form_version", "status", "language", "session_json", "token_hash", "email", "reference",
      "created_at", "updated_at", "submitted_at", "revision", "assignee_id", "request_json", "decision_json",
    ]);
    const submissions = await Inserter.open(db, "submissions", ["application_id", "version", "reference", "submitted_at", "language", "answers_json", "derived_json", "pdf"]);
    const events = await Inserter.open(db, "events", ["application_id", "at", "actor", "type", "data_json"]);
    const pdf = Buffer.from("%PDF-1.7\n% seeded placeholder\n%%EOF\n");

    // An index is built much faster from all its rows at once than row by row: the application
    // indexes are set aside while the rows go in, and built again as they were, whatever happens.
    const indexes = await all<{ name: string; sql: string }>(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'applications' AND sql IS NOT NULL");
    for (const { name } of indexes) await exec(db, `DROP INDEX "${name}"`);
    try {
      for (let done = 0; done < count; done += BATCH) {
        await batch(db, async () => {
          for (let i = done; i < Math.min(count, done + BATCH); i++) {
            const id = randomUUID();
            const form = pick(forms);
            const status = statusOf();
            const language = form.formId.endsWith("-kr") ? "ko" : pick(["de", "de", "de", "en", "ko"] as const);
            const submitted = until - Math.floor(next() * span);
            const created = submitted - Math.floor(next() * 7 * 86_400_000);
            const updated = status === "submitted" ? submitted : Math.min(until, submitted + Math.floor(next() * 30 * 86_400_000));
            const [createdAt, submittedAt, updatedAt] = [created, submitted, updated].map((ms) => new Date(ms).toISOString()) as [string, string, string];
            const year = new Date(submitted).getUTCFullYear();
            const prefix = prefixOf(form.formId);
            const counter = (counters.get(`${prefix}-${year}`) ?? 0) + 1;
            counters.set(`${prefix}-${year}`, counter);
            const reference = `${prefix}-${year}-${String(counter).padStart(6, "0")}`;
            if (!references.has(form.formId)) references.set(form.formId, reference);
            // New cases have nobody yet; now and then a case goes into review unassigned.
            const assignee = status === "submitted" || next() < 0.05 ? null : pick(staffIds);
            const staff = assignee ?? pick(staffIds);
            const answers = {
              employer: { name: `Bäckerei ${i % 997}`, taxNumber: `${10_000_000 + i}`, employees: 3 + (i % 40) },
              period: { from: submittedAt.slice(0, 7), months: 1 + (i % 6) },
              bank: { iban: "DE02120300000000202051" },
            };
            const session = { answers, stash: {}, skipped: [], history: ["/employer/name", "/employer/taxNumber", "/employer/employees", "/period/from", "/period/months", "/bank/iban"] };
            const request =
              status === "more_information" ? { pointers: ["/employer/employees"], message: "Bitte die Zahl der Beschäftigten belegen.", requestedAt: updatedAt, requestedBy: staff } : null;
            const decision =
              status === "approved" || status === "rejected"
                ? {
                    outcome: status,
                    reason: status === "rejected" ? "Die Voraussetzungen sind nicht erfüllt." : "",
                    amount: status === "approved" ? 500 + (i % 50) * 100 : null,
                    decidedAt: updatedAt,
                    decidedBy: staff,
                  }
                : null;
            applications.add([
              id,
              form.formId,
              form.version,
              status,
              language,
              JSON.stringify(session),
              randomUUID().replaceAll("-", "").repeat(2),
              i % 3 === 0 ? `applicant${i}@example.org` : null,
              reference,
              createdAt,
              updatedAt,
              submittedAt,
              status === "submitted" ? 2 : 4,
              assignee,
              request && JSON.stringify(request),
              decision && JSON.stringify(decision),
            ]);
            if (history) {
              submissions.add([id, 1, reference, submittedAt, language, JSON.stringify(answers), JSON.stringify({ estimate: 1000 + (i % 90) * 50 }), pdf]);
              events.add([id, createdAt, "applicant", "created", JSON.stringify({ formVersion: form.version })]);
              events.add([id, submittedAt, "applicant", "submitted", JSON.stringify({ reference })]);
            }
          }
          // Applications first: the others refer to them.
          await applications.flush();
          await submissions.flush();
          await events.flush();
        });
      }
      await batch(db, async () => {
        const counter = await prepare(db, "INSERT INTO reference_counters (prefix, year, last) VALUES (?, ?, ?) ON CONFLICT (prefix, year) DO UPDATE SET last = excluded.last");
        for (const [key, last] of counters) {
          const cut = key.lastIndexOf("-");
          await run(counter, [key.slice(0, cut), Number(key.slice(cut + 1)), last]);
        }
        await finalize(counter);
      });
    } finally {
      await Promise.all([applications.close(), submissions.close(), events.close()]);
      for (const { sql } of indexes) await exec(db, sql);
    }
    // Fold the write-ahead log into the file, so that whoever opens it next starts clean.
    await exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    return { count, formIds: forms.map((f) => f.formId), staffIds, references: [...references.values()] };
  } finally {
    await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
  }
}

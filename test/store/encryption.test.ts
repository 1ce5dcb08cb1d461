/**
 * Encryption at rest, as someone holding only the database sees it: applications submitted
 * through a real server, on either store, leave none of their personal values readable in the
 * SQLite file and its write-ahead log, or in a dump of the PostgreSQL database; the applicant
 * still reads everything back.
 */
import { expect } from "chai";
import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { call, walkOverApi } from "../support/api";
import { binDir, testPostgres, withoutPostgres } from "../support/postgres";
import { startServer, tempDataDir } from "../support/server";
import { formsRoot } from "../../server/forms/paths";
import type { Running } from "../../server/start";
import type { Store } from "../../server/store/store";
import { openConnection as openSqlite } from "../../server/store/sqlite/connection";
import { MIGRATIONS as SQLITE_MIGRATIONS, migrate as migrateSqlite } from "../../server/store/sqlite/migrations";
import { openSqliteStore } from "../../server/store/sqlite/sqlite-store";
import { openConnection as openPostgres } from "../../server/store/postgres/connection";
import { MIGRATIONS as POSTGRES_MIGRATIONS, migrate as migratePostgres } from "../../server/store/postgres/migrations";
import { openPostgresStore } from "../../server/store/postgres/postgres-store";
import { TEST_PROTECTOR } from "../support/keys";

const run = promisify(execFile);
const example = async (name: string) => JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples", name), "utf8"));

const CALLBACK = { name: "Hannelore Quast", contact: "hannelore.quast@example.org", message: "Bitte rufen Sie wegen Frau Demir zurück." };
const STAFF_EMAIL = "sachbearbeitung.ziegler@amt.example";

/** The form's own texts, stored with its version: the example values they show as hints are public. */
/** A new PostgreSQL database and a way to dump it with Debian's pg_dump; skips the test without them. */
async function databaseToDump(context: Mocha.Context): Promise<{ url: string; dump: () => Promise<Buffer>; drop: () => Promise<void> }> {
  const postgres = await testPostgres();
  if (typeof postgres === "string") return withoutPostgres(context, postgres);
  const bin = await binDir();
  if (!bin) return withoutPostgres(context, "pg_dump is not installed");
  const url = await postgres.createDatabase();
  const dump = async () => (await run(path.join(bin, "pg_dump"), ["--dbname", url], { maxBuffer: 64 * 1024 * 1024, encoding: "buffer" })).stdout;
  return { url, dump, drop: () => postgres.dropDatabase(url) };
}

async function publishedTexts(): Promise<string> {
  const dir = path.join(formsRoot, "short-time-work");
  const files = ["schema.json", "locales/de.json", "locales/en.json", "locales/ko.json"];
  return (await Promise.all(files.map((file) => readFile(path.join(dir, file), "utf8")))).join("\n");
}

/** What must not be readable: the names, numbers and pay of the answers, the callback request, a staff e-mail. */
async function personalValues(answers: any): Promise<string[]> {
  const published = await publishedTexts();
  const employees = answers.employees as { name: string; insuranceNumber: string; grossTarget: number; grossActual: number }[];
  return [
    answers.employer.name,
    answers.employer.companyNumber,
    answers.employer.iban,
    answers.employer.contactPerson,
    answers.employer.address.street,
    ...employees.flatMap((e) => [e.name, e.insuranceNumber, `"grossTarget":${e.grossTarget}`, `"grossActual":${e.grossActual}`]),
    CALLBACK.name,
    CALLBACK.contact,
    STAFF_EMAIL,
  ].filter((value) => !published.includes(value));
}

/** Submits the example through `server` with a callback request, and adds a staff member; returns the application's id and token. */
async function fileApplication(server: Running, answers: Record<string, unknown>): Promise<{ id: string; token: string }> {
  const created = await call(server.url, "POST", "/api/forms/short-time-work/applications", { body: { language: "de" } });
  const { id, token } = created.body as { id: string; token: string };
  expect((await walkOverApi(server.url, id, token, answers)).state.step).to.deep.include({ kind: "review", complete: true });
  expect((await call(server.url, "POST", `/api/applications/${id}/callback-requests`, { token, body: CALLBACK })).status).to.equal(201);
  expect((await call(server.url, "POST", `/api/applications/${id}/submit`, { token, body: { declaration: true } })).status).to.equal(200);
  await server.store.createStaff({ id: "staff-1", email: STAFF_EMAIL, name: "Ziegler", role: "caseworker", passwordHash: "!", createdAt: new Date().toISOString() });
  return { id, token };
}

/** The applicant reads back their answers, their PDF and their callback request, as before. */
async function expectReadable(server: Running, { id, token }: { id: string; token: string }, answers: any): Promise<void> {
  const state = await call(server.url, "GET", `/api/applications/${id}`, { token });
  expect(JSON.stringify(state.body)).to.include(answers.employer.iban).and.include(answers.employees[0].name);
  const pdf = await call(server.url, "GET", `/api/applications/${id}/pdf`, { token });
  expect(pdf.headers.get("content-type")).to.equal("application/pdf");
  expect((pdf.body as Buffer).subarray(0, 5).toString()).to.equal("%PDF-");
  const callbacks = await call(server.url, "GET", `/api/applications/${id}/callback-requests`, { token });
  expect(callbacks.body.requests[0]).to.include({ name: CALLBACK.name, contact: CALLBACK.contact });
  expect((await server.store.staffByEmail(STAFF_EMAIL.toUpperCase()))?.email).to.equal(STAFF_EMAIL);
  // Caseworkers find the case by what the form marks for look-up, typed as people type it, through the blind index.
  const iban = (answers.employer.iban as string).replace(/(.{4})/g, "$1 ").toLowerCase();
  expect(await server.store.findByLookup("iban", iban)).to.deep.equal([id]);
  expect(await server.store.findByLookup("companyNumber", answers.employer.companyNumber)).to.deep.equal([id]);
  expect(await server.store.findByLookup("iban", "DE02120300000000202051")).to.deep.equal([]);
}

/** The personal values of `answers` found in `haystack`; there are many to look for, the IBAN and the names among them. */
async function found(haystack: Buffer, answers: any): Promise<string[]> {
  const needles = await personalValues(answers);
  expect(needles).to.include(answers.employer.iban).and.include(answers.employees[0].name).and.have.length.greaterThan(12);
  return needles.filter((needle) => haystack.includes(Buffer.from(needle, "utf8")));
}

describe("encryption at rest", () => {
  it("SQLite: the database file and its write-ahead log hold none of the personal values, and the applicant reads them all", async function () {
    this.timeout(60_000);
    const { answers } = await example("economic-eligible.json");
    const dir = await tempDataDir();
    const server = await startServer(dir);
    try {
      const filed = await fileApplication(server, answers);
      await expectReadable(server, filed, answers);
      const file = path.join(dir, "formpilot.sqlite");
      // While the server runs, the latest writes are in the log, not yet in the file.
      const wal = await readFile(`${file}-wal`);
      expect(wal.length).to.be.greaterThan(0);
      expect(await found(Buffer.concat([await readFile(file), wal]), answers)).to.deep.equal([]);
    } finally {
      await server.close();
    }
    // Closing folds the log into the file.
    expect(await found(await readFile(path.join(dir, "formpilot.sqlite")), answers)).to.deep.equal([]);
    await rm(dir, { recursive: true, force: true });
  });

  it("PostgreSQL: a dump of the database holds none of the personal values, and the applicant reads them all", async function () {
    this.timeout(60_000);
    const { url, dump, drop } = await databaseToDump(this);
    const { answers } = await example("economic-eligible.json");
    const server = await startServer(undefined, { DATABASE_URL: url });
    try {
      const filed = await fileApplication(server, answers);
      await expectReadable(server, filed, answers);
      const stdout = await dump();
      expect(stdout.includes(Buffer.from(filed.id))).to.equal(true);
      expect(await found(stdout, answers)).to.deep.equal([]);
    } finally {
      await server.close();
      await drop();
    }
  });
});

describe("upgrading a database written before encryption", () => {
  const AT = "2026-03-01T09:00:00.000Z";
  const NAME = "Hannelore Quast-Zimmermann";
  const IBAN = "DE02120300000000202051";

  /** Rows as Formpilot wrote them at schema 6, in clear: an application with its submission, history, a handled callback request, a staff member. */
  async function oldRows(db: { run(sql: string, params?: readonly (string | number | Buffer | null)[]): Promise<unknown> }): Promise<void> {
    const answers = JSON.stringify({ employer: { name: NAME, iban: IBAN } });
    await db.run("INSERT INTO form_versions VALUES ('short-time-work', '1.0.0', '{}', '{}', ?)", [AT]);
    await db.run("INSERT INTO staff (id, email, name, role, password_hash, created_at) VALUES ('cw-1', 'Clara.Weiss@amt.example', 'Clara', 'caseworker', 'x', ?)", [AT]);
    await db.run(
      `INSERT INTO applications (id, form_id, form_version, status, language, session_json, token_hash, email, reference, created_at, updated_at, submitted_at, revision)
       VALUES ('old-1', 'short-time-work', '1.0.0', 'submitted', 'de', ?, 'ab', 'quast@example.org', 'STW-2026-000001', ?, ?, ?, 2)`,
      [JSON.stringify({ answers: JSON.parse(answers), stash: {}, skipped: [], history: [] }), AT, AT, AT],
    );
    await db.run("INSERT INTO submissions (application_id, version, reference, submitted_at, language, answers_json, derived_json, pdf) VALUES ('old-1', 1, 'STW-2026-000001', ?, 'de', ?, 'null', ?)", [
      AT,
      answers,
      Buffer.from(`%PDF ${NAME}`),
    ]);
    await db.run("INSERT INTO events (application_id, at, actor, type, data_json) VALUES ('old-1', ?, 'applicant', 'callback_requested', ?)", [AT, JSON.stringify({ callbackId: 1, name: NAME })]);
    await db.run(
      "INSERT INTO callback_requests (application_id, name, contact, contact_kind, message, language, created_at, handled_at, handled_by) VALUES ('old-1', ?, '+49 30 9876543', 'phone', 'Rückruf bitte', 'de', ?, ?, 'cw-1')",
      [NAME, AT, AT],
    );
  }

  async function expectReadBack(store: Store): Promise<void> {
    expect((await store.getApplication("old-1"))?.session.answers).to.deep.equal({ employer: { name: NAME, iban: IBAN } });
    expect((await store.getApplication("old-1"))?.email).to.equal("quast@example.org");
    expect((await store.getSubmission("old-1"))?.pdf.toString()).to.equal(`%PDF ${NAME}`);
    expect((await store.events("old-1"))[0]?.data).to.deep.equal({ callbackId: 1, name: NAME });
    expect((await store.callbackRequestsOf("old-1"))[0]).to.include({ name: NAME, contact: "+49 30 9876543", handledBy: "cw-1" });
    expect((await store.staffByEmail("clara.weiss@amt.example"))?.name).to.equal("Clara");
  }

  it("SQLite: the first start seals every row in place, the file keeps no clear value, and everything reads back", async () => {
    const dir = await tempDataDir();
    const file = path.join(dir, "old.sqlite");
    const db = await openSqlite(file);
    await migrateSqlite(db, SQLITE_MIGRATIONS.filter((m) => m.version <= 6));
    await oldRows(db);
    await db.close();
    const store = await openSqliteStore(file, TEST_PROTECTOR);
    try {
      await expectReadBack(store);
    } finally {
      await store.close();
    }
    const raw = await readFile(file);
    for (const value of [NAME, IBAN, "quast@example.org", "Clara.Weiss", "9876543"]) expect(raw.includes(Buffer.from(value)), value).to.equal(false);
    // The triggers that keep the history and handled requests as they are came back.
    const again = await openSqlite(file);
    try {
      expect((await again.all<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")).map((t) => t.name)).to.deep.equal([
        "callback_requests_handled_once",
        "callback_requests_no_delete",
        "events_no_delete",
        "events_no_update",
      ]);
    } finally {
      await again.close();
    }
    await rm(dir, { recursive: true, force: true });
  });

  it("PostgreSQL: the first start seals every row in place, a dump keeps no clear value, and the log stays append-only", async function () {
    this.timeout(60_000);
    const { url, dump, drop } = await databaseToDump(this);
    try {
      const db = await openPostgres(url);
      await migratePostgres(db, POSTGRES_MIGRATIONS.filter((m) => m.version <= 6));
      await oldRows(db);
      await db.close();
      const store = await openPostgresStore(url, TEST_PROTECTOR);
      try {
        await expectReadBack(store);
      } finally {
        await store.close();
      }
      const stdout = await dump();
      for (const value of [NAME, IBAN, "quast@example.org", "Clara.Weiss", "9876543"]) expect(stdout.includes(Buffer.from(value)), value).to.equal(false);
      const after = await openPostgres(url);
      try {
        const refused = await after.run("UPDATE events SET type = 'x'").then(() => "updated", (error: Error) => error.message);
        expect(refused).to.include("events are append-only");
      } finally {
        await after.close();
      }
    } finally {
      await drop();
    }
  });
});

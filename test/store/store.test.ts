import { expect } from "chai";
import { describeStores, expectRecord, failureOf, withDirectSql, type StoreHarness } from "../support/store";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { newSession, type Session } from "../../server/engine/session";
import { openStore } from "../../server/store/open";
import { openConnection } from "../../server/store/sqlite/connection";
import { MIGRATIONS } from "../../server/store/sqlite/migrations";
import { openSqliteStore } from "../../server/store/sqlite/sqlite-store";
import { isConflict, type ApplicationRecord, type NewApplication, type NewEvent, type Store } from "../../server/store/store";
import { newSubmission } from "../support/submission";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { TEST_PROTECTOR } from "../support/keys";

const FORM = { formId: "short-time-work", version: "1.0.0", schema: { type: "object", properties: { b: {}, a: {} } }, locales: { de: { title: "Kurzarbeit" } } };
const AT = "2026-03-01T09:00:00.000Z";

const newApplication = (id: string): NewApplication => ({
  id,
  formId: FORM.formId,
  formVersion: FORM.version,
  language: "de",
  session: newSession(),
  tokenHash: "ab".repeat(32),
  createdAt: AT,
});
const event = (type: string, data: Record<string, unknown> = {}): NewEvent => ({ at: AT, actor: "applicant", type, data });
const sessionWith = (answers: Record<string, unknown>): Session => ({ ...newSession(), answers, history: Object.keys(answers).map((k) => `/${k}`) });
/** Every byte value, zeros included: a PDF must come back bit for bit. */
const pdfBytes = (seed: number) => Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7 + seed) % 256));
const submission = (pdf: Buffer) => newSubmission({ answers: { name: "Kim" }, derived: { estimate: 1234 }, pdf }, { submittedAt: AT });


describeStores("", (kind) => {
  let harness: StoreHarness;
  let store: Store;


  async function draft(id: string): Promise<ApplicationRecord> {
    return store.createApplication(newApplication(id), event("created"));
  }

  beforeEach(async () => {
    harness = await kind.open();
    store = harness.store;
    expect(await store.registerFormVersion({ ...FORM, registeredAt: AT })).to.deep.equal({ ok: true });
  });

  afterEach(async () => {
    // The store may have been swapped for a reopened one, which is the one to close.
    harness.store = store;
    await harness.dispose();
  });

  describe("migrations", () => {
    it("are applied once, recorded, and not applied again when the database is reopened", async () => {
      await draft("app-1");
      const before = await harness.sql("SELECT * FROM schema_migrations ORDER BY version");
      expect(before).to.have.length(kind.migrations.length);

      await store.close();
      store = await harness.reopen();

      expect(await harness.sql("SELECT * FROM schema_migrations ORDER BY version")).to.deep.equal(before);
      expect((await store.getApplication("app-1"))?.id).to.equal("app-1");
    });

    it("apply only the steps a database has not seen, each recorded", async () => {
      const next = kind.migrations.length + 1;
      const later = { version: next, description: "a later step", sql: "CREATE TABLE later (x INTEGER);" };
      expect(await harness.migrate(kind.migrations)).to.deep.equal([]);
      expect(await harness.migrate([...kind.migrations, later])).to.deep.equal([next]);
      expect(await harness.migrate([...kind.migrations, later])).to.deep.equal([]);
      expect(await harness.sql("SELECT version FROM schema_migrations ORDER BY version")).to.deep.equal([...kind.migrations, later].map((m) => ({ version: m.version })));
    });

    it("refuse a database migrated by a newer version", async () => {
      const error = await failureOf(harness.migrate([]));
      expect(error.message).to.include(`schema version ${kind.migrations.length}, newer than this Formpilot knows (0)`);
    });

    if (kind.name === "SQLite") {
      it("run on a connection in WAL mode, with full sync and foreign keys", async () => {
        const pragmas = await withDirectSql(harness.file!, async (db) => [
          await db.get("PRAGMA journal_mode"),
          await db.get("PRAGMA synchronous"),
          await db.get("PRAGMA foreign_keys"),
          await db.get("PRAGMA busy_timeout"),
        ]);
        expect(pragmas).to.deep.equal([{ journal_mode: "wal" }, { synchronous: 2 }, { foreign_keys: 1 }, { timeout: 5000 }]);
      });

      it("set up a database in memory too", async () => {
        const memory = await openSqliteStore(":memory:", TEST_PROTECTOR);
        expect(await memory.registerFormVersion({ ...FORM, registeredAt: AT })).to.deep.equal({ ok: true });
        expect((await memory.createApplication(newApplication("m"), event("created"))).revision).to.equal(1);
        await memory.close();
      });
    }
  });

  describe("form versions", () => {
    it("are kept as registered; the same content again is fine, other content under the same version is refused", async () => {
      expect(await store.getFormVersion(FORM.formId, FORM.version)).to.deep.equal({ ...FORM, registeredAt: AT });
      expect(await store.registerFormVersion({ ...FORM, registeredAt: "2027-01-01T00:00:00.000Z" })).to.deep.equal({ ok: true });
      expect(await store.registerFormVersion({ ...FORM, locales: { de: { title: "Anders" } }, registeredAt: AT })).to.deep.equal({ ok: false, reason: "version_changed" });
      const reordered = { type: "object", properties: { a: {}, b: {} } };
      expect(await store.registerFormVersion({ ...FORM, schema: reordered, registeredAt: AT })).to.deep.equal({ ok: false, reason: "version_changed" });
      expect((await store.getFormVersion(FORM.formId, FORM.version))?.registeredAt).to.equal(AT);
      expect(await store.getFormVersion(FORM.formId, "9.9.9")).to.equal(undefined);
    });
  });

  describe("applications", () => {
    it("come back as created, as a draft at revision 1 with its first event", async () => {
      const created = await draft("app-1");
      expect(created).to.deep.equal({
        ...newApplication("app-1"),
        status: "draft",
        email: null,
        reference: null,
        updatedAt: AT,
        submittedAt: null,
        revision: 1,
        assigneeId: null,
        request: null,
        decision: null,
        legalHold: false,
        erasedAt: null,
      });
      expect(await store.getApplication("app-1")).to.deep.equal(created);
      expect(await store.getApplication("nobody")).to.equal(undefined);
      expect(await store.events("app-1")).to.deep.equal([{ id: 1, applicationId: "app-1", ...event("created") }]);
    });

    it("cannot be started on a form version that was never registered", async () => {
      const error = await failureOf(store.createApplication({ ...newApplication("x"), formVersion: "0.0.1" }, event("created")));
      expect(error.message).to.match(kind.violation.foreignKey);
      expect(await store.getApplication("x")).to.equal(undefined);
    });
  });

  describe("saving a draft", () => {
    it("stores the session, bumps the revision and appends the event", async () => {
      await draft("app-1");
      const saved = expectRecord(await store.saveDraft("app-1", 1, { session: sessionWith({ name: "Kim" }), email: "kim@example.org" }, event("answered", { pointers: ["/name"] })));
      expect(saved.revision).to.equal(2);
      expect(saved.session.answers).to.deep.equal({ name: "Kim" });
      expect(saved.email).to.equal("kim@example.org");
      expect(saved.language).to.equal("de");
      expect(await store.getApplication("app-1")).to.deep.equal(saved);
      expect((await store.events("app-1")).map((e) => e.type)).to.deep.equal(["created", "answered"]);
    });

    it("keeps language and e-mail unless given, and removes the e-mail when given null", async () => {
      await draft("app-1");
      expectRecord(await store.saveDraft("app-1", 1, { session: newSession(), email: "kim@example.org", language: "ko" }));
      const kept = expectRecord(await store.saveDraft("app-1", 2, { session: newSession() }));
      expect([kept.language, kept.email]).to.deep.equal(["ko", "kim@example.org"]);
      const removed = expectRecord(await store.saveDraft("app-1", 3, { session: newSession(), email: null }));
      expect([removed.language, removed.email]).to.deep.equal(["ko", null]);
    });

    it("based on a stale revision answers a conflict with the current record and changes nothing", async () => {
      await draft("app-1");
      const current = expectRecord(await store.saveDraft("app-1", 1, { session: sessionWith({ name: "Kim" }) }, event("answered")));
      const result = await store.saveDraft("app-1", 1, { session: sessionWith({ name: "Lee" }), language: "en" }, event("answered"));
      expect(result).to.deep.equal({ conflict: true, current });
      expect(await store.getApplication("app-1")).to.deep.equal(current);
      expect(await store.events("app-1")).to.have.length(2);
    });

    it("of an application that does not exist is an error, not a conflict", async () => {
      const error = await failureOf(store.saveDraft("nobody", 1, { session: newSession() }));
      expect(error.message).to.equal("No application nobody in the store");
    });
  });

  describe("replacing the token", () => {
    it("stores the new hash with its event, and refuses a stale revision without changing anything", async () => {
      await draft("app-1");
      const before = (await store.getApplication("app-1"))!;
      const replaced = expectRecord(await store.replaceToken("app-1", 1, "f".repeat(64), event("token_replaced")));
      expect([replaced.tokenHash, replaced.revision, replaced.session]).to.deep.equal(["f".repeat(64), 2, before.session]);
      expect((await store.events("app-1")).map((e) => e.type)).to.deep.equal(["created", "token_replaced"]);
      expect(await store.replaceToken("app-1", 1, "e".repeat(64), event("token_replaced"))).to.deep.equal({ conflict: true, current: replaced });
      expect((await store.getApplication("app-1"))!.tokenHash).to.equal("f".repeat(64));
    });
  });

  describe("submitting", () => {
    it("stores answers, derived values and the PDF bit for bit, and marks the application submitted", async () => {
      await draft("app-1");
      const pdf = pdfBytes(0);
      const reference = "STW-2026-000001";
      const submitted = expectRecord(await store.submit("app-1", 1, submission(pdf), event("submitted")));
      expect(submitted).to.include({ status: "submitted", reference, submittedAt: AT, revision: 2 });

      const stored = await store.getSubmission("app-1");
      expect(stored).to.deep.include({ applicationId: "app-1", version: 1, reference, answers: { name: "Kim" }, derived: { estimate: 1234 }, declaration: submission(pdf).declaration });
      expect(Buffer.isBuffer(stored?.pdf)).to.equal(true);
      expect(stored?.pdf.equals(pdf)).to.equal(true);
      expect((await store.events("app-1")).map((e) => e.type)).to.deep.equal(["created", "submitted"]);
      expect(await store.getSubmission("nobody")).to.equal(undefined);
    });

    it("keeps a form without derived values as null", async () => {
      await draft("app-1");
      expectRecord(await store.submit("app-1", 1, newSubmission({ answers: { name: "Kim" }, derived: undefined, pdf: pdfBytes(0) }, { submittedAt: AT }), event("submitted")));
      expect((await store.getSubmission("app-1"))?.derived).to.equal(null);
    });

    it("is refused as a conflict when already submitted or based on a stale revision", async () => {
      await draft("app-1");
      const submitted = expectRecord(await store.submit("app-1", 1, submission(pdfBytes(0)), event("submitted")));
      expect(await store.submit("app-1", 2, submission(pdfBytes(1)), event("submitted"))).to.deep.equal({ conflict: true, current: submitted });
      expect(await store.submit("app-1", 1, submission(pdfBytes(1)), event("submitted"))).to.deep.equal({ conflict: true, current: submitted });
      expect(await store.getSubmission("app-1", 2)).to.equal(undefined);
      expect(await store.events("app-1")).to.have.length(2);
    });

    it("again after a request for more information adds version 2, keeps version 1 and goes back in review", async () => {
      await draft("app-1");
      expectRecord(await store.submit("app-1", 1, submission(pdfBytes(1)), event("submitted")));
      await harness.sql("UPDATE applications SET status = 'more_information', revision = revision + 1 WHERE id = ?", ["app-1"]);

      const resubmitted = expectRecord(await store.submit("app-1", 3, submission(pdfBytes(2)), event("resubmitted")));
      expect(resubmitted).to.include({ status: "in_review", revision: 4 });
      expect((await store.getSubmission("app-1"))?.version).to.equal(2);
      expect((await store.getSubmission("app-1"))?.pdf.equals(pdfBytes(2))).to.equal(true);
      expect((await store.getSubmission("app-1", 1))?.pdf.equals(pdfBytes(1))).to.equal(true);
    });

    it("that fails while rendering leaves no submission and burns no reference number", async () => {
      const other = await draft("app-2");
      const failing = newSubmission({ answers: {}, derived: null, pdf: pdfBytes(0) }, { submittedAt: AT, render: () => Promise.reject(new Error("renderer down")) });
      expect((await failureOf(store.submit("app-2", 1, failing, event("submitted")))).message).to.equal("renderer down");
      expect(await store.getApplication("app-2")).to.deep.equal(other);
      expect(await store.getSubmission("app-2")).to.equal(undefined);
      expect(await store.events("app-2")).to.have.length(1);
      await draft("app-1");
      expect(expectRecord(await store.submit("app-1", 1, submission(pdfBytes(0)), event("submitted"))).reference).to.equal("STW-2026-000001");
    });
  });

  describe("events", () => {
    it("are append-only: UPDATE and DELETE are refused", async () => {
      await draft("app-1");
      const update = await failureOf(harness.sql("UPDATE events SET type = 'forged'"));
      const remove = await failureOf(harness.sql("DELETE FROM events"));
      expect(update.message).to.match(/events are append-only/);
      expect(remove.message).to.match(/events are append-only/);
      expect(await store.events("app-1")).to.deep.equal([{ id: 1, applicationId: "app-1", ...event("created") }]);
    });

    it("come in the order they happened, per application", async () => {
      await draft("app-1");
      await draft("app-2");
      expectRecord(await store.saveDraft("app-1", 1, { session: newSession() }, event("went_back")));
      expect((await store.events("app-1")).map((e) => [e.id, e.type])).to.deep.equal([
        [1, "created"],
        [3, "went_back"],
      ]);
    });
  });

  describe("concurrent requests", () => {
    it("50 submits of 10 applications: each submitted once, references 1..10 without gaps, per prefix", async () => {
      const ids = Array.from({ length: 10 }, (_, i) => `app-${i}`);
      for (const id of ids) await draft(id);
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.submit(ids[i % 10]!, 1, submission(pdfBytes(i)), event("submitted"))));
      expect(results.filter((r) => !isConflict(r))).to.have.length(10);
      const references = await Promise.all(ids.map(async (id) => (await store.getApplication(id))?.reference));
      expect([...references].sort()).to.deep.equal(Array.from({ length: 10 }, (_, i) => `STW-2026-${String(i + 1).padStart(6, "0")}`));
      expect(await Promise.all(ids.map(async (id) => (await store.getSubmission(id, 2)) === undefined))).to.deep.equal(ids.map(() => true));
      await draft("other");
      expect(expectRecord(await store.submit("other", 1, newSubmission({ answers: {}, derived: null, pdf: pdfBytes(0) }, { submittedAt: AT, prefix: "BAF" }), event("submitted"))).reference).to.equal("BAF-2026-000001");
    });

    it("saving the same revision: exactly one wins, the others see its record as a conflict", async () => {
      await draft("app-1");
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.saveDraft("app-1", 1, { session: sessionWith({ n: i }) }, event("answered"))));
      const winners = results.filter((r) => !isConflict(r));
      expect(winners).to.have.length(1);
      const winner = winners[0] as ApplicationRecord;
      expect(results.filter(isConflict).every((c) => c.current.revision === 2)).to.equal(true);
      expect(await store.getApplication("app-1")).to.deep.equal(winner);
      expect(await store.events("app-1")).to.have.length(2);
    });

    it("never run inside each other's transaction: a rollback takes only its own writes", async () => {
      await harness.connection(async (db) => {
        await db.exec("CREATE TABLE t (x TEXT)");
        const failing = db.transaction(async (tx) => {
          await tx.run("INSERT INTO t VALUES ('failing')");
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw new Error("changed my mind");
        });
        const committing = db.transaction((tx) => tx.run("INSERT INTO t VALUES ('committed')"));
        const single = db.run("INSERT INTO t VALUES ('single')");
        expect((await failureOf(failing)).message).to.equal("changed my mind");
        await Promise.all([committing, single]);
        expect(await db.all("SELECT x FROM t ORDER BY x")).to.deep.equal([{ x: "committed" }, { x: "single" }]);
      });
    });
  });

  describe("request limits", () => {
    const LATER = "2026-03-01T09:01:00.000Z";
    const EVEN_LATER = "2026-03-01T09:02:00.000Z";

    it("count hits per limit and key until the window ends, then start over; ended windows are removed", async () => {
      expect(await store.countHit("create", "k1", AT, LATER)).to.deep.equal({ hits: 1, resetAt: LATER });
      expect(await store.countHit("create", "k1", AT, EVEN_LATER)).to.deep.equal({ hits: 2, resetAt: LATER });
      expect(await store.countHit("sign-in", "k1", AT, LATER)).to.deep.equal({ hits: 1, resetAt: LATER });
      await store.uncountHit("create", "k1", AT);
      expect(await store.hitCount("create", "k1", AT)).to.deep.equal({ hits: 1, resetAt: LATER });

      expect(await store.hitCount("create", "k1", LATER)).to.equal(undefined);
      expect(await store.countHit("create", "k1", LATER, EVEN_LATER)).to.deep.equal({ hits: 1, resetAt: EVEN_LATER });
      expect(await store.countHit("create", "k2", LATER, EVEN_LATER)).to.deep.equal({ hits: 1, resetAt: EVEN_LATER });
      expect(await harness.sql("SELECT name, key_hash FROM rate_limits ORDER BY key_hash")).to.deep.equal([{ name: "create", key_hash: "k1" }, { name: "create", key_hash: "k2" }]);
      await store.resetHits("create", "k1");
      expect(await store.hitCount("create", "k1", LATER)).to.equal(undefined);
    });

    it("count every one of many hits at once", async () => {
      await Promise.all(Array.from({ length: 30 }, () => store.countHit("create", "k", AT, LATER)));
      expect(await store.hitCount("create", "k", AT)).to.deep.equal({ hits: 30, resetAt: LATER });
    });
  });

  describe("after a restart", () => {
    /** A process submitting `id` (see submitting-process.ts), with what it said so far. */
    function submitting(id: string, mode: "hang" | "finish") {
      const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("../support/submitting-process.ts", import.meta.url)), harness.database, id, mode], { stdio: ["ignore", "pipe", "inherit"] });
      const exited = once(child, "exit");
      let output = "";
      const lines = (async () => {
        for await (const chunk of child.stdout) output += String(chunk);
      })();
      const said = async (line: string) => {
        while (!output.split("\n").includes(line)) {
          if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The process ended without saying ${line}: ${output}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      const ended = async () => {
        const exit = await exited;
        await lines;
        return { exit, output };
      };
      return { child, said, ended };
    }

    /** PostgreSQL tells who waits for a lock; SQLite's busy wait is in the other process, out of sight. */
    async function waitingForLock(): Promise<void> {
      if (kind.name !== "PostgreSQL") return;
      for (const deadline = Date.now() + 8000; Date.now() < deadline; ) {
        const [row] = await harness.sql<{ waiting: number }>("SELECT COUNT(*) AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        if (row!.waiting > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error("No session waited for a lock");
    }

    it("a process killed while rendering inside its submission, another submitting at the same time: no half submission, references 1..N without gaps", async () => {
      const before = await draft("app-1");
      await draft("app-2");
      await draft("app-3");
      await store.close();
      const killed = submitting("app-1", "hang");
      await killed.said("rendering");
      // The other process waits for the killed one: for SQLite's write lock, or PostgreSQL's lock on the reference counter.
      const other = submitting("app-2", "finish");
      await other.said(kind.name === "PostgreSQL" ? "submitting" : "opening");
      await waitingForLock();
      killed.child.kill("SIGKILL");
      expect((await killed.ended()).exit[1]).to.equal("SIGKILL");
      const finished = await other.ended();
      expect(finished.exit[0], finished.output).to.equal(0);
      expect(finished.output).to.contain("reference STW-2026-000001");

      store = await harness.reopen();
      expect(await store.getApplication("app-1")).to.deep.equal(before);
      expect(await store.getSubmission("app-1")).to.equal(undefined);
      expect((await store.events("app-1")).map((e) => e.type)).to.deep.equal(["created"]);
      expectRecord(await store.submit("app-3", 1, submission(pdfBytes(0)), event("submitted")));
      expectRecord(await store.submit("app-1", 1, submission(pdfBytes(1)), event("submitted")));
      const references = await Promise.all(["app-1", "app-2", "app-3"].map(async (id) => (await store.getApplication(id))?.reference));
      expect(references).to.deep.equal(["STW-2026-000003", "STW-2026-000001", "STW-2026-000002"]);
    });

    it("everything acknowledged is still there", async () => {
      await draft("app-1");
      expectRecord(await store.saveDraft("app-1", 1, { session: sessionWith({ name: "Kim" }) }, event("answered")));
      const submitted = expectRecord(await store.submit("app-1", 2, submission(pdfBytes(3)), event("submitted")));
      const events = await store.events("app-1");
      await store.close();

      store = await harness.reopen();
      expect(await store.getApplication("app-1")).to.deep.equal(submitted);
      expect((await store.getSubmission("app-1"))?.pdf.equals(pdfBytes(3))).to.equal(true);
      expect(await store.events("app-1")).to.deep.equal(events);
      expect(await store.getFormVersion(FORM.formId, FORM.version)).to.deep.equal({ ...FORM, registeredAt: AT });
      await draft("app-2");
      expect(expectRecord(await store.submit("app-2", 1, submission(pdfBytes(4)), event("submitted"))).reference).to.equal("STW-2026-000002");
    });
  });
});

describe("openStore", () => {
  it("takes a postgres:// or postgresql:// URL for PostgreSQL, not for a file of that name", async () => {
    for (const url of ["postgres://formpilot@127.0.0.1:1/formpilot", "postgresql://formpilot@127.0.0.1:1/formpilot"]) {
      expect((await failureOf(openStore(url, TEST_PROTECTOR))).message).to.match(/ECONNREFUSED/);
    }
  });

  it("opens a relative SQLite path against the working directory", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "formpilot-open-"));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const store = await openStore(path.join("data", "relative.sqlite"), TEST_PROTECTOR);
      await store.close();
    } finally {
      process.chdir(cwd);
    }
    const db = await openConnection(path.join(dir, "data", "relative.sqlite"));
    expect(await db.all("SELECT version FROM schema_migrations ORDER BY version")).to.deep.equal(MIGRATIONS.map((m) => ({ version: m.version })));
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });
});

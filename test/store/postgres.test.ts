/**
 * What only PostgreSQL is for: several processes on one database. Each process has a pool of its
 * own, so stores opened side by side here stand for processes; the last tests start real servers.
 * The contract every store keeps is tested for both in store, cases and callbacks.test.ts.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { call, walkOverApi } from "../support/api";
import { testPostgres, withoutPostgres, type TestPostgres } from "../support/postgres";
import { startServer } from "../support/server";
import { failureOf } from "../support/store";
import { newSession } from "../../server/engine/session";
import { formsRoot } from "../../server/forms/paths";
import { openConnection } from "../../server/store/postgres/connection";
import { MIGRATIONS, migrate } from "../../server/store/postgres/migrations";
import { openPostgresStore } from "../../server/store/postgres/postgres-store";
import type { Running } from "../../server/start";
import { newSubmission } from "../support/submission";
import { isConflict, type Store } from "../../server/store/store";
import { addStaff } from "../../server/applications/staff-auth";
import { Browser } from "../support/http";
import { TEST_PROTECTOR } from "../support/keys";

const FORM = { formId: "short-time-work", version: "1.0.0", schema: { type: "object" }, locales: {} };
const AT = "2026-03-01T09:00:00.000Z";
const PASSWORD = "a password long enough";
const example = async (name: string) => JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples", name), "utf8"));

describe("PostgreSQL shared by several processes", function () {
  let server: TestPostgres;
  let url: string;
  const opened: Store[] = [];

  /** `count` stores on the database, opened at the same moment, as processes starting together. */
  async function processes(count: number): Promise<Store[]> {
    const stores = await Promise.all(Array.from({ length: count }, () => openPostgresStore(url, TEST_PROTECTOR)));
    opened.push(...stores);
    return stores;
  }

  before(async function () {
    const started = await testPostgres();
    server = typeof started === "string" ? withoutPostgres(this, started) : started;
  });

  beforeEach(async () => {
    url = await server.createDatabase();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await server.dropDatabase(url);
  });

  it("migrate once when they start at the same time, each step recorded once", async () => {
    await processes(6);
    const db = await openConnection(url);
    try {
      const steps = await db.all<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
      expect(steps).to.deep.equal(MIGRATIONS.map((m) => ({ version: m.version })));
    } finally {
      await db.close();
    }
  });

  it("bring a database at version 2 up to date on the next start", async () => {
    const db = await openConnection(url);
    try {
      expect(await migrate(db, MIGRATIONS.filter((m) => m.version <= 2))).to.deep.equal([1, 2]);
      await processes(2);
      expect(await db.all("SELECT version FROM schema_migrations ORDER BY version")).to.deep.equal(MIGRATIONS.map((m) => ({ version: m.version })));
    } finally {
      await db.close();
    }
  });

  it("50 submits of 10 applications through two processes: each submitted once, references 1..10 without gaps", async () => {
    const stores = await processes(2);
    const ids = Array.from({ length: 10 }, (_, i) => `app-${i}`);
    const at = "2026-03-01T09:00:00.000Z";
    await stores[0]!.registerFormVersion({ formId: "short-time-work", version: "1.0.0", schema: {}, locales: {}, registeredAt: at });
    for (const id of ids) {
      await stores[0]!.createApplication({ id, formId: "short-time-work", formVersion: "1.0.0", language: "de", session: newSession(), tokenHash: "ab".repeat(32), createdAt: at }, { at, actor: "applicant", type: "created", data: {} });
    }
    const submission = newSubmission({ answers: {}, derived: null, pdf: Buffer.from("%PDF") }, { submittedAt: at });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => stores[i % 2]!.submit(ids[i % 10]!, 1, submission, { at, actor: "applicant", type: "submitted", data: {} })));
    expect(results.filter((r) => !isConflict(r))).to.have.length(10);
    const references = await Promise.all(ids.map(async (id) => (await stores[1]!.getApplication(id))?.reference));
    expect([...references].sort()).to.deep.equal(Array.from({ length: 10 }, (_, i) => `STW-2026-${String(i + 1).padStart(6, "0")}`));
  });

  it("let callback requests sent at once through different processes pass the limit no further than it allows", async () => {
    const stores = await processes(3);
    await stores[0]!.registerFormVersion({ ...FORM, registeredAt: AT });
    await stores[0]!.createApplication({ id: "app-1", formId: FORM.formId, formVersion: FORM.version, language: "ko", session: newSession(), tokenHash: "ab".repeat(32), createdAt: AT }, { at: AT, actor: "applicant", type: "created", data: {} });
    const request = { applicationId: "app-1", name: "Kim", contact: "+49 30 1234567", contactKind: "phone" as const, message: "?", language: "ko" as const, createdAt: AT };
    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => stores[i % 3]!.addCallbackRequest(request, { maxOpen: 3 })));
    expect(results.filter((r) => r.ok)).to.have.length(3);
    expect(await stores[1]!.callbackRequestsOf("app-1")).to.have.length(3);
    expect((await stores[2]!.events("app-1")).filter((e) => e.type === "callback_requested")).to.have.length(3);
  });

  it("register the same form version at the same time without a conflict, and refuse other content under it", async () => {
    const stores = await processes(4);
    const results = await Promise.all(stores.map((store) => store.registerFormVersion({ ...FORM, registeredAt: AT })));
    expect(results).to.deep.equal(stores.map(() => ({ ok: true })));
    expect(await stores[0]!.registerFormVersion({ ...FORM, schema: { type: "string" }, registeredAt: AT })).to.deep.equal({ ok: false, reason: "version_changed" });
  });

  it("cannot empty the history with TRUNCATE either", async () => {
    await processes(1);
    const db = await openConnection(url);
    try {
      expect((await failureOf(db.exec("TRUNCATE events CASCADE"))).message).to.include("events are append-only");
    } finally {
      await db.close();
    }
  });

  describe("real servers on one database", () => {
    const running: Running[] = [];
    const serve = async (env: Record<string, string> = {}) => {
      const started = await startServer(undefined, { DATABASE_URL: url, ...env });
      running.push(started);
      return started;
    };
    afterEach(async () => {
      await Promise.all(running.splice(0).map((s) => s.close()));
    });

    async function ready(base: string, answers: Record<string, unknown>): Promise<{ id: string; token: string }> {
      const created = await call(base, "POST", "/api/forms/short-time-work/applications", { body: { language: "de" } });
      expect(created.status).to.equal(201);
      const { id, token } = created.body as { id: string; token: string };
      expect((await walkOverApi(base, id, token, answers)).state.step).to.deep.include({ kind: "review", complete: true });
      return { id, token };
    }

    it("walk an application over the API to its submission and PDF, kept in PostgreSQL", async () => {
      const { answers } = await example("economic-eligible.json");
      const { url: base } = await serve();
      const { id, token } = await ready(base, answers);
      const submitted = await call(base, "POST", `/api/applications/${id}/submit`, { token, body: { declaration: true } });
      expect(submitted.status).to.equal(200);
      expect(submitted.body).to.include({ status: "submitted", reference: `STW-${new Date().getUTCFullYear()}-000001` });
      const pdf = await call(base, "GET", `/api/applications/${id}/pdf`, { token });
      expect(pdf.headers.get("content-type")).to.equal("application/pdf");

      // What the server acknowledged is in the database, as another process reads it.
      const [reader] = await processes(1);
      expect(await reader!.getApplication(id)).to.deep.include({ status: "submitted", reference: submitted.body.reference });
      expect((await reader!.getSubmission(id))?.pdf.equals(pdf.body as Buffer)).to.equal(true);
      expect((await reader!.events(id)).map((e) => e.type).at(-1)).to.equal("submitted");
    });

    it("give distinct, consecutive reference numbers to applications submitted through two servers at once", async () => {
      const { answers } = await example("economic-eligible.json");
      const servers = await Promise.all([serve(), serve()]);
      const ready1 = await Promise.all([0, 1, 2].map(() => ready(servers[0]!.url, answers)));
      const ready2 = await Promise.all([0, 1, 2].map(() => ready(servers[1]!.url, answers)));
      const submissions = await Promise.all([
        ...ready1.map(({ id, token }) => call(servers[0]!.url, "POST", `/api/applications/${id}/submit`, { token, body: { declaration: true } })),
        ...ready2.map(({ id, token }) => call(servers[1]!.url, "POST", `/api/applications/${id}/submit`, { token, body: { declaration: true } })),
      ]);
      expect(submissions.map((s) => s.status)).to.deep.equal([200, 200, 200, 200, 200, 200]);
      const year = new Date().getUTCFullYear();
      const references = submissions.map((s) => s.body.reference as string).sort();
      expect(references).to.deep.equal([1, 2, 3, 4, 5, 6].map((n) => `STW-${year}-${String(n).padStart(6, "0")}`));
    });

    it("share the sign-in limit: failures spread over two servers lock the account after the allowed count", async () => {
      const servers = await Promise.all([serve({ FORMPILOT_SIGNIN_FAILURES: "3" }), serve({ FORMPILOT_SIGNIN_FAILURES: "3" })]);
      await addStaff(servers[0]!.store, new Date(), { email: "clara@amt.example", name: "Clara Weber", role: "caseworker", password: PASSWORD });
      const signIn = (at: Running, password: string) => new Browser(at.url, { language: "en" }).post("/staff/login", { email: "clara@amt.example", password });
      const failures = [servers[0]!, servers[1]!, servers[0]!].map((at, i) => signIn(at, `guess ${i}`));
      expect((await Promise.all(failures)).map((res) => res.status)).to.deep.equal([401, 401, 401]);
      expect((await signIn(servers[1]!, PASSWORD)).status, "the server that saw one failure").to.equal(429);
      expect((await signIn(servers[0]!, PASSWORD)).status, "the server that saw two").to.equal(429);
    });
  });
});

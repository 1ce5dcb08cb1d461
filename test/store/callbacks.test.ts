/**
 * Both stores' callback requests: kept with their application, each with its event in the
 * history, limited per application, listed for staff newest first, handled once.
 */
import { expect } from "chai";
import path from "node:path";
import { describeStores, failureOf, withDirectSql, type StoreHarness } from "../support/store";
import { newSession } from "../../server/engine/session";
import { MIGRATIONS, migrate } from "../../server/store/sqlite/migrations";
import { openSqliteStore } from "../../server/store/sqlite/sqlite-store";
import type { CallbackRequest, NewCallbackRequest, StaffRecord, Store } from "../../server/store/store";
import { TEST_PROTECTOR } from "../support/keys";

const FORM = { formId: "short-time-work", version: "1.0.0", schema: { type: "object" }, locales: {} };
const AT = "2026-03-01T09:00:00.000Z";
const LATER = "2026-03-02T10:30:00.000Z";
const staffMember: StaffRecord = { id: "staff-1", email: "ana@amt.example", name: "Ana", role: "caseworker", passwordHash: "$2b$12$" + "x".repeat(53), createdAt: AT };

const newRequest = (applicationId: string, change: Partial<NewCallbackRequest> = {}): NewCallbackRequest => ({
  applicationId,
  name: "Kim Minji",
  contact: "+49 30 1234567",
  contactKind: "phone",
  message: "Which income counts?",
  language: "ko",
  createdAt: AT,
  ...change,
});

describeStores(", callback requests", (kind) => {
  let harness: StoreHarness;
  let store: Store;

  async function application(id: string): Promise<void> {
    await store.createApplication({ id, formId: FORM.formId, formVersion: FORM.version, language: "ko", session: newSession(), tokenHash: "ab".repeat(32), createdAt: AT }, { at: AT, actor: "applicant", type: "created", data: {} });
  }

  async function added(request: NewCallbackRequest, maxOpen = 3): Promise<CallbackRequest> {
    const result = await store.addCallbackRequest(request, { maxOpen });
    if (!result.ok) expect.fail(`refused: ${result.reason}`);
    return result.request;
  }

  beforeEach(async () => {
    harness = await kind.open();
    store = harness.store;
    await store.registerFormVersion({ ...FORM, registeredAt: AT });
    await store.createStaff(staffMember);
    await application("app-1");
    await application("app-2");
  });

  afterEach(() => harness.dispose());

  it("keeps a request as given, open, with a callback_requested event naming it", async () => {
    const request = await added(newRequest("app-1"));
    expect(request).to.deep.equal({ ...newRequest("app-1"), id: request.id, handledAt: null, handledBy: null });
    expect(await store.callbackRequestsOf("app-1")).to.deep.equal([request]);
    expect(await store.callbackRequestsOf("app-2")).to.deep.equal([]);
    const last = (await store.events("app-1")).at(-1);
    expect(last).to.include({ actor: "applicant", type: "callback_requested", at: AT });
    expect(last?.data).to.deep.equal({ callbackId: request.id, name: "Kim Minji", contactKind: "phone" });
  });

  it("refuses more open requests than the limit, counted per application, and stores nothing for the refused one", async () => {
    await added(newRequest("app-1"), 2);
    await added(newRequest("app-1", { contact: "kim@example.com", contactKind: "email" }), 2);
    const eventsBefore = (await store.events("app-1")).length;
    expect(await store.addCallbackRequest(newRequest("app-1"), { maxOpen: 2 })).to.deep.equal({ ok: false, reason: "too_many_open" });
    expect(await store.callbackRequestsOf("app-1")).to.have.length(2);
    expect(await store.events("app-1")).to.have.length(eventsBefore);
    await added(newRequest("app-2"), 2);
  });

  it("lets requests sent at once pass the limit no further than it allows", async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => store.addCallbackRequest(newRequest("app-1"), { maxOpen: 3 })));
    expect(results.filter((r) => r.ok)).to.have.length(3);
    expect(await store.callbackRequestsOf("app-1")).to.have.length(3);
  });

  it("refuses a request for an application that does not exist", async () => {
    expect((await failureOf(store.addCallbackRequest(newRequest("nope"), { maxOpen: 3 }))).message).to.include("No application nope");
  });

  it("lists open requests of all applications newest first with their application, paged, with the total", async () => {
    const first = await added(newRequest("app-1"));
    const second = await added(newRequest("app-2", { name: "Lee" }));
    const third = await added(newRequest("app-1", { name: "Park" }));
    const page = await store.openCallbackRequests({ offset: 0, limit: 2 });
    expect(page.total).to.equal(3);
    expect(page.items.map((i) => i.id)).to.deep.equal([third.id, second.id]);
    expect(page.items[0]).to.deep.equal({ ...third, reference: null, formId: FORM.formId, status: "draft" });
    expect((await store.openCallbackRequests({ offset: 2, limit: 2 })).items.map((i) => i.id)).to.deep.equal([first.id]);
  });

  it("marks a request handled once, by whom and when, with a callback_handled event; it is then no longer open", async () => {
    const request = await added(newRequest("app-1"));
    const marked = await store.markCallbackHandled(request.id, staffMember.id, LATER);
    expect(marked).to.deep.equal({ ok: true, request: { ...request, handledAt: LATER, handledBy: staffMember.id } });
    const last = (await store.events("app-1")).at(-1);
    expect(last).to.include({ actor: staffMember.id, type: "callback_handled", at: LATER });
    expect(last?.data).to.deep.equal({ callbackId: request.id });
    expect(await store.openCallbackRequests({ offset: 0, limit: 10 })).to.deep.equal({ items: [], total: 0 });

    const events = (await store.events("app-1")).length;
    expect(await store.markCallbackHandled(request.id, staffMember.id, "2026-04-01T00:00:00.000Z")).to.deep.equal({ ok: false, reason: "already_handled" });
    expect(await store.markCallbackHandled(9999, staffMember.id, LATER)).to.deep.equal({ ok: false, reason: "not_found" });
    expect(await store.events("app-1")).to.have.length(events);
    expect((await store.callbackRequestsOf("app-1"))[0]?.handledAt).to.equal(LATER);
  });

  it("a handled request frees a place under the limit", async () => {
    const request = await added(newRequest("app-1"), 1);
    expect((await store.addCallbackRequest(newRequest("app-1"), { maxOpen: 1 })).ok).to.equal(false);
    await store.markCallbackHandled(request.id, staffMember.id, LATER);
    await added(newRequest("app-1"), 1);
  });

  it("keeps requests: the table refuses a delete and a change to a handled request", async () => {
    const request = await added(newRequest("app-1"));
    await store.markCallbackHandled(request.id, staffMember.id, LATER);
    await harness.connection(async (db) => {
      expect((await failureOf(db.run("DELETE FROM callback_requests WHERE id = ?", [request.id]))).message).to.include("callback requests are kept");
      expect((await failureOf(db.run("UPDATE callback_requests SET message = 'changed' WHERE id = ?", [request.id]))).message).to.include("stays as it is");
      expect((await failureOf(db.run("UPDATE callback_requests SET contact_kind = 'fax' WHERE id = ?", [request.id]))).message).to.include("stays as it is");
    });
    expect((await store.callbackRequestsOf("app-1"))[0]).to.deep.equal({ ...request, handledAt: LATER, handledBy: staffMember.id });
  });

  // PostgreSQL: test/store/postgres.test.ts
  if (kind.name === "SQLite") {
    it("come with migration 3, which a database at version 2 gets on its next open", async () => {
      const older = path.join(path.dirname(harness.file!), "older.sqlite");
      await withDirectSql(older, (db) => migrate(db, MIGRATIONS.filter((m) => m.version <= 2)));
      const reopened = await openSqliteStore(older, TEST_PROTECTOR);
      await reopened.close();
      expect(await withDirectSql(older, (db) => db.all("SELECT version FROM schema_migrations ORDER BY version"))).to.deep.equal(MIGRATIONS.map((m) => ({ version: m.version })));
    });
  }
});

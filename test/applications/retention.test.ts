/**
 * Retention with an injected clock: drafts untouched too long and decided cases past their years
 * are erased on time, not a day early; a legal hold keeps a case; what is left is a tombstone; the
 * erased application's key is gone and what it sealed cannot be read any more.
 */
import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eraseOnRequest, runRetention, scheduleRetention } from "../../server/applications/retention";
import { retention } from "../../server/cli/retention";
import { newSession } from "../../server/engine/session";
import { loadRegistry, type FormRegistry } from "../../server/forms/registry";
import { formsRoot } from "../../server/forms/paths";
import { openSqliteStore } from "../../server/store/sqlite/sqlite-store";
import { isConflict, type StaffRecord, type Store } from "../../server/store/store";
import { TEST_KEY, TEST_PROTECTOR } from "../support/keys";
import { newSubmission } from "../support/submission";
import { withDirectSql } from "../support/store";

const T0 = new Date("2026-01-15T10:00:00.000Z");
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);
const years = (n: number, plusDays = 0) => {
  const at = new Date(T0);
  at.setUTCFullYear(T0.getUTCFullYear() + n);
  return new Date(at.getTime() + plusDays * 86_400_000);
};

const ADMIN: StaffRecord = { id: "admin-1", email: "admin@amt.example", name: "Admin", role: "admin", passwordHash: "!", createdAt: T0.toISOString() };
const SUPERVISOR: StaffRecord = { id: "sup-1", email: "sup@amt.example", name: "Supervisor", role: "supervisor", passwordHash: "!", createdAt: T0.toISOString() };
const PERSONAL = { employer: { name: "Müller Metallbau GmbH", iban: "DE89370400440532013000" }, employees: [{ name: "Jonas Weber" }] };

describe("retention and erasure", () => {
  let dir: string;
  let file: string;
  let store: Store;
  let registry: FormRegistry;
  let version: string;

  before(async () => {
    const loaded = await loadRegistry(formsRoot);
    if (!loaded.ok) throw new Error(loaded.report);
    registry = loaded.registry;
    version = registry.get("short-time-work")!.version;
    expect(registry.get("short-time-work")!.retention).to.deep.equal({ draftDays: 90, decidedYears: 10 });
  });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "formpilot-retention-"));
    file = path.join(dir, "formpilot.sqlite");
    store = await openSqliteStore(file, TEST_PROTECTOR);
    const form = registry.get("short-time-work")!;
    await store.registerFormVersion({ formId: form.id, version, schema: form.schema, locales: form.locales, registeredAt: T0.toISOString() });
    for (const staff of [ADMIN, SUPERVISOR]) await store.createStaff(staff);
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function draft(id: string, at: Date): Promise<void> {
    await store.createApplication(
      { id, formId: "short-time-work", formVersion: version, language: "de", session: { ...newSession(), answers: PERSONAL }, tokenHash: "ab".repeat(32), createdAt: at.toISOString() },
      { at: at.toISOString(), actor: "applicant", type: "created", data: { note: "Jonas Weber fragt nach" } },
    );
  }

  async function decided(id: string, at: Date, hold = false): Promise<void> {
    await draft(id, at);
    const submitted = await store.submit(id, 1, newSubmission({ answers: PERSONAL, derived: null, pdf: Buffer.from("%PDF Jonas Weber") }, { submittedAt: at.toISOString() }), {
      at: at.toISOString(),
      actor: "applicant",
      type: "submitted",
      data: {},
    });
    if (isConflict(submitted)) throw new Error("conflict");
    const decision = { outcome: "rejected" as const, reason: "Herr Weber ist nicht versichert.", amount: null, decidedAt: at.toISOString(), decidedBy: SUPERVISOR.id };
    let record = await store.updateCase(id, submitted.revision, { status: "rejected", decision }, { at: at.toISOString(), actor: SUPERVISOR.id, type: "decided", data: {} });
    if (hold && !isConflict(record)) record = await store.updateCase(id, record.revision, { legalHold: true }, { at: at.toISOString(), actor: SUPERVISOR.id, type: "legal_hold_set", data: {} });
    if (isConflict(record)) throw new Error("conflict");
  }

  const erasedIds = async (now: Date) => (await runRetention({ store, registry }, now)).map((due) => due.id);

  it("erases a draft untouched for longer than its form's 90 days, not a day before, and not one changed since", async () => {
    await draft("old-draft", T0);
    await draft("recent-draft", days(60));
    expect(await erasedIds(days(89))).to.deep.equal([]);
    expect(await erasedIds(days(91))).to.deep.equal(["old-draft"]);
    expect((await store.getApplication("old-draft"))?.erasedAt).to.equal(days(91).toISOString());
    expect((await store.getApplication("recent-draft"))?.erasedAt).to.equal(null);
    expect(await erasedIds(days(151))).to.deep.equal(["recent-draft"]);
  });

  it("erases a decided case ten years after its decision, and keeps one under legal hold until the hold is cleared", async () => {
    await decided("decided", T0);
    await decided("held", T0, true);
    expect(await erasedIds(years(10, -1))).to.deep.equal([]);
    // A held case is not even listed as due.
    expect((await runRetention({ store, registry }, years(10, 1), { dryRun: true })).map((due) => due.id)).to.deep.equal(["decided"]);
    expect(await erasedIds(years(10, 1))).to.deep.equal(["decided"]);
    const held = (await store.getApplication("held"))!;
    expect(held).to.include({ legalHold: true, erasedAt: null });
    expect((await store.getSubmission("held"))?.answers).to.deep.equal(PERSONAL);
    const cleared = await store.updateCase("held", held.revision, { legalHold: false }, { at: years(11).toISOString(), actor: SUPERVISOR.id, type: "legal_hold_cleared", data: {} });
    expect(isConflict(cleared)).to.equal(false);
    expect(await erasedIds(years(11, 1))).to.deep.equal(["held"]);
  });

  it("leaves a tombstone: the history's structure and an erased event without personal data; the key and every personal value gone", async () => {
    await decided("decided", T0);
    const [before] = await withDirectSql(file, (db) => db.all<{ data_key: Buffer }>("SELECT data_key FROM applications WHERE id = 'decided'"));
    expect(before!.data_key).to.be.instanceOf(Buffer);
    await store.createStaff({ ...ADMIN, id: "x", email: "x@amt.example" });
    await erasedIds(years(10, 1));

    const record = (await store.getApplication("decided"))!;
    expect(record.session).to.deep.equal(newSession());
    expect(record.decision).to.include({ outcome: "rejected", reason: "" });
    expect(record.tokenHash).to.equal("");
    expect(await store.getSubmission("decided")).to.equal(undefined);
    const events = await store.events("decided");
    expect(events.map((e) => e.type)).to.deep.equal(["created", "submitted", "decided", "erased"]);
    expect(events.at(-1)).to.deep.include({ actor: "retention", data: { rule: "decided" } });
    // What the events said is still stored sealed, and reads as nothing: its key is destroyed.
    expect(events[0]!.data).to.deep.equal({});
    const rows = await withDirectSql(file, (db) => db.all<{ data_key: Buffer | null; key_version: number | null }>("SELECT data_key, key_version FROM applications WHERE id = 'decided'"));
    expect(rows).to.deep.equal([{ data_key: null, key_version: null }]);
    const sealed = await withDirectSql(file, (db) => db.all<{ data_json: string }>("SELECT data_json FROM events WHERE application_id = 'decided' AND type = 'created'"));
    expect(sealed[0]!.data_json).to.match(/^fp1\./);
    expect(() => TEST_PROTECTOR.fields("decided", { wrapped: before!.data_key, version: 1 }).openText("event.data", sealed[0]!.data_json)).not.to.throw();
    // Only the destroyed wrapped key opened it: no copy of it is left in the database.
    const dump = await withDirectSql(file, (db) => db.all<{ data_key: Buffer | null }>("SELECT data_key FROM applications WHERE data_key IS NOT NULL"));
    expect(dump.some((row) => row.data_key?.equals(before!.data_key))).to.equal(false);
  });

  it("lists what is due without erasing it in a dry run, as npm run retention -- --dry-run prints it", async () => {
    await decided("decided", T0);
    expect((await runRetention({ store, registry }, years(10, 1), { dryRun: true })).map((d) => d.id)).to.deep.equal(["decided"]);
    expect((await store.getApplication("decided"))?.erasedAt).to.equal(null);
    await store.close();
    const out: string[] = [];
    const env = { FORMPILOT_DATA: dir, FORMPILOT_KEY: TEST_KEY };
    expect(await retention(["--dry-run"], env, { out: (l) => out.push(l), err: (l) => out.push(l) }, years(10, 1))).to.equal(0);
    expect(out).to.deep.equal([
      `STW-2026-000001 (short-time-work, Rejected, last changed ${T0.toISOString()}): decided longer ago than its form keeps decided cases`,
      "1 applications would be erased.",
    ]);
    expect(await retention([], env, { out: (l) => out.push(l), err: (l) => out.push(l) }, years(10, 1))).to.equal(0);
    expect(out.at(-1)).to.equal("1 applications erased.");
    store = await openSqliteStore(file, TEST_PROTECTOR);
    expect((await store.getApplication("decided"))?.erasedAt).to.equal(years(10, 1).toISOString());
  });

  it("runs in the server at its interval on the clock it is given", async () => {
    await draft("old-draft", T0);
    const runs: number[] = [];
    const job = scheduleRetention({ store, registry }, { intervalMs: 10, now: () => days(91), onRun: (erased) => runs.push(erased.length), onError: (e) => expect.fail(String(e)) });
    try {
      while (runs.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      job.stop();
    }
    expect(runs.slice(0, 2)).to.deep.equal([1, 0]);
    expect((await store.getApplication("old-draft"))?.erasedAt).to.equal(days(91).toISOString());
  });

  it("erases one application on an admin's request, refused with 409 under legal hold and 403 to anyone else", async () => {
    await decided("decided", T0);
    await decided("held", T0, true);
    const services = { store, registry, now: () => days(3) };
    const refused = await eraseOnRequest(services, ADMIN, "STW-2026-000002", "en");
    expect(refused).to.deep.include({ ok: false, status: 409 });
    expect(!refused.ok && refused.problems[0]!.message).to.equal("This application is under legal hold and cannot be erased. A supervisor must clear the hold first.");
    expect(await eraseOnRequest(services, SUPERVISOR, "STW-2026-000001", "de")).to.deep.include({ ok: false, status: 403 });
    expect(await eraseOnRequest(services, ADMIN, "STW-2099-000001", "ko")).to.deep.include({ ok: false, status: 404 });
    const done = await eraseOnRequest(services, ADMIN, " STW-2026-000001 ", "en");
    expect(done.ok && done.value.erasedAt).to.equal(days(3).toISOString());
    expect((await store.events("decided")).at(-1)).to.deep.include({ type: "erased", actor: ADMIN.id, data: { rule: "request" } });
    expect(await eraseOnRequest(services, ADMIN, "STW-2026-000001", "en")).to.deep.include({ ok: false, status: 409 });
    expect((await store.queue({}, "reference", { offset: 0, limit: 10 })).items.map((i) => i.id)).to.deep.equal(["held"]);
  });
});

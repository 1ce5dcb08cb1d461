/**
 * Both stores' side of case review: the caseworker queue and its counts, caseworkers' changes to a
 * case, staff accounts and their sessions; and for SQLite the indexes that keep the queue fast.
 */
import { expect } from "chai";
import { describeStores, expectRecord, failureOf, type StoreHarness } from "../support/store";
import { newSubmission } from "../support/submission";
import path from "node:path";
import { newSession } from "../../server/engine/session";
import { openConnection, type Connection } from "../../server/store/sqlite/connection";
import { MIGRATIONS, migrate } from "../../server/store/sqlite/migrations";
import { seedApplications } from "../../server/store/sqlite/seed";
import { countsQuery, MAX_QUEUE_PAGE, queueQuery } from "../../server/store/records";
import { openSqliteStore } from "../../server/store/sqlite/sqlite-store";
import { TEST_PROTECTOR } from "../support/keys";
import {
  isConflict,
  type ApplicationRecord,
  type ApplicationStatus,
  type CaseChange,
  type NewEvent,
  type QueueFilter,
  type QueueSort,
  type StaffRecord,
  type Store,
} from "../../server/store/store";

const FORMS = [
  { formId: "short-time-work", version: "1.0.0", prefix: "STW" },
  { formId: "employment-retention-kr", version: "1.0.0", prefix: "ERK" },
] as const;
const AT = "2026-03-01T09:00:00.000Z";
const HOUR = 3_600_000;

const STATUSES = ["submitted", "assigned", "in_review", "more_information", "pending_approval", "approved", "rejected"] as const;
const SORTS: readonly QueueSort[] = ["submitted_desc", "submitted_asc", "reference", "status"];

const staffMember = (id: string, email: string, role: StaffRecord["role"] = "caseworker", name = id): StaffRecord => ({
  id,
  email,
  name,
  role,
  passwordHash: "$2b$12$" + "x".repeat(53),
  createdAt: AT,
});
const byStaff = (actor: string, type: string, data: Record<string, unknown> = {}, at = AT): NewEvent => ({ at, actor, type, data });
const pdf = Buffer.from("%PDF-1.7\n%%EOF\n");


const planOf = async (db: Connection, [sql, params]: [string, (string | number | Buffer | null)[]]) =>
  (await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((row) => row.detail);

describeStores(", for caseworkers", (kind) => {
  let harness: StoreHarness;
  let store: Store;


  async function draft(id: string, form: (typeof FORMS)[number] = FORMS[0]): Promise<ApplicationRecord> {
    return store.createApplication(
      { id, formId: form.formId, formVersion: form.version, language: "de", session: newSession(), tokenHash: "ab".repeat(32), createdAt: AT },
      byStaff("applicant", "created"),
    );
  }

  async function submitted(id: string, submittedAt = AT, form: (typeof FORMS)[number] = FORMS[0]): Promise<ApplicationRecord> {
    const created = await draft(id, form);
    const submission = newSubmission({ answers: { n: id }, derived: null, pdf }, { submittedAt, prefix: form.prefix });
    return expectRecord(await store.submit(id, created.revision, submission, byStaff("applicant", "submitted", {}, submittedAt)));
  }

  /** A submitted case brought to `status` (with assignee, request or decision as that status has them) by one change. */
  async function caseIn(id: string, status: (typeof STATUSES)[number], options: { at: string; form: (typeof FORMS)[number]; assignee: string | null }): Promise<ApplicationRecord> {
    const record = await submitted(id, options.at, options.form);
    if (status === "submitted" && options.assignee === null) return record;
    const change: CaseChange = { status, assigneeId: options.assignee };
    const by = options.assignee ?? "supervisor-1";
    if (status === "more_information") change.request = { pointers: ["/n"], message: "Bitte belegen.", requestedAt: AT, requestedBy: by };
    if (status === "pending_approval") change.decision = { outcome: "approved", reason: "", amount: 90000, decidedAt: AT, decidedBy: by };
    if (status === "approved" || status === "rejected") change.decision = { outcome: status, reason: status === "rejected" ? "Nein." : "", amount: status === "approved" ? 1200 : null, decidedAt: AT, decidedBy: by };
    return expectRecord(await store.updateCase(id, record.revision, change, byStaff(by, "moved", { to: status })));
  }

  beforeEach(async () => {
    harness = await kind.open();
    store = harness.store;
    for (const form of FORMS) expect(await store.registerFormVersion({ formId: form.formId, version: form.version, schema: {}, locales: {}, registeredAt: AT })).to.deep.equal({ ok: true });
    for (const staff of [staffMember("cw-1", "anna@amt.example"), staffMember("cw-2", "ben@amt.example"), staffMember("supervisor-1", "chef@amt.example", "supervisor")]) {
      expect(await store.createStaff(staff)).to.deep.equal(staff);
    }
  });

  afterEach(async () => {
    // The seeding test reopens the store, which is then the one to close.
    harness.store = store;
    await harness.dispose();
  });

  describe("the queue", () => {
    let cases: ApplicationRecord[];

    /**
     * 36 cases over six days around 1 March 2026, in every status, on two forms, assigned to two
     * caseworkers or nobody; cases on the edges of 1 March, and two submitted at the same instant.
     * And three drafts, which the queue never shows.
     */
    beforeEach(async () => {
      cases = [];
      for (let i = 0; i < 36; i++) {
        const edges: Record<number, string> = { 11: "2026-02-28T23:59:59.999Z", 17: "2026-03-01T23:59:59.999Z" };
        const at = edges[i] ?? new Date(Date.parse("2026-02-27T00:00:00.000Z") + (i === 21 ? 20 : i) * 4 * HOUR).toISOString();
        const status = STATUSES[i % STATUSES.length]!;
        const assignee = status === "submitted" ? null : ([null, "cw-1", "cw-2", "cw-1"] as const)[i % 4]!;
        cases.push(await caseIn(`case-${String(i).padStart(2, "0")}`, status, { at, form: FORMS[i % 3 === 0 ? 1 : 0], assignee }));
      }
      for (const id of ["draft-a", "draft-b", "draft-c"]) await draft(id);
    });

    const STAGE: readonly ApplicationStatus[] = ["draft", ...STATUSES];
    const compare = (a: string | null, b: string | null) => (a! < b! ? -1 : a! > b! ? 1 : 0);
    const ORDER: Record<QueueSort, (a: ApplicationRecord, b: ApplicationRecord) => number> = {
      submitted_desc: (a, b) => compare(b.submittedAt, a.submittedAt) || compare(b.id, a.id),
      submitted_asc: (a, b) => compare(a.submittedAt, b.submittedAt) || compare(a.id, b.id),
      reference: (a, b) => compare(a.reference, b.reference),
      status: (a, b) => STAGE.indexOf(a.status) - STAGE.indexOf(b.status) || ORDER.submitted_desc(a, b),
    };

    /** What the queue should answer, worked out in plain code over the cases made. */
    function expected(filter: QueueFilter, sort: QueueSort): string[] {
      const day = (at: string | null) => at!.slice(0, 10);
      return cases
        .filter(
          (c) =>
            (filter.status === undefined || c.status === filter.status) &&
            (filter.formId === undefined || c.formId === filter.formId) &&
            (filter.assigneeId === undefined || c.assigneeId === (filter.assigneeId === "none" ? null : filter.assigneeId)) &&
            (filter.submittedFrom === undefined || day(c.submittedAt) >= filter.submittedFrom) &&
            (filter.submittedTo === undefined || day(c.submittedAt) <= filter.submittedTo) &&
            (filter.reference === undefined || c.reference === filter.reference),
        )
        .sort(ORDER[sort])
        .map((c) => c.id);
    }

    const FILTERS: QueueFilter[] = [
      {},
      { status: "in_review" },
      { status: "more_information" },
      { formId: "employment-retention-kr" },
      { formId: "short-time-work", status: "approved" },
      { assigneeId: "cw-1" },
      { assigneeId: "none" },
      { assigneeId: "none", status: "submitted" },
      { submittedFrom: "2026-03-01" },
      { submittedTo: "2026-03-01" },
      { submittedFrom: "2026-03-01", submittedTo: "2026-03-01" },
      { formId: "short-time-work", assigneeId: "cw-2", submittedFrom: "2026-02-28", submittedTo: "2026-03-02" },
      { reference: "STW-2026-000003" },
      { reference: "STW-2026-999999" },
    ];

    it("shows submitted cases only, filtered (all filters together), sorted, with the total of all matches", async () => {
      expect(expected({}, "submitted_desc")).to.have.length(36);
      for (const filter of FILTERS) {
        for (const sort of SORTS) {
          const { items, total } = await store.queue(filter, sort, { offset: 0, limit: 50 });
          const want = expected(filter, sort);
          expect(items.map((i) => i.id), `${JSON.stringify(filter)} ${sort}`).to.deep.equal(want);
          expect(total, `${JSON.stringify(filter)} ${sort}`).to.equal(want.length);
        }
      }
      // A status of "draft" is no way into the drafts.
      expect(await store.queue({ status: "draft" }, "submitted_desc", { offset: 0, limit: 50 })).to.deep.equal({ items: [], total: 0 });
    });

    it("includes the whole of the days named in submittedFrom and submittedTo, and nothing either side", async () => {
      const onFirstOfMarch = await store.queue({ submittedFrom: "2026-03-01", submittedTo: "2026-03-01" }, "submitted_asc", { offset: 0, limit: 50 });
      const times = onFirstOfMarch.items.map((i) => i.submittedAt);
      expect(times[0]).to.equal("2026-03-01T00:00:00.000Z");
      expect(times.at(-1)).to.equal("2026-03-01T23:59:59.999Z");
      expect(times.every((t) => t.startsWith("2026-03-01"))).to.equal(true);
      expect(onFirstOfMarch.total).to.equal(6);
      // A timestamp counts by its date part.
      expect((await store.queue({ submittedTo: "2026-03-01T05:00:00.000Z" }, "submitted_asc", { offset: 0, limit: 50 })).total).to.equal(expected({ submittedTo: "2026-03-01" }, "submitted_asc").length);
      for (const bad of ["1.3.2026", "2026-02-30", "yesterday"]) {
        expect((await failureOf(store.queue({ submittedFrom: bad }, "submitted_desc", { offset: 0, limit: 50 }))).message).to.match(/submittedFrom is not an ISO date/);
      }
    });

    it("breaks ties of submission time by id, so that pages neither overlap nor skip", async () => {
      const tied = cases.filter((c) => c.submittedAt === cases[20]!.submittedAt).map((c) => c.id);
      expect(tied).to.deep.equal(["case-20", "case-21"]);
      for (const sort of SORTS) {
        const pages: string[] = [];
        for (let offset = 0; offset < 40; offset += 7) {
          const page = await store.queue({}, sort, { offset, limit: 7 });
          expect(page.total).to.equal(36);
          pages.push(...page.items.map((i) => i.id));
        }
        expect(pages, sort).to.deep.equal(expected({}, sort));
      }
      expect(await store.queue({}, "submitted_desc", { offset: 100, limit: 10 })).to.deep.equal({ items: [], total: 36 });
    });

    it("sorts by status in the order of the workflow, newest first within a status", async () => {
      const { items } = await store.queue({}, "status", { offset: 0, limit: 50 });
      const statuses = items.map((i) => i.status);
      expect([...new Set(statuses)]).to.deep.equal(["submitted", "assigned", "in_review", "more_information", "pending_approval", "approved", "rejected"]);
      const inReview = items.filter((i) => i.status === "in_review").map((i) => i.submittedAt);
      expect(inReview).to.deep.equal([...inReview].sort().reverse());
    });

    it("gives each item what a queue row shows", async () => {
      const record = cases.find((c) => c.id === "case-07")!;
      const { items } = await store.queue({ reference: record.reference! }, "submitted_desc", { offset: 0, limit: 50 });
      expect(items).to.deep.equal([
        {
          id: record.id,
          reference: record.reference,
          formId: record.formId,
          status: record.status,
          language: record.language,
          assigneeId: record.assigneeId,
          submittedAt: record.submittedAt,
          updatedAt: record.updatedAt,
          revision: record.revision,
        },
      ]);
    });

    it("brings the page into range: no negative offset, a limit from 0 to 200; empty filters filter nothing", async () => {
      expect((await store.queue({}, "submitted_desc", { offset: -5, limit: 3 })).items.map((i) => i.id)).to.deep.equal(expected({}, "submitted_desc").slice(0, 3));
      expect(await store.queue({}, "submitted_desc", { offset: 0, limit: 0 })).to.deep.equal({ items: [], total: 36 });
      expect((await store.queue({}, "submitted_desc", { offset: 2.7, limit: 2.2 })).items.map((i) => i.id)).to.deep.equal(expected({}, "submitted_desc").slice(2, 4));
      expect((await store.queue({ formId: "", assigneeId: "", reference: "" }, "submitted_desc", { offset: 0, limit: 50 })).total).to.equal(36);
      expect((await failureOf(store.queue({}, "newest" as QueueSort, { offset: 0, limit: 50 }))).message).to.match(/Unknown queue order "newest"/);
    });

    it("counts submitted cases per status under the other filters, never drafts", async () => {
      const count = (filter: QueueFilter) => {
        const counts: Partial<Record<ApplicationStatus, number>> = {};
        for (const id of expected(filter, "submitted_desc")) {
          const status = cases.find((c) => c.id === id)!.status;
          counts[status] = (counts[status] ?? 0) + 1;
        }
        return counts;
      };
      expect(await store.countsByStatus({})).to.deep.equal({ submitted: 6, assigned: 5, in_review: 5, more_information: 5, pending_approval: 5, approved: 5, rejected: 5 });
      for (const filter of FILTERS) {
        const { status: _ignored, ...rest } = filter;
        expect(await store.countsByStatus(filter), JSON.stringify(filter)).to.deep.equal(count(rest));
      }
    });

    if (kind.name === "SQLite") it("reads each common query off an index, and the usual orders without sorting", async () => {
      const db = await openConnection(harness.file!);
      try {
        const page = { offset: 0, limit: 50 };
        const common: [QueueFilter, QueueSort][] = [
          [{}, "submitted_desc"],
          [{}, "submitted_asc"],
          [{}, "status"],
          [{ status: "submitted" }, "submitted_desc"],
          [{ status: "in_review" }, "submitted_asc"],
          [{ formId: "short-time-work", status: "assigned" }, "submitted_desc"],
          [{ assigneeId: "cw-1", status: "in_review" }, "submitted_desc"],
          [{ assigneeId: "none", status: "submitted" }, "submitted_asc"],
          [{ submittedFrom: "2026-03-01", submittedTo: "2026-03-31" }, "submitted_desc"],
          [{ status: "approved", submittedFrom: "2026-03-01", submittedTo: "2026-03-31" }, "submitted_desc"],
        ];
        const indexed = (plan: string[], what: string) => {
          expect(plan.length, what).to.be.greaterThan(0);
          for (const line of plan) {
            if (/\bapplications\b/.test(line)) expect(line, `${what}: ${plan.join(" | ")}`).to.match(/USING (COVERING )?INDEX/);
          }
        };
        for (const [filter, sort] of common) {
          const { items, total } = queueQuery(filter, sort, page);
          const what = `${JSON.stringify(filter)} ${sort}`;
          const itemsPlan = await planOf(db, items);
          indexed(itemsPlan, what);
          expect(itemsPlan.join(" | "), what).not.to.include("TEMP B-TREE");
          indexed(await planOf(db, total), `total of ${what}`);
        }
        // These sort what the index found (a form's or a caseworker's cases), but still find it by index.
        for (const [filter, sort] of [
          [{ formId: "short-time-work" }, "submitted_desc"],
          [{ assigneeId: "cw-1" }, "reference"],
          [{ assigneeId: "none" }, "status"],
          [{ formId: "short-time-work", assigneeId: "cw-2" }, "submitted_desc"],
        ] as [QueueFilter, QueueSort][]) {
          const { items, total } = queueQuery(filter, sort, page);
          indexed(await planOf(db, items), `${JSON.stringify(filter)} ${sort}`);
          indexed(await planOf(db, total), `total of ${JSON.stringify(filter)} ${sort}`);
        }
        const reference = await planOf(db, queueQuery({ reference: "STW-2026-000001" }, "submitted_desc", page).items);
        expect(reference.join(" | ")).to.match(/SEARCH applications USING INDEX sqlite_autoindex_applications_\d \(reference=\?\)/);
        for (const filter of [{}, { formId: "short-time-work" }, { assigneeId: "cw-1" }, { assigneeId: "none" }, { submittedFrom: "2026-03-01" }] as QueueFilter[]) {
          indexed(await planOf(db, countsQuery(filter)), `counts ${JSON.stringify(filter)}`);
        }
      } finally {
        await db.close();
      }
    });
  });

  describe("a caseworker's change", () => {
    it("applies only the fields it names, bumps the revision, takes the event's time and appends the event", async () => {
      const record = await submitted("app-1");
      const event = byStaff("cw-1", "assigned", { before: { status: "submitted" } }, "2026-03-02T10:00:00.000Z");
      const assigned = expectRecord(await store.updateCase("app-1", record.revision, { status: "assigned", assigneeId: "cw-1" }, event));
      expect(assigned).to.deep.equal({ ...record, status: "assigned", assigneeId: "cw-1", revision: record.revision + 1, updatedAt: "2026-03-02T10:00:00.000Z" });
      expect(await store.getApplication("app-1")).to.deep.equal(assigned);
      const events = await store.events("app-1");
      expect(events.at(-1)).to.deep.include({ applicationId: "app-1", ...event });

      const request = { pointers: ["/n"], message: "Bitte belegen.", requestedAt: AT, requestedBy: "cw-1" };
      const session = { ...newSession(), reopened: ["/n"] };
      const asked = expectRecord(await store.updateCase("app-1", assigned.revision, { status: "more_information", request, session }, byStaff("cw-1", "information_requested")));
      expect(asked).to.deep.include({ status: "more_information", assigneeId: "cw-1", request, session, decision: null });

      // null removes; absent keeps.
      const unassigned = expectRecord(await store.updateCase("app-1", asked.revision, { assigneeId: null, request: null }, byStaff("supervisor-1", "unassigned")));
      expect(unassigned).to.deep.include({ status: "more_information", assigneeId: null, request: null, session });
    });

    it("keeps a decision as given", async () => {
      const record = await submitted("app-1");
      const decision = { outcome: "approved" as const, reason: "", amount: 4321.5, decidedAt: AT, decidedBy: "cw-2" };
      const decided = expectRecord(await store.updateCase("app-1", record.revision, { status: "approved", decision }, byStaff("cw-2", "decided")));
      expect((await store.getApplication("app-1"))?.decision).to.deep.equal(decision);
      expect(decided.decision).to.deep.equal(decision);
    });

    it("based on a stale revision is a conflict with the current record, and changes nothing, its event included", async () => {
      const record = await submitted("app-1");
      const current = expectRecord(await store.updateCase("app-1", record.revision, { status: "assigned", assigneeId: "cw-1" }, byStaff("cw-1", "assigned")));
      const eventsBefore = await store.events("app-1");
      const stale = await store.updateCase("app-1", record.revision, { status: "in_review", assigneeId: "cw-2" }, byStaff("cw-2", "status_changed"));
      expect(stale).to.deep.equal({ conflict: true, current });
      expect(await store.getApplication("app-1")).to.deep.equal(current);
      expect(await store.events("app-1")).to.deep.equal(eventsBefore);
    });

    it("at once with a colleague's: exactly one wins", async () => {
      const record = await submitted("app-1");
      const results = await Promise.all(["cw-1", "cw-2", "cw-1", "cw-2"].map((who) => store.updateCase("app-1", record.revision, { status: "assigned", assigneeId: who }, byStaff(who, "assigned"))));
      expect(results.filter((r) => !isConflict(r))).to.have.length(1);
      expect(await store.events("app-1")).to.have.length(3);
    });

    it("of a case that does not exist is an error; an assignee who is no staff member is refused", async () => {
      expect((await failureOf(store.updateCase("nobody", 1, { status: "assigned" }, byStaff("cw-1", "assigned")))).message).to.equal("No application nobody in the store");
      const record = await submitted("app-1");
      expect((await failureOf(store.updateCase("app-1", record.revision, { assigneeId: "ghost" }, byStaff("cw-1", "assigned")))).message).to.match(kind.violation.foreignKey);
      expect((await failureOf(store.updateCase("app-1", record.revision, { status: "lost" as ApplicationStatus }, byStaff("cw-1", "moved")))).message).to.match(kind.violation.check);
      expect(await store.getApplication("app-1")).to.deep.equal(record);
      expect(await store.events("app-1")).to.have.length(2);
    });

    it("asking for more information, then the applicant's resubmission: the request is answered, back in review, the assignee stays", async () => {
      const record = await submitted("app-1");
      const request = { pointers: ["/n"], message: "Bitte belegen.", requestedAt: AT, requestedBy: "cw-1" };
      const asked = expectRecord(await store.updateCase("app-1", record.revision, { status: "more_information", assigneeId: "cw-1", request }, byStaff("cw-1", "information_requested")));
      const submission = newSubmission({ answers: { n: 2 }, derived: null, pdf }, { submittedAt: "2026-03-05T08:00:00.000Z" });
      const resubmitted = expectRecord(await store.submit("app-1", asked.revision, submission, byStaff("applicant", "resubmitted")));
      expect(resubmitted).to.deep.include({ status: "in_review", assigneeId: "cw-1", request: null, reference: record.reference, submittedAt: "2026-03-05T08:00:00.000Z" });
      expect((await store.getSubmission("app-1"))?.version).to.equal(2);
    });
  });

  describe("events", () => {
    it("can be appended on their own, and come back with their id", async () => {
      await submitted("app-1");
      const note = await store.appendEvent("app-1", byStaff("cw-1", "note", { text: "Rückruf erbeten" }));
      expect(note).to.deep.equal({ id: 3, applicationId: "app-1", ...byStaff("cw-1", "note", { text: "Rückruf erbeten" }) });
      expect((await store.events("app-1")).at(-1)).to.deep.equal(note);
      expect((await failureOf(store.appendEvent("nobody", byStaff("cw-1", "note")))).message).to.equal("No application nobody in the store");
    });

    it("stay append-only after migration 2, caseworkers' events included", async () => {
      const record = await submitted("app-1");
      expectRecord(await store.updateCase("app-1", record.revision, { status: "assigned", assigneeId: "cw-1" }, byStaff("cw-1", "assigned")));
      await store.appendEvent("app-1", byStaff("cw-1", "note", { text: "x" }));
      const before = await store.events("app-1");
      const update = await failureOf(harness.sql("UPDATE events SET actor = 'someone else' WHERE type = 'assigned'"));
      const remove = await failureOf(harness.sql("DELETE FROM events WHERE type = 'note'"));
      expect(update.message).to.match(/events are append-only/);
      expect(remove.message).to.match(/events are append-only/);
      expect(await store.events("app-1")).to.deep.equal(before);
    });
  });

  describe("staff", () => {
    it("are found by id and by e-mail in any case; a second account for the same address is refused", async () => {
      const anna = staffMember("cw-1", "anna@amt.example");
      expect(await store.staffById("cw-1")).to.deep.equal(anna);
      expect(await store.staffByEmail("ANNA@Amt.Example")).to.deep.equal(anna);
      expect(await store.staffByEmail("nobody@amt.example")).to.equal(undefined);
      expect(await store.staffById("nobody")).to.equal(undefined);
      expect(await store.createStaff(staffMember("cw-9", "Anna@AMT.example"))).to.deep.equal({ duplicate: true });
      expect(await store.staffById("cw-9")).to.equal(undefined);
    });

    it("are listed by name", async () => {
      await store.createStaff(staffMember("cw-3", "dora@amt.example", "admin", "aaron"));
      expect((await store.listStaff()).map((s) => [s.id, s.role])).to.deep.equal([
        ["cw-3", "admin"],
        ["cw-1", "caseworker"],
        ["cw-2", "caseworker"],
        ["supervisor-1", "supervisor"],
      ]);
    });

    it("have one of the three roles", async () => {
      const error = await failureOf(store.createStaff({ ...staffMember("x", "x@amt.example"), role: "root" as StaffRecord["role"] }));
      expect(error.message).to.match(kind.violation.check);
    });
  });

  describe("staff sessions", () => {
    const session = (idHash: string, expiresAt: string, createdAt = AT) => ({ idHash, staffId: "cw-1", csrfToken: `csrf-${idHash}`, createdAt, expiresAt });

    it("are found by the hash while current, not once expired, and not after sign-out", async () => {
      const current = session("h1", "2999-01-01T00:00:00.000Z");
      await store.createStaffSession(current);
      expect(await store.staffSession("h1")).to.deep.equal(current);
      await store.createStaffSession(session("h2", new Date(Date.now() - 1000).toISOString(), "2000-01-01T00:00:00.000Z"));
      expect(await store.staffSession("h2")).to.equal(undefined);
      expect(await store.staffSession("unknown")).to.equal(undefined);
      await store.deleteStaffSession("h1");
      expect(await store.staffSession("h1")).to.equal(undefined);
      await store.deleteStaffSession("h1");
    });

    it("that expired are swept away when a new one begins", async () => {
      await store.createStaffSession(session("old", "2026-03-01T08:00:00.000Z", "2026-03-01T00:00:00.000Z"));
      await store.createStaffSession(session("other", "2026-03-01T18:00:00.000Z", "2026-03-01T00:00:00.000Z"));
      await store.createStaffSession(session("new", "2026-03-01T17:00:00.000Z", "2026-03-01T09:00:00.000Z"));
      expect(await harness.sql("SELECT id_hash FROM staff_sessions ORDER BY id_hash")).to.deep.equal([{ id_hash: "new" }, { id_hash: "other" }]);
    });

    it("belong to a staff member who exists", async () => {
      expect((await failureOf(store.createStaffSession({ ...session("h", "2999-01-01T00:00:00.000Z"), staffId: "ghost" }))).message).to.match(kind.violation.foreignKey);
    });
  });

  /** A direct connection to an older database file, for what the store does not show. */
  async function withOld<T>(at: string, work: (db: Connection) => Promise<T>): Promise<T> {
    const db = await openConnection(at);
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }

  if (kind.name === "SQLite") describe("migration 2", () => {
    it("brings a database of version 1 up to date, its applications with no assignee, request or decision", async () => {
      const old = path.join(path.dirname(harness.file!), "old.sqlite");
      const db = await openConnection(old);
      await migrate(db, MIGRATIONS.filter((m) => m.version === 1));
      await db.run("INSERT INTO form_versions VALUES ('short-time-work', '1.0.0', '{}', '{}', ?)", [AT]);
      await db.run(
        `INSERT INTO applications (id, form_id, form_version, status, language, session_json, token_hash, email, reference, created_at, updated_at, submitted_at, revision)
         VALUES ('old-1', 'short-time-work', '1.0.0', 'submitted', 'de', ?, 'ab', NULL, 'STW-2026-000001', ?, ?, ?, 2)`,
        [JSON.stringify(newSession()), AT, AT, AT],
      );
      await db.close();

      const migrated = await openSqliteStore(old, TEST_PROTECTOR);
      try {
        expect(await migrated.getApplication("old-1")).to.deep.include({ status: "submitted", assigneeId: null, request: null, decision: null });
        expect((await migrated.queue({ status: "submitted" }, "status", { offset: 0, limit: 10 })).items.map((i) => i.id)).to.deep.equal(["old-1"]);
      } finally {
        await migrated.close();
      }
      const indexes = await withOld(old, (c) => c.all<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'applications' AND sql IS NOT NULL ORDER BY name"));
      expect(indexes.map((i) => i.name)).to.deep.equal([
        "applications_queue",
        "applications_queue_by_assignee",
        "applications_queue_by_form",
        "applications_queue_by_stage",
        "applications_queue_by_status",
      ]);
    });
  });

  // PostgreSQL changes the constraint in place; its upgrade is covered by the queue's sort above.
  if (kind.name === "SQLite") describe("migration 5", () => {
    it("rebuilds the applications of a database at version 4 with the status pending approval, keeping cases, history and references", async () => {
      const old = path.join(path.dirname(harness.file!), "v4.sqlite");
      const db = await openConnection(old);
      await migrate(db, MIGRATIONS.filter((m) => m.version <= 4));
      await db.run("INSERT INTO form_versions VALUES ('short-time-work', '1.0.0', '{}', '{}', ?)", [AT]);
      await db.run("INSERT INTO staff VALUES ('cw-1', 'cw@amt.example', 'Clara', 'caseworker', 'x', ?)", [AT]);
      await db.run(
        `INSERT INTO applications (id, form_id, form_version, status, language, session_json, token_hash, email, reference, created_at, updated_at, submitted_at, revision, assignee_id)
         VALUES ('old-1', 'short-time-work', '1.0.0', 'in_review', 'de', ?, 'ab', NULL, 'STW-2026-000001', ?, ?, ?, 3, 'cw-1')`,
        [JSON.stringify(newSession()), AT, AT, AT],
      );
      await db.run("INSERT INTO events (application_id, at, actor, type, data_json) VALUES ('old-1', ?, 'applicant', 'submitted', '{}')", [AT]);
      await db.close();

      const migrated = await openSqliteStore(old, TEST_PROTECTOR);
      try {
        const record = await migrated.getApplication("old-1");
        expect(record).to.deep.include({ status: "in_review", assigneeId: "cw-1", reference: "STW-2026-000001", revision: 3 });
        expect((await migrated.events("old-1")).map((e) => e.type)).to.deep.equal(["submitted"]);
        const decision = { outcome: "approved" as const, reason: "", amount: 90000, decidedAt: AT, decidedBy: "cw-1" };
        const pending = expectRecord(await migrated.updateCase("old-1", 3, { status: "pending_approval", decision }, byStaff("cw-1", "approval_proposed")));
        expect(pending.status).to.equal("pending_approval");
        // The references still hold after the rebuild: a case cannot name a colleague who does not exist.
        expect((await failureOf(migrated.updateCase("old-1", pending.revision, { assigneeId: "ghost" }, byStaff("cw-1", "assigned")))).message).to.match(kind.violation.foreignKey);
      } finally {
        await migrated.close();
      }
      const triggers = await withOld(old, (c) => c.all<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'events' ORDER BY name"));
      expect(triggers.map((t) => t.name)).to.deep.equal(["events_no_delete", "events_no_update"]);
    });
  });

  if (kind.name === "SQLite") describe("seeding for benchmarks", () => {
    it("adds submitted cases the queue shows, with references the store goes on from; a page holds at most 200", async () => {
      await store.close();
      const seeded = await seedApplications(harness.file!, 260, { forms: [{ formId: "short-time-work", version: "1.0.0" }], staff: 3, until: new Date("2026-06-01T00:00:00.000Z"), days: 30 });
      store = await harness.reopen();
      expect(seeded.staffIds).to.have.length(3);
      expect(seeded.references).to.deep.equal(["STW-2026-000001"]);
      const { items, total } = await store.queue({}, "submitted_desc", { offset: 0, limit: 1000 });
      expect(total).to.equal(260);
      expect(items).to.have.length(MAX_QUEUE_PAGE);
      const counts = await store.countsByStatus({});
      expect(Object.values(counts).reduce((a, b) => a + (b ?? 0), 0)).to.equal(260);
      expect(counts).not.to.have.property("draft");
      expect((await submitted("after-seed")).reference).to.equal("STW-2026-000261");
      const one = await store.getApplication(items[0]!.id);
      expect(one?.submittedAt?.slice(0, 7)).to.be.oneOf(["2026-05", "2026-06"]);
      expect(await store.getSubmission(items[0]!.id)).to.deep.include({ version: 1, reference: one?.reference });
      expect((await store.events(items[0]!.id)).map((e) => e.type)).to.deep.equal(["created", "submitted"]);
    });
  });
});

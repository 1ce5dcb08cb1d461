/**
 * The caseworker workspace end to end: a real server and SQLite file, staff signing in through the
 * pages, applicants over the JSON API. Who may use which route is one table below, checked against
 * the staff router itself, so that a new route cannot go without its access rules being tested.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Router } from "express";
import { startServer, tempDataDir } from "../support/server";
import { call, walkOverApi } from "../support/api";
import { Browser, type Page } from "../support/http";
import { pdfText } from "../support/pdf-text";
import { newSubmission } from "../support/submission";
import { formsRoot } from "../../server/forms/paths";
import { newSession } from "../../server/engine/session";
import { staffPages } from "../../server/http/staff";
import { limitStores } from "../../server/http/limit-store";
import { addStaff } from "../../server/applications/staff-auth";
import { hashToken } from "../../server/applications/tokens";
import { userAdd, type Io } from "../../server/cli/user-add";
import { openStore } from "../../server/store/open";
import { loadConfig, protectorOf } from "../../server/config";
import { TEST_KEY } from "../support/keys";
import type { Running } from "../../server/start";
import type { StaffRecord, StaffRole } from "../../server/store/store";

const PASSWORD = "a password long enough";
const example = async (name: string) => JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples", name), "utf8"));

type Access = "public" | readonly StaffRole[];
const CASES: Access = ["caseworker", "supervisor"];
const EVERYONE: Access = ["caseworker", "supervisor", "admin"];

/** Every route of the staff router, under /staff, and who may use it. */
const ROUTES: { method: "GET" | "POST"; path: string; access: Access }[] = [
  { method: "GET", path: "/login", access: "public" },
  { method: "POST", path: "/login", access: "public" },
  { method: "POST", path: "/logout", access: EVERYONE },
  { method: "GET", path: "/", access: CASES },
  { method: "GET", path: "/cases/:id", access: CASES },
  { method: "GET", path: "/cases/:id/pdf", access: CASES },
  { method: "POST", path: "/cases/:id/assign", access: CASES },
  { method: "POST", path: "/cases/:id/status", access: CASES },
  { method: "POST", path: "/cases/:id/request-information", access: CASES },
  { method: "POST", path: "/cases/:id/decision", access: CASES },
  { method: "POST", path: "/cases/:id/confirm-approval", access: CASES },
  { method: "POST", path: "/cases/:id/return-approval", access: CASES },
  { method: "POST", path: "/cases/:id/notes", access: CASES },
  { method: "POST", path: "/cases/:id/legal-hold", access: CASES },
  { method: "GET", path: "/callbacks", access: CASES },
  { method: "POST", path: "/callbacks/:callbackId/handled", access: CASES },
  { method: "GET", path: "/users", access: ["admin"] },
  { method: "GET", path: "/erasure", access: ["admin"] },
  { method: "POST", path: "/erasure", access: ["admin"] },
];

const routesOf = (router: Router): string[] =>
  (router as unknown as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] }).stack.flatMap((layer) =>
    layer.route ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`) : [],
  );

const csrfOf = (page: Page): string => page.$("input[name=_csrf]").first().val() as string;

/** The first form posting to …/`action`: where it posts, and its fields as the page filled them in (hidden, prefilled, selected). */
function formOf(page: Page, action: string): { action: string; fields: Record<string, string> } {
  const form = page.$(`form[action$="/${action}"]`).first();
  expect(form.length, `a form posting to …/${action}`).to.equal(1);
  const fields: Record<string, string> = {};
  form.find("input[name], textarea[name], select[name]").each((_, element) => {
    const field = page.$(element);
    if (field.attr("type") === "checkbox") return;
    const name = field.attr("name")!;
    fields[name] = field.is("select") ? (field.find("option[selected]").val() as string | undefined) ?? (field.find("option").first().val() as string) : ((field.val() as string | undefined) ?? "");
  });
  return { action: form.attr("action")!, fields };
}

const text = (page: Page, selector = "main") => page.$(selector).text().replace(/\s+/g, " ");

describe("the caseworker workspace", () => {
  let server: Running;
  let base: string;
  let dataDir: string;
  const staff = {} as Record<"caseworker" | "colleague" | "supervisor" | "deputy" | "admin", StaffRecord>;
  const browsers = new Map<string, Browser>();

  before(async () => {
    dataDir = await tempDataDir();
    server = await startServer(dataDir);
    base = server.url;
    for (const [key, role, name] of [
      ["caseworker", "caseworker", "Clara Weber"],
      ["colleague", "caseworker", "Minho Park"],
      ["supervisor", "supervisor", "Sven Richter"],
      ["deputy", "supervisor", "Dana Vogt"],
      ["admin", "admin", "Ada Admin"],
    ] as const) {
      const added = await addStaff(server.store, new Date(), { email: `${key}@amt.example`, name, role, password: PASSWORD });
      if (!added.ok) throw new Error(JSON.stringify(added.problems));
      staff[key] = added.value;
    }
  });
  after(() => server.close());

  async function signIn(who: StaffRecord, language = "en"): Promise<Browser> {
    const browser = new Browser(base, { language });
    const res = await browser.post("/staff/login", { email: who.email, password: PASSWORD });
    expect(res.status, res.html).to.equal(303);
    return browser;
  }

  /** One signed-in browser per staff member, for tests that only read or are refused. */
  async function as(who: StaffRecord): Promise<Browser> {
    if (!browsers.has(who.id)) browsers.set(who.id, await signIn(who));
    return browsers.get(who.id)!;
  }

  /** An applicant walks short-time-work over the API and submits it. */
  async function submittedClaim(language = "de") {
    const { answers } = await example("economic-eligible.json");
    const created = await call(base, "POST", "/api/forms/short-time-work/applications", { body: { language } });
    const { id, token } = created.body as { id: string; token: string };
    await walkOverApi(base, id, token, answers);
    const submitted = await call(base, "POST", `/api/applications/${id}/submit`, { token, body: { declaration: true } });
    expect(submitted.status).to.equal(200);
    return { id, token, reference: submitted.body.reference as string, answers };
  }

  async function casePage(browser: Browser, id: string): Promise<Page> {
    const page = await browser.get(`/staff/cases/${id}`);
    expect(page.status, page.html).to.equal(200);
    return page;
  }

  /** Posts one of the case page's forms as the page filled it in, with `change` on top. */
  async function act(browser: Browser, page: Page, action: string, change: Record<string, string | string[]> = {}): Promise<Page> {
    const form = formOf(page, action);
    return browser.post(form.action, { ...form.fields, ...change });
  }

  describe("who may do what", () => {
    let caseId: string;
    before(async () => {
      caseId = (await submittedClaim()).id;
    });
    const url = (route: (typeof ROUTES)[number]) => `/staff${route.path === "/" ? "" : route.path.replace(":id", caseId)}`;

    it("the table names every route of the staff router", () => {
      const router = staffPages({ registry: server.registry, store: server.store, now: () => new Date(), renderPdf: async () => Buffer.alloc(0) }, { signInFailures: 10, limitStores: limitStores(server.store, "secret", () => new Date()) });
      expect(routesOf(router).sort()).to.deep.equal(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    });

    it("anonymous: pages send to sign in, posts are refused with 401, and nothing changes", async () => {
      const before = await server.store.getApplication(caseId);
      const anonymous = new Browser(base, { language: "en" });
      for (const route of ROUTES.filter((r) => r.access !== "public")) {
        const res = route.method === "GET" ? await anonymous.get(url(route)) : await anonymous.post(url(route), { assigneeId: staff.caseworker.id, revision: "1", text: "x" });
        if (route.method === "GET") expect([res.status, res.location], `${route.method} ${route.path}`).to.deep.equal([303, "/staff/login"]);
        else {
          expect(res.status, `${route.method} ${route.path}`).to.equal(401);
          expect(res.$("main a[href='/staff/login']").length).to.equal(1);
        }
      }
      expect(await server.store.getApplication(caseId)).to.deep.equal(before);
    });

    it("a signed-in member of another role gets 403, with a valid CSRF token, and nothing changes", async () => {
      const before = { record: await server.store.getApplication(caseId), events: (await server.store.events(caseId)).length };
      for (const route of ROUTES.filter((r) => r.access !== "public")) {
        for (const role of EVERYONE as StaffRole[]) {
          if ((route.access as readonly StaffRole[]).includes(role)) continue;
          const browser = await as(staff[role]);
          const csrf = csrfOf(await browser.get(role === "admin" ? "/staff/users" : "/staff"));
          const res = route.method === "GET" ? await browser.get(url(route)) : await browser.post(url(route), { _csrf: csrf, revision: String(before.record!.revision), text: "x" });
          expect(res.status, `${role}: ${route.method} ${route.path}`).to.equal(403);
          expect(res.$("h1").text()).to.equal("Not allowed");
        }
      }
      expect(await server.store.getApplication(caseId)).to.deep.equal(before.record);
      expect(await server.store.events(caseId)).to.have.length(before.events);
    });

    it("every page of a role opens for it", async () => {
      for (const route of ROUTES.filter((r) => r.method === "GET" && r.access !== "public")) {
        for (const role of route.access as readonly StaffRole[]) {
          const res = await (await as(staff[role])).get(url(route));
          expect(res.status, `${role}: GET ${route.path}`).to.equal(200);
        }
      }
      expect((await new Browser(base).get("/staff/login")).status).to.equal(200);
    });

    it("an admin starts on the staff list; a caseworker on the queue, and sees no staff list", async () => {
      expect((await new Browser(base).post("/staff/login", { email: staff.admin.email, password: PASSWORD })).location).to.equal("/staff/users");
      const users = await (await as(staff.admin)).get("/staff/users");
      expect(text(users)).to.include("Clara Weber").and.include("caseworker@amt.example").and.include("Supervisor");
      expect(users.$("nav a[href='/staff']").length).to.equal(0);
      expect((await (await as(staff.caseworker)).get("/staff")).$("nav a[href='/staff/users']").length).to.equal(0);
    });
  });

  describe("signing in and out", () => {
    it("refuses a wrong password and an unknown e-mail alike, with 401 and a clear message", async () => {
      for (const [email, password] of [[staff.caseworker.email, "not the password"], ["nobody@amt.example", PASSWORD]]) {
        const browser = new Browser(base, { language: "en" });
        const res = await browser.post("/staff/login", { email: email!, password: password! });
        expect(res.status).to.equal(401);
        expect(text(res, "[role=alert]")).to.include("The e-mail address or the password is not right");
        expect(res.$("input[name=email]").val()).to.equal(email);
        expect(browser.cookies.has("fp_staff")).to.equal(false);
      }
    });

    it("keeps the session in an httpOnly, SameSite=Strict cookie whose hash alone is stored, for 8 hours", async () => {
      const res = await fetch(`${base}/staff/login`, { method: "POST", body: new URLSearchParams({ email: "CASEWORKER@amt.example ", password: PASSWORD }), redirect: "manual" });
      expect(res.status).to.equal(303);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith("fp_staff="))!;
      expect(cookie).to.match(/HttpOnly/).and.match(/SameSite=Strict/).and.match(/Path=\/staff/).and.not.match(/Secure/);
      const id = /^fp_staff=([^;]+)/.exec(cookie)![1]!;
      expect(Buffer.from(id, "base64url")).to.have.length(32);
      const session = await server.store.staffSession(hashToken(id));
      expect(session).to.include({ staffId: staff.caseworker.id, idHash: hashToken(id) });
      expect(Date.parse(session!.expiresAt) - Date.parse(session!.createdAt)).to.equal(8 * 3_600_000);
    });

    it("signs out: the session is deleted and the cookie no longer opens anything", async () => {
      const browser = await signIn(staff.colleague);
      const id = browser.cookies.get("fp_staff")!;
      const cookie = `fp_staff=${id}`;
      const out = await browser.post("/staff/logout", { _csrf: csrfOf(await browser.get("/staff")) });
      expect([out.status, out.location]).to.deep.equal([303, "/staff/login"]);
      expect(await server.store.staffSession(hashToken(id))).to.equal(undefined);
      const again = await fetch(`${base}/staff`, { headers: { cookie }, redirect: "manual" });
      expect(again.status).to.equal(303);
    });

    it("an expired session counts as signed out", async () => {
      const now = Date.now();
      await server.store.createStaffSession({
        idHash: hashToken("an-expired-session"),
        staffId: staff.caseworker.id,
        csrfToken: "token",
        createdAt: new Date(now - 9 * 3_600_000).toISOString(),
        expiresAt: new Date(now - 3_600_000).toISOString(),
      });
      const res = await fetch(`${base}/staff`, { headers: { cookie: "fp_staff=an-expired-session" }, redirect: "manual" });
      expect([res.status, res.headers.get("location")]).to.deep.equal([303, "/staff/login"]);
    });
  });

  describe("CSRF", () => {
    it("a missing or wrong _csrf is refused with 403 and changes nothing", async () => {
      const { id } = await submittedClaim();
      const browser = await as(staff.caseworker);
      const page = await casePage(browser, id);
      const before = { record: await server.store.getApplication(id), events: await server.store.events(id) };
      for (const [action, fields] of [
        ["assign", { assigneeId: staff.caseworker.id }],
        ["notes", { text: "a note" }],
        ["status", { status: "in_review" }],
      ] as const) {
        for (const csrf of [undefined, "wrong", csrfOf(await (await as(staff.colleague)).get("/staff"))]) {
          const { _csrf, ...form }: Record<string, string> = { ...formOf(page, action).fields, ...fields };
          const res = await browser.post(`/staff/cases/${id}/${action}`, csrf === undefined ? form : { ...form, _csrf: csrf });
          expect(res.status, `${action} with ${csrf}`).to.equal(403);
          expect(text(res, "h1")).to.equal("Form expired");
        }
      }
      const out = await browser.post("/staff/logout", {});
      expect(out.status).to.equal(403);
      expect(await server.store.getApplication(id)).to.deep.equal(before.record);
      expect(await server.store.events(id)).to.deep.equal(before.events);
      expect((await browser.get("/staff")).status).to.equal(200);
    });
  });

  describe("the life of a claim", () => {
    it("from submission over a request for more information and a resubmission to approval, every step on record", async () => {
      const claim = await submittedClaim("de");
      const cw = await signIn(staff.caseworker);

      // The queue finds it by reference.
      const queue = await cw.get(`/staff?reference=${claim.reference.toLowerCase()}`);
      expect(queue.status).to.equal(200);
      const rows = queue.$("tbody tr");
      expect(rows).to.have.length(1);
      expect(text(queue, "tbody")).to.include(claim.reference).and.include("Submitted").and.include("German").and.include("Unassigned");
      const href = rows.find("a").attr("href")!;
      expect(href).to.equal(`/staff/cases/${claim.id}`);

      // The case page: the PDF inline, answers in the caseworker's language, the computation, the history.
      let page = await casePage(cw, claim.id);
      expect(page.$("iframe").attr("src")).to.equal(`/staff/cases/${claim.id}/pdf?version=1`);
      expect(page.$(`a[href='/staff/cases/${claim.id}/pdf?version=1&download=1']`)).to.have.length(1);
      const pdf = await cw.get(`/staff/cases/${claim.id}/pdf`);
      expect(pdf.headers.get("content-type")).to.equal("application/pdf");
      expect(pdf.headers.get("content-disposition")).to.match(/^inline/);
      expect(pdf.body.subarray(0, 5).toString()).to.equal("%PDF-");
      const en = JSON.parse(await readFile(path.join(formsRoot, "short-time-work/locales/en.json"), "utf8"));
      expect(text(page)).to.include(en.fields["/employer/name"].title).and.include("Müller Metallbau GmbH");
      expect(text(page)).to.include(en.derived["/allowanceTotal"].title).and.include("allowanceTotal").and.include("Sum of the estimated amounts for 3 people listed");
      expect(text(page)).to.include(en.rules.oneThirdAffected.split("{")[0]);
      expect(text(page, ".staff-facts")).to.include("German");

      // Approving a case nobody has reviewed is refused, saying why; nothing changes.
      const revision = (await server.store.getApplication(claim.id))!.revision;
      const early = await cw.post(`/staff/cases/${claim.id}/decision`, { _csrf: csrfOf(page), revision: String(revision), outcome: "approved", amount: "100" });
      expect(early.status).to.equal(409);
      expect(text(early, "[role=alert]")).to.include("A case that is “Submitted” cannot become “Approved”").and.include("“In review”");
      expect((await server.store.getApplication(claim.id))!.revision).to.equal(revision);

      // Assign to me, then in review: the status form offers only what the workflow allows.
      let done = await act(cw, page, "assign");
      expect([done.status, done.location]).to.deep.equal([303, `/staff/cases/${claim.id}`]);
      page = await casePage(cw, claim.id);
      expect(text(page, ".staff-facts")).to.include("Assigned").and.include("Clara Weber");
      expect(page.$("select[name=status] option").map((_, o) => page.$(o).val()).get()).to.deep.equal(["in_review"]);
      done = await act(cw, page, "status", { status: "in_review" });
      expect(done.status).to.equal(303);

      // Ask for more information on one question.
      page = await casePage(cw, claim.id);
      expect(page.$("input[name=pointers][value='/employer/phone']")).to.have.length(1);
      const message = "Bitte geben Sie eine Telefonnummer an, unter der wir Sie tagsüber erreichen.";
      done = await act(cw, page, "request-information", { pointers: ["/employer/phone"], message });
      expect(done.status, done.html).to.equal(303);
      page = await casePage(cw, claim.id);
      expect(text(page, ".staff-facts")).to.include("More information requested");
      expect(text(page, ".notice")).to.include(message).and.include("/employer/phone");

      // The applicant sees it, answers the reopened question, and submits again.
      const state = (await call(base, "GET", `/api/applications/${claim.id}`, { token: claim.token })).body;
      expect(state.status).to.equal("more_information");
      expect(state.step).to.include({ kind: "question", pointer: "/employer/phone" });
      expect(state.progress, "only the reopened question counts").to.deep.equal({ answered: 0, total: 1 });
      // Only the reopened question may change: another answer is refused, one by one or in bulk, and nothing is stored.
      const before = (await server.store.getApplication(claim.id))!;
      for (const body of [{ pointer: "/employer/iban", value: "DE02120300000000202051" }, { answers: { employer: { iban: "DE02120300000000202051" } } }]) {
        const refused = await call(base, "POST", `/api/applications/${claim.id}/answers`, { token: claim.token, body });
        expect(refused.status).to.equal(422);
        expect(refused.body.errors).to.deep.equal([{ code: "not_reopened", pointer: "/employer/iban", message: refused.body.errors[0].message }]);
        expect(refused.body.errors[0].message).to.match(/kann jetzt nicht geändert werden/);
      }
      expect((await server.store.getApplication(claim.id))!.revision).to.equal(before.revision);
      const answered = await call(base, "POST", `/api/applications/${claim.id}/answers`, { token: claim.token, body: { pointer: "/employer/phone", value: "0711 987654" } });
      expect(answered.status).to.equal(200);
      expect(answered.body.step.kind).to.equal("review");
      const resubmitted = await call(base, "POST", `/api/applications/${claim.id}/submit`, { token: claim.token, body: { declaration: true } });
      expect(resubmitted.status).to.equal(200);
      // Back to the caseworker who asked: in review, still assigned to them.
      expect(resubmitted.body).to.include({ status: "in_review", reference: claim.reference });
      expect((await server.store.getApplication(claim.id))!.assigneeId).to.equal(staff.caseworker.id);

      // Two PDF versions: the first as it was, the second with the new answer.
      page = await casePage(cw, claim.id);
      expect(page.$("iframe").attr("src")).to.equal(`/staff/cases/${claim.id}/pdf?version=2`);
      expect(page.$("a[target=pdf]").map((_, a) => page.$(a).attr("href")).get()).to.deep.equal([2, 1].map((v) => `/staff/cases/${claim.id}/pdf?version=${v}`));
      const [first, second] = await Promise.all([1, 2].map(async (v) => (await pdfText((await cw.get(`/staff/cases/${claim.id}/pdf?version=${v}`)).body)).replace(/\s+/g, " ")));
      expect(first).to.include("0711 123456").and.not.include("0711 987654");
      expect(second).to.include("0711 987654");
      expect((await cw.get(`/staff/cases/${claim.id}/pdf?version=3`)).status).to.equal(404);
      expect(text(page, ".staff-facts")).to.include("In review").and.include("Clara Weber");
      expect(page.$(".notice")).to.have.length(0);
      // The difference between the two versions: the one answer changed, no derived value moved.
      expect(text(page, ".staff-diff h2")).to.equal("Changes from version 1 to version 2");
      expect(page.$(".staff-diff tbody tr").map((_, tr) => page.$(tr).attr("data-pointer")).get()).to.deep.equal(["/employer/phone"]);
      expect(text(page, ".staff-diff tbody tr")).to.include("changed").and.include("0711 123456").and.include("0711 987654");
      expect(page.$("select[name=status]"), "nothing to move: it is in review again").to.have.length(0);

      // Approved with the estimate offered as the amount.
      expect(page.$("input[name=amount]").val()).to.equal("1628.22");
      done = await act(cw, page, "decision");
      expect(done.status, done.html).to.equal(303);
      page = await casePage(cw, claim.id);
      expect(text(page, ".staff-facts")).to.include("Approved");
      expect(text(page, ".notice")).to.include("1,628.22").and.include("Clara Weber");
      expect(page.$("form[action$='/decision'], form[action$='/assign'], form[action$='/status']")).to.have.length(0);
      expect((await call(base, "GET", `/api/applications/${claim.id}`, { token: claim.token })).body.status).to.equal("approved");

      // The audit log: each caseworker step with who, when and what changed.
      const events = await server.store.events(claim.id);
      const steps = events.filter((e) => e.actor !== "applicant");
      expect(steps.map((e) => e.type)).to.deep.equal(["assigned", "status_changed", "information_requested", "decided"]);
      const resubmission = events.filter((e) => e.type === "submitted")[1]!;
      expect(resubmission.data).to.deep.include({ after: { status: "in_review", assigneeId: staff.caseworker.id }, returnedTo: staff.caseworker.id });
      for (const step of steps) {
        expect(step.actor).to.equal(staff.caseworker.id);
        expect(Date.parse(step.at)).to.be.closeTo(Date.now(), 60_000);
      }
      expect(steps.map((e) => [(e.data.before as any).status, (e.data.after as any).status])).to.deep.equal([
        ["submitted", "assigned"],
        ["assigned", "in_review"],
        ["in_review", "more_information"],
        ["in_review", "approved"],
      ]);
      expect(steps[0]!.data).to.deep.include({ before: { status: "submitted", assigneeId: null }, after: { status: "assigned", assigneeId: staff.caseworker.id } });
      expect(steps[2]!.data).to.deep.include({ pointers: ["/employer/phone"], message });
      expect(steps[3]!.data).to.deep.include({ outcome: "approved", amount: 1628.22 });
      expect(events.filter((e) => e.type === "submitted")).to.have.length(2);

      // …and the history on the page tells the same.
      const history = text(page, ".staff-history");
      expect(history).to.include("Clara Weber").and.include("Status: In review → More information requested").and.include("Assigned to: Unassigned → Clara Weber");
      expect(history).to.include("Applicant").and.include("Decided");
    });

    it("a rejection needs a reason; an internal note is on record but never reaches the applicant", async () => {
      const claim = await submittedClaim();
      const cw = await as(staff.caseworker);
      await act(cw, await casePage(cw, claim.id), "assign");
      await act(cw, await casePage(cw, claim.id), "status", { status: "in_review" });
      const page = await casePage(cw, claim.id);
      const unexplained = await act(cw, page, "decision", { outcome: "rejected", reason: "  " });
      expect(unexplained.status).to.equal(422);
      expect(text(unexplained, "[role=alert]")).to.include("A rejection needs a reason.");
      const note = "Called the employer: the order book really is down 40 %.";
      expect((await act(cw, page, "notes", { text: note })).status).to.equal(303);
      expect(text(await casePage(cw, claim.id), ".staff-history")).to.include(note).and.include("Internal note");
      const [noted] = (await server.store.events(claim.id)).filter((e) => e.type === "note");
      expect(noted).to.deep.include({ actor: staff.caseworker.id, data: { text: note } });
      const seen = await call(base, "GET", `/api/applications/${claim.id}`, { token: claim.token });
      expect(JSON.stringify(seen.body)).to.not.include("order book");
      // A note changes nothing on the case, so the page from before it is still current.
      expect((await act(cw, page, "decision", { outcome: "rejected", reason: "Too few employees affected." })).status).to.equal(303);
      expect((await server.store.getApplication(claim.id))!.decision).to.include({ outcome: "rejected", reason: "Too few employees affected.", amount: null });
    });

    it("only the assignee decides; an absurd amount is refused, one far from the estimate is flagged", async () => {
      const claim = await submittedClaim();
      const cw = await as(staff.caseworker);
      const colleague = await as(staff.colleague);
      await act(cw, await casePage(cw, claim.id), "assign");
      await act(cw, await casePage(cw, claim.id), "status", { status: "in_review" });
      const revision = (await server.store.getApplication(claim.id))!.revision;
      // A colleague's case: refused, saying whose it is; nothing changes.
      const foreign = await act(colleague, await casePage(colleague, claim.id), "decision", { outcome: "rejected", reason: "Not mine to decide." });
      expect(foreign.status).to.equal(403);
      expect(text(foreign, "[role=alert]")).to.include("Only the caseworker this case is assigned to (Clara Weber) can decide it");
      for (const amount of ["1000000000000000", "170000"]) {
        const absurd = await act(cw, await casePage(cw, claim.id), "decision", { outcome: "approved", amount });
        expect(absurd.status, amount).to.equal(422);
      }
      const absurd = await act(cw, await casePage(cw, claim.id), "decision", { outcome: "approved", amount: "170000" });
      expect(text(absurd, "[role=alert]")).to.include("is more than 100 times the form's estimate of €1,628.22");
      expect((await server.store.getApplication(claim.id))!.revision).to.equal(revision);
      // Twice the estimate is possible, but on record as differing from it.
      expect((await act(cw, await casePage(cw, claim.id), "decision", { outcome: "approved", amount: "3256.44" })).status).to.equal(303);
      const decided = (await server.store.events(claim.id)).find((e) => e.type === "decided")!;
      expect(decided.data).to.deep.include({ amount: 3256.44, estimate: 1628.22 });
      expect(String(decided.data.warning)).to.include("differs from the form's estimate (€1,628.22) by more than 20%");
    });

    it("two caseworkers on the same revision: the second is told the case changed meanwhile, and nothing is overwritten", async () => {
      const { id } = await submittedClaim();
      const first = await as(staff.caseworker);
      const second = await as(staff.colleague);
      const [firstPage, secondPage] = await Promise.all([casePage(first, id), casePage(second, id)]);
      expect((await act(first, firstPage, "assign")).status).to.equal(303);
      const late = await act(second, secondPage, "assign");
      expect(late.status).to.equal(409);
      expect(text(late, "[role=alert]")).to.include("Someone else changed this case meanwhile");
      expect(text(late, ".staff-facts")).to.include("Clara Weber");
      expect((await server.store.getApplication(id))!.assigneeId).to.equal(staff.caseworker.id);
      expect((await server.store.events(id)).filter((e) => e.type === "assigned")).to.have.length(1);
      // The page it got shows the current revision: acting from it works.
      expect((await act(second, late, "status", { status: "in_review" })).status).to.equal(303);
    });

    it("only a supervisor assigns a case to a colleague", async () => {
      const { id } = await submittedClaim();
      const cw = await as(staff.caseworker);
      const page = await casePage(cw, id);
      expect(page.$("select[name=assigneeId]")).to.have.length(0);
      const refused = await act(cw, page, "assign", { assigneeId: staff.colleague.id });
      expect(refused.status).to.equal(403);
      expect(text(refused, "[role=alert]")).to.include("Only a supervisor");
      expect((await server.store.getApplication(id))!.assigneeId).to.equal(null);

      const boss = await as(staff.supervisor);
      const bossPage = await casePage(boss, id);
      expect(bossPage.$("select[name=assigneeId] option").map((_, o) => bossPage.$(o).text()).get()).to.include.members(["Clara Weber", "Minho Park", "Sven Richter"]).and.not.include("Ada Admin");
      expect((await act(boss, bossPage, "assign", { assigneeId: staff.admin.id })).status).to.equal(422);
      const fresh = await casePage(boss, id);
      expect((await act(boss, fresh, "assign", { assigneeId: staff.colleague.id })).status).to.equal(303);
      const [assigned] = (await server.store.events(id)).filter((e) => e.type === "assigned");
      expect(assigned).to.deep.include({ actor: staff.supervisor.id });
      expect(assigned!.data.after).to.deep.equal({ status: "assigned", assigneeId: staff.colleague.id });
    });
  });

  describe("the four-eyes rule (short-time-work: approvals above €50,000 need a second supervisor)", () => {
    /** A claim in review, assigned to `who`, approved by them with `amount`; the page they see afterwards. */
    async function approvedBy(who: StaffRecord, amount: string) {
      const claim = await submittedClaim("en");
      const browser = await as(who);
      await act(browser, await casePage(browser, claim.id), "assign", { assigneeId: who.id });
      await act(browser, await casePage(browser, claim.id), "status", { status: "in_review" });
      const done = await act(browser, await casePage(browser, claim.id), "decision", { outcome: "approved", amount, reason: "Order book documented." });
      expect(done.status, done.html).to.equal(303);
      return { claim, page: await casePage(browser, claim.id) };
    }
    const letterOf = (claim: { id: string; token: string }) => call(base, "GET", `/api/applications/${claim.id}/letter`, { token: claim.token });

    it("above the limit the approval waits: pending approval on the case, in review for the applicant, no letter yet", async () => {
      const { claim, page } = await approvedBy(staff.caseworker, "60000");
      expect(text(page, ".staff-facts")).to.include("Pending approval");
      expect(text(page, ".staff-pending-approval")).to.include("Clara Weber proposed approving €60,000.00").and.include("Above €50,000.00 a second person with the supervisor role must approve");
      expect(page.$("form[action$='/decision'], form[action$='/confirm-approval']"), "the caseworker can neither decide again nor confirm").to.have.length(0);
      expect((await server.store.getApplication(claim.id))!.status).to.equal("pending_approval");
      const seen = await call(base, "GET", `/api/applications/${claim.id}`, { token: claim.token });
      expect(seen.body).to.deep.include({ status: "in_review", decision: null });
      expect(seen.body.timeline.map((e: { kind: string }) => e.kind)).to.not.include("approved");
      expect((await letterOf(claim)).status).to.equal(404);
      const [proposed] = (await server.store.events(claim.id)).filter((e) => e.type === "approval_proposed");
      expect(proposed).to.deep.include({ actor: staff.caseworker.id });
      expect(proposed!.data).to.deep.include({ amount: 60000, limit: 50000, after: { status: "pending_approval", assigneeId: staff.caseworker.id } });
      // The queue filters by the new status.
      const queue = await (await as(staff.caseworker)).get("/staff/?status=pending_approval");
      expect(text(queue, "table")).to.include(claim.reference);
    });

    it("a caseworker cannot confirm, nor the supervisor who proposed it; a second supervisor makes it final, and both are named", async () => {
      const { claim } = await approvedBy(staff.supervisor, "60000");
      const own = await casePage(await as(staff.supervisor), claim.id);
      expect(own.$("form[action$='/confirm-approval']"), "no confirm button for one's own proposal").to.have.length(0);
      expect(text(own, ".staff-pending-approval")).to.include("another supervisor must confirm it");
      const deputyPage = await casePage(await as(staff.deputy), claim.id);
      const revision = (await server.store.getApplication(claim.id))!.revision;
      // The same form posted by the proposer and by a caseworker (each with their own CSRF token): refused, saying why; nothing changes.
      const confirmAs = async (who: StaffRecord) => {
        const { action, fields } = formOf(deputyPage, "confirm-approval");
        const browser = await as(who);
        return browser.post(action, { ...fields, _csrf: csrfOf(await casePage(browser, claim.id)) });
      };
      const self = await confirmAs(staff.supervisor);
      expect(self.status).to.equal(403);
      expect(text(self, "[role=alert]")).to.include("The second approval must come from a supervisor other than Sven Richter");
      const caseworker = await confirmAs(staff.colleague);
      expect(caseworker.status).to.equal(403);
      expect(text(caseworker, "[role=alert]")).to.include("Only a supervisor can confirm or send back");
      expect((await server.store.getApplication(claim.id))!.revision).to.equal(revision);
      expect((await letterOf(claim)).status).to.equal(404);

      expect((await act(await as(staff.deputy), deputyPage, "confirm-approval")).status).to.equal(303);
      const page = await casePage(await as(staff.deputy), claim.id);
      expect(text(page, ".staff-facts")).to.include("Approved");
      expect(text(page, ".notice")).to.include("Approved by Sven Richter and Dana Vogt");
      expect(text(page, ".staff-history")).to.include("Approval confirmed by a second person").and.include("Proposed by: Sven Richter").and.include("Second approval by: Dana Vogt");
      const [confirmed] = (await server.store.events(claim.id)).filter((e) => e.type === "approval_confirmed");
      expect(confirmed).to.deep.include({ actor: staff.deputy.id });
      expect(confirmed!.data).to.deep.include({ proposedBy: staff.supervisor.id, approvedBy: staff.deputy.id, amount: 60000, after: { status: "approved", assigneeId: staff.supervisor.id } });
      const seen = await call(base, "GET", `/api/applications/${claim.id}`, { token: claim.token });
      expect(seen.body.status).to.equal("approved");
      expect(seen.body.decision).to.include({ outcome: "approved", amount: 60000 });
      const letter = await letterOf(claim);
      expect(letter.status).to.equal(200);
      const letterText = (await pdfText(letter.body as Buffer)).replace(/\s+/g, " ");
      expect(letterText).to.include("Sven Richter").and.include("Second approval by Dana Vogt").and.include("60,000.00");
    });

    it("at the limit one approval is final at once, as below it", async () => {
      const { claim, page } = await approvedBy(staff.caseworker, "50000");
      expect(text(page, ".staff-facts")).to.include("Approved");
      expect((await server.store.events(claim.id)).map((e) => e.type)).to.include("decided").and.not.include("approval_proposed");
      expect((await letterOf(claim)).status).to.equal(200);
    });

    it("a second supervisor sends it back with a message: in review again, the caseworker decides anew", async () => {
      const { claim } = await approvedBy(staff.caseworker, "60000");
      const boss = await as(staff.supervisor);
      const page = await casePage(boss, claim.id);
      const silent = await act(boss, page, "return-approval", { message: " " });
      expect(silent.status).to.equal(422);
      expect(text(silent, "[role=alert]")).to.include("Say why the approval goes back to the caseworker.");
      const message = "60,000 is far above the estimate; please check the hours lost.";
      expect((await act(boss, page, "return-approval", { message })).status).to.equal(303);
      const record = (await server.store.getApplication(claim.id))!;
      expect(record).to.deep.include({ status: "in_review", decision: null, assigneeId: staff.caseworker.id });
      const cw = await as(staff.caseworker);
      const back = await casePage(cw, claim.id);
      expect(text(back, ".staff-facts")).to.include("In review");
      expect(text(back, ".staff-history")).to.include("Approval sent back to the caseworker").and.include(message).and.include("Sven Richter");
      expect((await letterOf(claim)).status).to.equal(404);
      expect((await act(cw, back, "decision", { outcome: "approved", amount: "1421.06" })).status).to.equal(303);
      expect((await server.store.getApplication(claim.id))!.status).to.equal("approved");
    });
  });

  describe("the queue", () => {
    const JANUARY = "2020-01";
    let references: string[];

    /** Submitted cases straight through the store, in a month no other test uses, one a day-and-hour apart. */
    before(async () => {
      references = [];
      for (let i = 0; i < 55; i++) {
        const at = new Date(Date.UTC(2020, 0, 1 + (i % 28), i % 24)).toISOString();
        const record = await server.store.createApplication(
          { id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, formId: "short-time-work", formVersion: server.registry.get("short-time-work")!.version, language: "ko", session: newSession(), tokenHash: hashToken(`t${i}`), createdAt: at },
          { at, actor: "applicant", type: "created", data: {} },
        );
        const submitted = await server.store.submit(record.id, record.revision, { ...newSubmission({ answers: {}, derived: {}, pdf: Buffer.from("%PDF-1.7") }, { submittedAt: at, language: "ko" }), numbering: { prefix: "STW", year: 2020 } }, { at, actor: "applicant", type: "submitted", data: {} });
        const reference = (submitted as { reference: string }).reference;
        if (i < 3) await server.store.updateCase(record.id, (submitted as { revision: number }).revision, { status: "assigned", assigneeId: staff.caseworker.id }, { at, actor: staff.supervisor.id, type: "assigned", data: {} });
        references.push(reference);
      }
    });

    const rowsOf = (page: Page) => page.$("tbody tr").map((_, tr) => page.$(tr).find("td").first().text()).get();

    it("pages 50 at a time with page links, keeping the filters", async () => {
      const browser = await as(staff.caseworker);
      const first = await browser.get(`/staff?from=${JANUARY}-01&to=${JANUARY}-31`);
      expect(text(first)).to.include("55 cases match.");
      expect(rowsOf(first)).to.have.length(50);
      const next = first.$(".staff-pages a[rel=next]").attr("href")!;
      expect(next).to.equal(`/staff?from=${JANUARY}-01&to=${JANUARY}-31&page=2`);
      expect(first.$(".staff-pages a").map((_, a) => first.$(a).text()).get()).to.include("2");
      const second = await browser.get(next);
      expect(rowsOf(second)).to.have.length(5);
      expect(new Set([...rowsOf(first), ...rowsOf(second)])).to.have.property("size", 55);
    });

    it("finds a case by its IBAN or business name as a caseworker types them, through the blind index", async () => {
      const claim = await submittedClaim();
      const browser = await as(staff.caseworker);
      const { iban, name } = claim.answers.employer as { iban: string; name: string };
      const byIban = await browser.get(`/staff?find=${encodeURIComponent(iban.toLowerCase().replace(/(.{4})/g, "$1 ").trim())}`);
      expect(rowsOf(byIban)).to.include(claim.reference);
      expect(byIban.$("#f-find").val()).to.equal(iban.toLowerCase().replace(/(.{4})/g, "$1 ").trim());
      expect(rowsOf(await browser.get(`/staff?find=${encodeURIComponent(name.toUpperCase())}`))).to.include(claim.reference);
      // Another IBAN finds none of them, and the other filters still apply beside it.
      expect(rowsOf(await browser.get("/staff?find=DE02120300000000202051"))).to.deep.equal([]);
      expect(rowsOf(await browser.get(`/staff?find=${encodeURIComponent(iban)}&from=${JANUARY}-01&to=${JANUARY}-31`))).to.deep.equal([]);
    });

    it("filters by status, assignee (me, unassigned), form, dates and reference, with counts per status", async () => {
      const browser = await as(staff.caseworker);
      const range = `from=${JANUARY}-01&to=${JANUARY}-31`;
      const mine = await browser.get(`/staff?${range}&assignee=me`);
      expect(rowsOf(mine).sort()).to.deep.equal(references.slice(0, 3).sort());
      expect(rowsOf(await browser.get(`/staff?${range}&assignee=none`))).to.have.length(50);
      expect(rowsOf(await browser.get(`/staff?${range}&status=assigned`))).to.have.length(3);
      expect(rowsOf(await browser.get(`/staff?${range}&form=employment-retention-kr`))).to.have.length(0);
      expect(rowsOf(await browser.get(`/staff?from=${JANUARY}-02&to=${JANUARY}-02`))).to.have.length(2);
      expect(rowsOf(await browser.get(`/staff?reference=${references[7]}`))).to.deep.equal([references[7]]);
      const counts = Object.fromEntries(mine.$(".staff-counts li").map((_, li) => [[mine.$(li).find("a").contents().first().text().trim(), mine.$(li).find(".staff-count").text()]]).get() as [string, string][]);
      expect(counts).to.include({ Assigned: "3", Submitted: "0" });
      const all = await browser.get(`/staff?${range}`);
      expect(text(all, ".staff-counts")).to.include("Submitted 52").and.include("Assigned 3");
    });

    it("sorts newest first on request", async () => {
      const browser = await as(staff.caseworker);
      const newest = rowsOf(await browser.get(`/staff?from=${JANUARY}-01&to=${JANUARY}-31&sort=submitted_desc`));
      const oldest = rowsOf(await browser.get(`/staff?from=${JANUARY}-01&to=${JANUARY}-31`));
      expect(oldest[0]).to.equal(references[0]);
      expect(newest[0]).to.not.equal(oldest[0]);
    });

    it("speaks the staff member's language: the fp_lang cookie first, then Accept-Language", async () => {
      const browser = await signIn(staff.colleague, "de");
      expect(text(await browser.get("/staff"), "h1")).to.equal("Fälle");
      browser.cookies.set("fp_lang", "ko");
      expect(text(await browser.get("/staff"), "h1")).to.equal("사건 목록");
    });
  });

  describe("legal hold and erasure on request", () => {
    it("a supervisor holds a case, recorded in its history; an admin's erasure is refused with 409 until the hold is cleared, then nothing of it is left to open", async () => {
      const claim = await submittedClaim();
      const caseworker = await as(staff.caseworker);
      const theirs = await casePage(caseworker, claim.id);
      expect(theirs.$('form[action$="/legal-hold"]')).to.have.length(0);
      const tried = await caseworker.post(`/staff/cases/${claim.id}/legal-hold`, { _csrf: csrfOf(theirs), revision: String(theirs.$("input[name=revision]").first().val()), hold: "on" });
      expect(tried.status).to.equal(403);
      expect(text(tried)).to.include("Only a supervisor can place an application under legal hold or clear the hold.");
      const supervisor = await as(staff.supervisor);
      let page = await casePage(supervisor, claim.id);
      expect(text(page, ".staff-legal-hold")).to.include("No legal hold");
      page = await supervisor.follow(await act(supervisor, page, "legal-hold"));
      expect(text(page, ".staff-legal-hold")).to.include("Under legal hold");
      expect(text(page)).to.include("Placed under legal hold");

      const admin = await as(staff.admin);
      const form = await admin.get("/staff/erasure");
      expect(form.status).to.equal(200);
      const refused = await admin.post("/staff/erasure", { _csrf: csrfOf(form), which: claim.reference });
      expect(refused.status).to.equal(409);
      expect(text(refused)).to.include("This application is under legal hold and cannot be erased. A supervisor must clear the hold first.");
      expect((await casePage(supervisor, claim.id)).status).to.equal(200);

      page = await supervisor.follow(await act(supervisor, await casePage(supervisor, claim.id), "legal-hold"));
      expect(text(page, ".staff-legal-hold")).to.include("No legal hold");
      expect(text(page)).to.include("Legal hold cleared");
      const done = await admin.post("/staff/erasure", { _csrf: csrfOf(form), which: claim.reference });
      expect(done.status).to.equal(200);
      expect(text(done)).to.include(`The application ${claim.reference} was erased.`);
      expect((await supervisor.get(`/staff/cases/${claim.id}`)).status).to.equal(404);
      expect((await call(base, "GET", `/api/applications/${claim.id}`, { token: claim.token })).status).to.not.equal(200);
      const events = await server.store.events(claim.id);
      expect(events.at(-1)).to.deep.include({ type: "erased", actor: staff.admin.id, data: { rule: "request" } });
    });
  });

  describe("npm run user:add", () => {
    const io = () => {
      const lines = { out: [] as string[], err: [] as string[] };
      const value: Io = { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) };
      return { io: value, lines };
    };

    it("adds an account to the server's store, who can then sign in", async () => {
      const { io: out, lines } = io();
      // The server's own configuration, its key ring included: the e-mail is found by a blind index under its key.
      const env = { FORMPILOT_DATA: dataDir, FORMPILOT_KEY: TEST_KEY, FORMPILOT_PASSWORD: "another long password" };
      expect(await userAdd(["new.colleague@amt.example", "--role", "caseworker", "--name", "Jana Novak"], env, out)).to.equal(0);
      expect(lines.out).to.deep.equal(["Added new.colleague@amt.example as caseworker."]);
      const added = await server.store.staffByEmail("new.colleague@amt.example");
      expect(added).to.include({ name: "Jana Novak", role: "caseworker" });
      expect(added!.passwordHash).to.match(/^\$2[aby]\$12\$/);
      const res = await new Browser(base).post("/staff/login", { email: "new.colleague@amt.example", password: "another long password" });
      expect(res.status).to.equal(303);
    });

    it("refuses a duplicate e-mail, a bad role, a short password and wrong use, with exit codes", async () => {
      const dir = await tempDataDir();
      const env = { FORMPILOT_DATA: dir, FORMPILOT_PASSWORD: "long enough password" };
      const run = async (args: string[], extra: Record<string, string> = {}) => {
        const { io: out, lines } = io();
        return { code: await userAdd(args, { ...env, ...extra }, out), ...lines };
      };
      expect((await run(["kim@amt.example", "--role", "supervisor"])).code).to.equal(0);
      const duplicate = await run(["KIM@amt.example", "--role", "caseworker"]);
      expect(duplicate).to.deep.include({ code: 1, err: ["There is already an account for kim@amt.example."] });
      const badRole = await run(["lee@amt.example", "--role", "boss"]);
      expect(badRole).to.deep.include({ code: 2, err: ["“boss” is not a role; choose one of: caseworker, supervisor, admin."] });
      const short = await run(["lee@amt.example", "--role", "admin"], { FORMPILOT_PASSWORD: "short" });
      expect(short).to.deep.include({ code: 1, err: ["The password must have at least 12 characters."] });
      expect((await run(["--role", "admin"])).code).to.equal(2);
      expect((await run(["lee@amt.example"])).err[0]).to.match(/^Usage: npm run user:add/);
      expect((await run(["lee@amt.example", "--role", "admin", "--colour", "red"])).code).to.equal(2);
      const config = await loadConfig({ FORMPILOT_DATA: dir });
      const store = await openStore(config.databaseUrl, protectorOf(config));
      try {
        expect((await store.listStaff()).map((s) => [s.email, s.role])).to.deep.equal([["kim@amt.example", "supervisor"]]);
      } finally {
        await store.close();
      }
    });

    it("asks for the password twice on a terminal, and needs one somewhere", async () => {
      const dir = await tempDataDir();
      const typed = (...answers: string[]) => {
        const { io: out, lines } = io();
        const prompts: string[] = [];
        out.askPassword = async (prompt) => (prompts.push(prompt), answers.shift()!);
        return { out, lines, prompts };
      };
      const mismatch = typed("first long password", "second long password");
      expect(await userAdd(["a@amt.example", "--role", "admin"], { FORMPILOT_DATA: dir }, mismatch.out)).to.equal(1);
      expect(mismatch.lines.err).to.deep.equal(["The two passwords differ; nothing was added."]);
      const same = typed("the same long password", "the same long password");
      expect(await userAdd(["a@amt.example", "--role", "admin"], { FORMPILOT_DATA: dir }, same.out)).to.equal(0);
      expect(same.prompts).to.deep.equal(["Password (at least 12 characters): ", "Repeat the password: "]);
      const { io: nobody, lines } = io();
      expect(await userAdd(["b@amt.example", "--role", "admin"], { FORMPILOT_DATA: dir }, nobody)).to.equal(2);
      expect(lines.err[0]).to.include("FORMPILOT_PASSWORD");
    });
  });
});

/**
 * "Talk to a person" end to end on a real server: the applicant's page without JavaScript, the
 * JSON API, and the caseworker who sees the request, contacts the applicant and marks it handled.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { startServer } from "../support/server";
import { call, walkOverApi } from "../support/api";
import { Browser, type Page } from "../support/http";
import { formsRoot } from "../../server/forms/paths";
import { addStaff } from "../../server/applications/staff-auth";
import { MAX_OPEN_PER_APPLICATION } from "../../server/applications/callbacks";
import type { Running } from "../../server/start";
import type { StaffRecord } from "../../server/store/store";

const PASSWORD = "a password long enough";
const text = (page: Page, selector = "main") => page.$(selector).text().replace(/\s+/g, " ").trim();
const example = async (name: string) => JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples", name), "utf8"));

describe("talk to a person", () => {
  let server: Running;
  let caseworker: StaffRecord;

  before(async () => {
    server = await startServer();
    const added = await addStaff(server.store, new Date(), { email: "clara@amt.example", name: "Clara Weber", role: "caseworker", password: PASSWORD });
    if (!added.ok) throw new Error(JSON.stringify(added.problems));
    caseworker = added.value;
  });
  after(() => server.close());

  /** An application started over the API, in `language`, walked to its review page and, if asked, submitted. */
  async function overApi(language: string, submit: boolean) {
    const created = await call(server.url, "POST", "/api/forms/short-time-work/applications", { body: { language } });
    const { id, token } = created.body as { id: string; token: string };
    if (submit) {
      await walkOverApi(server.url, id, token, (await example("economic-eligible.json")).answers);
      const submitted = await call(server.url, "POST", `/api/applications/${id}/submit`, { token, body: { declaration: true } });
      expect(submitted.status).to.equal(200);
    }
    return { id, token };
  }

  /** A browser holding the application's cookie, as after following the resume link. */
  async function applicantBrowser(id: string, token: string, language = "en"): Promise<Browser> {
    const browser = new Browser(server.url, { language });
    expect((await browser.submit(await browser.get(`/resume/${id}/${token}`), "main form")).status).to.equal(303);
    return browser;
  }

  async function staffBrowser(): Promise<Browser> {
    const browser = new Browser(server.url, { language: "en" });
    expect((await browser.post("/staff/login", { email: caseworker.email, password: PASSWORD })).status).to.equal(303);
    return browser;
  }

  describe("the applicant's page", () => {
    it("is linked from the question page; a bad post shows the error summary with what was typed; a good one confirms and lists the request", async () => {
      const browser = new Browser(server.url, { language: "en" });
      const question = await browser.follow(await browser.post("/forms/short-time-work/start"));
      const id = /^\/applications\/([^/?]+)/.exec(question.path)![1]!;
      const link = question.$(`a[href="/applications/${id}/callback"]`);
      expect(link.text()).to.equal("Talk to a person");

      const empty = await browser.get(link.attr("href")!);
      expect(empty.status).to.equal(200);
      expect(empty.$("h1").text()).to.equal("Talk to a person");
      expect(empty.$("form[method=post] #name, form[method=post] #contact, form[method=post] textarea#message").length).to.equal(3);

      const bad = await browser.post(`/applications/${id}/callback`, { name: "Heike Brandt", contact: "call me at work", message: "About the reference period" });
      expect(bad.status).to.equal(400);
      expect(bad.$("title").text()).to.match(/^Error: /);
      expect(bad.$(".error-summary a").map((_, a) => [[bad.$(a).attr("href"), bad.$(a).text()]]).get()).to.deep.equal([
        ["#contact", "Enter a phone number with at least 6 digits, like +49 30 1234567, or an e-mail address, like name@example.com."],
      ]);
      expect(text(bad, ".form-group--error")).to.include("Enter a phone number with at least 6 digits");
      expect([bad.$("#name").val(), bad.$("#contact").val(), bad.$("#message").val()]).to.deep.equal(["Heike Brandt", "call me at work", "About the reference period"]);
      expect(bad.$("#contact").attr("aria-describedby")).to.include("contact-error");
      expect(await server.store.callbackRequestsOf(id)).to.deep.equal([]);

      const sent = await browser.post(`/applications/${id}/callback`, { name: "Heike Brandt", contact: "02641 12345", message: "About the reference period" });
      expect([sent.status, sent.location]).to.deep.equal([303, `/applications/${id}/callback?sent`]);
      const confirmation = await browser.follow(sent);
      expect(text(confirmation, "[role=status]")).to.include("We have received your request. A caseworker will contact you");
      expect(text(confirmation, ".callback-requests")).to.include("02641 12345").and.include("About the reference period").and.include("Received");
      expect(confirmation.$(`a[href="/applications/${id}"]`).text()).to.equal("Continue with your application");
    });

    it("speaks the application's language and is linked from the review page and the status page", async () => {
      const draft = await overApi("de", false);
      await walkOverApi(server.url, draft.id, draft.token, (await example("economic-eligible.json")).answers);
      const review = await (await applicantBrowser(draft.id, draft.token, "de")).get(`/applications/${draft.id}`);
      expect(review.$(`a[href="/applications/${draft.id}/callback"]`).text()).to.equal("Mit einer Person sprechen");

      const claim = await overApi("ko", true);
      const browser = await applicantBrowser(claim.id, claim.token, "ko");
      const status = await browser.get(`/applications/${claim.id}/status`);
      expect(status.$(`a[href="/applications/${claim.id}/callback"]`).text()).to.equal("담당자와 상담하기");
      const refused = await browser.post(`/applications/${claim.id}/callback`, { name: "", contact: "010-1234-5678" });
      expect(refused.status).to.equal(400);
      expect(text(refused, ".error-summary")).to.include("이름을 입력하세요.");
      const page = await browser.follow(await browser.post(`/applications/${claim.id}/callback`, { name: "김민지", contact: "010-1234-5678" }));
      expect(text(page, "[role=status]")).to.include("요청이 접수되었습니다.");
      expect(page.$(`a[href="/applications/${claim.id}/status"]`).length).to.equal(1);
    });

    it(`after ${MAX_OPEN_PER_APPLICATION} open requests says so instead of offering the form, and a post is refused with the reason`, async () => {
      const { id, token } = await overApi("en", false);
      const browser = await applicantBrowser(id, token);
      for (let i = 0; i < MAX_OPEN_PER_APPLICATION; i++) expect((await browser.post(`/applications/${id}/callback`, { name: "Kim", contact: "kim@example.com" })).status).to.equal(303);
      const full = await browser.get(`/applications/${id}/callback`);
      expect(full.$("main form[method=post]").length).to.equal(0);
      expect(text(full, ".notice")).to.include(`You already have ${MAX_OPEN_PER_APPLICATION} requests waiting`);
      const refused = await browser.post(`/applications/${id}/callback`, { name: "Kim", contact: "kim@example.com" });
      expect(refused.status).to.equal(409);
      expect(text(refused, ".error-summary")).to.include(`You already have ${MAX_OPEN_PER_APPLICATION} requests waiting`);
      expect(await server.store.callbackRequestsOf(id)).to.have.length(MAX_OPEN_PER_APPLICATION);
    });

    it("is the same not-found page for an application this browser holds no cookie for", async () => {
      const { id } = await overApi("en", false);
      const stranger = new Browser(server.url, { language: "en" });
      expect((await stranger.get(`/applications/${id}/callback`)).status).to.equal(404);
      expect((await stranger.post(`/applications/${id}/callback`, { name: "Kim", contact: "kim@example.com" })).status).to.equal(404);
      expect(await server.store.callbackRequestsOf(id)).to.deep.equal([]);
    });
  });

  describe("the JSON API", () => {
    it("creates with 201 and lists the requests, newest first", async () => {
      const { id, token } = await overApi("de", false);
      const created = await call(server.url, "POST", `/api/applications/${id}/callback-requests`, { token, body: { name: "Heike Brandt", contact: "heike@example.com", message: "Bitte rufen Sie an." } });
      expect(created.status).to.equal(201);
      expect(created.headers.get("location")).to.equal(`/api/applications/${id}/callback-requests`);
      expect(created.body).to.include({ name: "Heike Brandt", contact: "heike@example.com", contactKind: "email", message: "Bitte rufen Sie an.", language: "de", state: "received", handledAt: null });
      const second = await call(server.url, "POST", `/api/applications/${id}/callback-requests`, { token, body: { name: "Heike Brandt", contact: "+49 2641 12345" } });
      expect(second.body).to.include({ contactKind: "phone", message: "" });

      const listed = await call(server.url, "GET", `/api/applications/${id}/callback-requests`, { token });
      expect(listed.status).to.equal(200);
      expect(listed.body.requests.map((r: { id: number }) => r.id)).to.deep.equal([second.body.id, created.body.id]);
      expect(JSON.stringify(listed.body)).to.not.include("handledBy");
    });

    it("refuses bad input with 400 and a problem per field in the application's language, storing nothing", async () => {
      const { id, token } = await overApi("de", false);
      const bad = await call(server.url, "POST", `/api/applications/${id}/callback-requests`, { token, body: { contact: "12", message: "x".repeat(1001) } });
      expect(bad.status).to.equal(400);
      expect(bad.body.errors.map((e: { code: string; pointer: string }) => [e.code, e.pointer])).to.deep.equal([["required", "/name"], ["invalid_contact", "/contact"], ["too_long", "/message"]]);
      expect(bad.body.errors[0].message).to.equal("Geben Sie Ihren Namen ein.");
      const notAnObject = await call(server.url, "POST", `/api/applications/${id}/callback-requests`, { token, body: ["Kim", "kim@example.com"] });
      expect(notAnObject.status).to.equal(400);
      expect((await call(server.url, "GET", `/api/applications/${id}/callback-requests`, { token })).body.requests).to.deep.equal([]);
    });

    it("is 404 for an unknown application and for a wrong token, 409 past the limit of open requests", async () => {
      const { id, token } = await overApi("en", false);
      const body = { name: "Kim", contact: "kim@example.com" };
      expect((await call(server.url, "POST", "/api/applications/no-such-id/callback-requests", { token, body })).status).to.equal(404);
      expect((await call(server.url, "POST", `/api/applications/${id}/callback-requests`, { token: "wrong", body })).status).to.equal(404);
      expect((await call(server.url, "GET", `/api/applications/${id}/callback-requests`, { token: "wrong" })).status).to.equal(404);
      for (let i = 0; i < MAX_OPEN_PER_APPLICATION; i++) expect((await call(server.url, "POST", `/api/applications/${id}/callback-requests`, { token, body })).status).to.equal(201);
      const over = await call(server.url, "POST", `/api/applications/${id}/callback-requests`, { token, body });
      expect([over.status, over.body.errors[0].code]).to.deep.equal([409, "too_many_open"]);
    });

    it("is described in the OpenAPI document", async () => {
      const doc = (await call(server.url, "GET", "/openapi.json")).body;
      const paths = doc.paths["/api/applications/{id}/callback-requests"];
      expect(Object.keys(paths.post.responses)).to.include.members(["201", "400", "404", "409"]);
      expect(paths.post.requestBody.content["application/json"].schema).to.deep.equal({ $ref: "#/components/schemas/NewCallbackRequest" });
      expect(doc.components.schemas.CallbackRequest.required).to.include.members(["id", "contactKind", "state"]);
    });
  });

  describe("the caseworker", () => {
    it("sees the request on the case page, the queue and the list, marks it handled, and the applicant then reads 'Handled'", async () => {
      const claim = await overApi("en", true);
      const applicant = await applicantBrowser(claim.id, claim.token);
      await applicant.post(`/applications/${claim.id}/callback`, { name: "Heike Sommer", contact: "02641 12345", message: "The employer's number changed." });
      const onDraft = await overApi("en", false);
      await call(server.url, "POST", `/api/applications/${onDraft.id}/callback-requests`, { token: onDraft.token, body: { name: "Jonas Draft", contact: "jonas@example.com" } });
      const open = (await server.store.openCallbackRequests({ offset: 0, limit: 0 })).total;

      const staff = await staffBrowser();
      const queue = await staff.get("/staff");
      expect(text(queue, `a[href="/staff/callbacks"]`)).to.include(`Open callback requests: ${open}`);

      const list = await staff.get("/staff/callbacks");
      expect(list.status).to.equal(200);
      const rows = list.$("main tbody tr");
      // Newest first: the request on the draft came last.
      expect(text(list, "main tbody tr:nth-child(1)")).to.include("Jonas Draft").and.include("Not submitted yet");
      expect(list.$("main tbody tr:nth-child(1) a").length).to.equal(0);
      const claimRow = rows.filter((_, row) => list.$(row).text().includes("Heike Sommer"));
      expect(claimRow.find(`a[href="/staff/cases/${claim.id}"]`).length).to.equal(1);
      expect(claimRow.text()).to.include("Phone: 02641 12345").and.include("The employer's number changed.");

      const casePage = await staff.get(`/staff/cases/${claim.id}`);
      const section = casePage.$(".staff-callbacks");
      expect(section.text().replace(/\s+/g, " ")).to.include("Heike Sommer").and.include("02641 12345").and.include("The employer's number changed.").and.include("Open");
      const form = section.find("form");
      const csrf = form.find("input[name=_csrf]").val() as string;

      const forged = await staff.post(form.attr("action")!, { from: "case" });
      expect(forged.status).to.equal(403);
      expect((await server.store.callbackRequestsOf(claim.id))[0]?.handledAt).to.equal(null);

      const marked = await staff.post(form.attr("action")!, { _csrf: csrf, from: "case" });
      expect([marked.status, marked.location]).to.deep.equal([303, `/staff/cases/${claim.id}`]);
      const after = await staff.follow(marked);
      expect(text(after, ".staff-callbacks")).to.include("Handled").and.include("Handled by Clara Weber");
      expect(after.$(".staff-callbacks form").length).to.equal(0);
      const history = text(after, ".staff-history");
      expect(history).to.include("Asked to be contacted").and.include("Contact by: Phone").and.include("Callback request handled");
      expect(text(after, ".staff-history tbody tr:first-child")).to.include("Clara Weber").and.include("Callback request handled");

      const listAfter = await staff.get("/staff/callbacks");
      expect(text(listAfter)).to.not.include("Heike Sommer");
      expect(text(listAfter)).to.include(`Open callback requests: ${open - 1}`);

      const again = await staff.post(form.attr("action")!, { _csrf: csrf, from: "case" });
      expect(again.status).to.equal(409);
      expect(text(again, ".error-summary")).to.include("already marked as handled");

      const seen = await applicant.get(`/applications/${claim.id}/callback`);
      expect(text(seen, ".callback-requests")).to.include("Handled").and.not.include("Received");
      const api = await call(server.url, "GET", `/api/applications/${claim.id}/callback-requests`, { token: claim.token });
      expect(api.body.requests[0].state).to.equal("handled");
    });

    it("marks a request on a draft handled from the list, back on the list", async () => {
      const draft = await overApi("en", false);
      const created = await call(server.url, "POST", `/api/applications/${draft.id}/callback-requests`, { token: draft.token, body: { name: "Mira Listed", contact: "mira@example.com" } });
      const staff = await staffBrowser();
      const list = await staff.get("/staff/callbacks");
      const form = list.$(`form[action="/staff/callbacks/${created.body.id}/handled"]`);
      const marked = await staff.post(form.attr("action")!, { _csrf: form.find("input[name=_csrf]").val() as string });
      expect([marked.status, marked.location]).to.deep.equal([303, "/staff/callbacks"]);
      expect(text(await staff.follow(marked))).to.not.include("Mira Listed");
      expect((await server.store.callbackRequestsOf(draft.id))[0]?.handledBy).to.equal(caseworker.id);
    });
  });
});

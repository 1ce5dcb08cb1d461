/**
 * The applicant's session against another site and against time, over real HTTP: the resume link
 * only asks, posts from elsewhere are refused, GETs change nothing, a link can be replaced, a
 * forgotten draft's link expires, and a decided application opens its status and letter only.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import sqlite3 from "sqlite3";
import { startServer, tempDataDir } from "../support/server";
import { call, walkOverApi } from "../support/api";
import { Browser, type Page } from "../support/http";
import { formsRoot } from "../../server/forms/paths";
import { assign, decide, moveStatus } from "../../server/applications/cases";
import type { Services } from "../../server/applications/service";
import type { Running } from "../../server/start";

const EVIL = "https://evil.example";
const text = (page: Page, selector = "main") => page.$(selector).text().replace(/\s+/g, " ").trim();
const appCookies = (b: Browser) => [...b.cookies.keys()].filter((name) => name.startsWith("fp_app_"));

describe("the applicant's session", () => {
  let server: Running;
  let dataDir: string;

  before(async () => {
    dataDir = await tempDataDir();
    server = await startServer(dataDir);
  });
  after(() => server.close());

  const browser = () => new Browser(server.url, { language: "en" });

  async function overApi(language = "en") {
    const created = await call(server.url, "POST", "/api/forms/short-time-work/applications", { body: { language } });
    return created.body as { id: string; token: string };
  }
  const stateOf = async (claim: { id: string; token: string }) => (await call(server.url, "GET", `/api/applications/${claim.id}`, { token: claim.token })).body;
  const resumePath = (claim: { id: string; token: string }) => `/resume/${claim.id}/${claim.token}`;

  /** A browser that confirmed the resume link on this site. */
  async function holding(claim: { id: string; token: string }): Promise<Browser> {
    const b = browser();
    const confirmed = await b.submit(await b.get(resumePath(claim)), "main form");
    expect(confirmed.status).to.equal(303);
    return b;
  }

  it("shows the resume link as a question and sets no cookie until it is confirmed on this site", async () => {
    const claim = await overApi();
    await call(server.url, "POST", `/api/applications/${claim.id}/answers`, { token: claim.token, body: { pointer: "/employer/name", value: "Attacker GmbH" } });
    const victim = browser();
    // A link on another site, followed: a top-level navigation from there.
    const asked = await victim.get(resumePath(claim), { "sec-fetch-site": "cross-site", referer: `${EVIL}/page` });
    expect(asked.status).to.equal(200);
    expect(asked.headers.getSetCookie().filter((c) => c.startsWith("fp_app_"))).to.deep.equal([]);
    expect(text(asked, "h1")).to.equal("Continue this application?");
    expect(text(asked)).to.match(/Continue the application “Short-time work allowance[^”]*” started on \d{1,2} \w{3} \d{4}/);
    expect(text(asked)).to.include("Whoever gave you a link can read everything you enter under it.");
    expect((await victim.get(`/applications/${claim.id}`)).status).to.equal(404);

    // The same confirmation, auto-posted by a page on another site, is refused and sets nothing.
    const fresh = browser();
    const refused = await fresh.post(resumePath(claim), {}, { origin: EVIL });
    expect(refused.status).to.equal(403);
    expect(text(refused)).to.include("came from another website and was refused");
    expect(appCookies(fresh)).to.deep.equal([]);

    // Confirmed on this site: the cookie is set and the application opens where it was.
    const b = browser();
    const confirmed = await b.submit(await b.get(resumePath(claim)), "main form");
    expect(confirmed.status).to.equal(303);
    expect(appCookies(b)).to.deep.equal([`fp_app_${claim.id}`]);
    const page = await b.follow(confirmed);
    expect(page.path).to.equal(`/applications/${claim.id}`);
  });

  it("asks in Korean and German too", async () => {
    for (const [language, wanted] of [["ko", "신청을 계속하시겠습니까?"], ["de", "Den Antrag „"]] as const) {
      const claim = await overApi(language);
      const asked = await browser().get(resumePath(claim));
      expect(text(asked), language).to.include(wanted);
    }
  });

  /** The same path on a sibling subdomain: the same site, another origin. */
  const sibling = (pathname: string) => {
    const url = new URL(pathname, server.url);
    url.hostname = `other.${url.hostname}`;
    return url.toString();
  };

  it("refuses a post from another site, or one that says nowhere where it comes from, and changes nothing", async () => {
    const claim = await overApi();
    const b = await holding(claim);
    const before = await stateOf(claim);
    const form = { pointer: "/employer/name", value: "Someone Else GmbH" };
    // An undefined Origin is one the browser did not send.
    const tried: Record<string, string | undefined>[] = [
      { origin: EVIL }, { origin: "null" }, { origin: "null", "sec-fetch-site": "cross-site" }, { origin: undefined, "sec-fetch-site": "cross-site" }, { origin: undefined, "sec-fetch-site": "same-site" },
      { origin: undefined, referer: `${EVIL}/form` }, { origin: undefined, referer: sibling(`/applications/${claim.id}`) }, { origin: undefined },
    ];
    for (const headers of tried) {
      const res = await b.post(`/applications/${claim.id}/answer`, form, headers);
      expect(res.status, JSON.stringify(headers)).to.equal(403);
      expect(text(res), JSON.stringify(headers)).to.include("came from another website and was refused");
    }
    const after = await stateOf(claim);
    expect(after.answers).to.deep.equal(before.answers);

    // The chat's script is refused in JSON.
    const chat = await fetch(`${server.url}/applications/${claim.id}/chat/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", origin: EVIL, cookie: `fp_app_${claim.id}=${claim.token}` },
      body: JSON.stringify({ turn: { kind: "text", pointer: "/employer/name", text: "Someone Else GmbH" }, revision: after.revision }),
    });
    expect(chat.status).to.equal(403);
    expect(((await chat.json()) as { errors: { code: string }[] }).errors[0]!.code).to.equal("cross_site");
    expect((await stateOf(claim)).answers).to.deep.equal(before.answers);
  });

  it("accepts a post from its own pages by Origin, by Sec-Fetch-Site or by Referer", async () => {
    const claim = await overApi();
    const b = await holding(claim);
    const values = ["By Origin GmbH", "By Fetch Site GmbH", "By Referer GmbH"];
    // Chromium sends Origin "null" with Sec-Fetch-Site for a page without a referrer, as ours are.
    const headers: Record<string, string | undefined>[] = [{}, { origin: "null", "sec-fetch-site": "same-origin" }, { origin: undefined, referer: `${server.url}/applications/${claim.id}` }];
    for (const [i, extra] of headers.entries()) {
      const res = await b.post(`/applications/${claim.id}/answer`, { pointer: "/employer/name", value: values[i]! }, extra);
      expect(res.status, values[i]).to.equal(303);
      expect((await stateOf(claim)).answers.employer.name).to.equal(values[i]);
      if (i < values.length - 1) await b.post(`/applications/${claim.id}/back`);
    }
  });

  it("changes nothing on GET change or GET language: each shows a button that posts", async () => {
    const claim = await overApi();
    const b = await holding(claim);
    await b.post(`/applications/${claim.id}/answer`, { pointer: "/employer/name", value: "Ahrblick GmbH" });
    const before = await stateOf(claim);
    expect(before.step.pointer).to.not.equal("/employer/name");

    const change = await b.get(`/applications/${claim.id}/change?pointer=${encodeURIComponent("/employer/name")}`);
    expect(change.status).to.equal(200);
    expect(text(change)).to.include("Change your answer to “What is the name of your establishment?”?");
    const language = await b.get(`/language/ko?return=${encodeURIComponent(`/applications/${claim.id}`)}`);
    expect(language.status).to.equal(200);
    expect(text(language, "main button")).to.equal("한국어(으)로 페이지 보기");
    expect(b.cookies.has("fp_lang")).to.equal(false);
    const after = await stateOf(claim);
    expect([after.revision, after.step.pointer, after.language]).to.deep.equal([before.revision, before.step.pointer, "en"]);

    // The buttons do it.
    const changed = await b.follow(await b.submit(change, "main form"));
    expect(changed.$('form[action$="/answer"] input[name="pointer"]').val()).to.equal("/employer/name");
    const korean = await b.follow(await b.submit(language, "main form"));
    expect(korean.$("html").attr("lang")).to.equal("ko");
    expect((await stateOf(claim)).language).to.equal("ko");
  });

  it("replaces the resume link: the old one is dead, the new one works and this browser keeps going", async () => {
    const claim = await overApi();
    const b = await holding(claim);
    const save = await b.get(`/applications/${claim.id}/save`);
    const oldLink = save.$(".resume-link a").attr("href")!;
    expect(oldLink).to.equal(server.url + resumePath(claim));
    expect(text(save)).to.include("the old link stops working at once");
    const renewed = await b.follow(await b.submit(save, 'form[action$="/save/new-link"]'));
    expect(text(renewed, "[role=status]")).to.include("the old link no longer works");
    const newLink = renewed.$(".resume-link a").attr("href")!;
    expect(newLink).to.match(new RegExp(`/resume/${claim.id}/[A-Za-z0-9_-]{43}$`)).and.not.equal(oldLink);

    expect((await browser().get(new URL(oldLink).pathname)).status).to.equal(404);
    expect((await call(server.url, "GET", `/api/applications/${claim.id}`, { token: claim.token })).status).to.equal(404);
    const other = browser();
    expect((await other.follow(await other.submit(await other.get(new URL(newLink).pathname), "main form"))).path).to.equal(`/applications/${claim.id}`);
    expect((await b.get(`/applications/${claim.id}`)).status).to.equal(200);
  });

  /** Makes the draft look untouched for `days` days, as the database would hold it then. */
  async function lastChanged(id: string, days: number): Promise<void> {
    const db = new sqlite3.Database(path.join(dataDir, "formpilot.sqlite"));
    const at = new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString();
    await new Promise<void>((resolve, reject) => db.run("UPDATE applications SET updated_at = ? WHERE id = ?", [at, id], (e) => (e ? reject(e) : resolve())));
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }

  it("refuses a draft's link with a clear page after 30 days without a change, and over the API", async () => {
    const claim = await overApi();
    await lastChanged(claim.id, 29);
    expect((await browser().get(resumePath(claim))).status).to.equal(200);
    await lastChanged(claim.id, 31);
    const page = await browser().get(resumePath(claim));
    expect(page.status).to.equal(410);
    expect(text(page)).to.include("This link has expired: the application was not changed for 30 days");
    const api = await call(server.url, "GET", `/api/applications/${claim.id}`, { token: claim.token });
    expect([api.status, api.body.errors[0].code]).to.deep.equal([410, "token_expired"]);
  });

  it("keeps a draft's link for as many days as FORMPILOT_DRAFT_TOKEN_DAYS says", async () => {
    const claim = await overApi();
    await lastChanged(claim.id, 31);
    const longer = await startServer(dataDir, { FORMPILOT_DRAFT_TOKEN_DAYS: "90" });
    try {
      expect((await new Browser(longer.url).get(resumePath(claim))).status).to.equal(200);
    } finally {
      await longer.close();
    }
  });

  it("opens only the status page and the decision letter of a decided application", async () => {
    const claim = await overApi("en");
    const example = JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples/economic-eligible.json"), "utf8"));
    await walkOverApi(server.url, claim.id, claim.token, example.answers);
    expect((await call(server.url, "POST", `/api/applications/${claim.id}/submit`, { token: claim.token, body: { declaration: true } })).status).to.equal(200);
    const services: Services = { registry: server.registry, store: server.store, now: () => new Date(), renderPdf: async () => Buffer.alloc(0) };
    const staff = await server.store.createStaff({ id: "staff-dana", email: "dana@amt.example", name: "Dana Park", role: "caseworker", passwordHash: "-", createdAt: new Date().toISOString() });
    if ("duplicate" in staff) throw new Error("duplicate staff");
    for (const step of [
      (a: Parameters<typeof assign>[1]) => assign(services, a, staff.id),
      (a: Parameters<typeof assign>[1]) => moveStatus(services, a, "in_review"),
      (a: Parameters<typeof assign>[1]) => decide(services, a, server.registry.get("short-time-work")!, { outcome: "rejected", reason: "The loss of working time is not temporary." }),
    ]) {
      const record = (await server.store.getApplication(claim.id))!;
      const done = await step({ staff, record, seen: record.revision, lang: "en" });
      expect(done.ok, JSON.stringify(done)).to.equal(true);
    }

    const b = await holding(claim);
    const paths = (name: string) => `/applications/${claim.id}${name}`;
    expect((await b.follow(await b.get(paths("")))).path).to.equal(paths("/status"));
    const status = await b.get(paths("/status"));
    expect(status.status).to.equal(200);
    expect(status.$("main a").map((_, a) => status.$(a).attr("href")).get()).to.deep.equal([paths("/letter")]);
    const letter = await b.get(paths("/letter"));
    expect([letter.status, letter.headers.get("content-type")]).to.deep.equal([200, "application/pdf"]);
    for (const page of ["/confirmation", "/pdf", "/save", "/callback", "/chat", "/change?pointer=%2Femployer%2Fname"]) {
      const refused = await b.get(paths(page));
      expect(refused.status, page).to.equal(403);
      expect(text(refused), page).to.include("This application has been decided.");
      expect(refused.$(`main a[href="${paths("/status")}"]`).length, page).to.equal(1);
    }
    for (const [page, form] of [["/answer", { pointer: "/employer/name", value: "X" }], ["/save/new-link", {}], ["/callback", { name: "Kim", contact: "kim@example.com" }]] as const) {
      expect((await b.post(paths(page), form)).status, page).to.equal(403);
    }
  });
});

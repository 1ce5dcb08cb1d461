/**
 * Behind a proxy, or not: which forwarded headers are believed, which origin links carry, and
 * when cookies are Secure are configuration (FORMPILOT_TRUST_PROXY, FORMPILOT_PUBLIC_URL).
 */
import { expect } from "chai";
import http from "node:http";
import * as cheerio from "cheerio";
import { startServer } from "../support/server";
import { call } from "../support/api";
import { addStaff } from "../../server/applications/staff-auth";
import { parsePublicUrl, parseTrustProxy } from "../../server/config";
import type { Running } from "../../server/start";

const PASSWORD = "a password long enough";

const create = (server: Running, headers: Record<string, string> = {}) => call(server.url, "POST", "/api/forms/short-time-work/applications", { body: {}, headers });

/** A GET with any Host header: fetch would send the real one. */
function getWithHost(base: string, path: string, host: string, cookie: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(base + path, { headers: { host, cookie } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve(body));
    });
    req.on("error", reject);
  });
}

async function resumeLink(server: Running, host: string): Promise<string> {
  const { id, token } = (await create(server)).body;
  const html = await getWithHost(server.url, `/applications/${id}/save`, host, `fp_app_${id}=${token}`);
  return cheerio.load(html)(".resume-link a").attr("href")!;
}

const setCookies = async (res: Promise<Response>) => (await res).headers.getSetCookie();

describe("proxy and public URL settings", () => {
  describe("by default", () => {
    let server: Running;
    before(async () => {
      server = await startServer(undefined, { FORMPILOT_CREATE_PER_MINUTE: "3" });
    });
    after(() => server.close());

    it("ignores X-Forwarded-For: a client cannot escape the create limit by naming other addresses", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await create(server, { "x-forwarded-for": `203.0.113.${i + 1}` })).status);
      expect(statuses).to.deep.equal([201, 201, 201, 429, 429]);
    });

    it("ignores X-Forwarded-Proto: a cookie is not marked Secure because a header says https", async () => {
      const cookies = await setCookies(fetch(`${server.url}/language/de?return=/`, { method: "POST", headers: { "x-forwarded-proto": "https", origin: server.url }, redirect: "manual" }));
      expect(cookies).to.have.length(1);
      expect(cookies[0]).to.not.match(/Secure/);
    });

    it("builds the resume link on the address the server answers on, never on a forged Host header", async () => {
      const fresh = await startServer();
      try {
        const link = await resumeLink(fresh, "evil.example");
        expect(link).to.not.contain("evil.example");
        expect(link.startsWith(`${fresh.url}/resume/`)).to.equal(true);
      } finally {
        await fresh.close();
      }
    });
  });

  describe("with FORMPILOT_TRUST_PROXY=loopback", () => {
    let server: Running;
    before(async () => {
      server = await startServer(undefined, { FORMPILOT_CREATE_PER_MINUTE: "2", FORMPILOT_TRUST_PROXY: "loopback" });
    });
    after(() => server.close());

    it("counts the limit per forwarded address, as the proxy in front says who the client is", async () => {
      const statuses: number[] = [];
      for (const address of ["203.0.113.1", "203.0.113.1", "203.0.113.1", "203.0.113.2"]) statuses.push((await create(server, { "x-forwarded-for": address })).status);
      expect(statuses).to.deep.equal([201, 201, 429, 201]);
    });

    it("marks cookies Secure when the proxy says the request came over HTTPS", async () => {
      const cookies = await setCookies(fetch(`${server.url}/language/de?return=/`, { method: "POST", headers: { "x-forwarded-proto": "https", origin: server.url }, redirect: "manual" }));
      expect(cookies[0]).to.match(/; Secure/);
    });
  });

  describe("with an https FORMPILOT_PUBLIC_URL", () => {
    let server: Running;
    before(async () => {
      server = await startServer(undefined, { FORMPILOT_PUBLIC_URL: "https://antrag.example.org" });
      await addStaff(server.store, new Date(), { email: "clara@amt.example", role: "caseworker", password: PASSWORD });
    });
    after(() => server.close());

    it("marks every cookie Secure: the application's, the language's and the staff session's", async () => {
      const started = await setCookies(fetch(`${server.url}/forms/short-time-work/start`, { method: "POST", headers: { origin: server.url }, redirect: "manual" }));
      const language = await setCookies(fetch(`${server.url}/language/ko?return=/`, { method: "POST", headers: { origin: server.url }, redirect: "manual" }));
      const staff = await setCookies(fetch(`${server.url}/staff/login`, { method: "POST", body: new URLSearchParams({ email: "clara@amt.example", password: PASSWORD }), redirect: "manual" }));
      const all = [...started, ...language, ...staff];
      expect(all.map((c) => c.split("=")[0]!.replace(/_[0-9a-f-]{36}$/, "_…"))).to.deep.equal(["fp_app_…", "fp_lang", "fp_staff"]);
      for (const cookie of all) expect(cookie).to.match(/; Secure/);
    });

    it("builds the resume link on the public URL whatever Host the request names", async () => {
      const link = await resumeLink(server, "evil.example");
      expect(link).to.match(/^https:\/\/antrag\.example\.org\/resume\/[^/]+\/[A-Za-z0-9_-]{43}$/);
    });
  });

  describe("staff sign-in limits", () => {
    let server: Running;
    before(async () => {
      server = await startServer(undefined, { FORMPILOT_SIGNIN_FAILURES: "3", FORMPILOT_SIGNIN_FAILURES_PER_ADDRESS: "5", FORMPILOT_TRUST_PROXY: "loopback" });
      for (const name of ["anna", "ben", "clara", "dora"]) await addStaff(server.store, new Date(), { email: `${name}@amt.example`, role: "caseworker", password: PASSWORD });
    });
    after(() => server.close());

    const signIn = async (email: string, password: string, address: string) =>
      (await fetch(`${server.url}/staff/login`, { method: "POST", headers: { "x-forwarded-for": address }, body: new URLSearchParams({ email, password }), redirect: "manual" })).status;

    it("stops guesses at one account spread over many addresses, in any spelling of the e-mail", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push(await signIn(i % 2 ? "ANNA@amt.example " : "anna@amt.example", `guess ${i}`, `198.51.100.${i + 1}`));
      statuses.push(await signIn("anna@amt.example", PASSWORD, "198.51.100.99"));
      expect(statuses).to.deep.equal([401, 401, 401, 429, 429]);
      expect(await signIn("ben@amt.example", PASSWORD, "198.51.100.99"), "another account is not locked").to.equal(303);
    });

    it("stops one address trying many accounts, while colleagues elsewhere still sign in", async () => {
      const statuses: number[] = [];
      for (const name of ["ben", "clara", "dora", "ben", "clara", "dora"]) statuses.push(await signIn(`${name}@amt.example`, "wrong", "192.0.2.7"));
      expect(statuses).to.deep.equal([401, 401, 401, 401, 401, 429]);
      expect(await signIn("dora@amt.example", PASSWORD, "192.0.2.8")).to.equal(303);
    });
  });

  it("reads FORMPILOT_TRUST_PROXY as express reads trust proxy, and FORMPILOT_PUBLIC_URL only as an origin", () => {
    expect([undefined, "", "false", "true", "2", "loopback", "10.0.0.0/8, 127.0.0.1"].map(parseTrustProxy)).to.deep.equal([false, false, false, true, 2, "loopback", "10.0.0.0/8, 127.0.0.1"]);
    expect(parsePublicUrl("https://antrag.example.org")?.origin).to.equal("https://antrag.example.org");
    expect(parsePublicUrl(undefined)).to.equal(undefined);
    for (const bad of ["antrag.example.org", "ftp://antrag.example.org", "https://antrag.example.org/app", "https://u:p@antrag.example.org"]) expect(() => parsePublicUrl(bad), bad).to.throw(/FORMPILOT_PUBLIC_URL/);
  });
});

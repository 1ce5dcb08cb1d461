/**
 * A client's mistake is answered with a 4xx in the error shape, never a 500: JSON where the route
 * is JSON (the API, the chat's endpoints), the error page on pages.
 */
import { expect } from "chai";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { pino } from "pino";
import { startServer } from "../support/server";
import { Browser } from "../support/http";
import { addStaff } from "../../server/applications/staff-auth";
import { renderApplicationPdf } from "../../server/pdf/application-pdf";
import { createApp } from "../../server/http/app";
import type { Running } from "../../server/start";

const PASSWORD = "a password long enough";

interface Mistake {
  name: string;
  path: string;
  init?: RequestInit;
  /** Sent with the applicant's cookie, or the staff member's. */
  as?: "applicant" | "staff";
  json: boolean;
}

const form = (body: string): RequestInit => ({ method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
const json = (headers: Record<string, string>, body = "{}"): RequestInit => ({ method: "POST", headers: { "content-type": "application/json", ...headers }, body });

function mistakes(id: string, token: string): Mistake[] {
  const bearer = { authorization: `Bearer ${token}` };
  return [
    { name: "a malformed %-escape on a page", path: "/applications/%E0%A4%A", json: false },
    { name: "a malformed %-escape in the API", path: "/api/applications/%E0%A4%A", json: true },
    { name: "a malformed %-escape under /staff", path: "/staff/cases/%E0%A4%A", as: "staff", json: false },
    { name: "a malformed %-escape on the chat's endpoint", path: "/applications/%E0%A4%A/chat/messages", init: json({}), json: true },
    { name: "an unsupported charset in the API", path: `/api/applications/${id}/answers`, init: json({ ...bearer, "content-type": "application/json; charset=latin-9" }), json: true },
    { name: "an unsupported content-encoding in the API", path: `/api/applications/${id}/answers`, init: json({ ...bearer, "content-encoding": "compress-x" }), json: true },
    { name: "an unsupported charset on a page", path: `/applications/${id}/answer`, as: "applicant", init: { ...form("a=1"), headers: { "content-type": "application/x-www-form-urlencoded; charset=ebcdic-x" } }, json: false },
    { name: "an unsupported charset on the chat's endpoint", path: `/applications/${id}/chat/messages`, as: "applicant", init: json({ "content-type": "application/json; charset=latin-9" }), json: true },
    { name: "more than 1,000 form fields", path: `/applications/${id}/answer`, as: "applicant", init: form(Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join("&")), json: false },
    { name: "pointer=abc on remove", path: `/applications/${id}/remove`, as: "applicant", init: form("pointer=abc"), json: false },
    { name: "a date that does not exist on the queue", path: "/staff?from=2026-02-30", as: "staff", json: false },
    { name: "a 20-digit page on the queue", path: "/staff?page=12345678901234567890", as: "staff", json: false },
    { name: "a 20-digit page on the callback list", path: "/staff/callbacks?page=12345678901234567890", as: "staff", json: false },
  ];
}

describe("client mistakes", () => {
  let server: Running;
  let cookies: { applicant: string; staff: string };
  let created: { id: string; token: string };
  before(async () => {
    server = await startServer();
    await addStaff(server.store, new Date(), { email: "clara@amt.example", role: "caseworker", password: PASSWORD });
    const staff = new Browser(server.url);
    await staff.post("/staff/login", { email: "clara@amt.example", password: PASSWORD });
    created = await (await fetch(`${server.url}/api/forms/short-time-work/applications`, json({}))).json();
    cookies = { applicant: `fp_app_${created.id}=${created.token}`, staff: [...staff.cookies].map(([n, v]) => `${n}=${v}`).join("; ") };
  });
  after(() => server.close());

  it("answers each with a 4xx in the error shape, as JSON on JSON routes and as a page otherwise", async () => {
    for (const mistake of mistakes(created.id, created.token)) {
      const headers = new Headers(mistake.init?.headers);
      if (mistake.as) headers.set("cookie", cookies[mistake.as]);
      headers.set("accept-language", "de");
      const res = await fetch(server.url + mistake.path, { ...mistake.init, headers, redirect: "manual" });
      expect(res.status, mistake.name).to.be.within(400, 499);
      const type = res.headers.get("content-type") ?? "";
      if (mistake.json) {
        expect(type, mistake.name).to.contain("application/json");
        const { errors } = await res.json();
        expect(errors, mistake.name).to.be.an("array").that.is.not.empty;
        for (const error of errors) expect(Object.keys(error), mistake.name).to.include.members(["code", "pointer", "message"]);
      } else {
        expect(type, mistake.name).to.contain("text/html");
        expect(await res.text(), mistake.name).to.match(/<html lang="de"/);
      }
    }
  });

  it("tells the caseworker which filter is wrong, and changes nothing for the applicant who posted a bad pointer", async () => {
    const staff = { headers: { cookie: cookies.staff, "accept-language": "en" } };
    expect(await (await fetch(`${server.url}/staff?to=2026-02-30`, staff)).text()).to.contain("&quot;2026-02-30&quot; is not a date");
    const before = (await server.store.getApplication(created.id))!.revision;
    await fetch(`${server.url}/applications/${created.id}/remove`, { ...form("pointer=abc"), headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.applicant } });
    expect((await server.store.getApplication(created.id))!.revision).to.equal(before);
  });

  it("answers the chat's endpoint with JSON even when something fails on the server's side", async () => {
    const failing = createApp(
      { registry: server.registry, store: server.store, now: () => new Date(), renderPdf: renderApplicationPdf },
      { logger: pino({ level: "silent" }), secret: "test-secret", createPerMinute: 1000, interpreter: { interpret: () => Promise.reject(new Error("the interpreter is down")) } },
    );
    const listening = await new Promise<Server>((resolve) => {
      const s = failing.listen(0, () => resolve(s));
    });
    try {
      const base = `http://localhost:${(listening.address() as AddressInfo).port}`;
      const state = await (await fetch(`${base}/applications/${created.id}/chat/messages`, { headers: { cookie: cookies.applicant } })).json();
      const pointer = state.prompt.pointer as string;
      const res = await fetch(`${base}/applications/${created.id}/chat/messages`, json({ cookie: cookies.applicant, origin: base }, JSON.stringify({ turn: { kind: "text", pointer, text: "Bäckerei" } })));
      expect(res.status).to.equal(500);
      expect(res.headers.get("content-type")).to.contain("application/json");
      expect((await res.json()).errors[0].code).to.equal("internal");
    } finally {
      await new Promise((resolve) => listening.close(resolve));
    }
  });
});

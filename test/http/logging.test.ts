/**
 * Logs are structured, and never carry personal data: answers, tokens, cookies, callback requests,
 * staff e-mails, or names typed into an address or a file name.
 */
import { expect } from "chai";
import express from "express";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import { startServer } from "../support/server";
import { call } from "../support/api";
import { Browser } from "../support/http";
import { addStaff } from "../../server/applications/staff-auth";
import { errorHandler, replyJson } from "../../server/http/errors";
import { loggedPath, requestLogger } from "../../server/http/logging";

function logSink() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, logger: pino({ level: "info" }, sink) };
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

describe("logging", () => {
  it("records each request as JSON by its route, without answers, tokens, cookies, callback requests, e-mails or names in addresses", async () => {
    const { lines, logger } = logSink();
    const server = await startServer(undefined, {}, logger);
    let token = "";
    let id = "";
    try {
      const created = (await call(server.url, "POST", "/api/forms/short-time-work/applications", { body: {} })).body;
      ({ token, id } = created);
      const secretName = "Geheimbäckerei Sonnenschein";
      await call(server.url, "POST", `/api/applications/${id}/answers`, { token, body: { pointer: "/employer/name", value: secretName } });
      await call(server.url, "POST", `/api/applications/${id}/answers`, { token, body: { pointer: "/employer/companyNumber", value: "kaputt-4711" } });
      await fetch(`${server.url}/resume/${id}/${token}`, { redirect: "manual" });
      // Routing ignores case: this opens the same link, and must not put the token in the log either.
      await fetch(`${server.url}/RESUME/${id}/${token}`, { redirect: "manual" });

      // A callback request, accepted and refused.
      const asked = await call(server.url, "POST", `/api/applications/${id}/callback-requests`, {
        token,
        body: { name: "Hildegard Rückrufnehmerin", contact: "hildegard.rueckruf@example.org", message: "Bitte wegen meiner Lohnpfändung zurückrufen" },
      });
      expect(asked.status).to.equal(201);
      await call(server.url, "POST", `/api/applications/${id}/callback-requests`, { token, body: { name: "Hildegard Rückrufnehmerin", contact: "kein-kontakt-hildegard", message: "" } });

      // Staff sign-in, failed and successful.
      await addStaff(server.store, new Date(), { email: "vertraulich.sachbearbeiterin@amt.example", name: "Vera Vertraulich", role: "caseworker", password: "a long enough passphrase" });
      const staff = new Browser(server.url);
      await staff.post("/staff/login", { email: "vertraulich.sachbearbeiterin@amt.example", password: "wrong passphrase here" });
      await staff.post("/staff/login", { email: "unbekannt.person@amt.example", password: "wrong passphrase here" });
      expect((await staff.post("/staff/login", { email: "vertraulich.sachbearbeiterin@amt.example", password: "a long enough passphrase" })).status).to.equal(303);
      await staff.get("/staff/callbacks");

      // Names in addresses and file names: routed, not routed, static, with a query.
      for (const address of [
        `/applications/${id}/pdf/Lohnzettel-Hildegard-Geheim.pdf`,
        "/forms/Hildegard-Geheim-Antrag.pdf",
        "/forms/Hildegard-Geheim-Antrag/start",
        "/assets/Hildegard-Geheim.css",
        "/Hildegard%20Geheim",
        "/forms/short-time-work?name=Hildegard-Geheim",
        "/assets/app.css",
      ]) await fetch(server.url + address, { redirect: "manual" });
    } finally {
      await server.close();
    }
    const all = lines.join("\n");
    expect(lines.length).to.be.greaterThan(10);
    for (const line of lines) expect(() => JSON.parse(line)).to.not.throw();
    expect(all).to.include('"statusCode":422');
    for (const personal of ["Geheimbäckerei", "kaputt-4711", "Hildegard", "hildegard", "Rückruf", "Lohnpfändung", "vertraulich", "Vertraulich", "unbekannt.person", "amt.example", "Lohnzettel"])
      expect(all).to.not.include(personal);
    expect(all).to.not.match(/Bearer|authorization|cookie/i);
    expect(token).to.have.length(43);
    expect(all).to.not.include(token);
    const paths = lines.map((l) => JSON.parse(l)).flatMap((l) => (l.req?.path ? [l.req.path as string] : []));
    // The route and the application's id are kept, what was typed is not.
    expect(paths).to.include.members([`/resume/${id}/:token`, `/api/applications/${id}/callback-requests`, "/staff/login", "/forms/:formId", "/assets/…", "/…"]);
  });

  it("logs an unexpected error by its type, code and stack frames, not by its message", async () => {
    const { lines, logger } = logSink();
    const app = express();
    app.use(requestLogger(logger));
    app.get("/boom/:id", () => {
      throw Object.assign(new Error("could not store the callback of Hildegard Geheim, +49 171 5550123"), { code: "E_STORE" });
    });
    app.use(errorHandler(logger, replyJson));
    const listening = app.listen(0);
    await new Promise((resolve) => listening.once("listening", resolve));
    try {
      const res = await fetch(`http://localhost:${(listening.address() as AddressInfo).port}/boom/Hildegard-Geheim`);
      expect(res.status).to.equal(500);
      expect(await res.text()).to.not.include("Hildegard");
    } finally {
      await new Promise((resolve) => listening.close(resolve));
    }
    const all = lines.join("\n");
    expect(all).to.not.include("Hildegard").and.not.include("5550123");
    const failed = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "request failed");
    expect(failed).to.deep.include({ path: "/boom/:id" });
    expect(failed.err).to.include({ type: "Error", code: "E_STORE" });
    expect(failed.err.stack).to.match(/^\s+at /);
  });

  it("keeps of an address only the route's words and the ids the server generated", () => {
    const id = "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed";
    const req = (more: object) => Object.assign(Object.create(null), { url: "/whatever?x=1", ...more });
    expect(loggedPath(req({ baseUrl: "", route: { path: "/resume/:id/:token" }, params: { id, token: "SECRET" } }))).to.equal(`/resume/${id}/:token`);
    expect(loggedPath(req({ baseUrl: "/api", route: { path: "/applications/:id" }, params: { id: "Max Mustermann" } }))).to.equal("/api/applications/:id");
    expect(loggedPath(req({ baseUrl: "/assets" }))).to.equal("/assets/…");
    expect(loggedPath(req({}))).to.equal("/…");
    expect(new RegExp(UUID).test(id)).to.equal(true);
  });
});

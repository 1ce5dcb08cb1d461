import { expect } from "chai";
import path from "node:path";
import { startServer, tempDataDir } from "../support/server";
import { withDirectSql } from "../support/store";
import { Browser } from "../support/http";
import { addStaff } from "../../server/applications/staff-auth";
import type { Running } from "../../server/start";

const PASSWORD = "a password long enough";

describe("staff sign-in under repeated failures", () => {
  let server: Running;
  before(async () => {
    server = await startServer(undefined, { FORMPILOT_SIGNIN_FAILURES: "3" });
    await addStaff(server.store, new Date(), { email: "clara@amt.example", name: "Clara Weber", role: "caseworker", password: PASSWORD });
  });
  after(() => server.close());

  it("counts only failures: signing in successfully again and again is never limited", async () => {
    for (let i = 0; i < 5; i++) {
      const res = await new Browser(server.url, { language: "de" }).post("/staff/login", { email: "clara@amt.example", password: PASSWORD });
      expect([res.status, res.location], `sign-in ${i + 1}`).to.deep.equal([303, "/staff"]);
    }
  });

  it("after the allowed failures tells the client to wait, in its language, even with the right password", async () => {
    const browser = new Browser(server.url, { language: "de" });
    for (let i = 0; i < 3; i++) expect((await browser.post("/staff/login", { email: "clara@amt.example", password: "guess " + i })).status).to.equal(401);
    const blocked = await browser.post("/staff/login", { email: "clara@amt.example", password: PASSWORD });
    expect(blocked.status).to.equal(429);
    expect(blocked.$("main").text()).to.contain("Zu viele fehlgeschlagene Anmeldungen");
    expect(blocked.headers.get("retry-after") ?? blocked.headers.get("ratelimit")).to.be.a("string");
    expect(browser.cookies.size, "no session was started").to.equal(0);
  });

  it("keeps counting over a restart, with neither the e-mail nor the address in the database", async () => {
    const dataDir = await tempDataDir();
    const first = await startServer(dataDir, { FORMPILOT_SIGNIN_FAILURES: "3" });
    await addStaff(first.store, new Date(), { email: "jonas@amt.example", name: "Jonas Kim", role: "caseworker", password: PASSWORD });
    const signIn = (at: Running, password: string) => new Browser(at.url, { language: "en" }).post("/staff/login", { email: "jonas@amt.example", password });
    for (let i = 0; i < 3; i++) expect((await signIn(first, "guess " + i)).status).to.equal(401);
    await first.close();

    const restarted = await startServer(dataDir, { FORMPILOT_SIGNIN_FAILURES: "3" });
    try {
      expect((await signIn(restarted, PASSWORD)).status).to.equal(429);
    } finally {
      await restarted.close();
    }
    const stored = JSON.stringify(await withDirectSql(path.join(dataDir, "formpilot.sqlite"), (db) => db.all("SELECT * FROM rate_limits")));
    expect(stored).to.contain("sign-in-account");
    expect(stored).not.to.match(/jonas|127\.0\.0\.1|::1/);
  });
});

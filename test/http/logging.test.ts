/** Logs are structured, and never carry answers, tokens or cookies. */
import { expect } from "chai";
import { Writable } from "node:stream";
import { pino } from "pino";
import { startServer } from "../support/server";
import { call } from "../support/api";
import { safePath } from "../../server/http/logging";

describe("logging", () => {
  it("records each request as JSON without answers, tokens or cookies", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...chunk.toString().split("\n").filter(Boolean));
        done();
      },
    });
    const server = await startServer(undefined, {}, pino({ level: "info" }, sink));
    let token = "";
    try {
      const created = (await call(server.url, "POST", "/api/forms/short-time-work/applications", { body: {} })).body;
      const secretName = "Geheimbäckerei Sonnenschein";
      await call(server.url, "POST", `/api/applications/${created.id}/answers`, { token: created.token, body: { pointer: "/employer/name", value: secretName } });
      await call(server.url, "POST", `/api/applications/${created.id}/answers`, { token: created.token, body: { pointer: "/employer/companyNumber", value: "kaputt-4711" } });
      await fetch(`${server.url}/resume/${created.id}/${created.token}`, { redirect: "manual" });
      // Routing ignores case: this opens the same link, and must not put the token in the log either.
      await fetch(`${server.url}/RESUME/${created.id}/${created.token}`, { redirect: "manual" });
      token = created.token;
    } finally {
      await server.close();
    }
    const all = lines.join("\n");
    expect(lines.length).to.be.greaterThan(3);
    for (const line of lines) expect(() => JSON.parse(line)).to.not.throw();
    expect(all).to.include('"statusCode":422');
    expect(all).to.not.include("Geheimbäckerei");
    expect(all).to.not.include("kaputt-4711");
    expect(all).to.not.match(/Bearer|authorization|cookie/i);
    expect(token).to.have.length(43);
    expect(all).to.not.include(token);
    const tokens = lines.map((l) => JSON.parse(l)).filter((l) => l.req?.path?.startsWith("/resume/"));
    expect(tokens[0]?.req.path).to.match(/^\/resume\/[^/]+\/…$/);
  });

  it("masks resume tokens and drops query strings from logged paths", () => {
    expect(safePath("/resume/abc/SECRET?x=1")).to.equal("/resume/abc/…");
    expect(safePath("/Resume/abc/SECRET")).to.equal("/Resume/abc/…");
    expect(safePath("/applications/abc?pointer=/x")).to.equal("/applications/abc");
  });
});

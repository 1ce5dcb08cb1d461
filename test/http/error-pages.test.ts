/** A browser that hits a limit or a wrong address gets a page in its language, never raw JSON. */
import { expect } from "chai";
import { startServer } from "../support/server";
import { Browser } from "../support/http";
import type { Running } from "../../server/start";

describe("error pages for browsers", () => {
  let server: Running;
  before(async () => {
    server = await startServer(undefined, { FORMPILOT_CREATE_PER_MINUTE: "2" });
  });
  after(() => server.close());

  it("shows an unknown address as a not-found page in the reader's language", async () => {
    const page = await new Browser(server.url, { language: "de" }).request("GET", "/no/such/page");
    expect(page.status).to.equal(404);
    expect(page.$("html").attr("lang")).to.equal("de");
    expect(page.$("main").text()).to.match(/nicht/i);
  });

  it("shows an oversized form post as a page, and the API still answers JSON", async () => {
    const page = await new Browser(server.url, { language: "ko" }).request("POST", "/forms/short-time-work/start", { filler: "x".repeat(100_000) });
    expect(page.status).to.equal(413);
    expect(page.headers.get("content-type")).to.match(/text\/html/);
    expect(page.$("main").text()).to.include("요청이 너무 큽니다");
    const api = await fetch(`${server.url}/api/nothing`);
    expect(api.status).to.equal(404);
    expect(await api.json()).to.have.property("errors");
  });

  it("shows the limit on starting applications as a page", async () => {
    const browser = new Browser(server.url, { language: "en" });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await browser.request("POST", "/forms/short-time-work/start", {})).status);
    expect(statuses).to.deep.equal([303, 303, 429]);
    const page = await browser.request("POST", "/forms/short-time-work/start", {});
    expect(page.headers.get("content-type")).to.match(/text\/html/);
    expect(page.$("main").text()).to.include("Too many new applications");
  });
});

/**
 * A large employer: a claim with a thousand employees, posted over the API in one call, then read
 * on the pages a page of employees at a time, and submitted with its PDF.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { startServer } from "../support/server";
import { Browser, type Page } from "../support/http";
import { call } from "../support/api";
import { formsRoot } from "../../server/forms/paths";
import type { Running } from "../../server/start";

const text = (page: Page, selector: string) => page.$(selector).text().replace(/\s+/g, " ").trim();
const THOUSAND = 1000;

describe("a claim with a thousand employees", function () {
  this.timeout(120_000);
  let server: Running;
  let b: Browser;
  let id: string;
  let claim: (count: number) => Record<string, unknown>;

  before(async () => {
    server = await startServer();
    b = new Browser(server.url, { language: "de" });
    const started = await b.follow(await b.post("/forms/short-time-work/start"));
    id = /^\/applications\/([^/?]+)/.exec(started.path)![1]!;
    const { answers } = JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples/unavoidable-event-every-branch.json"), "utf8"));
    const template = answers.employees[0];
    // Names and pay vary, as a payroll export's would.
    claim = (count: number) => ({
      ...answers,
      workforce: { totalEmployees: 1200, affectedEmployees: count },
      employees: Array.from({ length: count }, (_, i) => ({ ...template, name: `Beschäftigte Nr. ${i + 1}`, grossTarget: 2500 + (i % 40) * 50 })),
    });
    // One short of the limit, so that the pages still ask whether to add another.
    const res = await call(server.url, "POST", `/api/applications/${id}/answers`, { token: b.cookies.get(`fp_app_${id}`), body: { answers: claim(THOUSAND - 1) } });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).to.equal(200);
  });
  after(() => server.close());

  it("takes all thousand in one API call and estimates each of them; one more is refused", async () => {
    const created = await call(server.url, "POST", "/api/forms/short-time-work/applications", { body: { language: "en" } });
    const token = (created.body as { token: string }).token;
    const other = (created.body as { id: string }).id;
    const tooMany = await call(server.url, "POST", `/api/applications/${other}/answers`, { token, body: { answers: claim(THOUSAND + 1) } });
    expect(tooMany.status).to.equal(422);
    expect((tooMany.body as { errors: { pointer: string; message: string }[] }).errors[0]).to.include({ pointer: "/employees" });
    const res = await call(server.url, "POST", `/api/applications/${other}/answers`, { token, body: { answers: claim(THOUSAND) } });
    expect(res.status).to.equal(200);
    const values = (res.body as { derived: { values: { pointer: string; value: unknown }[] } }).derived.values;
    const allowances = values.filter((v) => /^\/employees\/\d+\/allowance$/.test(v.pointer));
    expect(allowances).to.have.length(THOUSAND);
    expect(allowances.every((v) => typeof v.value === "number" && v.value > 0)).to.equal(true);
  });

  it("lists the employees fifty to a page on the add-another page, with a way to every page", async () => {
    const first = await b.get(`/applications/${id}`);
    expect(first.$('form[action$="/answer"] input[name="pointer"]').val()).to.equal("/employees");
    expect(first.$(".items__item")).to.have.length(50);
    expect(text(first, ".paging__range")).to.equal("1–50 von 999");
    expect(first.$('.paging a[rel="prev"]')).to.have.length(0);
    const next = await b.get(first.$('.paging a[rel="next"]').attr("href")!);
    expect(text(next, ".items__item:first-child .items__title")).to.include("Beschäftigte Nr. 51");
    const last = await b.get(`/applications/${id}?page=20`);
    expect(text(last, ".paging__range")).to.equal("951–999 von 999");
    expect(text(last, ".items__item:last-child .items__title")).to.include("Beschäftigte Nr. 999");
    expect(last.$('.paging a[rel="next"]')).to.have.length(0);
    // Removing from a later page removes that employee, not the one at the same place on page 1.
    expect(last.$('.items__item:last-child input[name="pointer"]').val()).to.equal("/employees/998");
    // A mistyped or made-up page number opens the first page, one past the end the last: never an error.
    for (const [page, range] of [["0", "1–50"], ["abc", "1–50"], ["99999999999999999999", "1–50"], ["1.5", "1–50"], ["21", "951–999"]]) {
      const shown = await b.get(`/applications/${id}?page=${page}`);
      expect(shown.status, page).to.equal(200);
      expect(text(shown, ".paging__range"), page).to.equal(`${range} von 999`);
    }
  });

  it("checks the answers a page of employees at a time, then submits", async () => {
    const add = await b.get(`/applications/${id}`);
    const whole = await b.follow(await b.submit(add, 'form[action$="/answer"]', { value: "false" }));
    // Every one of the 999 listed loses more than 10 %, as many as declared: the count and the list agree.
    const review = await b.follow(await b.submit(whole, 'form[action$="/answer"]', { value: "true" }));
    expect(review.$('main [role="alert"]')).to.have.length(0);
    expect(text(review, "h1")).to.equal("Prüfen Sie Ihre Antworten, bevor Sie den Antrag einreichen");
    const employeeHeadings = review.$("h2").filter((_, h) => review.$(h).text().includes("Beschäftigte Nr."));
    expect(employeeHeadings).to.have.length(50);
    expect(text(review, ".paging__range").startsWith("1–50 von 999")).to.equal(true);
    const page3 = await b.get(`/applications/${id}?page=3`);
    expect(page3.$("h2").filter((_, h) => page3.$(h).text().includes("Beschäftigte Nr. 101")).length).to.equal(1);
    // The employer's answers stay on every page of the review.
    expect(text(page3, "main")).to.include("Landgasthof Ahrblick GmbH & Co. KG");
    const submitted = await b.submit(review, 'form[action$="/submit"]', { declaration: "yes" });
    expect(submitted.status).to.equal(303);
  });
});

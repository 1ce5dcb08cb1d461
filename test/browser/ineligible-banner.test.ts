/**
 * A claim that fails an eligibility rule, seen on a phone in a real browser: the applicant must
 * read that nothing is payable before scrolling, not in the estimate at the foot of the page.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { call } from "../support/api";
import { PHONE, clickAndWait, cookieValue, expectNoAxeViolations, launchBrowserOrSkip, newContext, openPage, type Browser } from "../support/browser";
import { startServer } from "../support/server";
import { formsRoot } from "../../server/forms/paths";
import type { Running } from "../../server/start";

describe("a rule not met, on a phone", function () {
  this.timeout(120_000);
  let browser: Browser;
  let server: Running;

  before(async function () {
    browser = await launchBrowserOrSkip(this);
    server = await startServer();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the banner above the fold, before the question, and the amounts as not payable", async () => {
    const context = await newContext(browser, server.url, { viewport: PHONE });
    const page = await openPage(context, "/forms/short-time-work");
    await clickAndWait(page, 'form[action="/forms/short-time-work/start"] button');
    const id = /\/applications\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    const token = await cookieValue(context, `fp_app_${id}`);
    const { answers } = JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples/ineligible-too-few-affected.json"), "utf8"));
    const res = await call(server.url, "POST", `/api/applications/${id}/answers`, { token, body: { answers } });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);

    await page.goto(`/applications/${id}`);
    const banner = page.locator('main [role="alert"]');
    expect(await banner.innerText()).to.include("Not payable as things stand").and.include("at least 1/3 of the employees");
    const box = (await banner.boundingBox())!;
    expect(box.y + box.height, "the banner's bottom edge, in pixels from the top").to.be.below(PHONE.height);
    const question = (await page.locator("main form").first().boundingBox())!;
    expect(box.y, "the banner comes before the question").to.be.below(question.y);
    expect(await page.locator(".estimate dd").first().innerText()).to.include("not payable while the requirements above are not met");
    await expectNoAxeViolations(page, "a page with a rule not met");
    await context.close();
  });
});

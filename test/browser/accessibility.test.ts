/**
 * Every kind of applicant page in a real browser, in each language the applicant can choose, checked
 * with axe-core against WCAG 2.2 AA, and on a phone for sideways scrolling. Every page's footer
 * links the privacy notice, the imprint and the accessibility statement, which pass the same checks.
 * The applicant switches the language with the header's links and walks short-time-work by typing
 * and clicking; only the long middle of the form is answered over the JSON API, with the token from
 * the browser's cookie.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { call } from "../support/api";
import {
  PHONE, clickAndWait, cookieValue, describeViolations, axeViolations, expectNoAxeViolations, focusWithoutIndicator, launchBrowserOrSkip, newContext, openPage,
  type Browser, type BrowserContext, type Page,
} from "../support/browser";
import { startServer } from "../support/server";
import { formsRoot } from "../../server/forms/paths";
import type { Language } from "../../server/i18n/languages";
import type { Running } from "../../server/start";

const LANGUAGES: Language[] = ["ko", "de", "en"];

const CONTINUE = 'form[action$="/answer"] button[type=submit]';
const pointerOf = (page: Page) => page.inputValue('form[action$="/answer"] input[name="pointer"]');

describe("the applicant pages in a browser (WCAG 2.2 AA)", function () {
  this.timeout(180_000);
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

  for (const lang of LANGUAGES) {
    it(`has no violations on any page kind, and no sideways scrolling on a phone, in ${lang}`, async () => {
      const context = await newContext(browser, server.url);
      const failures: string[] = [];
      /** Collects what is wrong on each page, so that one run names every page to fix. */
      const footerLinks = new Set<string>();
      const check = async (page: Page, label: string) => {
        expect(await page.getAttribute("html", "lang"), `lang of ${label}`).to.equal(lang);
        const links = await page.locator("footer .footer__links a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
        if (!/^\/privacy(\/short-time-work)?$/.test(links[0] ?? "") || links[1] !== "/imprint" || links[2] !== "/accessibility") {
          failures.push(`${label} (${page.url()}): the footer links ${JSON.stringify(links)}, not the privacy notice, the imprint and the accessibility statement`);
        }
        for (const href of links) footerLinks.add(href);
        const violations = await axeViolations(page);
        if (violations.length) failures.push(`${label} (${page.url()}):\n${describeViolations(violations)}`);
        const unmarked = await focusWithoutIndicator(page);
        if (unmarked.length) failures.push(`${label} (${page.url()}): no visible keyboard focus on\n  ${unmarked.join("\n  ")}`);
      };
      const onPhone = async (page: Page, label: string) => {
        await page.setViewportSize(PHONE);
        await check(page, `${label} on a phone`);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
        if (scrollWidth > clientWidth) failures.push(`${label} scrolls sideways on a phone: ${scrollWidth}px content in ${clientWidth}px`);
        await page.setViewportSize({ width: 1280, height: 900 });
      };
      try {
        await walk(context, lang, check, onPhone);
        // Where the footers lead: every one a page in the applicant's language that passes the same checks.
        expect([...footerLinks].sort()).to.deep.equal(["/accessibility", "/imprint", "/privacy", "/privacy/short-time-work"]);
        const page = await context.newPage();
        for (const href of footerLinks) {
          expect((await page.goto(href))?.status(), href).to.equal(200);
          expect(await page.locator("main h1").textContent(), `the heading of ${href}`).to.not.equal("");
          await check(page, `the page ${href}`);
          await onPhone(page, `the page ${href}`);
        }
      } finally {
        await context.close();
      }
      expect(failures, failures.join("\n\n")).to.deep.equal([]);
    });
  }

  it("says on a phone, above the fold and before the question, that a claim failing a rule is not payable", async () => {
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

  async function walk(context: BrowserContext, lang: Language, check: (page: Page, label: string) => Promise<void>, onPhone: (page: Page, label: string) => Promise<void>): Promise<void> {
    const page = await openPage(context, "/");
    if (lang !== "en") await clickAndWait(page, `.languages button[lang="${lang}"]`);
    await check(page, "the home page");

    await clickAndWait(page, 'main a[href="/forms/short-time-work"]');
    await check(page, "the start page");

    await clickAndWait(page, 'form[action="/forms/short-time-work/start"] button');
    const id = /\/applications\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    expect(await pointerOf(page)).to.equal("/employer/name");
    await check(page, "a text question");
    await onPhone(page, "a text question");

    const answer = async (pointer: string, fill: () => Promise<void>) => {
      expect(await pointerOf(page), "the question asked").to.equal(pointer);
      await fill();
      await clickAndWait(page, CONTINUE);
    };
    const type = (value: string) => () => page.fill("#value", value);
    const choose = (value: string) => () => page.check(`input[name=value][value="${value}"]`);
    await answer("/employer/name", type("Landgasthof Ahrblick GmbH & Co. KG"));
    await answer("/employer/companyNumber", type("87654321"));
    await answer("/employer/address/street", type("Am Ahrufer 3"));
    await answer("/employer/address/postcode", type("53474"));
    await answer("/employer/address/city", type("Bad Neuenahr-Ahrweiler"));
    await answer("/employer/employmentAgency", type("Agentur für Arbeit Koblenz-Mayen"));
    await answer("/employer/contactPerson", type("Heike Brandt"));
    await answer("/employer/phone", type("02641 12345"));
    await answer("/employer/iban", type("DE02120300000000202051"));

    expect(await pointerOf(page)).to.equal("/employer/sector");
    await check(page, "a select question");
    await onPhone(page, "a select question");
    await answer("/employer/sector", () => page.selectOption("#value", "trade").then(() => undefined));

    expect(await pointerOf(page)).to.equal("/employer/hasWorksCouncil");
    await check(page, "a yes/no question");
    await answer("/employer/hasWorksCouncil", choose("false"));
    await answer("/employer/payrollOffice", type(""));

    expect(await pointerOf(page)).to.equal("/workforce/totalEmployees");
    await check(page, "a number question with its unit");
    await onPhone(page, "a number question with its unit");
    await page.fill("#value", "twenty");
    await clickAndWait(page, CONTINUE);
    expect(await page.isVisible(".error-summary a[href='#value']"), "the error summary").to.equal(true);
    expect(await page.evaluate(() => document.activeElement?.className), "where the focus is after an error").to.equal("error-summary");
    await check(page, "a question with an error summary");
    await onPhone(page, "a question with an error summary");
    await answer("/workforce/totalEmployees", type("20"));
    await answer("/workforce/affectedEmployees", type("9"));

    expect(await pointerOf(page)).to.equal("/lossOfWork/cause");
    await check(page, "a radios question");
    await answer("/lossOfWork/cause", choose("economic"));
    await answer("/lossOfWork/economicReason", choose("lackOfOrders"));
    expect(await pointerOf(page)).to.equal("/lossOfWork/explanation");
    await check(page, "a long text question");

    // The rest of the form over the API, with the token the browser holds.
    const token = await cookieValue(context, `fp_app_${id}`);
    const { answers } = JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples/unavoidable-event-every-branch.json"), "utf8"));
    const res = await call(server.url, "POST", `/api/applications/${id}/answers`, { token, body: { answers } });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);

    await page.goto(`/applications/${id}`);
    expect(await pointerOf(page)).to.equal("/employees");
    expect(await page.locator(".items__item").count(), "the employees added").to.be.greaterThan(1);
    await check(page, "the add-another page of a repeatable group");
    await onPhone(page, "the add-another page of a repeatable group");
    // The list import: the upload page, and the preview of a list with a problem (nothing stored).
    await clickAndWait(page, 'main a[href*="/import?"]');
    await check(page, "the list import's upload page");
    await page.setInputFiles("#file", { name: "list.csv", mimeType: "text/csv", buffer: Buffer.from("name,insuranceNumber,employmentType\r\nAnna Beispiel,12150385W012,minijob\r\nBen Muster,nope,minijob\r\n") });
    await clickAndWait(page, 'main form[enctype="multipart/form-data"] button');
    await check(page, "the list import's preview with problems");
    await onPhone(page, "the list import's preview with problems");
    await page.goto(`/applications/${id}`);
    await answer("/employees", choose("false"));
    // "The list is whole": 9 declared affected against 3 listed with a loss (and a minijobber) puts the banner on the review.
    await answer("/employeesListComplete", choose("true"));
    expect(await page.locator('main [role="alert"]').count(), "the count and the list disagree").to.equal(1);
    expect(await page.locator("#declaration").count(), "the review asks for the declaration").to.equal(1);
    await check(page, "the check-your-answers page");
    await onPhone(page, "the check-your-answers page");

    // Questions reached with Change from the review; Continue returns to it.
    for (const [pointer, label] of [["/period/start", "a date question"], ["/employees/0/name", "a question about one item of a group"], ["/employees/0/grossTarget", "a money question in a group item"]] as const) {
      await page.goto(`/applications/${id}/change?pointer=${encodeURIComponent(pointer)}`);
      if (pointer === "/period/start") await check(page, "the page asking before a change");
      await clickAndWait(page, "main form button");
      expect(await pointerOf(page)).to.equal(pointer);
      await check(page, label);
      await onPhone(page, label);
      await answer(pointer, async () => undefined);
      await page.goto(`/applications/${id}`);
    }

    await clickAndWait(page, 'main a[href$="/save"]');
    await check(page, "the save-and-resume page");
    await page.fill("#email", "not an address");
    await clickAndWait(page, 'form[action$="/save"] button');
    await check(page, "the save-and-resume page with an error");
    await onPhone(page, "the save-and-resume page with an error");
    await page.goto((await page.locator(".resume-link a").getAttribute("href"))!);
    await check(page, "the resume link's confirmation");
    await onPhone(page, "the resume link's confirmation");
    await clickAndWait(page, "main form button");

    await page.goto(`/applications/${id}/callback`);
    await check(page, "the callback request page");
    await page.fill("#contact", "no number");
    await clickAndWait(page, 'form[action$="/callback"] button');
    await check(page, "the callback request page with errors");
    await onPhone(page, "the callback request page with errors");
    await page.fill("#name", "Heike Brandt");
    await page.fill("#contact", "02641 12345");
    await clickAndWait(page, 'form[action$="/callback"] button');
    await check(page, "the callback request received, with the list of requests");

    await page.goto(`/applications/${id}`);
    await page.check("#declaration");
    await clickAndWait(page, 'form[action$="/submit"] button');
    expect(page.url()).to.match(/\/confirmation$/);
    await check(page, "the confirmation page");
    await onPhone(page, "the confirmation page");

    await clickAndWait(page, 'main a[href$="/status"]');
    await check(page, "the status page");
    await onPhone(page, "the status page");

    expect((await page.goto("/forms/no-such-form"))?.status()).to.equal(404);
    await check(page, "the not-found page");
  }
});

/**
 * The footer's notices from the pages the applicant walk does not reach: the chat, with its own link
 * to the privacy notice, and the staff pages; and the notices themselves with JavaScript off, where
 * the start page still says what is collected and why before the first question.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { addStaff } from "../../server/applications/staff-auth";
import { formsRoot } from "../../server/forms/paths";
import type { Running } from "../../server/start";
import { call, walkOverApi } from "../support/api";
import { clickAndWait, expectNoAxeViolations, launchBrowserOrSkip, newContext, openPage, type Browser, type Page } from "../support/browser";
import { startServer } from "../support/server";

const footerLinks = (page: Page) => page.locator("footer .footer__links a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));

describe("the notices in a browser", function () {
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

  it("links the form's privacy notice from the chat, in its footer and beside the conversation, and the link leads to the notice", async () => {
    const context = await newContext(browser, server.url, { locale: "de-DE" });
    try {
      const page = await openPage(context, "/forms/employment-retention-kr/chat");
      await clickAndWait(page, 'form[action$="/chat/start"] button');
      expect(page.url()).to.match(/\/applications\/[0-9a-f-]{36}\/chat$/);
      await page.waitForSelector("#chat-composer:not([hidden])");
      expect(await footerLinks(page)).to.deep.equal(["/privacy/employment-retention-kr", "/imprint", "/accessibility"]);
      await clickAndWait(page, 'main .chat__tools a[href="/privacy/employment-retention-kr"]');
      expect(await page.locator("main h1").textContent()).to.match(/^Datenschutzhinweise: /);
      expect(await page.locator("main").textContent()).to.include("Art. 15 Abs. 1 Nr. 2 und 3");
      await expectNoAxeViolations(page, "the privacy notice opened from the chat");
    } finally {
      await context.close();
    }
  });

  it("gives every staff page the same footer, and its links lead to pages that render", async () => {
    const password = "a long staff password 2026";
    const added = await addStaff(server.store, new Date(), { email: "erika@amt.example", name: "Erika Muster", role: "caseworker", password });
    const admin = await addStaff(server.store, new Date(), { email: "ada@amt.example", name: "Ada Admin", role: "admin", password });
    if (!added.ok || !admin.ok) throw new Error("staff not added");
    // A submitted application, for its case page.
    const created = (await call(server.url, "POST", "/api/forms/short-time-work/applications", { body: { language: "en" } })).body;
    const { answers } = JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples/economic-eligible.json"), "utf8"));
    await walkOverApi(server.url, created.id, created.token, answers);
    expect((await call(server.url, "POST", `/api/applications/${created.id}/submit`, { token: created.token, body: { declaration: true } })).status).to.equal(200);

    const seen: string[] = [];
    for (const [email, paths] of [["erika@amt.example", ["/staff", "/staff/callbacks", `/staff/cases/${created.id}`]], ["ada@amt.example", ["/staff/users"]]] as const) {
      const context = await newContext(browser, server.url);
      try {
        const page = await openPage(context, "/staff/login");
        expect(await footerLinks(page), "the sign-in page").to.deep.equal(["/privacy", "/imprint", "/accessibility"]);
        await page.fill("#email", email);
        await page.fill("#password", password);
        await clickAndWait(page, 'form[action="/staff/login"] button');
        for (const at of paths) {
          expect((await page.goto(at))?.status(), at).to.equal(200);
          expect(await footerLinks(page), at).to.deep.equal(["/privacy", "/imprint", "/accessibility"]);
          seen.push(at);
        }
        for (const link of ["/privacy", "/imprint", "/accessibility"]) {
          await page.goto(paths[0]);
          await clickAndWait(page, `footer a[href="${link}"]`);
          expect(new URL(page.url()).pathname).to.equal(link);
          expect(await page.locator("main h1").textContent(), link).to.not.equal("");
        }
      } finally {
        await context.close();
      }
    }
    expect(seen).to.have.length(4);
  });

  it("works with JavaScript off: the start page's summary, and the notice, imprint and statement it leads to", async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: "ko-KR", javaScriptEnabled: false });
    try {
      const page = await openPage(context, "/forms/employment-retention-kr");
      const notice = JSON.parse(await readFile(path.join(formsRoot, "employment-retention-kr/privacy/ko.json"), "utf8"));
      expect(await page.locator(".privacy-summary").textContent()).to.include(notice.summary.collected);
      await clickAndWait(page, '.privacy-summary a[href="/privacy/employment-retention-kr"]');
      expect(await page.locator("main").textContent()).to.include(notice.rights.complaint);
      for (const link of ["/imprint", "/accessibility"]) {
        await clickAndWait(page, `footer a[href="${link}"]`);
        expect(await page.getAttribute("html", "lang")).to.equal("ko");
        expect(await page.locator("[data-demo]").textContent(), "the demo's examples say so").to.include("시연용 예시");
      }
    } finally {
      await context.close();
    }
  });
});

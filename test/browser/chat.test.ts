/**
 * The chat assistant in a real browser, as an applicant uses it: typing answers and tapping quick
 * replies, changing an earlier answer, asking a help question, submitting and downloading the PDF;
 * and the chat checked with axe-core against WCAG 2.2 AA in each language, on a phone too.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  clickAndWait, PHONE, expectNoAxeViolations, expectNoHorizontalScroll, focusWithoutIndicator, launchBrowserOrSkip, newContext, openPage,
  type Browser, type BrowserContext, type Page,
} from "../support/browser";
import { startServer } from "../support/server";
import { pdfText } from "../support/pdf-text";
import { formsRoot } from "../../server/forms/paths";
import type { Form } from "../../server/engine/form";
import { getAt, parsePointer, templateOf } from "../../server/engine/pointer";
import { displayValue } from "../../server/engine/kinds/asked";
import type { Language } from "../../server/i18n/languages";
import { t } from "../../server/i18n/translate";
import type { Running } from "../../server/start";

const pointerNow = (page: Page) => page.getAttribute("#chat-composer", "data-pointer");

/** Does something that sends a turn, and waits until the chat has shown the reply. */
async function turn(page: Page, action: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForResponse((r) => r.url().includes("/chat/messages") && r.request().method() === "POST"), action()]);
  await page.waitForFunction(() => !document.getElementById("chat")!.hasAttribute("aria-busy"));
}

const tap = (page: Page, label: string) => turn(page, () => page.locator("#chat-replies button", { hasText: label }).first().click());

async function type(page: Page, text: string): Promise<void> {
  await page.fill("#chat-input", text);
  await turn(page, () => page.press("#chat-input", "Enter"));
}

/** What a hurried applicant sends for a question: typed texts, and quick replies tapped by their label. */
type Script = Record<string, ({ type: string } | { tap: string })[]>;

/**
 * Number and date answers typed as an English speaker would; everything with choices tapped;
 * a question in `script` answered as the script says, and confirmed if the chat reads it back.
 */
async function answerByChat(page: Page, form: Form, answers: Record<string, unknown>, lang: Language, script: Script = {}): Promise<number> {
  let typedCount = 0;
  for (let i = 0; i < 300; i++) {
    const pointer = await pointerNow(page);
    if (!pointer) return typedCount;
    const node = form.nodes.get(templateOf(pointer));
    const given = getAt(answers, parsePointer(pointer));
    const steps = script[pointer];
    const errorsBefore = await page.locator(".chat__message--error").count();
    if (steps) {
      delete script[pointer];
      for (const step of steps) await ("type" in step ? type(page, step.type) : tap(page, step.tap));
      if (await pointerNow(page) === pointer) await tap(page, t(lang, "chat.confirm_yes"));
    } else if (node?.kind === "group") {
      const items = await page.locator(`[data-id^="a:${pointer}/"][data-id$="/name"]`).count();
      await tap(page, t(lang, Array.isArray(given) && given.length > items ? "answer.yes" : "answer.no"));
    } else if (given === undefined) {
      await tap(page, t(lang, "chat.skip"));
    } else if (node?.kind === "question" && (node.choices || node.valueType === "boolean")) {
      await tap(page, displayValue(form, lang, node, given));
    } else {
      const text = typeof given === "number" ? given.toLocaleString("en-GB") : node?.kind === "question" && node.answerKind === "date" ? new Date(`${given}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }) : String(given);
      await type(page, text);
      typedCount++;
      const confirm = page.locator("#chat-replies button", { hasText: t(lang, "chat.confirm_yes") });
      if (await confirm.count()) await tap(page, t(lang, "chat.confirm_yes"));
    }
    // A scripted answer may be asked back on purpose ("3.200 €": 3,200 or 3.20?); the transcript keeps what was said.
    const errors = (await page.locator(".chat__message--error").allInnerTexts()).slice(errorsBefore);
    if (!steps) expect(errors, `answering ${pointer}`).to.deep.equal([]);
  }
  throw new Error("the chat did not come to an end");
}

describe("the chat assistant in a browser", function () {
  this.timeout(180_000);
  let browser: Browser;
  let server: Running;
  let form: Form;
  let answers: Record<string, unknown>;

  before(async function () {
    browser = await launchBrowserOrSkip(this);
    server = await startServer();
    form = server.registry.get("short-time-work")!;
    answers = JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples/economic-eligible.json"), "utf8")).answers;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function startChat(context: BrowserContext): Promise<Page> {
    const page = await openPage(context, "/forms/short-time-work");
    await page.click("[data-chat-link] a");
    await page.click("text=Let's go!");
    await page.waitForSelector("#chat-input:visible");
    return page;
  }

  it("completes short-time-work by typing, changes an answer, answers a help question, submits and gives the PDF", async () => {
    const context = await newContext(browser, server.url, { viewport: PHONE });
    const page = await startChat(context);
    expect(await page.evaluate(() => document.activeElement?.id), "the answer box has the focus").to.equal("chat-input");

    await type(page, "What is short-time work?");
    expect(await page.locator(".chat__source").last().innerText()).to.match(/^Source: “.+”$/);
    expect(await pointerNow(page), "the question is still open after a help answer").to.equal("/employer/name");

    expect(await answerByChat(page, form, answers, "en")).to.be.greaterThan(10);
    expect(await page.locator("[data-id=review] dt").count()).to.be.greaterThan(20);
    await expectNoAxeViolations(page, "the chat's check-your-answers on a phone");

    // Change the cause of the loss of work: its follow-up question goes, the other branch's comes.
    await turn(page, () => page.locator('[data-id="a:/lossOfWork/cause"] .chat__change').click());
    expect(await pointerNow(page)).to.equal("/lossOfWork/cause");
    expect(await page.locator("[data-id=review]").count(), "the conversation goes back to the changed question").to.equal(0);
    await tap(page, displayValue(form, "en", form.nodes.get("/lossOfWork/cause")!, "unavoidableEvent"));
    expect(await page.locator('[data-id="q:/lossOfWork/economicReason"]').count()).to.equal(0);
    const next = await pointerNow(page);
    expect(next).to.match(/^\/lossOfWork\//);
    expect(next).to.not.equal("/lossOfWork/economicReason");
    const unavoidable = { cause: "unavoidableEvent", eventType: "weather", eventDate: "2021-01-02", explanation: "Das Lager stand unter Wasser." };
    await answerByChat(page, form, { ...answers, lossOfWork: unavoidable }, "en");

    await tap(page, "I confirm – send my application");
    const submitted = page.locator("[data-id=submitted]");
    const reference = /[A-Z]+-\d{4}-\d+/.exec(await submitted.innerText())?.[0];
    expect(reference).to.be.a("string");
    const pdfHref = await submitted.locator("a").first().getAttribute("href");
    const pdf = await context.request.get(pdfHref!);
    expect(pdf.headers()["content-type"]).to.equal("application/pdf");
    expect(await pdfText(await pdf.body())).to.contain(reference!);
    await context.close();
  });

  it("completes short-time-work for a hurried applicant who types as people do", async () => {
    const context = await newContext(browser, server.url, { viewport: PHONE });
    const page = await startChat(context);
    const script: Script = {
      "/workforce/totalEmployees": [{ type: "about 15" }, { type: "no" }, { type: "about 12" }, { type: "yes" }],
      "/period/claimMonth": [{ type: "März 2025" }],
      "/period/start": [{ type: "ab 1. März" }],
      "/period/expectedEnd": [{ type: "end of august" }],
      "/employees/0/grossTarget": [{ type: "3.200 €" }, { tap: "€3,200.00" }],
      "/employer/payrollOffice": [{ type: "none" }],
    };
    await answerByChat(page, form, answers, "en", script);
    expect(Object.keys(script), "every scripted question was asked").to.deep.equal([]);
    // The text after the "You:" that screen readers hear first.
    const review = async (pointer: string) => (await page.locator(`[data-id="a:${pointer}"] .chat__text`).innerText()).split("\n").at(-1);
    expect(await review("/workforce/totalEmployees")).to.equal("12 persons");
    expect(await review("/period/claimMonth")).to.equal("March 2025");
    expect(await review("/period/start")).to.equal("1 March 2025");
    expect(await review("/period/expectedEnd")).to.equal("31 August 2025");
    expect(await review("/employees/0/grossTarget")).to.equal("€3,200.00");
    expect(await review("/employer/payrollOffice")).to.equal(t("en", "chat.skipped"));
    await tap(page, "I confirm – send my application");
    expect(await page.locator("[data-id=submitted]").innerText()).to.match(/[A-Z]+-\d{4}-\d+/);
    await context.close();
  });

  for (const lang of ["ko", "de", "en"] as Language[]) {
    it(`has no accessibility violations in ${lang}: greeting, conversation with a retry message, callback form, keyboard focus, on a phone too`, async () => {
      const context = await newContext(browser, server.url);
      const welcome = await openPage(context, `/language/${lang}?return=/forms/short-time-work/chat`);
      await clickAndWait(welcome, "main form button");
      await expectNoAxeViolations(welcome, `the chat's greeting in ${lang}`);
      await welcome.click('form[action$="/chat/start"] button');
      await welcome.waitForSelector("#chat-input:visible");
      await type(welcome, "Brandt");
      await type(welcome, "??? !!!");
      await expectNoAxeViolations(welcome, `the conversation with a retry message in ${lang}`);
      expect(await focusWithoutIndicator(welcome), "controls without a visible focus").to.deep.equal([]);
      await welcome.click("#chat-person");
      await welcome.click("#chat-callback button[type=submit]");
      await welcome.waitForSelector("#callback-name-error:visible");
      await expectNoAxeViolations(welcome, `the callback form with errors in ${lang}`);
      await welcome.setViewportSize(PHONE);
      await expectNoAxeViolations(welcome, `the chat on a phone in ${lang}`);
      await expectNoHorizontalScroll(welcome, `the chat on a phone in ${lang}`);
      await context.close();
    });
  }
});

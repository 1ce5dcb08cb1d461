/**
 * The applicant pages end to end, as a browser without JavaScript uses them: a real server and
 * SQLite file, forms posted and redirects followed by hand, every page read back as HTML.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { startServer, tempDataDir } from "../support/server";
import { Browser, type FormData, type Page } from "../support/http";
import { call } from "../support/api";
import { pdfText } from "../support/pdf-text";
import { formsRoot } from "../../server/forms/paths";
import type { Running } from "../../server/start";

/** Every page: the CSP header, and nothing inline it would block. */
function expectNoInlineCode(page: Page): void {
  if (!page.html) return;
  expect(page.headers.get("content-security-policy"), page.path).to.include("script-src 'self'").and.include("style-src 'self'");
  expect(page.$("script:not([src])").length, `inline script on ${page.path}`).to.equal(0);
  expect(page.$("style").length, `style element on ${page.path}`).to.equal(0);
  expect(page.$("[style]").length, `style attribute on ${page.path}`).to.equal(0);
}

const pointerOf = (page: Page) => page.$('form[action$="/answer"] input[name="pointer"]').val();
const text = (page: Page, selector: string) => page.$(selector).text().replace(/\s+/g, " ").trim();
const idOf = (page: Page) => /^\/applications\/([^/?]+)/.exec(page.path)![1]!;

/** Answers the question on `page`, which must be `pointer`, and follows to the next step. */
async function answer(browser: Browser, page: Page, pointer: string, value: string | string[]): Promise<Page> {
  expect(pointerOf(page), `the page asks ${pointer}`).to.equal(pointer);
  const posted = await browser.post(page.$('form[action$="/answer"]').attr("action")!, { pointer, value });
  expect(posted.status, `answering ${pointer}: ${text(posted, ".error-summary")}`).to.equal(303);
  return browser.follow(posted);
}

async function answerAll(browser: Browser, page: Page, answers: [string, string][]): Promise<Page> {
  for (const [pointer, value] of answers) page = await answer(browser, page, pointer, value);
  return page;
}

const employer: [string, string][] = [
  ["/employer/name", "Landgasthof Ahrblick GmbH & Co. KG"],
  ["/employer/companyNumber", "87654321"],
  ["/employer/address/street", "Am Ahrufer 3"],
  ["/employer/address/postcode", "53474"],
  ["/employer/address/city", "Bad Neuenahr-Ahrweiler"],
  ["/employer/employmentAgency", "Agentur für Arbeit Koblenz-Mayen"],
  ["/employer/contactPerson", "Heike Brandt"],
  ["/employer/phone", "02641 12345"],
  ["/employer/iban", "DE02120300000000202051"],
];

const example = async (name: string) => JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples", name), "utf8"));

describe("the applicant pages", () => {
  let server: Running;
  const browser = (language = "en") => new Browser(server.url, { language, onPage: expectNoInlineCode });

  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  /** Starts short-time-work from its start page and returns the first question. */
  async function start(b: Browser): Promise<Page> {
    const started = await b.post("/forms/short-time-work/start");
    expect(started.status).to.equal(303);
    expect(started.location).to.match(/^\/applications\/[0-9a-f-]{36}$/);
    return b.follow(started);
  }

  /** An application filled in over the JSON API with the bearer token the page cookie holds, up to its review page. */
  async function filledIn(b: Browser): Promise<Page> {
    const id = idOf(await start(b));
    const { answers } = await example("unavoidable-event-every-branch.json");
    const res = await call(server.url, "POST", `/api/applications/${id}/answers`, { token: b.cookies.get(`fp_app_${id}`), body: { answers } });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return answer(b, await answer(b, await b.get(`/applications/${id}`), "/employees", "false"), "/employeesListComplete", "false");
  }

  it("lists the forms and shows a start page with what to have at hand", async () => {
    const b = browser();
    const home = await b.get("/");
    expect(home.status).to.equal(200);
    const link = home.$('a[href="/forms/short-time-work"]');
    expect(link.text()).to.include("Short-time work allowance");
    const startPage = await b.get("/forms/short-time-work");
    expect(startPage.status).to.equal(200);
    expect(text(startPage, "main")).to.include("company number (Betriebsnummer").and.include("about 15 minutes").and.include("Federal Employment Agency");
    expect(startPage.$('form[action="/forms/short-time-work/start"][method="post"] button').text()).to.equal("Start now");
    expect((await b.get("/forms/no-such-form")).status).to.equal(404);
  });

  it("walks short-time-work through every branch, submits it and serves the PDF with the answers and the estimate", async () => {
    const b = browser();
    let page = await start(b);
    const id = idOf(page);
    expect(page.$("html").attr("lang")).to.equal("en");
    expect(page.$("h1 label[for=value]").text()).to.equal("What is the name of your establishment?");
    expect(text(page, ".progress")).to.match(/^Question 1 of about \d+$/);

    page = await answerAll(b, page, employer.slice(0, 2));
    // Back returns to the previous question with its answer filled in.
    const back = await b.follow(await b.post(`/applications/${id}/back`, { pointer: "/employer/address/street" }));
    expect(pointerOf(back)).to.equal("/employer/companyNumber");
    expect(back.$("#value").val()).to.equal("87654321");
    page = await answerAll(b, back, employer.slice(1));

    expect(page.$("select#value option").length).to.equal(8);
    page = await answer(b, page, "/employer/sector", "hospitality");
    expect(page.$('input[type=radio][name=value]').map((_, e) => page.$(e).val()).get()).to.deep.equal(["true", "false"]);
    page = await answer(b, page, "/employer/hasWorksCouncil", "true");
    // if/then: the works council brings in its statement, with why it is asked.
    expect(text(page, "details")).to.include("its statement must be attached").and.include("Does your establishment have a works council");
    page = await answer(b, page, "/employer/worksCouncilStatementAttached", "true");
    page = await answer(b, page, "/employer/payrollOffice", "Steuerbüro Klein & Partner");
    // dependentRequired: a payroll office needs its phone number.
    expect(text(page, "details")).to.include("You named a payroll office");
    page = await answer(b, page, "/employer/payrollOfficePhone", "02641 98765");
    expect(text(page, ".input-suffix")).to.equal("persons");
    expect(page.$("#value").attr("inputmode")).to.equal("numeric");
    page = await answerAll(b, page, [["/workforce/totalEmployees", "20"], ["/workforce/affectedEmployees", "9"], ["/lossOfWork/cause", "economic"]]);
    page = await answer(b, page, "/lossOfWork/economicReason", "lackOfOrders");
    expect(page.$("textarea#value").length).to.equal(1);
    page = await answerAll(b, page, [
      ["/lossOfWork/explanation", "Our main customer cancelled its orders for the summer; work returns in the autumn."],
      ["/avoidance/overtimeUsed", "true"],
      ["/avoidance/leaveUsed", "true"],
      ["/avoidance/otherMeasures", "Four employees work for our partner business for now."],
    ]);
    // dependentSchemas: other measures need the date they started. A date typed day first is read and shown back.
    expect(text(page, ".hint")).to.include("31/3/2026");
    page = await answer(b, page, "/avoidance/otherMeasuresFrom", "16/6/2025");
    expect(text(page, ".notice")).to.include("as 16 June 2025");
    page = await answerAll(b, page, [
      ["/period/claimMonth", "2025-07"],
      ["/period/firstReceiptMonth", "06/2025"],
      ["/period/start", "2025-06-16"],
      ["/period/expectedEnd", "2025-10-31"],
      ["/period/normalWeeklyHours", "39"],
      ["/period/reducedWeeklyHours", "0"],
      ["/employees/0/name", "Katrin Schmitz"],
      ["/employees/0/insuranceNumber", "24110672S018"],
      ["/employees/0/employmentType", "regular"],
      ["/employees/0/taxClass", "2"],
      ["/employees/0/hasChild", "true"],
    ]);
    expect(text(page, ".caption")).to.equal("Affected employees – Employee 1: Katrin Schmitz");
    expect(text(page, ".input-suffix")).to.equal("€");
    page = await answer(b, page, "/employees/0/grossTarget", "9,200");
    expect(text(page, ".notice")).to.include("as €9,200.00");
    page = await answer(b, page, "/employees/0/grossActual", "0");
    expect(text(page, ".estimate")).to.include("Estimated allowance, all employees").and.include("€3,151.69");

    // A repeatable group: a minijobber and an apprentice are asked nothing about pay.
    expect(text(page, ".items")).to.include("Employee 1: Katrin Schmitz");
    page = await answerAll(b, page, [
      ["/employees", "true"],
      ["/employees/1/name", "Lena Hoffmann"],
      ["/employees/1/insuranceNumber", "24170301H042"],
      ["/employees/1/employmentType", "minijob"],
      ["/employees", "true"],
      ["/employees/2/name", "Paul Becker"],
      ["/employees/2/insuranceNumber", "24020906B011"],
      ["/employees/2/employmentType", "apprentice"],
    ]);
    expect(pointerOf(page)).to.equal("/employees");
    expect(page.$(".items__item").length).to.equal(3);
    const removeLena = page.$('form[action$="/remove"]').filter((_, f) => page.$(f).find('input[name=pointer]').val() === "/employees/1");
    expect(removeLena.find("button").text()).to.include("Employee 2: Lena Hoffmann");
    page = await b.follow(await b.post(removeLena.attr("action")!, { pointer: "/employees/1" }));
    expect(page.$(".items__title").map((_, e) => page.$(e).text()).get()).to.deep.equal(["Employee 1: Katrin Schmitz", "Employee 2: Paul Becker"]);
    page = await answerAll(b, page, [
      ["/employees", "true"],
      ["/employees/2/name", "Marco Rossi"],
      ["/employees/2/insuranceNumber", "53080493R005"],
      ["/employees/2/employmentType", "regular"],
      ["/employees/2/taxClass", "5"],
      ["/employees/2/hasChild", "false"],
      ["/employees/2/grossTarget", "2600"],
      ["/employees/2/grossActual", "520"],
      ["/employees", "false"],
      ["/employeesListComplete", "false"],
    ]);

    expect(text(page, "h1")).to.equal("Check your answers before submitting");
    const review = text(page, "main");
    for (const needle of ["Landgasthof Ahrblick GmbH & Co. KG", "Hotels and restaurants", "Lack of orders", "Steuerbüro Klein & Partner", "16 June 2025", "Katrin Schmitz", "Paul Becker", "Marco Rossi", "€9,200.00"]) {
      expect(review).to.include(needle);
    }
    expect(review).not.to.include("Lena Hoffmann");
    expect(text(page, ".estimate")).to.include("€3,866.84");

    // if/then/else: from economic reasons to an unavoidable event and back, through Change on the review.
    const changeCause = async (p: Page) => {
      const row = p.$(".summary__row").filter((_, r) => p.$(r).find("dt").text() === "What caused the loss of working time?");
      expect(row.find('form input[name="pointer"]').val()).to.equal("/lossOfWork/cause");
      return b.follow(await b.submit(p, `form[action="/applications/${id}/change"]:has(input[value="/lossOfWork/cause"])`));
    };
    page = await changeCause(page);
    expect(page.$('input[name=value][value="economic"]').is(":checked")).to.equal(true);
    page = await answer(b, page, "/lossOfWork/cause", "unavoidableEvent");
    expect(text(page, "details")).to.include("You gave an unavoidable event");
    page = await answerAll(b, page, [["/lossOfWork/eventType", "weather"], ["/lossOfWork/eventDate", "2025-06-14"]]);
    expect(text(page, "main")).to.include("Unusual weather").and.not.include("Lack of orders");
    page = await changeCause(page);
    page = await answer(b, page, "/lossOfWork/cause", "economic");
    expect(text(page, "main")).to.include("Lack of orders").and.not.include("Unusual weather");
    const total = page.$(".estimate__row").filter((_, row) => page.$(row).find("dt").text() === "Estimated allowance, all employees").find("dd").first().text();
    expect(total).to.equal("€3,866.84");

    const refused = await b.post(`/applications/${id}/submit`, {});
    expect(refused.status).to.equal(422);
    expect(refused.$('.error-summary[role=alert] a[href="#declaration"]').text()).to.equal("Confirm the declaration to submit your application.");
    const submitted = await b.post(refused.$('form[action$="/submit"]').attr("action")!, { declaration: "yes" });
    expect(submitted.location).to.equal(`/applications/${id}/confirmation`);
    const confirmation = await b.follow(submitted);
    const reference = text(confirmation, ".panel .reference");
    expect(reference).to.match(/^STW-\d{4}-\d{6}$/);
    const status = await b.get(confirmation.$('a[href$="/status"]').attr("href")!);
    expect(text(status, "main")).to.include(reference).and.include("Submitted");

    const pdf = await b.get(confirmation.$('a[href$="/pdf"]').attr("href")!);
    expect(pdf.status).to.equal(200);
    expect(pdf.headers.get("content-type")).to.equal("application/pdf");
    const pdfContent = (await pdfText(pdf.body)).replace(/\s+/g, " ");
    for (const needle of [reference, "Landgasthof Ahrblick GmbH & Co. KG", "Katrin Schmitz", "Marco Rossi", "Paul Becker", total]) expect(pdfContent).to.include(needle);
  });

  it("shows a wrong answer again with an error summary, the message by the field and the value as typed, in German", async () => {
    const b = browser();
    const switched = await b.submit(await b.get("/language/de?return=/forms/short-time-work"), "main form");
    expect(switched.location).to.equal("/forms/short-time-work");
    expect((await b.follow(switched)).$("html").attr("lang")).to.equal("de");
    let page = await answerAll(b, await start(b), [
      ...employer,
      ["/employer/sector", "trade"],
      ["/employer/hasWorksCouncil", "false"],
      ["/employer/payrollOffice", ""],
    ]);
    expect(pointerOf(page)).to.equal("/workforce/totalEmployees");
    const wrong = await b.post(page.$('form[action$="/answer"]').attr("action")!, { pointer: "/workforce/totalEmployees", value: "zwanzig" });
    expect(wrong.status).to.equal(422);
    expect(wrong.$("html").attr("lang")).to.equal("de");
    expect(wrong.$("title").text()).to.match(/^Fehler: /);
    const summary = wrong.$(".error-summary");
    expect(summary.attr("role")).to.equal("alert");
    expect(summary.attr("tabindex")).to.equal("-1");
    expect(summary.find('a[href="#value"]').text()).to.include("Geben Sie eine Zahl ein");
    expect(wrong.$("#value").val()).to.equal("zwanzig");
    expect(wrong.$("#value").attr("aria-describedby")).to.include("value-error");
    expect(text(wrong, "#value-error")).to.include("Geben Sie eine Zahl ein");

    page = await answer(b, wrong, "/workforce/totalEmployees", "1.200");
    expect(text(page, ".notice")).to.include("1.200 Personen");
    // An answer that fails an eligibility rule is information beside the questions, not an error.
    page = await answer(b, page, "/workforce/affectedEmployees", "100");
    expect(page.status).to.equal(200);
    expect(page.$(".error-summary").length).to.equal(0);
    // Said at the top, before the question, where a phone shows it first.
    const banner = page.$('main [role="alert"]');
    expect(banner.text().replace(/\s+/g, " ")).to.include("So nicht auszahlbar").and.include("Sie haben 100 angegeben").and.include("Sie können Ihre Antworten noch ändern");
    expect(page.$("main").html()!.indexOf("So nicht auszahlbar")).to.be.lessThan(page.$("main").html()!.indexOf('action="' + page.$('form[action$="/answer"]').attr("action")));
  });

  /** An application answered over the JSON API from the worked example, except `leftOut` of the period: the page then asks it. */
  async function atPeriodQuestion(b: Browser, leftOut: "start" | "expectedEnd"): Promise<Page> {
    const id = idOf(await start(b));
    const { answers } = await example("unavoidable-event-every-branch.json");
    const { [leftOut]: _left, ...period } = answers.period;
    const res = await call(server.url, "POST", `/api/applications/${id}/answers`, { token: b.cookies.get(`fp_app_${id}`), body: { answers: { ...answers, period } } });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return b.get(`/applications/${id}`);
  }

  /** An application answered over the JSON API with a worked example's answers, and the page it then shows. */
  async function answeredFrom(b: Browser, name: string): Promise<{ page: Page; derived: { pointer: string; display: string }[] }> {
    const id = idOf(await start(b));
    const { answers } = await example(name);
    const res = await call(server.url, "POST", `/api/applications/${id}/answers`, { token: b.cookies.get(`fp_app_${id}`), body: { answers } });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return { page: await b.get(`/applications/${id}`), derived: (res.body as { derived: { values: { pointer: string; display: string }[] } }).derived.values };
  }

  it("explains every amount of the estimate: the rule in words with its figures, per employee, and that the agency decides", async () => {
    const { page, derived } = await answeredFrom(browser("de"), "economic-eligible.json");
    const display = (pointer: string) => derived.find((v) => v.pointer === pointer)!.display.replace(/\s+/g, " ");
    const estimate = text(page, ".estimate");
    // Jonas Weber: 3,200 € target, 1,920 € actual, tax class I, no child.
    expect(estimate).to.include("Jonas Weber");
    expect(estimate).to.include("Soll-Entgelt 3.200 €").and.include("Lohnsteuer nach Steuerklasse 1 nach dem Programmablaufplan 2025");
    expect(estimate).to.include("Beitragsbemessungsgrenze der Rentenversicherung von 8.050 € (2025)");
    expect(estimate).to.include("Ist-Entgelt 1.920 €");
    expect(estimate).to.include(display("/employees/0/targetNet")).and.include(display("/employees/0/netDifference")).and.include(display("/employees/0/allowance"));
    expect(estimate).to.include("Leistungssatz nach § 105 SGB III");
    expect(estimate).to.include("Den genauen Betrag berechnet die Behörde");
    expect(page.$('main [role="alert"]').length, "an eligible claim has no banner").to.equal(0);
    expect(estimate).to.not.include("nicht auszahlbar");
  });

  it("says at the top that nothing is payable while a rule is not met, and marks the amounts so", async () => {
    const { page } = await answeredFrom(browser("en"), "ineligible-too-few-affected.json");
    const banner = text(page, 'main [role="alert"]');
    expect(banner).to.include("Not payable as things stand").and.include("at least 1/3 of the employees");
    expect(page.$(".estimate dd").first().text().replace(/\s+/g, " ")).to.match(/^€[\d,.]+ – not payable while the requirements above are not met$/);
  });

  it("refuses an expected end before the start, naming both answers, and links the start's change page; an earlier start fixes it", async () => {
    const b = browser("en");
    const page = await atPeriodQuestion(b, "expectedEnd");
    const id = idOf(page);
    expect(pointerOf(page)).to.equal("/period/expectedEnd");
    const refused = await b.post(`/applications/${id}/answer`, { pointer: "/period/expectedEnd", value: "1 June 2025" });
    expect(refused.status).to.equal(422);
    const message = "Your answer to “When is short-time work expected to end?” (1 June 2025) is before your answer to “When does short-time work start?” (16 June 2025). Change one of them.";
    expect(text(refused, '.error-summary a[href="#value"]')).to.equal(message);
    expect(text(refused, "#value-error")).to.include(message);
    expect(refused.$("#value").val()).to.equal("1 June 2025");
    const other = refused.$(".error-summary a").not('[href="#value"]');
    expect(other.attr("href")).to.equal(`/applications/${id}/change?pointer=%2Fperiod%2Fstart`);
    expect(other.text()).to.equal("Change your answer to “When does short-time work start?”");

    const asked = await b.get(other.attr("href")!);
    expect(text(asked, "main")).to.include("Change your answer to “When does short-time work start?”?");
    let next = await b.follow(await b.submit(asked, "main form"));
    next = await answer(b, next, "/period/start", "1 May 2025");
    next = await answer(b, next, "/period/expectedEnd", "1 June 2025");
    expect(pointerOf(next)).to.not.equal("/period/expectedEnd");
  });

  it("refuses a start after the expected end in German, naming both answers; a later end fixes it", async () => {
    const b = browser("de");
    const page = await atPeriodQuestion(b, "start");
    const id = idOf(page);
    expect(pointerOf(page)).to.equal("/period/start");
    const refused = await b.post(`/applications/${id}/answer`, { pointer: "/period/start", value: "1.11.2025" });
    expect(refused.status).to.equal(422);
    expect(text(refused, '.error-summary a[href="#value"]')).to.equal(
      "Ihre Antwort auf „Bis wann wird voraussichtlich kurzgearbeitet?“ (31. Oktober 2025) liegt vor Ihrer Antwort auf „Ab wann wird kurzgearbeitet?“ (1. November 2025). Ändern Sie eine der beiden Antworten.",
    );
    const other = refused.$(".error-summary a").not('[href="#value"]');
    expect(other.attr("href")).to.equal(`/applications/${id}/change?pointer=%2Fperiod%2FexpectedEnd`);
    expect(other.text()).to.equal("Antwort auf „Bis wann wird voraussichtlich kurzgearbeitet?“ ändern");

    let next = await b.follow(await b.submit(await b.get(other.attr("href")!), "main form"));
    next = await answer(b, next, "/period/expectedEnd", "30.11.2025");
    next = await answer(b, next, "/period/start", "1.11.2025");
    expect(pointerOf(next)).to.not.equal("/period/start");
  });

  it("switches the language of the pages and of the application, and never redirects off the site", async () => {
    const b = browser();
    const page = await start(b);
    const id = idOf(page);
    expect(page.$("h1").text()).to.equal("What is the name of your establishment?");
    const toKorean = page.$('.languages form:has(button[lang="ko"])');
    expect(toKorean.attr("action")).to.equal("/language/ko");
    expect(toKorean.find('input[name="return"]').val()).to.equal(`/applications/${id}`);
    const korean = await b.follow(await b.submit(page, '.languages form:has(button[lang="ko"])'));
    expect(korean.$("html").attr("lang")).to.equal("ko");
    expect(korean.$("h1").text()).to.not.equal("What is the name of your establishment?");
    expect(korean.$("button.button").text()).to.equal("계속");
    const stored = await call(server.url, "GET", `/api/applications/${id}`, { token: b.cookies.get(`fp_app_${id}`) });
    expect(stored.body.language).to.equal("ko");

    for (const evil of ["//evil.example", "/\\evil.example", "https://evil.example/", "evil.example"]) {
      const res = await b.post("/language/en", { return: evil });
      expect(res.status, evil).to.equal(303);
      expect(res.location, evil).to.equal("/");
    }
  });

  it("saves and resumes with the link on another device, and keeps an e-mail address without mailing anything", async () => {
    const b = browser();
    let page = await answerAll(b, await start(b), employer.slice(0, 3));
    const id = idOf(page);
    const save = await b.get(page.$('a[href$="/save"]').attr("href")!);
    const link = save.$(".resume-link a").attr("href")!;
    expect(link).to.match(new RegExp(`^${server.url}/resume/${id}/[A-Za-z0-9_-]{43}$`));
    expect(text(save, "main")).to.include("Anyone with this link");

    const bad = await b.post(`/applications/${id}/save`, { email: "not an address" });
    expect(bad.status).to.equal(422);
    expect(bad.$('.error-summary a[href="#email"]').length).to.equal(1);
    expect(bad.$("#email").val()).to.equal("not an address");
    const saved = await b.follow(await b.post(`/applications/${id}/save`, { email: "heike@example.com" }));
    expect(text(saved, ".notice")).to.include("heike@example.com").and.include("No e-mail has been sent");
    expect(saved.$("#email").val()).to.equal("heike@example.com");

    const other = browser();
    expect((await other.get(`/applications/${id}`)).status).to.equal(404);
    page = await other.follow(await other.submit(await other.get(new URL(link).pathname), "main form"));
    expect(page.path).to.equal(`/applications/${id}`);
    expect(pointerOf(page)).to.equal(employer[3]![0]);
  });

  it("refuses changes to a submitted application by showing its confirmation", async () => {
    const b = browser();
    const review = await filledIn(b);
    const id = idOf(review);
    expect(review.$("h1").text()).to.equal("Check your answers before submitting");
    await b.follow(await b.post(`/applications/${id}/submit`, { declaration: "yes" }));

    const attempts: [string, FormData][] = [["answer", { pointer: "/employer/name", value: "Someone else" }], ["back", {}], ["remove", { pointer: "/employees/0" }], ["submit", { declaration: "yes" }]];
    for (const [move, form] of attempts) {
      const refused = await b.post(`/applications/${id}/${move}`, form);
      expect(refused.status, move).to.equal(409);
      expect(text(refused, ".notice"), move).to.include("has been submitted and can no longer be changed");
      expect(text(refused, ".reference"), move).to.match(/^STW-/);
      expect(refused.$('a[href$="/status"]').length, move).to.equal(1);
    }
    const again = await b.get(`/applications/${id}`);
    expect(again.location).to.equal(`/applications/${id}/status`);
  });

  it("shows the same not-found page for another application's id, whatever cookie is sent", async () => {
    const mine = browser();
    const mineId = idOf(await start(mine));
    const theirs = browser();
    const theirId = idOf(await start(theirs));
    for (const attempt of [() => mine.get(`/applications/${theirId}`), () => { mine.cookies.set(`fp_app_${theirId}`, mine.cookies.get(`fp_app_${mineId}`)!); return mine.get(`/applications/${theirId}`); }]) {
      const page = await attempt();
      expect(page.status).to.equal(404);
      expect(page.$("h1").text()).to.equal("Page not found");
      expect(page.$('main a[href="/"]').length).to.equal(1);
    }
    const german = browser("de");
    const notFound = await german.get(`/applications/${theirId}/save`);
    expect(notFound.status).to.equal(404);
    expect(notFound.$("h1").text()).to.equal("Seite nicht gefunden");
  });

  it("sets the application cookie httpOnly and SameSite=Lax, named for the application", async () => {
    const res = await new Browser(server.url).post("/forms/short-time-work/start");
    const id = /\/applications\/(.+)$/.exec(res.location!)![1];
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`fp_app_${id}=`))!;
    expect(cookie).to.match(/; HttpOnly/).and.match(/; SameSite=Lax/).and.match(/; Path=\//);
    expect((await new Browser(server.url).get(res.location!)).headers.get("cache-control")).to.equal("no-store");
  });
});

describe("the applicant pages after a restart", () => {
  it("resume where the applicant left off from the same data folder", async () => {
    const dataDir = await tempDataDir();
    let server = await startServer(dataDir);
    const b = new Browser(server.url, { language: "en", onPage: expectNoInlineCode });
    let page = await b.follow(await b.post("/forms/short-time-work/start"));
    page = await answerAll(b, page, employer.slice(0, 4));
    const link = new URL((await b.get(page.$('a[href$="/save"]').attr("href")!)).$(".resume-link a").attr("href")!).pathname;
    await server.close();

    server = await startServer(dataDir);
    try {
      const fresh = new Browser(server.url, { language: "en", onPage: expectNoInlineCode });
      page = await fresh.follow(await fresh.submit(await fresh.get(link), "main form"));
      expect(pointerOf(page)).to.equal(employer[4]![0]);
      expect(text(page, ".progress")).to.match(/^Question 5 of about/);
    } finally {
      await server.close();
    }
  });
});

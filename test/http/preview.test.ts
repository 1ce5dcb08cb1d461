/**
 * The form author's preview (FORMPILOT_PREVIEW=1, `npm run dev`) on a throwaway forms folder: it
 * shows broken packages and lint findings, opens any question, answers, fills in examples, renders
 * the PDF, picks up edits on disk, and never stores an application.
 */
import { expect } from "chai";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createForm } from "../../server/authoring/scaffold";
import { decodeSession } from "../../server/http/preview/state";
import type { Running } from "../../server/start";
import { fixturesRoot } from "../support/forms";
import { Browser, type Page } from "../support/http";
import { pdfText } from "../support/pdf-text";
import { startServer, tempDataDir } from "../support/server";
import { withDirectSql } from "../support/store";
import { pino } from "pino";

const text = (page: Page, selector = "main") => page.$(selector).text().replace(/\s+/g, " ").trim();
const stateOf = (location: string) => decodeSession(new URL(location, "http://x").searchParams.get("state") ?? undefined);

async function editJson(file: string, change: (json: any) => void): Promise<void> {
  const json = JSON.parse(await readFile(file, "utf8"));
  change(json);
  await writeFile(file, JSON.stringify(json, null, 2));
}

describe("the form author's preview", () => {
  let root: string;
  let dataDir: string;
  let running: Running;
  let browser: Browser;

  const applications = () =>
    withDirectSql(path.join(dataDir, "formpilot.sqlite"), async (db) => (await db.get<{ n: number }>("SELECT count(*) AS n FROM applications"))!.n);

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "formpilot-preview-"));
    await cp(path.join(fixturesRoot, "branching"), path.join(root, "branching"), { recursive: true });
    // A condition that can never hold: the package loads, and lint reports it.
    await cp(path.join(fixturesRoot, "branching"), path.join(root, "linted"), { recursive: true });
    await editJson(path.join(root, "linted", "schema.json"), (s) => {
      s.allOf[0].if.properties.kind.const = "shp";
      delete s.allOf[0].else;
    });
    // Being edited: it does not load, and the preview starts all the same to say why.
    await mkdir(path.join(root, "broken"));
    await writeFile(path.join(root, "broken", "schema.json"), "{ not json");
    dataDir = await tempDataDir();
    running = await startServer(dataDir, { FORMPILOT_PREVIEW: "1" }, pino({ level: "silent" }), root);
    browser = new Browser(running.url, { language: "en" });
  });

  after(async () => {
    await running.close();
    await rm(root, { recursive: true, force: true });
  });

  it("is the ordinary not-found page without FORMPILOT_PREVIEW", async () => {
    const plain = await startServer();
    try {
      for (const url of ["/preview", "/preview/branching", "/preview/branching/pdf"]) {
        const page = await new Browser(plain.url, { language: "en" }).get(url);
        expect(page.status, url).to.equal(404);
        expect(text(page, "h1")).to.equal("Page not found");
      }
    } finally {
      await plain.close();
    }
  });

  it("lists a package that does not load with its problem, next to those that do", async () => {
    const page = await browser.get("/preview");
    expect(page.status).to.equal(200);
    const items = page.$(".forms__item").toArray().map((li) => page.$(li).text().replace(/\s+/g, " "));
    const broken = items.find((item) => item.includes("broken"))!;
    expect(broken).to.include("does not load").and.include("schema.json is not valid JSON");
    expect(items.find((item) => item.includes("Branching test form"))).to.include("0 errors");
    const opened = await browser.get("/preview/broken");
    expect(text(opened, ".finding")).to.include("schema.json is not valid JSON");
    expect((await browser.get("/preview/broken/step")).status).to.equal(422);
  });

  it("shows a package's lint findings with file, pointer and fix", async () => {
    const page = await browser.get("/preview/linted");
    expect(page.status).to.equal(200);
    const finding = page.$(".finding").toArray().map((li) => page.$(li).text().replace(/\s+/g, " ")).find((f) => f.includes("condition_never_true"));
    expect(finding).to.include("Error").and.include("schema.json /allOf/0/if").and.include("Fix:");
    expect(text(page)).to.match(/[1-9]\d* errors/);
  });

  it("opens any question at once, and says when the current answers would not ask it", async () => {
    const overview = await browser.get("/preview/branching");
    const link = overview.$("a").toArray().find((a) => overview.$(a).text() === "Start date")!;
    const start = await browser.get(overview.$(link).attr("href")!);
    expect(start.status).to.equal(200);
    expect(text(start, "h1")).to.equal("Start date");
    expect(start.$('form[action*="/answer"] input[name="pointer"]').val()).to.equal("/start");
    expect(text(start)).not.to.include("is not asked");
    // Only a factory is asked for its shifts, and no kind of business is answered yet.
    const shifts = overview.$("a").toArray().find((a) => overview.$(a).text() === "How many shifts?")!;
    const offBranch = await browser.get(overview.$(shifts).attr("href")!);
    expect(offBranch.status).to.equal(200);
    expect(text(offBranch, "h1")).to.equal("How many shifts?");
    expect(text(offBranch, ".warning")).to.include("this question is not asked");
  });

  it("answers a question and goes on to the next, the answers in the address", async () => {
    const first = await browser.get("/preview/branching/step");
    expect(first.$('input[name="pointer"]').val()).to.equal("/applicant/name");
    const posted = await browser.post(first.$('form[action*="/answer"]').attr("action")!, { pointer: "/applicant/name", value: "Ada" });
    expect(posted.status).to.equal(303);
    expect(stateOf(posted.location!)?.answers).to.deep.equal({ applicant: { name: "Ada" } });
    const next = await browser.follow(posted);
    expect(next.$('form[action*="/answer"] input[name="pointer"]').val()).to.equal("/applicant/email");
    const refused = await browser.post(next.$('form[action*="/answer"]').attr("action")!, { pointer: "/applicant/email", value: "not an address" });
    expect(refused.status).to.equal(422);
    expect(refused.$("#value").val()).to.equal("not an address");
    const back = await browser.follow(await browser.post(next.$('form[action*="/back"]').attr("action")!));
    expect(back.$('form[action*="/answer"] input[name="pointer"]').val()).to.equal("/applicant/name");
    expect(back.$("#value").val()).to.equal("Ada");
  });

  it("fills the form with a worked example and shows its answers to check", async () => {
    const overview = await browser.get("/preview/branching");
    const fill = overview.$("a").toArray().find((a) => overview.$(a).attr("href")?.includes("shop.json"))!;
    const filled = await browser.follow(await browser.get(overview.$(fill).attr("href")!));
    expect(filled.path).to.match(/^\/preview\/branching\/review\?state=/);
    const rows = filled.$(".summary__row").toArray().map((r) => filled.$(r).text().replace(/\s+/g, " "));
    expect(rows.find((r) => r.includes("Your name"))).to.include("Ada");
    expect(text(filled)).to.include("Bo").and.include("Cy");
  });

  it("fills the form with a generated route", async () => {
    const overview = await browser.get("/preview/branching");
    const routes = overview.$('a[href*="/example?route="]');
    expect(routes.length).to.be.greaterThan(1);
    const filled = await browser.follow(await browser.get(routes.last().attr("href")!));
    expect(filled.status).to.equal(200);
    expect(filled.$(".summary__row").length).to.be.greaterThan(0);
  });

  it("renders the PDF of the answers so far, marked as a preview", async () => {
    const filled = await browser.follow(await browser.get("/preview/branching/example?file=examples%2Fshop.json"));
    const pdf = await browser.get(filled.$('a[href*="/pdf?state="]').first().attr("href")!);
    expect(pdf.status).to.equal(200);
    expect(pdf.headers.get("content-type")).to.include("application/pdf");
    const content = await pdfText(pdf.body);
    expect(content).to.include("Ada").and.include("PREVIEW");
  });

  it("shows an edit of a locale file after a reload, and its revision says so", async () => {
    const before = await browser.get("/preview/branching");
    expect(text(before, "h1")).to.equal("Branching test form");
    // The reload is the page's own script, a file the CSP allows: no inline code.
    expect(before.$("script:not([src])").length).to.equal(0);
    const script = before.$("script[src]").attr("src")!;
    expect((await browser.get(script)).status).to.equal(200);
    const revision = async () => (JSON.parse((await browser.get("/preview/branching/revision")).body.toString()) as { revision: number }).revision;
    const was = await revision();
    await editJson(path.join(root, "branching", "locales", "en.json"), (l) => {
      l.form.title = "Edited while previewing";
    });
    for (let i = 0; i < 50 && (await revision()) === was; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await revision()).to.be.greaterThan(was);
    expect(text(await browser.get("/preview/branching"), "h1")).to.equal("Edited while previewing");
  });

  it("speaks the chosen language", async () => {
    const german = new Browser(running.url, { language: "en" });
    await german.post("/language/de", { return: "/preview" });
    const page = await german.get("/preview");
    expect(text(page, "h1")).to.equal("Formularpakete");
  });

  it("shows a form made with `formpilot new` without any change outside its folder", async () => {
    await createForm(root, "third-form");
    const list = await browser.get("/preview");
    expect(list.$('a[href="/preview/third-form"]').length).to.equal(1);
    const page = await browser.get("/preview/third-form");
    expect(page.status).to.equal(200);
    const question = page.$('a[href*="/question?"]').first();
    const opened = await browser.get(question.attr("href")!);
    expect(text(opened, "h1")).to.equal(question.text());
  });

  it("never stores an application", async () => {
    const stored = await applications();
    const first = await browser.get("/preview/branching/step");
    await browser.follow(await browser.post(first.$('form[action*="/answer"]').attr("action")!, { pointer: "/applicant/name", value: "Ada" }));
    await browser.follow(await browser.get("/preview/branching/example?file=examples%2Fshop.json"));
    await browser.get("/preview/branching/pdf");
    expect(await applications()).to.equal(stored);
    expect(stored).to.equal(0);
  });
});

/**
 * The notices a public service owes everyone, as pages without JavaScript: each form's privacy
 * notice from its package, the imprint and the accessibility statement from the operator's site
 * configuration, in Korean, German and English, and a footer on every page that leads to them.
 */
import { expect } from "chai";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { formsRoot } from "../../server/forms/paths";
import type { PrivacyNotice } from "../../server/engine/privacy-notice";
import { loadConfig } from "../../server/config";
import { start, type Running } from "../../server/start";
import { pino } from "pino";
import { DEMO_SITE, siteProblems, type Site } from "../../server/site/site";
import { LANGUAGES, type Language } from "../../server/i18n/languages";
import { Browser, type Page } from "../support/http";
import { startServer, tempDataDir } from "../support/server";

const text = (ko: string, de: string, en: string) => ({ ko, de, en });

/** An operator's own details: nothing of the demo's. */
const SITE: Site = {
  demo: false,
  operator: {
    name: text("서울 고용지원 운영센터", "Antragsdienst Musterland GmbH", "Claims Service Sample Ltd"),
    address: text("세종대로 1\n04500 서울", "Amtsweg 7\n12345 Musterstadt", "7 Office Road\nSample City 12345"),
    contact: { email: "kontakt@antrag.example", phone: "+49 30 1234567" },
    responsible: text("책임자 김영희", "Verantwortlich: Erika Mustermann", "Responsible: Jane Doe"),
  },
  dataProtectionOfficer: { name: text("개인정보 보호책임자 박철수", "Datenschutz: Max Beispiel", "DPO: John Smith"), address: text("세종대로 1", "Amtsweg 7", "7 Office Road"), contact: { email: "dpo@antrag.example" } },
  accessibility: {
    status: "partial",
    standard: text("KWCAG 2.2", "BITV 2.0", "EN 301 549"),
    assessedOn: "2026-11-30",
    method: text("자체 평가", "Selbstbewertung", "Self-assessment"),
    limitations: [text("지도가 설명 없이 표시됩니다", "Karten ohne Beschreibung", "Maps without a description")],
    feedback: { email: "barrieren@antrag.example" },
    enforcement: text("국가인권위원회에 진정", "Schlichtungsstelle nach § 16 BGG", "The conciliation body under § 16 BGG"),
  },
};

const main = (page: Page) => page.$("main").text().replace(/\s+/g, " ");
const footerLinks = (page: Page) => page.$("footer .footer__links a").toArray().map((a) => page.$(a).attr("href"));

const noticeOf = async (formId: string, lang: Language): Promise<PrivacyNotice> =>
  JSON.parse(await readFile(path.join(formsRoot, formId, "privacy", `${lang}.json`), "utf8"));
/** The form's retention periods, as its schema.json sets them. */
const retentionOf = async (formId: string): Promise<{ draftDays: number; decidedYears: number }> =>
  JSON.parse(await readFile(path.join(formsRoot, formId, "schema.json"), "utf8"))["x-form"].retention;

describe("privacy notice, imprint and accessibility statement", () => {
  let server: Running;
  before(async () => {
    const dir = await tempDataDir();
    await writeFile(path.join(dir, "site.json"), JSON.stringify(SITE));
    server = await startServer(dir);
  });
  after(() => server.close());

  for (const lang of LANGUAGES) {
    it(`shows the imprint from the site configuration in ${lang}`, async () => {
      const page = await new Browser(server.url, { language: lang }).get("/imprint");
      expect(page.status).to.equal(200);
      expect(page.$("html").attr("lang")).to.equal(lang);
      expect(page.$("[data-operator]").text()).to.equal(SITE.operator.name[lang]);
      expect(main(page)).to.include(SITE.operator.address[lang].replace(/\s+/g, " ")).and.include(SITE.operator.responsible[lang]).and.include("kontakt@antrag.example").and.include("+49 30 1234567");
      expect(page.$("[data-demo]").length, "an operator's own details are not called examples").to.equal(0);
    });

    it(`shows the accessibility statement from the site configuration in ${lang}`, async () => {
      const page = await new Browser(server.url, { language: lang }).get("/accessibility");
      expect(page.status).to.equal(200);
      expect(page.$("[data-conformance]").text()).to.include(SITE.accessibility.standard[lang]);
      const body = main(page);
      expect(body).to.include(SITE.accessibility.limitations[0]![lang]).and.include(SITE.accessibility.enforcement[lang]).and.include("barrieren@antrag.example").and.include(SITE.accessibility.method[lang]);
    });

    for (const formId of ["short-time-work", "employment-retention-kr"]) {
      it(`shows the privacy notice of ${formId} in ${lang}, with the operator and the data protection officer from the site configuration`, async () => {
        const notice = await noticeOf(formId, lang);
        const page = await new Browser(server.url, { language: lang }).get(`/privacy/${formId}`);
        expect(page.status).to.equal(200);
        const body = main(page);
        for (const line of [notice.controller, notice.purpose, ...notice.legalBasis, ...notice.categories, notice.obligation, ...notice.recipients, ...Object.values(notice.rights), notice.dataProtectionOfficer]) {
          expect(body).to.include(line);
        }
        // The retention periods are the ones the server erases by (x-form.retention), not a figure of the notice's own.
        const { draftDays, decidedYears } = await retentionOf(formId);
        expect(notice.retention).to.include("{retention.draftDays}").and.include("{retention.decidedYears}");
        expect(body).to.include(notice.retention.replace("{retention.draftDays}", String(draftDays)).replace("{retention.decidedYears}", String(decidedYears)));
        expect(page.$("dl.rights dt")).to.have.length(6);
        expect(page.$("[data-operator]").text().replace(/\s+/g, " ")).to.include(SITE.operator.name[lang]);
        expect(page.$("[data-dpo]").text()).to.include(SITE.dataProtectionOfficer.name[lang]);
        expect(body).to.include("dpo@antrag.example");
        expect(footerLinks(page)).to.deep.equal([`/privacy/${formId}`, "/imprint", "/accessibility"]);
      });
    }
  }

  it("names the legal bases each program's notice stands on", async () => {
    const de = main(await new Browser(server.url, { language: "de" }).get("/privacy/short-time-work"));
    expect(de).to.include("Art. 6 Abs. 1 lit. e DSGVO").and.include("Art. 6 Abs. 1 lit. c DSGVO").and.include("Art. 13 DSGVO").and.include("Art. 77 DSGVO");
    const ko = main(await new Browser(server.url, { language: "ko" }).get("/privacy/employment-retention-kr"));
    expect(ko).to.include("「개인정보 보호법」 제15조 제1항").and.include("제24조(고유식별정보)").and.include("「고용보험법」 제21조");
  });

  it("lists every form's notice under /privacy, and an unknown form is not found", async () => {
    const browser = new Browser(server.url, { language: "en" });
    const page = await browser.get("/privacy");
    expect(page.$("main a").toArray().map((a) => page.$(a).attr("href"))).to.include.members(["/privacy/short-time-work", "/privacy/employment-retention-kr"]);
    expect(main(page)).to.include(SITE.operator.name.en).and.include(SITE.dataProtectionOfficer.name.en);
    expect((await browser.get("/privacy/no-such-form")).status).to.equal(404);
  });

  it("says on the start page what is collected and why before the first question, and links the full notice", async () => {
    for (const lang of LANGUAGES) {
      const notice = await noticeOf("short-time-work", lang);
      const page = await new Browser(server.url, { language: lang }).get("/forms/short-time-work");
      const summary = page.$(".privacy-summary");
      expect(summary.text()).to.include(notice.summary.collected).and.include(notice.summary.why);
      expect(summary.find("a").attr("href")).to.equal("/privacy/short-time-work");
      // Before the button that starts the questions.
      expect(page.html.indexOf("privacy-summary")).to.be.below(page.html.indexOf("/forms/short-time-work/start"));
    }
  });

  it("links the notices from the footer of the home, start, question, chat, error and staff pages, and from the chat", async () => {
    const browser = new Browser(server.url, { language: "en" });
    const formPages = ["/forms/employment-retention-kr", "/forms/employment-retention-kr/chat"];
    for (const at of formPages) expect(footerLinks(await browser.get(at)), at).to.deep.equal(["/privacy/employment-retention-kr", "/imprint", "/accessibility"]);
    const question = await browser.follow(await browser.post("/forms/short-time-work/start"));
    expect(question.path).to.match(/^\/applications\//);
    expect(footerLinks(question)).to.deep.equal(["/privacy/short-time-work", "/imprint", "/accessibility"]);
    for (const at of ["/", "/no/such/page", "/staff/login", "/imprint"]) expect(footerLinks(await browser.get(at)), at).to.deep.equal(["/privacy", "/imprint", "/accessibility"]);
    const chat = await browser.get("/forms/short-time-work/chat");
    expect(chat.$("main a").toArray().map((a) => chat.$(a).attr("href"))).to.include("/privacy/short-time-work");
  });
});

describe("the site configuration", () => {
  it("ships demo details that are themselves a valid site configuration, and the test operator's too", () => {
    expect(siteProblems(DEMO_SITE)).to.deep.equal([]);
    expect(siteProblems(SITE)).to.deep.equal([]);
    expect(siteProblems({ ...DEMO_SITE, operator: { ...DEMO_SITE.operator, name: { de: "Nur Deutsch" } } })).to.deep.equal([
      "/operator/name must have required property 'ko'",
      "/operator/name must have required property 'en'",
    ]);
  });

  it("serves the demo's example details, marked as examples, when the operator has none", async () => {
    const server = await startServer();
    try {
      for (const at of ["/imprint", "/accessibility", "/privacy/short-time-work"]) {
        const page = await new Browser(server.url, { language: "de" }).get(at);
        expect(page.$("[data-demo]").text(), at).to.include("Beispielangaben der Demonstration");
      }
    } finally {
      await server.close();
    }
  });

  it("refuses to start with a site file that misses what a notice needs, and names what", async () => {
    const dir = await tempDataDir();
    const { accessibility: _left, ...without } = SITE;
    await writeFile(path.join(dir, "site.json"), JSON.stringify(without));
    const config = await loadConfig({ FORMPILOT_DATA: dir, PORT: "0", FORMPILOT_SECRET: "test-secret" });
    const started = await start(config, pino({ level: "silent" }));
    expect(started.ok).to.equal(false);
    expect(!started.ok && started.message).to.match(/site\.json is not a site configuration .*must have required property 'accessibility'/);
  });

  it("reads the site file FORMPILOT_SITE_FILE names", async () => {
    const file = path.join(await tempDataDir(), "operator.json");
    await writeFile(file, JSON.stringify(SITE));
    const server = await startServer(undefined, { FORMPILOT_SITE_FILE: file });
    try {
      const page = await new Browser(server.url, { language: "ko" }).get("/imprint");
      expect(page.$("[data-operator]").text()).to.equal(SITE.operator.name.ko);
    } finally {
      await server.close();
    }
  });
});

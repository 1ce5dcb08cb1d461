/**
 * The chat's conversation state, over HTTP as the chat's script uses it: a typed answer that had
 * to be read ("1234 5678" for a company number) is read back and held, not stored; yes and no
 * words, typed or tapped, answer the read-back; anything else typed is a new answer to the same
 * question; and attempts at an answer never reach the help search.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { formsRoot } from "../../server/forms/paths";
import type { Running } from "../../server/start";
import type { Language } from "../../server/i18n/languages";
import { t } from "../../server/i18n/translate";
import { call } from "../support/api";
import { ChatClient } from "../support/chat";
import { startServer } from "../support/server";

const YES: Record<Language, string> = { en: "right", de: "ja", ko: "네" };
const NO: Record<Language, string> = { en: "no", de: "nein", ko: "아니요" };

/** The application's own token, from the cookie the chat holds it in. */
const tokenOf = (chat: ChatClient): string => decodeURIComponent([...chat.browser.cookies].find(([name]) => name.includes(chat.id))?.[1] ?? "");

/** The answers stored so far, as the JSON API reads them with the application's own token. */
async function stored(server: Running, chat: ChatClient): Promise<any> {
  const res = await call(server.url, "GET", `/api/applications/${chat.id}`, { token: tokenOf(chat) });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.answers;
}

const held = (chat: ChatClient) => chat.prompt?.replies.some((r) => r.turn.kind === "confirm") ?? false;

async function atCompanyNumber(server: Running, lang: Language): Promise<ChatClient> {
  const chat = new ChatClient(server.url, lang);
  await chat.start("short-time-work");
  await chat.type("Müller Metallbau GmbH");
  expect(chat.prompt?.pointer).to.equal("/employer/companyNumber");
  return chat;
}

describe("the chat holds a read-back until the applicant says yes or no", function () {
  this.timeout(60_000);
  let server: Running;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  for (const lang of ["en", "de", "ko"] as const) {
    it(`${lang}: a typed "${YES[lang]}" confirms the value read back, and nothing is stored before`, async () => {
      const chat = await atCompanyNumber(server, lang);
      await chat.type("1234 5678");
      expect(chat.lastSaid().text).to.equal(t(lang, "chat.confirm", { reading: "12345678" }));
      expect(held(chat)).to.equal(true);
      expect(chat.prompt?.pointer).to.equal("/employer/companyNumber");
      expect((await stored(server, chat)).employer.companyNumber).to.equal(undefined);
      await chat.type(YES[lang]);
      expect((await stored(server, chat)).employer.companyNumber).to.equal("12345678");
      expect(chat.prompt?.pointer).to.not.equal("/employer/companyNumber");
      expect(chat.shown.find((m) => m.id === "a:/employer/companyNumber")?.text).to.equal("12345678");
    });

    it(`${lang}: tapping "${t(lang, "chat.confirm_yes")}" stores exactly the value shown`, async () => {
      const chat = await atCompanyNumber(server, lang);
      await chat.type("12.345.678");
      await chat.tap(t(lang, "chat.confirm_yes"));
      expect((await stored(server, chat)).employer.companyNumber).to.equal("12345678");
    });

    it(`${lang}: a typed "${NO[lang]}" drops the reading and asks again`, async () => {
      const chat = await atCompanyNumber(server, lang);
      await chat.type("1234 5678");
      await chat.type(NO[lang]);
      expect(held(chat)).to.equal(false);
      expect(chat.prompt?.pointer).to.equal("/employer/companyNumber");
      expect(chat.lastSaid().text).to.equal(t(lang, "chat.retry"));
      expect((await stored(server, chat)).employer.companyNumber).to.equal(undefined);
    });
  }

  it("takes other text typed while a read-back waits as a new answer to the same question", async () => {
    const chat = await atCompanyNumber(server, "en");
    await chat.type("1234 5678");
    await chat.type("8765 4321");
    expect(chat.lastSaid().text).to.equal(t("en", "chat.confirm", { reading: "87654321" }));
    expect((await stored(server, chat)).employer.companyNumber).to.equal(undefined);
    await chat.type("yes");
    expect((await stored(server, chat)).employer.companyNumber).to.equal("87654321");
  });

  it("confirms a read-back of No with a typed yes, storing No", async () => {
    const chat = await atCompanyNumber(server, "en");
    const answers: [string, string][] = [
      ["/employer/companyNumber", "12345678"],
      ["/employer/address/street", "Industriestraße 12"],
      ["/employer/address/postcode", "70565"],
      ["/employer/address/city", "Stuttgart"],
      ["/employer/employmentAgency", "Agentur für Arbeit Stuttgart"],
      ["/employer/contactPerson", "Sabine Müller"],
      ["/employer/phone", "0711 123456"],
      ["/employer/iban", "DE89370400440532013000"],
      ["/employer/sector", "manufacturing"],
    ];
    for (const [pointer, text] of answers) {
      expect(chat.prompt?.pointer).to.equal(pointer);
      await chat.type(text);
      if (held(chat)) await chat.tap(t("en", "chat.confirm_yes"));
    }
    expect(chat.prompt?.pointer).to.equal("/employer/hasWorksCouncil");
    await chat.type("nope, we don't have one");
    expect(chat.lastSaid().text).to.equal(t("en", "chat.confirm", { reading: "No" }));
    await chat.type("yes");
    expect((await stored(server, chat)).employer.hasWorksCouncil).to.equal(false);
    expect(chat.prompt?.pointer).to.equal("/employer/payrollOffice");
    await chat.type("none");
    expect(chat.prompt?.pointer).to.not.equal("/employer/payrollOffice");
    expect((await stored(server, chat)).employer.payrollOffice, "'none' leaves an optional question blank").to.equal(undefined);
  });

  it("never stores a confirmation under another question: a stale confirm is refused and changes nothing", async () => {
    const chat = await atCompanyNumber(server, "en");
    await chat.type("1234 5678");
    const before = await stored(server, chat);
    await chat.send({ kind: "confirm", pointer: "/employer/name" });
    expect(chat.lastSaid().tone).to.equal("error");
    expect(await stored(server, chat)).to.deep.equal(before);
    await chat.send({ kind: "text", pointer: "/employer/address/street", text: "yes" });
    expect(await stored(server, chat)).to.deep.equal(before);
  });

  it("answers an attempt with the question's retry message, never with a help entry", async () => {
    const chat = await atCompanyNumber(server, "en");
    for (const attempt of ["10", "yes", "1234", "12/03"]) {
      await chat.type(attempt);
      const said = chat.lastSaid();
      expect(said.source, `${attempt}: ${said.text}`).to.equal(undefined);
      expect(said.tone, attempt).to.equal("error");
    }
  });

  it("refuses an end before the start, naming both answers, and offers to change the start", async () => {
    const chat = await atCompanyNumber(server, "en");
    const example = JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples/economic-eligible.json"), "utf8")).answers;
    const { expectedEnd: _left, ...period } = example.period;
    const prefilled = await call(server.url, "POST", `/api/applications/${chat.id}/answers`, { token: tokenOf(chat), body: { answers: { ...example, period } } });
    expect(prefilled.status, JSON.stringify(prefilled.body)).to.equal(200);
    await chat.load();
    // The optional questions the example leaves out are skipped on the way.
    for (let i = 0; i < 10 && chat.prompt?.pointer !== "/period/expectedEnd"; i++) await chat.tap(t("en", "chat.skip"));
    expect(chat.prompt?.pointer).to.equal("/period/expectedEnd");
    await chat.type("1 February 2025");
    const refusal = chat.lastSaid();
    expect(refusal.tone).to.equal("error");
    expect(refusal.text).to.contain("1 February 2025").and.to.contain("1 March 2025");
    expect((await stored(server, chat)).period.expectedEnd).to.equal(undefined);
    await chat.tap("Change your answer to “When does short-time work start?”");
    expect(chat.prompt?.pointer).to.equal("/period/start");
  });

  it("answers a German help question in an English chat in English, quoting the German entry", async () => {
    const chat = await atCompanyNumber(server, "en");
    await chat.type("Wer zahlt das Kurzarbeitergeld aus");
    const answer = chat.shown.find((m) => m.source);
    expect(answer, JSON.stringify(chat.shown.slice(-3))).to.not.equal(undefined);
    expect(answer!.source).to.contain("Wer zahlt das Kurzarbeitergeld aus?").and.to.contain("German");
    expect(answer!.text).to.match(/employment agency|Agentur/i).and.not.to.contain("zahlt");
    expect(chat.prompt?.pointer).to.equal("/employer/companyNumber");
  });
});

import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Running } from "../../server/start";
import { formsRoot } from "../../server/forms/paths";
import type { Form } from "../../server/engine/form";
import { getAt, parsePointer } from "../../server/engine/pointer";
import { startServer } from "../support/server";
import { ChatClient } from "../support/chat";
import { Browser } from "../support/http";
import { pdfText } from "../support/pdf-text";

const example = async (name: string, formId = "short-time-work") => JSON.parse(await readFile(path.join(formsRoot, formId, "examples", name), "utf8")).answers as Record<string, unknown>;

/** How someone types a value into a chat: grouped numbers with a unit word, dates as their language writes them. */
const TYPING = {
  en: { locale: "en-GB", money: (n: string) => `${n} €`, people: (n: string) => `about ${n}` },
  ko: { locale: "ko-KR", money: (n: string) => `${n}원`, people: (n: string) => `${n}명` },
};

function typed(value: unknown, node: { format?: string; unit?: string } | undefined, lang: keyof typeof TYPING): string {
  const way = TYPING[lang];
  if (typeof value === "number") {
    const n = value.toLocaleString(way.locale);
    return node?.unit === "EUR" || node?.unit === "KRW" ? way.money(n) : node?.unit === "persons" ? way.people(n) : n;
  }
  if (typeof value === "string" && node?.format === "date") return new Date(`${value}T00:00:00Z`).toLocaleDateString(way.locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return String(value);
}

/**
 * Answers every question the chat asks from a complete answers object: choices by tapping their
 * quick reply, everything else by typing, confirming whatever the assistant read back. It stops
 * at the first required question the answers have nothing for.
 */
async function chatThrough(chat: ChatClient, form: Form, answers: Record<string, unknown>, lang: keyof typeof TYPING = "en"): Promise<string[]> {
  const typedAnswers: string[] = [];
  for (let i = 0; i < 500 && chat.prompt?.pointer; i++) {
    const pointer = chat.prompt.pointer;
    const node = form.nodes.get(pointer.replace(/\/\d+(?=\/|$)/g, "/*"));
    const given = getAt(answers, parsePointer(pointer));
    if (node?.kind === "group") {
      const shown = chat.shown.filter((m) => m.from === "applicant" && m.id.startsWith(`a:${pointer}/`) && m.id.endsWith("/name")).length;
      await chat.send({ kind: "answer", pointer, value: Array.isArray(given) && given.length > shown });
      continue;
    }
    const reply = chat.prompt.replies.find((r) => r.turn.kind === "answer" && JSON.stringify(r.turn.value) === JSON.stringify(given));
    if (reply) await chat.send(reply.turn as never);
    else if (given === undefined) {
      // Nothing to give for a question that must be answered: the walk stops there.
      if (!chat.prompt.replies.some((r) => r.turn.kind === "skip")) break;
      await chat.send({ kind: "skip", pointer });
    }
    else if (Array.isArray(given)) await chat.send({ kind: "answer", pointer, value: given });
    else {
      const text = typed(given, node?.kind === "question" ? node : undefined, lang);
      typedAnswers.push(text);
      await chat.type(text);
      const confirm = chat.prompt?.replies.find((r) => r.turn.kind === "confirm" && r.turn.pointer === pointer);
      if (confirm) await chat.send(confirm.turn as never);
    }
    expect(chat.shown.filter((m) => m.tone === "error").map((m) => m.text), `answering ${pointer}`).to.deep.equal([]);
  }
  return typedAnswers;
}

describe("the chat assistant over HTTP", function () {
  this.timeout(120_000);
  let server: Running;
  let form: Form;
  before(async () => {
    server = await startServer();
    form = server.registry.get("short-time-work")!;
  });
  after(() => server.close());

  it("has a chat page per form that greets and starts without JavaScript, and a 404 for an unknown form", async () => {
    const browser = new Browser(server.url, { language: "de" });
    const page = await browser.get("/forms/short-time-work/chat");
    expect(page.status).to.equal(200);
    expect(page.$("html").attr("lang")).to.equal("de");
    expect(page.$(".chat__message").first().text()).to.contain("Kurzarbeitergeld");
    expect(page.$(`form[action="/forms/short-time-work/chat/start"] button`).text()).to.equal("Los geht's!");
    expect(page.$('a[href="/forms/short-time-work"]').length).to.be.greaterThan(0);
    expect((await browser.get("/forms/no-such-form/chat")).status).to.equal(404);
  });

  it("completes short-time-work with typed answers and quick replies, then submits and gives reference, PDF and status", async () => {
    const chat = new ChatClient(server.url);
    await chat.start("short-time-work");
    const answers = await example("economic-eligible.json");
    const typedAnswers = await chatThrough(chat, form, answers);
    expect(typedAnswers.length).to.be.greaterThan(10);
    expect(chat.shown.some((m) => m.id === "review")).to.equal(true);
    // The estimate says how it is worked out: the total's rule, and the employee just entered step by step.
    const estimate = chat.shown.find((m) => m.tone === "estimate") as { details?: string[] } | undefined;
    const details = (estimate?.details ?? []).join("\n");
    const employees = answers.employees as { name: string }[];
    expect(details).to.match(/Estimated allowance, all employees: €[\d,.]+/).and.include(`Sum of the estimated amounts for ${employees.length} people listed`);
    const last = employees[employees.length - 1]!.name;
    expect(details).to.include(`${last} – Lump-sum net pay from the target gross:`).and.include(`${last} – Net pay difference:`);
    expect(details).to.match(/Target gross [\d,.]+ EUR, capped at the pension insurance contribution ceiling of [\d,.]+ EUR \(20\d\d\)/);
    // A submit turn that does not carry the tap on the declaration is not consent: nothing is sent.
    await chat.send({ kind: "submit" });
    expect(chat.lastSaid()).to.include({ text: "Please confirm the declaration before sending the application.", tone: "error" });
    expect(chat.prompt!.replies.map((r) => r.turn)).to.deep.equal([{ kind: "submit", declaration: true }]);
    await chat.send({ kind: "submit", declaration: true });
    const done = chat.lastSaid();
    const reference = /[A-Z]+-\d{4}-\d+/.exec(done.text)?.[0];
    expect(reference, done.text).to.be.a("string");
    expect(chat.prompt!.input).to.equal("none");
    const [pdfLink, statusLink] = done.links!;
    const pdf = await chat.browser.get(pdfLink!.href);
    expect(pdf.headers.get("content-type")).to.equal("application/pdf");
    const text = await pdfText(pdf.body);
    expect(text).to.contain(reference!);
    expect(text).to.contain((answers.employer as { name: string }).name);
    expect(text.replace(/\s+/g, " ")).to.match(/Target gross [\d,.]+ EUR, capped at the pension insurance contribution ceiling of [\d,.]+ EUR \(20\d\d\)/);
    // The version may wrap after its last slash, which the text extractor reads as a space.
    expect(text.replace(/\s+/g, " ")).to.match(/Declared by the applicant on .+ in the chat \(declaration text 1\.\d+\.\d+\/en\/ ?[0-9a-f]{12}\)/);
    expect((await chat.browser.get(statusLink!.href)).status).to.equal(200);
    expect((await chat.raw({ turn: { kind: "submit", declaration: true } })).status).to.equal(409);
  });

  it("completes employment-retention-kr in Korean, typing amounts in won and dates the Korean way", async () => {
    const chat = new ChatClient(server.url, "ko");
    await chat.start("employment-retention-kr");
    const answers = await example("reduced-hours-two-employees.json", "employment-retention-kr");
    const typedAnswers = await chatThrough(chat, server.registry.get("employment-retention-kr")!, answers, "ko");
    expect(typedAnswers.some((t) => /^[\d,]+원$/.test(t))).to.equal(true);
    expect(typedAnswers.some((t) => /^\d{4}\. \d{1,2}\. \d{1,2}\.$|년/.test(t))).to.equal(true);
    expect(chat.shown.some((m) => m.id === "review")).to.equal(true);
    await chat.send({ kind: "submit", declaration: true });
    expect(chat.lastSaid().text).to.contain("접수 번호");
  });

  it("reads back an answer it had to interpret and stores it only once the applicant agrees", async () => {
    const chat = new ChatClient(server.url);
    await chat.start("short-time-work");
    await chatThrough(chat, form, { employer: { name: "Brandt", companyNumber: "34567890", address: { street: "Marktplatz 7", postcode: "04109", city: "Leipzig" }, employmentAgency: "Agentur für Arbeit Leipzig", contactPerson: "Uwe Brandt", phone: "+49 341 555123", iban: "DE89370400440532013000", sector: "trade", hasWorksCouncil: false } });
    expect(chat.prompt!.pointer).to.equal("/workforce/totalEmployees");
    await chat.type("about 30 people");
    expect(chat.lastSaid().text).to.equal("So that is 30 persons — right?");
    expect((await chat.load()).prompt.pointer, "nothing stored before the applicant agrees").to.equal("/workforce/totalEmployees");
    await chat.type("about 30 people");
    await chat.tap("Yes, that's right");
    expect(chat.shown.find((m) => m.id === "a:/workforce/totalEmployees")!.text).to.equal("30 persons");
    expect(chat.prompt!.pointer).to.equal("/workforce/affectedEmployees");
  });

  it("answers what it cannot read with a specific retry message and an example, storing nothing", async () => {
    const fresh = new ChatClient(server.url, "de");
    await fresh.start("short-time-work");
    const answers = await example("economic-eligible.json");
    await chatThrough(fresh, form, { employer: answers.employer });
    expect(fresh.prompt!.pointer).to.equal("/workforce/totalEmployees");
    await fresh.type("keine Ahnung");
    const said = fresh.lastSaid();
    expect(said.tone).to.equal("error");
    expect(said.text).to.match(/\d/);
    expect(fresh.prompt!.pointer).to.equal("/workforce/totalEmployees");
    expect((await fresh.load()).prompt.pointer).to.equal("/workforce/totalEmployees");
  });

  it("answers a help question from the form's help, quoting the source, and offers a person when it knows nothing", async () => {
    const chat = new ChatClient(server.url);
    await chat.start("short-time-work");
    await chat.type("What is short-time work?");
    const answer = chat.lastSaid();
    const help = chat.shown.filter((m) => m.source);
    expect(help, JSON.stringify(chat.shown.slice(-3))).to.have.length(1);
    expect(help[0]!.source).to.match(/^Source: “.+”$/);
    expect(answer.text).to.contain("What is the name of your establishment?");
    expect(chat.prompt!.pointer).to.equal("/employer/name");
    await chat.type("Who will win the football world cup?");
    expect(chat.shown.at(-2)!.text).to.contain("could not find an answer");
    expect(chat.prompt!.replies.map((r) => r.turn)).to.deep.include({ kind: "person" });
  });

  it("changes an earlier answer: the branch is re-evaluated and the conversation goes on from the right question", async () => {
    const chat = new ChatClient(server.url);
    await chat.start("short-time-work");
    const answers = await example("economic-eligible.json");
    await chatThrough(chat, form, answers);
    expect(chat.shown.some((m) => m.id === "q:/lossOfWork/economicReason")).to.equal(true);
    await chat.send(chat.shown.find((m) => m.id === "a:/lossOfWork/cause")!.change!);
    expect(chat.prompt!.pointer).to.equal("/lossOfWork/cause");
    expect(chat.shown.some((m) => m.id === "review"), "the conversation stops at the question being changed").to.equal(false);
    await chat.send({ kind: "answer", pointer: "/lossOfWork/cause", value: "unavoidableEvent" });
    expect(chat.shown.some((m) => m.id === "q:/lossOfWork/economicReason")).to.equal(false);
    expect(chat.prompt!.pointer).to.not.equal("/lossOfWork/economicReason");
    const fromPages = await chat.browser.get(`/applications/${chat.id}`);
    expect(fromPages.$("input[name=pointer]").val(), "the pages ask the same question as the chat").to.equal(chat.prompt!.pointer);
  });

  it("does not store typed text under another question when the one it answered was answered meanwhile", async () => {
    const chat = new ChatClient(server.url);
    await chat.start("short-time-work");
    await chat.browser.post(`/applications/${chat.id}/answer`, { pointer: "/employer/name", value: "Brandt Möbelhandel" });
    await chat.send({ kind: "text", pointer: "/employer/name", text: "34567890" });
    expect(chat.lastSaid().tone).to.equal("error");
    expect(chat.last!.reset, "the conversation is shown as it is now").to.equal(true);
    expect(chat.prompt!.pointer).to.equal("/employer/companyNumber");
    expect((await chat.load()).prompt.pointer, "nothing stored under the company number").to.equal("/employer/companyNumber");
  });

  it("goes on in the chat with what was answered in the pages, without asking it again", async () => {
    const chat = new ChatClient(server.url);
    await chat.start("short-time-work");
    await chat.browser.post(`/applications/${chat.id}/answer`, { pointer: "/employer/name", value: "Brandt Möbelhandel" });
    await chat.load();
    expect(chat.shown.find((m) => m.id === "a:/employer/name")!.text).to.equal("Brandt Möbelhandel");
    expect(chat.prompt!.pointer).to.equal("/employer/companyNumber");
  });

  it("leaves a callback request attached to the application, with field errors for bad input", async () => {
    const chat = new ChatClient(server.url, "ko");
    await chat.start("short-time-work");
    const post = (body: unknown) =>
      fetch(`${server.url}/applications/${chat.id}/chat/callback`, { method: "POST", headers: { "content-type": "application/json", origin: server.url, cookie: [...chat.browser.cookies].map(([n, v]) => `${n}=${v}`).join("; ") }, body: JSON.stringify(body) });
    const bad = await post({ name: "김민수", contact: "연락처 없음", message: "" });
    expect(bad.status).to.equal(400);
    const problems = ((await bad.json()) as { errors: { pointer: string; message: string }[] }).errors;
    expect(problems.map((p) => p.pointer)).to.deep.equal(["/contact"]);
    expect(problems[0]!.message).to.match(/[가-힣]/);
    const good = await post({ name: "김민수", contact: "010-1234-5678", message: "서류에 대해 묻고 싶습니다" });
    expect(good.status).to.equal(201);
    expect(((await good.json()) as { message: string }).message).to.contain("요청을 받았습니다");
    const requests = await server.store.callbackRequestsOf(chat.id);
    expect(requests.map((r) => r.contact)).to.deep.equal(["010-1234-5678"]);
  });

  it("refuses a malformed turn with a specific problem, and another browser's application with a 404", async () => {
    const chat = new ChatClient(server.url);
    await chat.start("short-time-work");
    const bad = await chat.raw({ turn: { kind: "shout", text: "hi" } });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0]).to.include({ code: "bad_turn", pointer: "/turn" });
    const stranger = new ChatClient(server.url);
    stranger.id = chat.id;
    expect((await stranger.raw({ turn: { kind: "submit", declaration: true } })).status).to.equal(404);
    expect((await new Browser(server.url).get(`/applications/${chat.id}/chat`)).status).to.equal(404);
  });
});

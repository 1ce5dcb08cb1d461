/**
 * The applicant following their case, end to end: a real server and SQLite file, the applicant on
 * the JSON API and in a browser without JavaScript, the caseworker's actions through
 * server/applications/cases.ts as the staff pages run them.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { startServer } from "../support/server";
import { call, walkOverApi } from "../support/api";
import { Browser, type Page } from "../support/http";
import { pdfText } from "../support/pdf-text";
import { formsRoot } from "../../server/forms/paths";
import { addNote, assign, decide, moveStatus, requestInformation } from "../../server/applications/cases";
import type { Result, Services } from "../../server/applications/service";
import type { ApplicationRecord, StaffRecord } from "../../server/store/store";
import type { Running } from "../../server/start";

const example = async (name: string) => JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples", name), "utf8"));
const text = (page: Page, selector = "main") => page.$(selector).text().replace(/\s+/g, " ").trim();
/** pdftotext lays text out with runs of spaces, and writes a no-break space as a space. */
const flat = (s: string) => s.replace(/[\s\u00a0]+/g, " ");

const NOTE = "Intern: Auftragsbuch telefonisch geprüft, Rückgang plausibel.";
const MESSAGE = "Bitte geben Sie eine Telefonnummer an, unter der wir Sie tagsüber erreichen.";

describe("the applicant's status page, decision and letter", () => {
  let server: Running;
  let services: Services;
  let clara: StaffRecord;

  before(async () => {
    server = await startServer();
    services = { registry: server.registry, store: server.store, now: () => new Date(), renderPdf: async () => Buffer.alloc(0) };
    const created = await server.store.createStaff({ id: "staff-clara", email: "clara@amt.example", name: "Clara Weber", role: "caseworker", passwordHash: "-", createdAt: new Date().toISOString() });
    if ("duplicate" in created) throw new Error("duplicate staff");
    clara = created;
  });
  after(() => server.close());

  /** An applicant walks short-time-work over the API, in German, and submits it. */
  async function submittedClaim() {
    const created = await call(server.url, "POST", "/api/forms/short-time-work/applications", { body: { language: "de" } });
    const { id, token } = created.body as { id: string; token: string };
    await walkOverApi(server.url, id, token, (await example("economic-eligible.json")).answers);
    const submitted = await call(server.url, "POST", `/api/applications/${id}/submit`, { token, body: { declaration: true } });
    expect(submitted.status).to.equal(200);
    return { id, token, reference: submitted.body.reference as string };
  }

  /** Clara acts on the case as it is now, as her case page would. */
  async function act(id: string, action: (a: { staff: StaffRecord; record: ApplicationRecord; seen: number; lang: "en" }) => Promise<Result<unknown>>) {
    const record = (await server.store.getApplication(id))!;
    const done = await action({ staff: clara, record, seen: record.revision, lang: "en" });
    expect(done.ok, JSON.stringify(done)).to.equal(true);
  }

  const form = () => server.registry.get("short-time-work")!;
  const stepsOf = (page: Page) => page.$("ol.timeline > li").map((_, li) => page.$(li).children("p").not(".hint").first().text().trim()).get();
  const apiView = async (claim: { id: string; token: string }) => (await call(server.url, "GET", `/api/applications/${claim.id}`, { token: claim.token })).body;

  it("follows a case through a request for more information, a resubmission and an approval with its letter", async () => {
    const claim = await submittedClaim();
    await act(claim.id, (a) => assign(services, a, clara.id));
    await act(claim.id, (a) => moveStatus(services, a, "in_review"));
    await act(claim.id, async (a) => addNote(services, clara, a.record, NOTE, "en"));
    await act(claim.id, (a) => requestInformation(services, a, form(), ["/employer/phone"], MESSAGE));

    // The resume link brings the applicant to the status page, in the application's language.
    const b = new Browser(server.url);
    let page = await b.follow(await b.submit(await b.get(`/resume/${claim.id}/${claim.token}`), "main form"));
    expect(page.path).to.equal(`/applications/${claim.id}/status`);
    expect(page.$("html").attr("lang")).to.equal("de");
    expect(text(page, ".summary")).to.include(claim.reference).and.include("Weitere Angaben nötig");
    expect(stepsOf(page)).to.deep.equal([
      "Wir haben Ihren Antrag erhalten.",
      "Ihr Antrag wurde an die zuständige Stelle weitergeleitet: Bundesagentur für Arbeit.",
      "Clara Weber bearbeitet Ihren Antrag.",
      "Ihr Antrag wird geprüft.",
      "Ihre Sachbearbeitung hat weitere Angaben angefordert.",
    ]);
    const events = await server.store.events(claim.id);
    const at = (type: string) => events.find((e) => e.type === type)!.at;
    const times = page.$("ol.timeline time").map((_, el) => page.$(el).attr("datetime")).get();
    expect(times).to.deep.equal([at("submitted"), at("assigned"), at("assigned"), at("status_changed"), at("information_requested")]);
    expect(text(page, ".request")).to.include(MESSAGE).and.include("Ihr Betrieb – Telefonnummer der Ansprechperson");
    expect(page.html).to.not.include(NOTE);

    const view = await apiView(claim);
    expect(view.request).to.deep.equal({ message: MESSAGE, pointers: ["/employer/phone"] });
    expect(view.decision).to.equal(null);
    expect(view.timeline.map((e: { kind: string }) => e.kind)).to.deep.equal(["received", "department", "caseworker", "in_review", "more_information"]);
    expect((await call(server.url, "GET", `/api/applications/${claim.id}/letter`, { token: claim.token })).status).to.equal(404);
    expect((await b.get(`/applications/${claim.id}/letter`)).status).to.equal(404);

    // "Give the information" leads to the reopened question, then check your answers, then submit again.
    page = await b.get(page.$(".request a.button").attr("href")!);
    expect(page.$('form[action$="/answer"] input[name="pointer"]').val()).to.equal("/employer/phone");
    expect(text(page, ".notice")).to.include(MESSAGE);
    expect(text(page, ".progress")).to.equal("Noch zu beantwortende Fragen: 1");

    // Any other answer stays as submitted, on the pages and in the chat: refused, nothing stored.
    const revision = (await server.store.getApplication(claim.id))!.revision;
    const refusedPage = await b.post(`/applications/${claim.id}/answer`, { pointer: "/employer/iban", value: "DE02120300000000202051" });
    expect(refusedPage.status).to.equal(422);
    expect(text(refusedPage, "[role=alert]")).to.include("Diese Antwort kann jetzt nicht geändert werden");
    const cookie = [...b.cookies].map(([n, v]) => `${n}=${v}`).join("; ");
    for (const turn of [{ kind: "answer", pointer: "/employer/iban", value: "DE02120300000000202051" }, { kind: "change", pointer: "/employer/iban" }]) {
      const res = await fetch(`${server.url}/applications/${claim.id}/chat/messages`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json", cookie, origin: server.url }, body: JSON.stringify({ turn, revision }) });
      // The chat says a refusal in the conversation, as an error note.
      expect(res.status, JSON.stringify(turn)).to.equal(200);
      const said = ((await res.json()) as { messages: { from: string; text: string; tone?: string }[] }).messages.filter((m) => m.tone === "error");
      expect(said.map((m) => m.text).join(" ")).to.include("Diese Antwort kann jetzt nicht geändert werden");
    }
    expect((await server.store.getApplication(claim.id))!.revision).to.equal(revision);
    page = await b.get(`/applications/${claim.id}`);
    expect(page.$('form[action$="/answer"] input[name="pointer"]').val()).to.equal("/employer/phone");
    page = await b.follow(await b.post(`/applications/${claim.id}/answer`, { pointer: "/employer/phone", value: "0711 987654" }));
    expect(page.$("h1").text()).to.equal("Prüfen Sie Ihre Antworten, bevor Sie den Antrag einreichen");
    const resubmitted = await b.post(page.$('form[action$="/submit"]').attr("action")!, { declaration: "yes" });
    page = await b.follow(resubmitted);
    expect(page.path).to.equal(`/applications/${claim.id}/confirmation`);
    expect(text(page, ".panel h1")).to.equal("Antrag erneut eingereicht");
    expect(text(page, ".panel .reference")).to.equal(claim.reference);

    expect((await apiView(claim)).status).to.equal("in_review");
    const [first, second] = await Promise.all([1, 2].map(async (v) => flat(await pdfText((await server.store.getSubmission(claim.id, v))!.pdf))));
    expect(first).to.include("0711 123456").and.not.include("0711 987654");
    expect(second).to.include("0711 987654");

    page = await b.get(page.$('a[href$="/status"]').attr("href")!);
    expect(stepsOf(page).at(-1)).to.equal("Sie haben die Angaben ergänzt und Ihren Antrag erneut eingereicht.");
    expect(page.$(".request")).to.have.length(0);

    // Approved: the decision on the page, and the letter.
    await act(claim.id, (a) => decide(services, a, form(), { outcome: "approved", amount: 1421.06 }));
    page = await b.get(`/applications/${claim.id}`);
    expect(page.location).to.equal(`/applications/${claim.id}/status`);
    page = await b.follow(page);
    expect(text(page, ".summary")).to.include("Bewilligt");
    expect(flat(text(page, ".decision"))).to.include("Ihr Antrag wurde bewilligt.").and.include("Bewilligter Betrag").and.include("1.421,06 €");
    expect(stepsOf(page).slice(-2)).to.deep.equal(["Sie haben die Angaben ergänzt und Ihren Antrag erneut eingereicht.", "Ihr Antrag wurde bewilligt."]);
    expect(page.html).to.not.include(NOTE);

    const letter = await b.get(page.$(".decision a").attr("href")!);
    expect(letter.status).to.equal(200);
    expect(letter.headers.get("content-type")).to.equal("application/pdf");
    const letterText = flat(await pdfText(letter.body));
    expect(letterText).to.include("Bescheid über Ihren Antrag").and.include(claim.reference).and.include("Bewilligt").and.include("1.421,06 €");
    expect(letterText).to.include("Müller Metallbau GmbH").and.include("Clara Weber").and.include("Mit freundlichen Grüßen").and.not.include(NOTE);
    // Rendered anew on every request from the stored decision: the same bytes each time, on the API too.
    const fromApi = await call(server.url, "GET", `/api/applications/${claim.id}/letter`, { token: claim.token });
    expect(fromApi.headers.get("content-type")).to.equal("application/pdf");
    expect((fromApi.body as Buffer).equals(letter.body)).to.equal(true);

    const decided = await apiView(claim);
    expect(decided.request).to.equal(null);
    expect(decided.decision).to.deep.include({ outcome: "approved", amount: 1421.06, reason: "" });
    expect(decided.timeline.map((e: { kind: string }) => e.kind)).to.deep.equal(["received", "department", "caseworker", "in_review", "more_information", "resubmitted", "approved"]);
    expect(JSON.stringify(decided)).to.not.include(NOTE).and.not.include(clara.id);

    // The API's description covers the new fields: the decided view validates against it.
    const openapi = (await call(server.url, "GET", "/openapi.json")).body;
    expect(openapi.paths).to.have.property("/api/applications/{id}/letter");
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: "openapi", components: openapi.components });
    const valid = ajv.getSchema("openapi#/components/schemas/State")!;
    expect(valid(decided), JSON.stringify(valid.errors)).to.equal(true);
  });

  it("shows a rejection with its reason, on the page and in the letter", async () => {
    const claim = await submittedClaim();
    const reason = "Der Arbeitsausfall beruht nicht auf wirtschaftlichen Gründen im Sinne des Gesetzes.";
    await act(claim.id, (a) => assign(services, a, clara.id));
    await act(claim.id, (a) => moveStatus(services, a, "in_review"));
    await act(claim.id, async (a) => addNote(services, clara, a.record, NOTE, "en"));
    await act(claim.id, (a) => decide(services, a, form(), { outcome: "rejected", reason }));

    const b = new Browser(server.url);
    const page = await b.follow(await b.submit(await b.get(`/resume/${claim.id}/${claim.token}`), "main form"));
    expect(stepsOf(page)).to.deep.equal(["Wir haben Ihren Antrag erhalten.", "Ihr Antrag wurde an die zuständige Stelle weitergeleitet: Bundesagentur für Arbeit.", "Clara Weber bearbeitet Ihren Antrag.", "Ihr Antrag wird geprüft.", "Ihr Antrag wurde abgelehnt."]);
    expect(text(page, ".decision")).to.include("Ihr Antrag wurde abgelehnt.").and.include("Begründung").and.include(reason);
    expect(page.html).to.not.include(NOTE);

    const letter = flat(await pdfText((await b.get(`/applications/${claim.id}/letter`)).body));
    expect(letter).to.include(claim.reference).and.include("Abgelehnt").and.include(reason);
    expect((await apiView(claim)).decision).to.deep.include({ outcome: "rejected", amount: null, reason });
  });
});

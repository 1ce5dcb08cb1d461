/**
 * The applicant's timeline from hand-made event lists, shaped as server/applications/cases.ts and
 * the applicant's service record them: the steps in order, in the applicant's language, and
 * nothing of what only staff may see.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadForm } from "../support/forms";
import { formsRoot } from "../../server/forms/paths";
import type { Form } from "../../server/engine/form";
import { newSession } from "../../server/engine/session";
import { namedStaff, timelineOf } from "../../server/applications/timeline";
import type { ApplicationRecord, EventRecord } from "../../server/store/store";
import type { Language } from "../../server/i18n/languages";

const example = async (form: string, name: string) => JSON.parse(await readFile(path.join(formsRoot, form, "examples", name), "utf8")).answers;

function recordOf(form: Form, answers: Record<string, unknown>, language: Language): ApplicationRecord {
  return {
    id: "app-1", formId: form.id, formVersion: form.version, status: "submitted", language,
    session: { ...newSession(), answers }, tokenHash: "", email: null, reference: "STW-2026-000001",
    createdAt: "2026-03-01T08:00:00.000Z", updatedAt: "2026-03-01T08:00:00.000Z", submittedAt: "2026-03-01T09:00:00.000Z",
    revision: 1, assigneeId: null, request: null, decision: null, legalHold: false, erasedAt: null,
  };
}

/** Events one minute apart, in the order given. */
function eventsOf(...steps: [actor: string, type: string, data?: Record<string, unknown>][]): EventRecord[] {
  return steps.map(([actor, type, data = {}], i) => ({ id: i + 1, applicationId: "app-1", at: new Date(Date.UTC(2026, 2, 1, 9, i)).toISOString(), actor, type, data }));
}

const moved = (from: [string, string | null], to: [string, string | null]) => ({ before: { status: from[0], assigneeId: from[1] }, after: { status: to[0], assigneeId: to[1] } });

const CW = "staff-clara";
const NAMES = new Map([[CW, "Clara Weber"], ["staff-minho", "Minho Park"]]);
const NOTE = "Called the employer: the order book really is down 40 %.";
const MESSAGE = "Bitte geben Sie eine Telefonnummer an, unter der wir Sie tagsüber erreichen.";

describe("the applicant's timeline", () => {
  let stw: Form;
  let stwAnswers: Record<string, unknown>;
  before(async () => {
    stw = await loadForm(path.join(formsRoot, "short-time-work"));
    stwAnswers = await example("short-time-work", "economic-eligible.json");
  });

  const fullCase = () => eventsOf(
    ["applicant", "created", { formVersion: "1.0.0" }],
    ["applicant", "answered", { pointers: ["/employer/name"] }],
    ["applicant", "submitted", { reference: "STW-2026-000001" }],
    [CW, "note", { text: NOTE }],
    [CW, "assigned", moved(["submitted", null], ["assigned", CW])],
    [CW, "status_changed", moved(["assigned", CW], ["in_review", CW])],
    [CW, "information_requested", { ...moved(["in_review", CW], ["more_information", CW]), pointers: ["/employer/phone", "/employees/1/grossActual"], message: MESSAGE }],
    ["applicant", "answered", { pointers: ["/employer/phone"] }],
    ["applicant", "submitted", { reference: "STW-2026-000001" }],
    [CW, "status_changed", moved(["submitted", CW], ["in_review", CW])],
    [CW, "callback_requested", { phone: "0711 123456" }],
    [CW, "decided", { ...moved(["in_review", CW], ["approved", CW]), outcome: "approved", amount: 1421.06, reason: "" }],
  );

  it("tells the way from received to decided in order, in German, with the times, the request and the amount", () => {
    const timeline = timelineOf(stw, recordOf(stw, stwAnswers, "de"), fullCase(), NAMES);
    expect(timeline.map((e) => e.kind)).to.deep.equal(["received", "department", "caseworker", "in_review", "more_information", "resubmitted", "in_review", "approved"]);
    expect(timeline.map((e) => e.text)).to.deep.equal([
      "Wir haben Ihren Antrag erhalten.",
      "Ihr Antrag wurde an die zuständige Stelle weitergeleitet: Bundesagentur für Arbeit.",
      "Clara Weber bearbeitet Ihren Antrag.",
      "Ihr Antrag wird geprüft.",
      "Ihre Sachbearbeitung hat weitere Angaben angefordert.",
      "Sie haben die Angaben ergänzt und Ihren Antrag erneut eingereicht.",
      "Ihr Antrag wird geprüft.",
      "Ihr Antrag wurde bewilligt.",
    ]);
    expect(timeline[0]).to.include({ at: "2026-03-01T09:02:00.000Z", when: "1. März 2026 um 09:02 UTC" });
    // Assigning a new case passes it to the department and names the caseworker: two steps, one moment.
    expect(timeline[1]!.at).to.equal(timeline[2]!.at);

    const request = timeline[4]!;
    expect(request.details).to.deep.equal([{ label: "Nachricht Ihrer Sachbearbeitung", value: MESSAGE }]);
    expect(request.questions).to.have.length(2);
    expect(request.questions[0]).to.equal("Ihr Betrieb – Telefonnummer der Ansprechperson");
    expect(request.questions[1]).to.include("Aylin Demir").and.match(/Ist-Entgelt \(brutto\) im Monat$/);

    // The currency is the one of the form's estimate of the whole claim.
    expect(timeline[7]!.details).to.deep.equal([{ label: "Bewilligter Betrag", value: "1.421,06\u00a0€" }]);
  });

  it("never shows internal notes or other staff-only events", () => {
    const timeline = timelineOf(stw, recordOf(stw, stwAnswers, "en"), fullCase(), NAMES);
    const shown = JSON.stringify(timeline);
    expect(shown).to.not.include(NOTE).and.not.include("0711 123456").and.not.include(CW);
    expect(timeline.map((e) => e.kind)).to.not.include.members(["note", "callback_requested"]);
  });

  it("names whoever a case is passed on to later, without passing it to the department again", () => {
    const events = eventsOf(
      ["applicant", "submitted", { reference: "STW-2026-000001" }],
      [CW, "status_changed", moved(["submitted", null], ["in_review", null])],
      ["staff-sven", "assigned", moved(["in_review", null], ["in_review", "staff-minho"])],
      ["staff-sven", "assigned", moved(["in_review", "staff-minho"], ["in_review", "staff-gone"])],
    );
    expect(namedStaff(events)).to.deep.equal(["staff-minho", "staff-gone"]);
    const timeline = timelineOf(stw, recordOf(stw, stwAnswers, "en"), events, NAMES);
    expect(timeline.map((e) => [e.kind, e.text])).to.deep.equal([
      ["received", "We received your application."],
      ["in_review", "Your application is being reviewed."],
      ["caseworker", "Minho Park is handling your application."],
      // A name the lookup does not know is left out rather than shown as an id.
      ["caseworker", "A caseworker is handling your application."],
    ]);
  });

  it("gives a rejection with its reason, in English", () => {
    const reason = "Fewer than a third of your employees lose more than a tenth of their pay.";
    const events = eventsOf(
      ["applicant", "submitted", { reference: "STW-2026-000001" }],
      [CW, "status_changed", moved(["submitted", null], ["in_review", null])],
      [CW, "decided", { ...moved(["in_review", null], ["rejected", null]), outcome: "rejected", amount: null, reason }],
    );
    const decided = timelineOf(stw, recordOf(stw, stwAnswers, "en"), events, NAMES).at(-1)!;
    expect(decided).to.deep.include({ kind: "rejected", text: "Your application was rejected.", when: "1 March 2026 at 09:02 UTC" });
    expect(decided.details).to.deep.equal([{ label: "Reason", value: reason }]);
  });

  it("writes an amount in the currency of a Korean form, in Korean", async () => {
    const form = await loadForm(path.join(formsRoot, "employment-retention-kr"));
    const answers = await example("employment-retention-kr", "reduced-hours-two-employees.json");
    const events = eventsOf(
      ["applicant", "submitted", { reference: "ERK-2026-000001" }],
      [CW, "decided", { ...moved(["in_review", null], ["approved", null]), outcome: "approved", amount: 1234567, reason: "" }],
    );
    const timeline = timelineOf(form, recordOf(form, answers, "ko"), events, NAMES);
    expect(timeline[0]).to.include({ text: "신청서가 접수되었습니다.", when: "2026년 3월 1일 09:00 UTC" });
    expect(timeline[1]!.details).to.deep.equal([{ label: "지급 결정 금액", value: "₩1,234,567" }]);
  });

  it("is empty for a draft", () => {
    const events = eventsOf(["applicant", "created", {}], ["applicant", "answered", { pointers: ["/employer/name"] }]);
    expect(timelineOf(stw, recordOf(stw, stwAnswers, "en"), events, NAMES)).to.deep.equal([]);
  });
});

import { expect } from "chai";
import { loadFixture } from "../support/forms";
import type { Form } from "../../server/engine/form";
import { newSession, type Session } from "../../server/engine/session";
import { answer, answerMany, back, change, removeItem, reopen } from "../../server/engine/flow";
import { nextStep, progressOf, stateOf, summaryOf, type QuestionStep } from "../../server/engine/present";

/** Answers in turn, failing the test on any problem, as an applicant clicking Continue. */
function walk(form: Form, steps: [string, unknown][], start: Session = newSession()): Session {
  return steps.reduce((session, [pointer, value]) => {
    const outcome = answer(form, session, pointer, value, "en");
    expect(outcome.problems, `answering ${pointer}`).to.deep.equal([]);
    return outcome.session;
  }, start);
}

const pointerOf = (form: Form, session: Session) => {
  const step = nextStep(form, session, "en");
  return step.kind === "question" ? step.pointer : "review";
};

describe("the flow through a form", () => {
  let form: Form;
  before(async () => {
    form = await loadFixture("branching");
  });

  it("asks the questions in the order the schema writes them, sections first in, one at a time", () => {
    const step = nextStep(form, newSession(), "en") as QuestionStep;
    expect(step).to.include({ kind: "question", pointer: "/applicant/name", title: "Your name", required: true });
    expect(step.headings).to.deep.equal(["About you"]);
  });

  it("brings in the questions of the branch the answer chose, and only those", () => {
    let s = walk(form, [["/applicant/name", "Ada"], ["/applicant/email", ""], ["/applicant/iban", ""], ["/kind", "factory"]]);
    expect(pointerOf(form, s)).to.equal("/factoryShifts");
    const step = nextStep(form, s, "en") as QuestionStep;
    expect(step.reason).to.equal("You are asked this because you answered “A factory” to “What kind of business?”.");
    s = walk(form, [["/kind", "shop"]], s);
    expect(pointerOf(form, s)).to.equal("/shopArea");
  });

  it("does not ask a question of either branch before the deciding answer is given", () => {
    const s = walk(form, [["/applicant/name", "Ada"], ["/applicant/email", ""], ["/applicant/iban", ""]]);
    expect(answer(form, s, "/shopArea", 3, "en").problems[0]).to.include({ code: "not_active", pointer: "/shopArea" });
    expect(answer(form, s, "/factoryShifts", 1, "en").problems[0]).to.include({ code: "not_active" });
  });

  it("asks for consent only once an e-mail address is given (dependentRequired)", () => {
    let s = walk(form, [["/applicant/name", "Ada"], ["/applicant/email", "ada@example.org"]]);
    expect(pointerOf(form, s)).to.equal("/applicant/emailConsent");
    s = walk(form, [["/applicant/emailConsent", "yes"]], s);
    expect(s.answers).to.deep.include({ applicant: { name: "Ada", email: "ada@example.org", emailConsent: true } });
  });

  it("asks for the note's language only when a note is written (dependentSchemas)", () => {
    const s = walk(form, [["/applicant/name", "Ada"], ["/applicant/email", ""], ["/applicant/iban", ""], ["/kind", "shop"], ["/shopArea", 2], ["/start", "2026-03-01"]]);
    expect(pointerOf(form, walk(form, [["/note", ""]], s))).to.equal("/tags");
    expect(pointerOf(form, walk(form, [["/note", "Hi"]], s))).to.equal("/noteLanguage");
  });

  it("takes the answers of a branch out when it no longer applies, and restores them on switching back", () => {
    let s = walk(form, [["/applicant/name", "Ada"], ["/applicant/email", ""], ["/applicant/iban", ""], ["/kind", "shop"], ["/shopArea", 7]]);
    s = walk(form, [["/kind", "factory"]], s);
    expect(s.answers).to.not.have.property("shopArea");
    expect(pointerOf(form, s)).to.equal("/factoryShifts");
    s = walk(form, [["/factoryShifts", 2], ["/kind", "shop"]], s);
    expect(s.answers).to.include({ shopArea: 7 }).and.not.have.property("factoryShifts");
    s = walk(form, [["/kind", "factory"]], s);
    expect(s.answers).to.include({ factoryShifts: 2 });
  });

  it("walks a repeatable group item by item, asking whether to add another, up to maxItems", () => {
    let s = answerMany(form, newSession(), { applicant: { name: "Ada" }, kind: "shop", shopArea: 1, start: "2026-01-01" }, "en").session;
    s = walk(form, [["/applicant/email", ""], ["/applicant/iban", ""], ["/note", ""], ["/tags", []]], s);
    expect(pointerOf(form, s)).to.equal("/people/0/name");
    s = walk(form, [["/people/0/name", "Bo"], ["/people/0/paid", true]], s);
    const pay = nextStep(form, s, "en") as QuestionStep;
    expect(pay).to.include({ pointer: "/people/0/pay", widget: "money", unit: "EUR" });
    expect(pay.headings).to.deep.equal(["People", "Person 1: Bo"]);
    s = walk(form, [["/people/0/pay", "1,250.50"]], s);
    expect(nextStep(form, s, "en")).to.include({ pointer: "/people", widget: "addAnother", title: "Add another person?" });
    s = walk(form, [["/people", true], ["/people/1/name", "Cy"], ["/people/1/paid", false], ["/people", true], ["/people/2/name", "Di"], ["/people/2/paid", false]], s);
    expect(pointerOf(form, s), "no fourth person: maxItems is 3").to.equal("review");
    expect(stateOf(form, s, "en")).to.include({ complete: true });
  });

  it("removes an item and keeps the others with their answers", () => {
    let s = answerMany(form, newSession(), { people: [{ name: "A", paid: false }, { name: "B", paid: true, pay: 5 }, { name: "C", paid: false }] }, "en").session;
    s = removeItem(form, s, "/people/1", "en").session;
    expect(s.answers.people).to.deep.equal([{ name: "A", paid: false }, { name: "C", paid: false }]);
    expect(removeItem(form, s, "/people/7", "en").problems[0]).to.include({ code: "not_an_item" });
  });

  it("goes back along the questions actually asked on this path", () => {
    let s = walk(form, [["/applicant/name", "Ada"], ["/applicant/email", ""], ["/applicant/iban", ""], ["/kind", "factory"], ["/factoryShifts", 1]]);
    s = back(form, s);
    expect(pointerOf(form, s)).to.equal("/factoryShifts");
    s = back(form, s);
    expect(pointerOf(form, s)).to.equal("/kind");
    const step = nextStep(form, s, "en") as QuestionStep;
    expect(step.value, "the answer given before is shown").to.equal("factory");
    s = walk(form, [["/kind", "factory"]], s);
    expect(pointerOf(form, s), "Continue walks on through what was answered").to.equal("/factoryShifts");
    s = walk(form, [["/factoryShifts", 1]], s);
    expect(pointerOf(form, s)).to.equal("/start");
  });

  it("returns to the review after a change, asking first what the change brings in", () => {
    const full = answerMany(form, newSession(), { applicant: { name: "Ada" }, kind: "shop", shopArea: 3, start: "2026-01-01", people: [{ name: "Bo", paid: false }] }, "en").session;
    let s = walk(form, [["/applicant/email", ""], ["/applicant/iban", ""], ["/note", ""], ["/tags", []], ["/people", false]], full);
    expect(pointerOf(form, s)).to.equal("review");
    s = change(form, s, "/applicant/name", "en").session;
    s = walk(form, [["/applicant/name", "Ada Lovelace"]], s);
    expect(pointerOf(form, s)).to.equal("review");
    s = change(form, s, "/kind", "en").session;
    s = walk(form, [["/kind", "factory"]], s);
    expect(pointerOf(form, s)).to.equal("/factoryShifts");
    s = walk(form, [["/factoryShifts", 3]], s);
    expect(pointerOf(form, s)).to.equal("review");
  });

  it("keeps the progress honest as branches change the number of questions", () => {
    let s = walk(form, [["/applicant/name", "Ada"], ["/applicant/email", "a@b.de"]]);
    const withConsent = progressOf(form, s);
    s = walk(form, [["/applicant/email", ""]], s);
    const without = progressOf(form, s);
    expect(withConsent.total).to.equal(without.total + 1);
    expect(without.answered).to.equal(2);
  });

  it("lists every answer under its section for checking, written as a person reads it", () => {
    const s = answerMany(form, newSession(), { applicant: { name: "Ada" }, kind: "shop", shopArea: 3, start: "2026-03-01", people: [{ name: "Bo", paid: true, pay: 1250.5 }] }, "de").session;
    const summary = summaryOf(form, s, "de");
    expect(summary.map((x) => x.heading)).to.include.members(["About you", "People – Person 1: Bo"]);
    const rows = summary.flatMap((x) => x.rows);
    expect(rows.find((r) => r.pointer === "/kind")?.value).to.equal("Ein Laden");
    expect(rows.find((r) => r.pointer === "/start")?.value).to.equal("1. März 2026");
    expect(rows.find((r) => r.pointer === "/people/0/pay")?.value).to.equal("1.250,50\u00a0€");
  });
});

describe("answers and their errors", () => {
  let form: Form;
  before(async () => {
    form = await loadFixture("branching");
  });
  const atKind = () => walk(form, [["/applicant/name", "Ada"], ["/applicant/email", ""], ["/applicant/iban", ""], ["/kind", "factory"]]);

  it("reads numbers as the applicant's language writes them and says so", () => {
    const s = walk(form, [["/applicant/name", "Ada"], ["/applicant/email", ""], ["/applicant/iban", ""], ["/kind", "shop"]]);
    const outcome = answer(form, s, "/shopArea", "1.200", "de");
    expect(outcome.problems).to.deep.equal([]);
    expect(outcome.session.answers.shopArea).to.equal(1200);
    expect(outcome.interpreted).to.deep.equal({ pointer: "/shopArea", value: 1200 });
  });

  it("gives a specific, localized error naming the field, and stores nothing", () => {
    const s = atKind();
    const en = answer(form, s, "/factoryShifts", "0", "en");
    expect(en.session).to.equal(s);
    expect(en.problems).to.deep.equal([{ code: "minimum", pointer: "/factoryShifts", message: "Enter at least 1." }]);
    expect(answer(form, s, "/factoryShifts", "0", "de").problems[0]!.message).to.equal("Geben Sie mindestens 1 an.");
    expect(answer(form, s, "/factoryShifts", "0", "ko").problems[0]!.message).to.equal("1 이상으로 입력하세요.");
    expect(answer(form, s, "/factoryShifts", "zwei", "de").problems[0]).to.deep.equal({ code: "not_a_number", pointer: "/factoryShifts", message: "Geben Sie eine Zahl ein, zum Beispiel 3." });
  });

  it("uses the form's own wording for an error where the locale file gives one", () => {
    const s = atKind();
    expect(answer(form, s, "/factoryShifts", 4, "en").problems[0]!.message).to.equal("At most 3 shifts.");
    expect(answer(form, s, "/factoryShifts", 4, "ko").problems[0]!.message).to.equal("교대는 최대 3개입니다.");
  });

  it("checks formats with Ajv's formats and a real IBAN checksum", () => {
    const s = walk(form, [["/applicant/name", "Ada"], ["/applicant/email", ""]]);
    expect(answer(form, s, "/applicant/iban", "DE89 3704 0044 0532 0130 01", "en").problems[0]).to.include({ code: "format", pointer: "/applicant/iban" });
    expect(answer(form, s, "/applicant/iban", "DE89370400440532013000", "en").problems).to.deep.equal([]);
    expect(answer(form, walk(form, [["/applicant/name", "Ada"]]), "/applicant/email", "not-an-address", "en").problems[0]).to.include({ code: "format" });
  });

  it("refuses to leave a required question blank, and lets an optional one be skipped", () => {
    const s = newSession();
    expect(answer(form, s, "/applicant/name", "  ", "en").problems[0]).to.deep.equal({ code: "required", pointer: "/applicant/name", message: "Answer this question." });
    const s2 = walk(form, [["/applicant/name", "Ada"], ["/applicant/email", ""]]);
    expect(pointerOf(form, s2)).to.equal("/applicant/iban");
  });

  it("reads dates in the applicant's way of writing them", () => {
    const s = walk(form, [["/applicant/name", "Ada"], ["/applicant/email", ""], ["/applicant/iban", ""], ["/kind", "factory"], ["/factoryShifts", 1]]);
    for (const typed of ["1.3.2026", "01.03.2026", "2026-03-01", "2026. 3. 1.", "2026년 3월 1일", "01/03/2026"]) {
      expect(answer(form, s, "/start", typed, "de").session.answers.start, typed).to.equal("2026-03-01");
    }
    expect(answer(form, s, "/start", "31.02.2026", "de").problems[0]).to.include({ code: "no_such_day" });
    expect(answer(form, s, "/start", "someday", "de").problems[0]).to.include({ code: "not_a_date" });
  });

  it("accepts every amount in whole cents, however binary floating point stores it", () => {
    const s = answerMany(form, newSession(), { people: [{ name: "A", paid: true }] }, "en").session;
    for (const cents of [1.12, 0.07, 1234.56, 0.29]) {
      expect(answer(form, s, "/people/0/pay", cents, "en").problems, String(cents)).to.deep.equal([]);
    }
    expect(answer(form, s, "/people/0/pay", 1.123, "en").problems[0]).to.include({ code: "multipleOf" });
  });

  it("refuses an answer to a question that does not exist", () => {
    expect(answer(form, newSession(), "/nope", 1, "ko").problems).to.deep.equal([{ code: "unknown_question", pointer: "/nope", message: "이 양식에는 그런 질문이 없습니다." }]);
  });

  it("merges many answers at once with the same checks, all or nothing", () => {
    const good = answerMany(form, newSession(), { applicant: { name: "Ada" }, kind: "shop", shopArea: "12" }, "en");
    expect(good.problems).to.deep.equal([]);
    expect(good.session.answers).to.deep.include({ shopArea: 12 });
    const bad = answerMany(form, good.session, { kind: "factory", factoryShifts: 9, colour: "red" }, "en");
    expect(bad.session).to.equal(good.session);
    expect(bad.problems.map((p) => [p.code, p.pointer])).to.have.deep.members([["unknown_question", "/colour"], ["maximum", "/factoryShifts"]]);
    const inactive = answerMany(form, good.session, { factoryShifts: 2 }, "en");
    expect(inactive.problems[0]).to.include({ code: "not_active", pointer: "/factoryShifts" });
  });

  it("shows derived values and the rules behind them on every step", () => {
    const s = answerMany(form, newSession(), { people: [{ name: "A", paid: true, pay: 10 }, { name: "B", paid: false }] }, "en").session;
    const { derived } = stateOf(form, s, "en");
    expect(derived.values[0]).to.include({ pointer: "/totalPay", value: 10, display: "€10.00", rule: "sumOfPay" });
    expect(derived.eligible).to.equal(true);
    const none = answerMany(form, newSession(), { people: [{ name: "A", paid: false }] }, "en").session;
    const rules = stateOf(form, none, "en").derived;
    expect(rules.eligible).to.equal(false);
    expect(rules.rules[0]!.message).to.equal("At least one person must be paid (0 of 1).");
  });

  it("lists what still stands between the review and a complete application", () => {
    const s = answerMany(form, newSession(), { applicant: { name: "Ada" }, kind: "shop", shopArea: 3 }, "en").session;
    const step = nextStep(form, s, "en");
    expect(step.kind).to.equal("question");
    expect(stateOf(form, s, "en").complete).to.equal(false);
  });
});

describe("reopening questions for more information", () => {
  let form: Form;
  before(async () => {
    form = await loadFixture("branching");
  });
  const finished = () => {
    const s = answerMany(form, newSession(), { applicant: { name: "Ada" }, kind: "shop", shopArea: 3, start: "2026-01-01", people: [{ name: "Bo", paid: false }] }, "en").session;
    return walk(form, [["/applicant/email", ""], ["/applicant/iban", ""], ["/note", ""], ["/tags", []], ["/people", false]], s);
  };

  it("asks just the reopened questions again, then whatever they bring in, then the review", () => {
    const outcome = reopen(form, finished(), ["/kind", "/people/0/paid"], "en");
    expect(outcome.problems).to.deep.equal([]);
    let s = outcome.session;
    expect(pointerOf(form, s)).to.equal("/kind");
    expect(stateOf(form, s, "en").complete, "not complete until the reopened questions are answered again").to.equal(false);
    s = walk(form, [["/kind", "shop"]], s);
    expect(pointerOf(form, s)).to.equal("/people/0/paid");
    s = walk(form, [["/people/0/paid", true]], s);
    expect(pointerOf(form, s), "the change brings in the pay question").to.equal("/people/0/pay");
    s = walk(form, [["/people/0/pay", 100]], s);
    expect(pointerOf(form, s)).to.equal("review");
    expect(stateOf(form, s, "en").complete).to.equal(true);
  });

  it("lets only the reopened question and what its branch brings in change; the rest stays as submitted", () => {
    let s = reopen(form, finished(), ["/kind"], "en").session;
    expect(progressOf(form, s), "only the open question counts").to.deep.equal({ answered: 0, total: 1 });
    const refusals = [
      answer(form, s, "/applicant/name", "Eve", "en"),
      answerMany(form, s, { applicant: { name: "Eve" } }, "en"),
      change(form, s, "/applicant/name", "en"),
      removeItem(form, s, "/people/0", "en"),
      answer(form, s, "/people", true, "en"),
    ];
    for (const refused of refusals) {
      expect(refused.problems.map((p) => p.code)).to.deep.equal(["not_reopened"]);
      expect(refused.session).to.equal(s);
    }
    expect(answerMany(form, s, { applicant: { name: "Ada" } }, "en").problems, "the same answer again is no change").to.deep.equal([]);
    s = walk(form, [["/kind", "factory"]], s);
    expect(pointerOf(form, s), "the new branch's question is asked").to.equal("/factoryShifts");
    s = walk(form, [["/factoryShifts", 2]], s);
    expect(progressOf(form, s)).to.deep.equal({ answered: 2, total: 2 });
    expect(pointerOf(form, s)).to.equal("review");
    expect(back(form, s).cursor?.pointer, "back goes only to what may change").to.equal("/factoryShifts");
  });

  it("refuses to reopen a question that is not part of the application", () => {
    expect(reopen(form, finished(), ["/factoryShifts"], "en").problems[0]).to.include({ code: "not_active", pointer: "/factoryShifts" });
  });
});

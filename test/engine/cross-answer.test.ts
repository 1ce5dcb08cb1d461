/**
 * Checks across answers (`$data` in schema.json) through the engine: refused when either answer is
 * given, with a message naming both answers and their values in the applicant's language, the
 * other answer in `related`; fixed by changing either; moved together at once; and named on the
 * review where a branch switched back brings a pair that disagrees.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import { loadForm } from "../support/forms";
import path from "node:path";
import { formsRoot } from "../../server/forms/paths";
import type { Form } from "../../server/engine/form";
import type { Language } from "../../server/i18n/languages";
import { newSession, type Session } from "../../server/engine/session";
import { answer, answerMany, change, currentEntry } from "../../server/engine/flow";
import { stateOf } from "../../server/engine/present";
import { resolveDataPointer } from "../../server/engine/cross-answer";
import { validateApplication } from "../../server/engine/validate";

const bundled = (id: string) => loadForm(path.join(formsRoot, id));

function given(form: Form, answers: Record<string, unknown>, lang: Language = "en"): Session {
  const outcome = answerMany(form, newSession(), answers, lang);
  expect(outcome.problems).to.deep.equal([]);
  return outcome.session;
}

interface Rule {
  form: string;
  /** The answers before, with the limit answered. */
  before: Record<string, unknown>;
  checked: string;
  limit: string;
  wrong: unknown;
  right: unknown;
  /** A new value of the limit that makes `wrong` right. */
  limitFixed: unknown;
  keyword: string;
  messages: Partial<Record<Language, string>>;
}

const RULES: Rule[] = [
  {
    form: "short-time-work",
    before: { period: { start: "2026-03-15" } },
    checked: "/period/expectedEnd",
    limit: "/period/start",
    wrong: "2026-03-01",
    right: "2026-03-31",
    limitFixed: "2026-02-28",
    keyword: "formatMinimum",
    messages: {
      en: "Your answer to “When is short-time work expected to end?” (1 March 2026) is before your answer to “When does short-time work start?” (15 March 2026). Change one of them.",
      de: "Ihre Antwort auf „Bis wann wird voraussichtlich kurzgearbeitet?“ (1. März 2026) liegt vor Ihrer Antwort auf „Ab wann wird kurzgearbeitet?“ (15. März 2026). Ändern Sie eine der beiden Antworten.",
      ko: "“조업단축은 언제 끝날 것으로 예상합니까?”의 답(2026년 3월 1일)이 “조업단축은 언제 시작합니까?”의 답(2026년 3월 15일)보다 앞섭니다. 둘 중 하나를 고쳐 주세요.",
    },
  },
  {
    form: "short-time-work",
    before: { workforce: { totalEmployees: 1200 } },
    checked: "/workforce/affectedEmployees",
    limit: "/workforce/totalEmployees",
    wrong: 1300,
    right: 1200,
    limitFixed: 1300,
    keyword: "maximum",
    messages: {
      en: "Your answer to “How many of them lose more than 10% of their gross pay in the month?” (1,300 persons) is more than your answer to “How many people work in the establishment?” (1,200 persons). Change one of them.",
      de: "Ihre Antwort auf „Wie viele davon verlieren im Monat mehr als 10\u00a0% ihres Bruttoentgelts?“ (1.300 Personen) ist größer als Ihre Antwort auf „Wie viele Personen arbeiten im Betrieb?“ (1.200 Personen). Ändern Sie eine der beiden Antworten.",
    },
  },
  {
    form: "employment-retention-kr",
    before: { measure: { type: "leave", start: "2026-03-01" } },
    checked: "/measure/end",
    limit: "/measure/start",
    wrong: "2026-02-01",
    right: "2026-03-01",
    limitFixed: "2026-01-01",
    keyword: "formatMinimum",
    messages: {
      ko: "“조치 종료일”의 답(2026년 2월 1일)이 “조치 시작일”의 답(2026년 3월 1일)보다 앞섭니다. 둘 중 하나를 고쳐 주세요.",
      en: "Your answer to “Last day of the measure” (1 February 2026) is before your answer to “First day of the measure” (1 March 2026). Change one of them.",
    },
  },
  {
    form: "employment-retention-kr",
    before: { measure: { type: "leave", start: "2026-03-01", end: "2026-04-30", leaveDays: 30 }, employees: [{ name: "Kim" }] },
    checked: "/employees/0/days",
    limit: "/measure/leaveDays",
    wrong: 40,
    right: 30,
    limitFixed: 61,
    keyword: "maximum",
    messages: {
      ko: "“이 근로자의 조치 일수 – 근로자 1: Kim”의 답(40일)이 “휴직 기간은 며칠입니까?”의 답(30일)보다 큽니다. 둘 중 하나를 고쳐 주세요.",
      de: "Ihre Antwort auf „Tage der Maßnahme für diese Person – Beschäftigte Person 1: Kim“ (40 Tage) ist größer als Ihre Antwort auf „Wie viele Tage dauert die Freistellung?“ (30 Tage). Ändern Sie eine der beiden Antworten.",
    },
  },
];

describe("checks across answers", () => {
  for (const rule of RULES) {
    describe(`${rule.form}: ${rule.checked} against ${rule.limit}`, () => {
      let form: Form;
      let session: Session;
      before(async () => {
        form = await bundled(rule.form);
        session = given(form, rule.before);
      });

      it("refuses the answer, naming both answers with their values, in the applicant's language, and stores nothing", () => {
        for (const [lang, message] of Object.entries(rule.messages) as [Language, string][]) {
          const refused = answer(form, session, rule.checked, rule.wrong, lang);
          expect(refused.session).to.equal(session);
          expect(refused.problems).to.have.length(1);
          expect(refused.problems[0]).to.deep.include({ code: rule.keyword, pointer: rule.checked, related: [rule.limit], message });
          expect(refused.problems[0]!.params).to.deep.equal({ limit: valueAt(rule.before, rule.limit), comparison: rule.keyword === "maximum" ? "<=" : ">=" });
        }
      });

      it("takes an answer that keeps the rule", () => {
        expect(answer(form, session, rule.checked, rule.right, "en").problems).to.deep.equal([]);
      });

      it("is fixed by changing the other answer, and then refuses that one where it would break the rule again", () => {
        const moved = answer(form, session, rule.limit, rule.limitFixed, "en");
        expect(moved.problems).to.deep.equal([]);
        const checked = answer(form, moved.session, rule.checked, rule.wrong, "en");
        expect(checked.problems).to.deep.equal([]);
        // With both answers given, changing the limit back is refused on the limit, naming the checked answer.
        const back = answer(form, checked.session, rule.limit, valueAt(rule.before, rule.limit), "en");
        expect(back.problems.map((p) => [p.code, p.pointer, p.related])).to.deep.equal([[rule.keyword, rule.limit, [rule.checked]]]);
        expect(back.session).to.equal(checked.session);
      });

      it("is checked on several answers at once", () => {
        const refused = answerMany(form, session, pointerPatch(rule.checked, rule.wrong), "en");
        expect(refused.problems.map((p) => [p.code, p.pointer, p.related])).to.deep.equal([[rule.keyword, rule.checked, [rule.limit]]]);
      });
    });
  }

  it("lets both answers of a rule move together in one change, in either order, but not one alone", async () => {
    const form = await bundled("short-time-work");
    const s = given(form, { period: { start: "2026-03-15", expectedEnd: "2026-03-31" } });
    expect(answerMany(form, s, { period: { start: "2026-05-01", expectedEnd: "2026-05-31" } }, "en").problems).to.deep.equal([]);
    expect(answerMany(form, s, { period: { expectedEnd: "2026-05-31", start: "2026-05-01" } }, "en").problems).to.deep.equal([]);
    const alone = answerMany(form, s, { period: { start: "2026-05-01" } }, "en").problems;
    expect(alone.map((p) => [p.pointer, p.related])).to.deep.equal([["/period/start", ["/period/expectedEnd"]]]);
    const cleared = answerMany(form, s, { period: { start: "2026-05-01", expectedEnd: null } }, "en");
    expect(cleared.problems, "the other answer cleared in the same change").to.deep.equal([]);
  });

  it("names a pair that disagrees in the whole application, with both pointers and values", async () => {
    const form = await bundled("employment-retention-kr");
    let s = given(form, { measure: { type: "leave", start: "2026-03-01", end: "2026-04-30", leaveDays: 30 } });
    // 휴업 puts the leave days aside; 40 days is then no conflict; back to 휴직 restores the 30.
    s = answer(form, s, "/measure/type", "reducedHours", "en").session;
    s = answerMany(form, s, { employees: [{ name: "Kim", days: 40 }] }, "en").session;
    s = change(form, s, "/measure/type", "en").session;
    s = answer(form, s, "/measure/type", "leave", "en").session;
    expect(s.answers).to.deep.include({ measure: { type: "leave", start: "2026-03-01", end: "2026-04-30" } });
    expect(stateOf(form, s, "en").complete).to.equal(false);
    const disagreeing = { ...s.answers, measure: { ...(s.answers.measure as object), leaveDays: 30 } };
    const crossed = validateApplication(form, disagreeing, "en").find((p) => p.code === "maximum");
    expect(crossed).to.deep.include({ pointer: "/employees/0/days", related: ["/measure/leaveDays"] });
    expect(crossed!.message).to.include("(40 days)").and.include("(30 days)");
  });

  it("reads relative and absolute $data pointers as Ajv does", () => {
    expect(resolveDataPointer("/period/expectedEnd", "1/start")).to.equal("/period/start");
    expect(resolveDataPointer("/employees/*/days", "3/measure/leaveDays")).to.equal("/measure/leaveDays");
    expect(resolveDataPointer("/employees/2/days", "1/name")).to.equal("/employees/2/name");
    expect(resolveDataPointer("/a", "/period/start")).to.equal("/period/start");
    expect(resolveDataPointer("/a", "2/b"), "above the root").to.equal(undefined);
    expect(resolveDataPointer("/a/b", "1#"), "a key, not an answer").to.equal(undefined);
  });

  it("keeps aside an answer that comes back with its branch but breaks a rule given meanwhile, and asks it again", async () => {
    const form = await bundled("employment-retention-kr");
    const { answers } = JSON.parse(await readFile(path.join(formsRoot, "employment-retention-kr/examples/leave-every-branch.json"), "utf8"));
    let session = answerMany(form, newSession(), answers, "ko").session;
    session = answer(form, session, "/measure/type", "reducedHours", "ko").session;
    const longer = answer(form, session, "/employees/0/days", 80, "ko");
    expect(longer.problems, "no leave, no limit from it").to.deep.equal([]);
    const back = answer(form, longer.session, "/measure/type", "leave", "ko").session;
    expect((back.answers.measure as Record<string, unknown>).leaveDays, "62 days of leave would be fewer than 80").to.equal(undefined);
    expect(back.stash["/measure/leaveDays"]).to.equal(62);
    expect(currentEntry(form, back)?.pointer).to.equal("/measure/leaveDays");
    expect(answer(form, back, "/measure/leaveDays", 62, "ko").problems[0]).to.include({ pointer: "/measure/leaveDays" });
    expect(answer(form, back, "/measure/leaveDays", 90, "ko").problems).to.deep.equal([]);
  });

  it("checks a claimed month as a month (YYYY-MM), however it was typed", async () => {
    const form = await bundled("short-time-work");
    for (const typed of ["2026-03", "2026-3", "März 2026", "03/2026"]) {
      const outcome = answer(form, newSession(), "/period/claimMonth", typed, "de");
      expect(outcome.problems, typed).to.deep.equal([]);
      expect((outcome.session.answers.period as { claimMonth: string }).claimMonth).to.equal("2026-03");
    }
    expect(answer(form, newSession(), "/period/claimMonth", "2026-13", "de").problems[0]).to.include({ code: "not_a_month", pointer: "/period/claimMonth" });
    expect(answer(form, newSession(), "/period/claimMonth", ["2026-03"], "de").problems[0]).to.include({ code: "wrong_type", pointer: "/period/claimMonth" });
  });
});

function pointerPatch(pointer: string, value: unknown): Record<string, unknown> {
  return pointer
    .split("/")
    .slice(1)
    .reduceRight<unknown>((inner, segment) => (/^[0-9]+$/.test(segment) ? Object.assign([], { [Number(segment)]: inner }) : { [segment]: inner }), value) as Record<string, unknown>;
}

function valueAt(answers: unknown, pointer: string): unknown {
  return pointer.split("/").slice(1).reduce<unknown>((node, segment) => (node as Record<string, unknown> | undefined)?.[segment], answers);
}

import path from "node:path";
import { expect } from "chai";
import { ruleInterpreter, type Interpretation } from "../../server/chat/interpret";
import type { Form } from "../../server/engine/form";
import { questionStep, type QuestionStep } from "../../server/engine/present";
import { newSession } from "../../server/engine/session";
import { formsRoot } from "../../server/forms/paths";
import type { Language } from "../../server/i18n/languages";
import { loadFixture, loadForm } from "../support/forms";

const TODAY = new Date("2026-11-26T10:00:00Z");

let forms: Record<"stw" | "kr" | "fixture", Form>;

/** The question at `pointer` as the engine asks it, in `lang`. */
function step(form: "stw" | "kr" | "fixture", pointer: string, lang: Language): QuestionStep {
  const f = forms[form];
  const node = f.nodes.get(pointer.replace(/\/\d+(?=\/|$)/g, "/*"));
  if (node?.kind !== "question") throw new Error(`${pointer} is not a question of ${f.id}`);
  return questionStep(f, lang, { kind: "question", node, pointer, required: true, answered: false }, newSession());
}

const interpret = (q: QuestionStep, text: string, lang: Language) => ruleInterpreter.interpret(q, text, { lang, today: TODAY });

type Row = [form: "stw" | "kr" | "fixture", pointer: string, lang: Language, text: string, expected: { value: unknown } | { code: string }];

const ROWS: Row[] = [
  // numbers: units, approximations, separators
  ["stw", "/workforce/totalEmployees", "en", "20", { value: 20 }],
  ["stw", "/workforce/totalEmployees", "en", "about 20", { value: 20 }],
  ["stw", "/workforce/totalEmployees", "en", "around 20 employees", { value: 20 }],
  ["stw", "/workforce/totalEmployees", "en", "1,200 staff", { value: 1200 }],
  ["stw", "/workforce/totalEmployees", "de", "20 Mitarbeiter", { value: 20 }],
  ["stw", "/workforce/totalEmployees", "de", "ca. 20", { value: 20 }],
  ["stw", "/workforce/totalEmployees", "de", "ungefähr 35 Beschäftigte", { value: 35 }],
  ["stw", "/workforce/totalEmployees", "de", "1.200 Personen", { value: 1200 }],
  ["stw", "/workforce/affectedEmployees", "ko", "20명", { value: 20 }],
  ["stw", "/workforce/affectedEmployees", "ko", "약 20명", { value: 20 }],
  ["stw", "/workforce/affectedEmployees", "ko", "12명 정도", { value: 12 }],
  ["stw", "/workforce/totalEmployees", "en", "20-25", { code: "range" }],
  ["stw", "/workforce/totalEmployees", "de", "20 bis 25", { code: "range" }],
  ["stw", "/workforce/totalEmployees", "en", "quite a few", { code: "not_a_number" }],
  ["stw", "/workforce/totalEmployees", "en", "20 hours", { code: "not_a_number" }],
  ["stw", "/period/normalWeeklyHours", "en", "38.5 hours a week", { value: 38.5 }],
  ["stw", "/period/normalWeeklyHours", "de", "38,5 Std.", { value: 38.5 }],
  ["stw", "/period/normalWeeklyHours", "de", "40 Stunden pro Woche", { value: 40 }],
  ["kr", "/measure/normalTotalHours", "ko", "주 40시간", { value: 40 }],
  ["kr", "/measure/leaveDays", "ko", "30일", { value: 30 }],
  ["kr", "/measure/leaveDays", "en", "30 days", { value: 30 }],
  // money
  ["stw", "/employees/0/grossTarget", "de", "1.250,50 €", { value: 1250.5 }],
  ["stw", "/employees/0/grossTarget", "de", "3200 Euro", { value: 3200 }],
  ["stw", "/employees/0/grossTarget", "en", "1,250.50", { value: 1250.5 }],
  ["stw", "/employees/0/grossTarget", "en", "€2,400", { value: 2400 }],
  ["stw", "/employees/0/grossTarget", "de", "1,5 Tsd.", { value: 1500 }],
  ["stw", "/employees/0/grossActual", "en", "not sure", { code: "not_a_number" }],
  ["kr", "/employees/0/averageDailyWage", "ko", "2만 원", { value: 20000 }],
  ["kr", "/employees/0/averageDailyWage", "ko", "8만5천원", { value: 85000 }],
  ["kr", "/adjustment/salesCurrent", "ko", "250만원", { value: 2500000 }],
  ["kr", "/adjustment/salesCurrent", "ko", "1억 2천만 원", { value: 120000000 }],
  ["kr", "/adjustment/salesCurrent", "ko", "3,000,000원", { value: 3000000 }],
  ["kr", "/adjustment/salesCurrent", "ko", "약 3억", { value: 300000000 }],
  ["kr", "/adjustment/salesCurrent", "ko", "많이", { code: "not_a_number" }],
  // dates: local formats, day first, relative to 26 November 2026
  ["stw", "/period/start", "de", "1.3.2027", { value: "2027-03-01" }],
  ["stw", "/period/start", "de", "01.03.2027", { value: "2027-03-01" }],
  ["stw", "/period/start", "en", "01/03/2027", { code: "ambiguous" }],
  ["stw", "/period/start", "en", "13/03/2027", { value: "2027-03-13" }],
  ["stw", "/period/start", "en", "March 1, 2027", { value: "2027-03-01" }],
  ["stw", "/period/start", "en", "1 March 2027", { value: "2027-03-01" }],
  ["stw", "/period/start", "en", "2027-03-01", { value: "2027-03-01" }],
  ["stw", "/period/start", "en", "from 1 March", { value: "2027-03-01" }],
  ["stw", "/period/start", "de", "ab 1. März", { value: "2027-03-01" }],
  ["stw", "/period/start", "de", "ab dem 1.3.", { value: "2027-03-01" }],
  ["stw", "/period/start", "de", "am 3. Dezember 2026", { value: "2026-12-03" }],
  ["stw", "/period/start", "en", "today", { value: "2026-11-26" }],
  ["stw", "/period/start", "en", "tomorrow", { value: "2026-11-27" }],
  ["stw", "/period/start", "de", "heute", { value: "2026-11-26" }],
  ["stw", "/period/start", "de", "morgen", { value: "2026-11-27" }],
  ["stw", "/lossOfWork/eventDate", "en", "yesterday", { value: "2026-11-25" }],
  ["stw", "/lossOfWork/eventDate", "en", "on 14 October", { value: "2026-10-14" }],
  ["stw", "/period/start", "en", "next month", { code: "not_a_date" }],
  ["stw", "/period/start", "de", "31.4.2027", { code: "no_such_day" }],
  ["stw", "/period/start", "en", "soon", { code: "not_a_date" }],
  ["kr", "/measure/start", "ko", "2027년 3월 1일", { value: "2027-03-01" }],
  ["kr", "/measure/start", "ko", "3월 1일", { value: "2027-03-01" }],
  ["kr", "/measure/start", "ko", "3월 1일부터", { value: "2027-03-01" }],
  ["kr", "/measure/start", "ko", "2027. 3. 1.", { value: "2027-03-01" }],
  ["kr", "/measure/start", "ko", "오늘", { value: "2026-11-26" }],
  ["kr", "/measure/start", "ko", "내일", { value: "2026-11-27" }],
  ["kr", "/measure/start", "ko", "모레부터", { value: "2026-11-28" }],
  ["kr", "/employees/0/birthDate", "ko", "1985년 7월 15일", { value: "1985-07-15" }],
  ["kr", "/measure/start", "ko", "다음 주쯤", { value: "2026-11-30" }],
  // yes / no
  ["stw", "/employer/hasWorksCouncil", "en", "yes", { value: true }],
  ["stw", "/employer/hasWorksCouncil", "en", "Yep!", { value: true }],
  ["stw", "/employer/hasWorksCouncil", "en", "nope", { value: false }],
  ["stw", "/employer/hasWorksCouncil", "en", "no, we don't", { value: false }],
  ["stw", "/employer/hasWorksCouncil", "en", "yes and no", { code: "not_a_boolean" }],
  ["stw", "/employer/hasWorksCouncil", "de", "ja", { value: true }],
  ["stw", "/employer/hasWorksCouncil", "de", "Genau", { value: true }],
  ["stw", "/employer/hasWorksCouncil", "de", "nein", { value: false }],
  ["stw", "/employer/hasWorksCouncil", "de", "Nee, haben wir nicht", { value: false }],
  ["stw", "/avoidance/overtimeUsed", "de", "vielleicht", { code: "not_a_boolean" }],
  ["stw", "/employees/0/hasChild", "ko", "예", { value: true }],
  ["stw", "/employees/0/hasChild", "ko", "네", { value: true }],
  ["stw", "/employees/0/hasChild", "ko", "아니요", { value: false }],
  ["stw", "/employees/0/hasChild", "ko", "아뇨", { value: false }],
  ["kr", "/noDismissals", "ko", "네, 맞습니다", { value: true }],
  ["kr", "/measure/planSubmittedBeforeStart", "ko", "모르겠어요", { code: "not_a_boolean" }],
  // choices by label, prefix, word or synonym
  ["stw", "/employer/sector", "en", "Construction", { value: "construction" }],
  ["stw", "/employer/sector", "en", "constr", { value: "construction" }],
  ["stw", "/employer/sector", "en", "we are in construction", { value: "construction" }],
  ["stw", "/employer/sector", "en", "hotels", { value: "hospitality" }],
  ["stw", "/employer/sector", "en", "fishing boats", { code: "not_a_choice" }],
  ["stw", "/lossOfWork/cause", "en", "lack of orders", { value: "economic" }],
  ["stw", "/lossOfWork/cause", "de", "wirtschaftliche gründe", { value: "economic" }],
  ["stw", "/lossOfWork/cause", "de", "Wirtschaftliche Grunde", { value: "economic" }],
  ["stw", "/employees/0/taxClass", "en", "3", { value: 3 }],
  ["stw", "/employees/0/taxClass", "en", "III", { value: 3 }],
  ["stw", "/employees/0/taxClass", "en", "married", { code: "ambiguous" }],
  ["stw", "/employees/0/taxClass", "de", "Steuerklasse 1", { value: 1 }],
  ["stw", "/employees/0/taxClass", "de", "ledig", { value: 1 }],
  ["stw", "/employees/0/taxClass", "ko", "II", { value: 2 }],
  ["stw", "/employees/0/employmentType", "de", "Azubi", { value: "apprentice" }],
  ["stw", "/employees/0/employmentType", "en", "mini-job", { value: "minijob" }],
  ["stw", "/employees/0/employmentType", "ko", "정규직", { value: "regular" }],
  ["kr", "/business/sizeClass", "ko", "네", { value: "priority" }],
  ["kr", "/business/sizeClass", "en", "no", { value: "large" }],
  ["kr", "/measure/type", "ko", "휴직", { value: "leave" }],
  ["kr", "/measure/type", "ko", "휴업", { value: "reducedHours" }],
  ["kr", "/measure/type", "de", "Kurzarbeit", { value: "reducedHours" }],
  ["stw", "/employees/0/taxClass", "de", "verheiratet", { code: "ambiguous" }],
  ["kr", "/adjustment/reason", "en", "sales went down", { value: "salesDecline" }],
  ["kr", "/adjustment/reason", "en", "inventory", { value: "inventoryIncrease" }],
  // several choices
  ["fixture", "/tags", "en", "A, B", { value: ["a", "b"] }],
  ["fixture", "/tags", "en", "c and a", { value: ["a", "c"] }],
  ["fixture", "/tags", "de", "A und C", { value: ["a", "c"] }],
  ["fixture", "/tags", "en", "all of them", { value: ["a", "b", "c"] }],
  ["fixture", "/tags", "en", "A, D", { code: "not_a_choice" }],
  ["fixture", "/tags", "en", "none", { value: [] }],
  ["fixture", "/tags", "ko", "A와 C", { value: ["a", "c"] }],
  ["fixture", "/tags", "ko", "B 그리고 C", { value: ["b", "c"] }],
  ["fixture", "/tags", "ko", "모두", { value: ["a", "b", "c"] }],
  // empty
  ["stw", "/workforce/totalEmployees", "en", "   ", { code: "empty" }],
  ["kr", "/measure/type", "ko", "", { code: "empty" }],
];

describe("reading typed answers (rule interpreter)", () => {
  before(async () => {
    forms = {
      stw: await loadForm(path.join(formsRoot, "short-time-work")),
      kr: await loadForm(path.join(formsRoot, "employment-retention-kr")),
      fixture: await loadFixture("branching"),
    };
  });

  for (const [form, pointer, lang, text, expected] of ROWS) {
    const outcome = "value" in expected ? JSON.stringify(expected.value) : expected.code;
    it(`${form} ${pointer} (${lang}): ${JSON.stringify(text)} → ${outcome}`, async () => {
      const result: Interpretation = await interpret(step(form, pointer, lang), text, lang);
      if ("value" in expected) {
        expect(result, JSON.stringify(result)).to.include({ ok: true });
        expect(result.ok && result.value).to.deep.equal(expected.value);
      } else {
        expect(result, JSON.stringify(result)).to.include({ ok: false, code: expected.code });
      }
    });
  }
});

describe("what the rule interpreter says back", () => {
  before(async () => {
    forms ??= {
      stw: await loadForm(path.join(formsRoot, "short-time-work")),
      kr: await loadForm(path.join(formsRoot, "employment-retention-kr")),
      fixture: await loadFixture("branching"),
    };
  });

  const failed = async (q: QuestionStep, text: string, lang: Language) => {
    const result = await interpret(q, text, lang);
    if (result.ok) throw new Error(`${text} was read as ${JSON.stringify(result.value)}`);
    return result.message;
  };
  const EXAMPLE: Record<Language, RegExp> = { en: /for example “?(.+?)”?\.?$/, de: /zum Beispiel „?(.+?)“?\.?$/, ko: /예: “?(.+?)”?$/ };

  for (const [lang, word] of [["en", "number"], ["de", "Zahl"], ["ko", "숫자"]] as const) {
    it(`asks again for a number in ${lang}, with an example that it can read itself`, async () => {
      const q = step("stw", "/workforce/totalEmployees", lang);
      const message = await failed(q, "lots of them", lang);
      expect(message).to.include(word);
      const example = EXAMPLE[lang].exec(message)?.[1];
      expect(example, message).to.be.a("string");
      expect(await interpret(q, example!, lang)).to.include({ ok: true, value: 25 });
    });
  }

  for (const [lang, word, example] of [["en", "date", "1 December 2026"], ["de", "Datum", "1. Dezember 2026"], ["ko", "날짜", "2026년 12월 1일"]] as const) {
    it(`asks again for a date in ${lang}, with next month's first day as the example`, async () => {
      const q = step("stw", "/period/start", lang);
      const message = await failed(q, "whenever", lang);
      expect(message).to.include(word).and.to.include(example);
      expect(await interpret(q, example, lang)).to.include({ ok: true, value: "2026-12-01" });
    });
  }

  it("names the answers of a choice in the applicant's language when none matched", async () => {
    const message = await failed(step("stw", "/employer/sector", "de"), "Fischerei", "de");
    expect(message).to.include("Baugewerbe").and.not.to.include("Construction");
  });

  it("lists the choices an ambiguous answer could mean, and only those", async () => {
    const message = await failed(step("stw", "/employees/0/taxClass", "en"), "married", "en");
    expect(message).to.include("III (married, higher income)").and.to.include("V (married, lower income)").and.not.to.include("I (single)");
  });

  it("suggests the words for yes and no in the applicant's language", async () => {
    expect(await failed(step("stw", "/employer/hasWorksCouncil", "ko"), "글쎄요", "ko")).to.include("예").and.to.include("아니요");
    expect(await failed(step("stw", "/employer/hasWorksCouncil", "de"), "vielleicht", "de")).to.include("„ja“").and.to.include("„nein“");
  });

  it("gives a money example in won for a question in won", async () => {
    const message = await failed(step("kr", "/adjustment/salesCurrent", "ko"), "많이", "ko");
    expect(message).to.include("2,500,000");
  });

  const reading = async (form: "stw" | "kr" | "fixture", pointer: string, lang: Language, text: string) => {
    const result = await interpret(step(form, pointer, lang), text, lang);
    if (!result.ok) throw new Error(result.message);
    return result;
  };

  it("reads back numbers with their unit, written the applicant's way", async () => {
    expect((await reading("stw", "/workforce/totalEmployees", "en", "about 20")).reading).to.equal("20 persons");
    expect((await reading("stw", "/workforce/totalEmployees", "de", "ca. 20")).reading).to.equal("20 Personen");
    expect((await reading("stw", "/employees/0/grossTarget", "de", "1250,5")).reading.replace(/\s/g, " ")).to.equal("1.250,50 €");
    expect((await reading("kr", "/adjustment/salesCurrent", "ko", "250만원")).reading).to.equal("₩2,500,000");
  });

  it("reads back dates, yes/no and choices in the applicant's language", async () => {
    expect((await reading("stw", "/period/start", "de", "ab 1. März")).reading).to.equal("1. März 2027");
    expect((await reading("kr", "/measure/start", "ko", "3월 1일부터")).reading).to.equal("2027년 3월 1일");
    expect((await reading("stw", "/employer/hasWorksCouncil", "de", "genau")).reading).to.equal("Ja");
    expect((await reading("stw", "/employees/0/taxClass", "en", "III")).reading).to.equal("III (married, higher income)");
    expect((await reading("fixture", "/tags", "en", "c and a")).reading).to.equal("A and C");
    expect((await reading("fixture", "/tags", "de", "keine")).reading).to.equal("keine davon");
  });

  it("takes as exact only what was typed as the value itself or a certain word for it", async () => {
    expect(await reading("stw", "/workforce/totalEmployees", "en", "20")).to.include({ exact: true });
    expect(await reading("stw", "/workforce/totalEmployees", "en", "20 people")).to.include({ exact: false });
    expect(await reading("stw", "/period/start", "en", "2027-03-01")).to.include({ exact: true });
    expect(await reading("stw", "/period/start", "en", "13/3/2027")).to.include({ exact: false });
    expect(await reading("stw", "/employees/0/taxClass", "en", "3")).to.include({ exact: true });
    expect(await reading("stw", "/employer/hasWorksCouncil", "de", "ja")).to.include({ value: true, exact: true });
    expect(await reading("stw", "/employer/hasWorksCouncil", "en", "yes we do, two members")).to.include({ value: true, exact: false });
  });

  it("takes free text as typed, without its surrounding spaces", async () => {
    expect(await reading("stw", "/employer/name", "en", "  Müller Metallbau GmbH ")).to.deep.equal({ ok: true, value: "Müller Metallbau GmbH", exact: true, reading: "Müller Metallbau GmbH" });
  });

  it("uses the synonyms a form gives for its choices, in the applicant's language only", async () => {
    expect(await reading("stw", "/employees/0/employmentType", "de", "Lehrling")).to.include({ value: "apprentice" });
    expect(await interpret(step("stw", "/employees/0/employmentType", "en"), "Lehrling", "en")).to.include({ ok: false, code: "not_a_choice" });
  });
});

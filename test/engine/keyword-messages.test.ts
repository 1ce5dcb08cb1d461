/**
 * The messages for answers that break a JSON Schema keyword: for every keyword each bundled form
 * (and the branching fixture) uses on a question, a failing answer is validated in each language;
 * its message is the applicant's, not Ajv's, has no English in German or Korean, and writes its
 * limit as the language writes numbers, in the question's unit.
 */
import { expect } from "chai";
import { bundledForms, loadFixture } from "../support/forms";
import type { Form } from "../../server/engine/form";
import type { QuestionNode } from "../../server/engine/model";
import { allNodes } from "../../server/engine/model";
import { LANGUAGES, LOCALE_TAG, type Language } from "../../server/i18n/languages";
import { validateAnswer, validateApplication } from "../../server/engine/validate";
import { keywordMessage } from "../../server/engine/keyword-messages";
import { isPlainObject, setAt } from "../../server/engine/pointer";
import type { ErrorObject } from "../../server/engine/ajv";

/** A value that breaks the keyword, from the keyword's value in the question's schema (a `$data` limit is another test's). */
const FAILING: Record<string, (limit: unknown, node: QuestionNode) => unknown> = {
  minimum: (limit) => (limit as number) - 1,
  maximum: (limit) => (limit as number) + 1,
  exclusiveMinimum: (limit) => limit,
  multipleOf: (step) => (step as number) / 2,
  minLength: (limit) => "x".repeat((limit as number) - 1),
  maxLength: (limit) => "x".repeat((limit as number) + 1),
  pattern: () => "!",
  format: () => "not this",
  enum: () => "not-a-choice",
  type: (type) => (type === "string" ? 12 : "twelve"),
};

/** Words an English message has and a German or Korean one must not. */
const ENGLISH = /\b(enter|must|should|the|least|most|than|characters|entries|valid|steps|number|answer|hours|persons|days|choose|only|once|or)\b/i;

interface Case {
  form: Form;
  pointer: string;
  node: QuestionNode;
  keyword: string;
  limit: unknown;
}

/** A concrete pointer for a template: the first item of each group. */
const pointerOf = (template: string) => template.replace(/\*/g, "0");

function casesOf(form: Form): Case[] {
  return [...allNodes(form.root)].flatMap((node) =>
    node.kind === "question"
      ? Object.keys(FAILING).filter((k) => node.schema[k] !== undefined && !isPlainObject(node.schema[k])).map((keyword) => ({ form, pointer: pointerOf(node.template), node, keyword, limit: node.schema[keyword] }))
      : [],
  );
}

/** Not Ajv's phrasing ("must be >= 1", "muss >= 1 sein"), and no English in German or Korean. */
function checkMessage(message: string, lang: Language, what: string): void {
  expect(message, what).to.not.match(/\bmust\b|\bshould\b|muss .*sein|[<>]=?\s*\d/);
  if (lang !== "en") expect(message, `${what}: English words`).to.not.match(ENGLISH);
  // Korean has no Latin words but the examples it shows (an e-mail address, an IBAN).
  if (lang === "ko") expect(message.replace(/name@example\.com|IBAN/g, ""), `${what}: Latin words`).to.not.match(/[A-Za-z]{3,}/);
}

describe("validation messages in the applicant's words", () => {
  let forms: Form[];
  before(async () => {
    forms = [...(await bundledForms()), await loadFixture("branching")];
  });

  it("word every keyword the forms use on a question, in every language, with numbers as the language writes them", () => {
    const seen = new Set<string>();
    for (const c of forms.flatMap(casesOf)) {
      const value = FAILING[c.keyword]!(c.limit, c.node);
      for (const lang of LANGUAGES) {
        const what = `${c.form.id} ${c.pointer} ${c.keyword} (${lang})`;
        const problem = validateAnswer(c.form, c.node.schemaPath, c.pointer, value, lang).find((p) => p.code === c.keyword);
        expect(problem, what).to.not.equal(undefined);
        checkMessage(problem!.message, lang, what);
        if (typeof c.limit === "number" && c.keyword !== "minLength" && c.keyword !== "maxLength") {
          const written = new Intl.NumberFormat(LOCALE_TAG[lang], { maximumFractionDigits: 2 }).format(c.limit);
          expect(problem!.message, what).to.include(written);
        }
        seen.add(c.keyword);
      }
    }
    expect([...seen]).to.include.members(["minimum", "maximum", "exclusiveMinimum", "multipleOf", "minLength", "maxLength", "pattern", "format", "enum"]);
  });

  it("write limits in the question's unit, as each language counts", async () => {
    const stw = forms.find((f) => f.id === "short-time-work")!;
    const message = (pointer: string, value: unknown, lang: Language) => validateAnswer(stw, stw.nodes.get(pointer)!.schemaPath, pointer, value, lang)[0]!.message;
    expect(message("/workforce/totalEmployees", 100001, "en")).to.equal("Enter at most 100,000 persons.");
    expect(message("/workforce/totalEmployees", 100001, "de")).to.equal("Geben Sie höchstens 100.000 Personen an.");
    expect(message("/workforce/totalEmployees", 100001, "ko")).to.equal("100,000명 이하로 입력하세요.");
    expect(message("/workforce/totalEmployees", 0, "en")).to.equal("Enter at least 1 person.");
    expect(message("/workforce/totalEmployees", 0, "de")).to.equal("Geben Sie mindestens 1 Person an.");
    expect(message("/period/normalWeeklyHours", 10.1, "en")).to.equal("Enter a number in steps of 0.25 hours.");
    expect(message("/period/normalWeeklyHours", 10.1, "de")).to.equal("Geben Sie eine Zahl in Schritten von 0,25 Stunden an.");
    expect(message("/period/normalWeeklyHours", 10.1, "ko")).to.equal("0.25시간 단위로 입력하세요.");
    expect(message("/period/normalWeeklyHours", 0, "de")).to.equal("Geben Sie mehr als 0 Stunden an.");
    expect(message("/employees/*/grossTarget", 1_000_001, "de")).to.equal("Geben Sie höchstens 1.000.000,00\u00a0€ an.");
    expect(message("/lossOfWork/explanation", "too short", "de")).to.equal("Geben Sie mindestens 20 Zeichen ein.");
    expect(message("/lossOfWork/explanation", "too short", "ko")).to.equal("20자 이상 입력하세요.");
  });

  it("word the keywords of a whole application: a list too short or too long, a missing answer, an unknown one", () => {
    const stw = forms.find((f) => f.id === "short-time-work")!;
    const employee = { name: "A", insuranceNumber: "12150385W012", employmentType: "minijob" };
    for (const lang of LANGUAGES) {
      const problems = [
        ...validateApplication(stw, { employees: [] }, lang),
        ...validateApplication(stw, { employees: Array.from({ length: (stw.nodes.get("/employees") as { maxItems: number }).maxItems + 1 }, () => employee), unknown: 1 }, lang),
      ];
      for (const code of ["minItems", "maxItems", "required", "additionalProperties"]) {
        const problem = problems.find((p) => p.code === code);
        expect(problem, `${code} (${lang})`).to.not.equal(undefined);
        checkMessage(problem!.message, lang, `${code} (${lang})`);
      }
      expect(problems.find((p) => p.code === "maxItems")!.message.replace(/\D/g, "")).to.include("1000");
    }
  });

  it("word const and uniqueItems, which forms use in conditions and multiple choices", () => {
    const form = forms.find((f) => f.id === "branching")!;
    const fake = (keyword: string, params: Record<string, unknown>): ErrorObject => ({ keyword, params, instancePath: "/tags", schemaPath: `#/${keyword}` });
    for (const lang of LANGUAGES) {
      for (const [keyword, params] of [["const", { allowedValue: "shop" }], ["uniqueItems", { i: 1, j: 0 }]] as const) {
        checkMessage(keywordMessage(form, lang, fake(keyword, params), "/tags"), lang, `${keyword} (${lang})`);
      }
    }
    const withDuplicate = setAt({}, ["tags"], ["a", "a"]);
    expect(validateApplication(form, withDuplicate, "de").find((p) => p.code === "uniqueItems")?.message).to.equal("Wählen Sie jede Möglichkeit nur einmal.");
  });

  it("let the form's own wording for a field win", () => {
    const stw = forms.find((f) => f.id === "short-time-work")!;
    const problem = validateAnswer(stw, stw.nodes.get("/employer/companyNumber")!.schemaPath, "/employer/companyNumber", "123", "de")[0]!;
    expect(problem.message).to.equal("Geben Sie die 8 Ziffern der Betriebsnummer ein, zum Beispiel 12345678.");
  });
});

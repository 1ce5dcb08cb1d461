/** Help answers in the chat: a question asked on the way is answered from the form's FAQ and help texts, quoting them. */
import { expect } from "chai";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { lintPackage } from "../../server/authoring/lint";
import { ask, helpFor, looksLikeQuestion } from "../../server/chat/help";
import type { Form } from "../../server/engine/form";
import { loadPackage } from "../../server/forms/load";
import { formsRoot } from "../../server/forms/paths";
import type { Language } from "../../server/i18n/languages";
import { copyOfBundled, loadForm } from "../support/forms";

type Case = [lang: Language, question: string, expectedId: string];

const SHORT_TIME_WORK: Case[] = [
  ["en", "What is short-time work?", "what-is"],
  ["en", "Why do you need my tax class?", "why-tax-class"],
  ["en", "Which documents do I need?", "documents"],
  ["en", "Is there a deadline for the claim?", "deadlines"],
  ["en", "How much money will my employees get?", "amount"],
  ["en", "Who pays the allowance?", "payout"],
  ["en", "Why does it matter if the employee has children?", "why-child"],
  ["en", "What happens after I submit?", "after-submit"],
  ["en", "How long can we get it?", "duration"],
  ["de", "Wer zahlt das Kurzarbeitergeld aus?", "payout"],
  ["de", "Was ist Kurzarbeitergeld?", "what-is"],
  ["de", "Was bedeutet Kurzarbeit?", "what-is"],
  ["de", "Warum braucht ihr die Steuerklasse?", "why-tax-class"],
  ["de", "Welche Unterlagen brauche ich?", "documents"],
  ["de", "Bis wann muss ich den Antrag stellen, gibt es eine Frist?", "deadlines"],
  ["de", "Wie wird die Höhe berechnet?", "amount"],
  ["de", "Wozu die Betriebsnummer?", "why-company-number"],
  ["de", "Bekommen Minijobber auch Kurzarbeitergeld?", "who-can-claim"],
  ["ko", "어떤 서류가 필요한가요?", "documents"],
  ["ko", "조업단축수당이 뭐예요?", "what-is"],
  ["ko", "조업단축의 뜻이 뭐예요?", "what-is"],
  ["ko", "세금등급은 왜 필요해요?", "why-tax-class"],
  ["ko", "수당은 누가 지급하나요?", "payout"],
  ["ko", "금액은 어떻게 계산돼요?", "amount"],
  ["ko", "자녀가 있으면 달라지나요?", "why-child"],
  ["ko", "신청 기한은 언제까지인가요?", "deadlines"],
];

const EMPLOYMENT_RETENTION: Case[] = [
  ["en", "What is the employment retention subsidy?", "what-is"],
  ["en", "Who can apply for the subsidy?", "who-can-claim"],
  ["en", "What documents should I prepare?", "documents"],
  ["en", "When do I have to submit the plan?", "deadlines"],
  ["en", "How is the subsidy calculated?", "amount"],
  ["en", "Why do you need the employment insurance management number?", "why-insurance-number"],
  ["en", "What is a priority support enterprise?", "why-size-class"],
  ["en", "Can we dismiss an employee?", "dismissals"],
  ["de", "Was ist der Beschäftigungssicherungszuschuss?", "what-is"],
  ["de", "Welche Unterlagen brauche ich?", "documents"],
  ["de", "Wer zahlt den Zuschuss aus?", "payout"],
  ["de", "Dürfen wir jemanden entlassen?", "dismissals"],
  ["de", "Was passiert nach dem Absenden?", "after-submit"],
  ["ko", "고용유지지원금이 뭔가요?", "what-is"],
  ["ko", "어떤 서류가 필요한가요?", "documents"],
  ["ko", "고용보험 관리번호는 왜 필요해요?", "why-insurance-number"],
  ["ko", "우선지원대상기업이 뭐예요?", "why-size-class"],
  ["ko", "지원금은 얼마나 받을 수 있나요?", "amount"],
  ["ko", "계획서는 언제까지 내야 하나요?", "deadlines"],
  ["ko", "직원을 해고하면 어떻게 되나요?", "dismissals"],
  ["ko", "제출한 후에는 어떻게 되나요?", "after-submit"],
];

const UNRELATED: [Language, string][] = [
  ["en", "What's the weather tomorrow?"],
  ["en", "Who won the football match yesterday?"],
  ["en", "asdf qwerty zxcv"],
  ["en", "What is the meaning of life?"],
  ["de", "Wie wird das Wetter morgen?"],
  ["de", "Wo ist der nächste Bahnhof?"],
  ["de", "Müller GmbH"],
  ["ko", "내일 날씨는 어때요?"],
  ["ko", "점심 메뉴 추천해 주세요"],
  ["ko", "ㅋㅋㅋㅋ"],
];

describe("help answers from a form's FAQ and help texts", () => {
  let shortTimeWork: Form;
  let retention: Form;
  before(async () => {
    shortTimeWork = await loadForm(path.join(formsRoot, "short-time-work"));
    retention = await loadForm(path.join(formsRoot, "employment-retention-kr"));
  });

  const table = (name: string, form: () => Form, cases: Case[]) => {
    for (const [lang, question, expectedId] of cases) {
      it(`${name} (${lang}): "${question}" is answered by the FAQ entry ${expectedId}`, () => {
        const answer = ask(helpFor(form(), lang), question);
        expect(answer).to.include({ found: true });
        if (!answer.found) return;
        expect(answer.source).to.deep.include({ kind: "faq", id: expectedId });
        const entry = form().faq?.[lang].find((e) => e.id === expectedId);
        expect(answer.source.title).to.equal(entry?.question);
        expect(answer.text).to.equal(entry?.answer);
      });
    }
  };
  table("short-time-work", () => shortTimeWork, SHORT_TIME_WORK);
  table("employment-retention-kr", () => retention, EMPLOYMENT_RETENTION);

  for (const [lang, question] of UNRELATED) {
    it(`says nothing matches for "${question}" (${lang})`, () => {
      expect(ask(helpFor(shortTimeWork, lang), question)).to.deep.equal({ found: false });
      expect(ask(helpFor(retention, lang), question)).to.deep.equal({ found: false });
    });
  }

  it("answers from a question's own help text when the FAQ has nothing, quoting the question's title", () => {
    const answer = ask(helpFor(shortTimeWork, "en"), "Do I count apprentices in the number of people working in the establishment?");
    expect(answer).to.deep.include({ found: true });
    if (!answer.found) return;
    expect(answer.source).to.deep.equal({ kind: "question", id: "/workforce/totalEmployees", title: shortTimeWork.locales.en.fields["/workforce/totalEmployees"]?.title });
    expect(answer.text).to.contain("Do not count apprentices");
  });

  it("builds one index per form and language, and answers a question with only stop words with found: false", () => {
    expect(helpFor(shortTimeWork, "de")).to.equal(helpFor(shortTimeWork, "de"));
    expect(helpFor(shortTimeWork, "de")).not.to.equal(helpFor(shortTimeWork, "en"));
    expect(ask(helpFor(shortTimeWork, "en"), "what is it?")).to.deep.equal({ found: false });
  });
});

describe("telling a help question from an answer", () => {
  const cases: [Language, string, boolean][] = [
    ["en", "what is short-time work", true],
    ["en", "Why do you need my tax class", true],
    ["en", "Is an apprentice counted?", true],
    ["en", "How long does it take", true],
    ["en", "Ada Lovelace", false],
    ["en", "May 2025", false],
    ["en", "12", false],
    ["en", "yes", false],
    ["de", "Wer zahlt das Kurzarbeitergeld aus", true],
    ["de", "warum die Steuerklasse", true],
    ["de", "Was ist ein Minijob", true],
    ["de", "Steuerklasse 3", false],
    ["de", "Müller GmbH", false],
    ["de", "nein", false],
    ["ko", "어떤 서류가 필요한가요", true],
    ["ko", "왜 세금등급이 필요해", true],
    ["ko", "언제까지 내야 해", true],
    ["ko", "수당은 누가 주나요", true],
    ["ko", "홍길동", false],
    ["ko", "아니요", false],
    ["ko", "없어요", false],
    ["ko", "2025년 3월 1일", false],
    ["en", "Wann muss ich den Antrag stellen", true],
    ["de", "when do I have to apply", true],
  ];
  for (const [lang, text, expected] of cases) {
    it(`"${text}" (${lang}) is ${expected ? "a question" : "an answer"}`, () => {
      expect(looksLikeQuestion(text)).to.equal(expected);
    });
  }
});

describe("checking a form's FAQ files at load", () => {
  const copies: string[] = [];
  after(() => Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true }))));

  async function copyWith(edit: (dir: string) => Promise<void>) {
    const root = await mkdtemp(path.join(os.tmpdir(), "formpilot-faq-"));
    copies.push(root);
    const dir = await copyOfBundled("short-time-work", path.join(root, "short-time-work"));
    await edit(dir);
    return loadPackage(dir);
  }
  const editFaq = async (dir: string, lang: Language, change: (entries: Record<string, unknown>[]) => void) => {
    const file = path.join(dir, "faq", `${lang}.json`);
    const entries = JSON.parse(await readFile(file, "utf8"));
    change(entries);
    await writeFile(file, JSON.stringify(entries));
  };

  it("refuses an entry without an answer, naming the file and the entry", async () => {
    const pkg = await copyWith((dir) => editFaq(dir, "de", (entries) => { delete entries[2]?.answer; }));
    expect(pkg.form).to.equal(undefined);
    expect(pkg.problems).to.have.length(1);
    expect(pkg.problems[0]).to.include({ code: "invalid_faq", file: "faq/de.json", pointer: "/2" });
    expect(pkg.problems[0]?.message).to.contain("answer");
  });

  it("refuses an entry that one language lacks, naming the entry and the languages", async () => {
    const pkg = await copyWith((dir) => editFaq(dir, "ko", (entries) => { entries.splice(entries.findIndex((e) => e.id === "payout"), 1); }));
    expect(pkg.form).to.equal(undefined);
    expect(pkg.problems).to.deep.equal([{
      code: "missing_faq_entry",
      file: "faq/ko.json",
      pointer: "",
      message: 'The FAQ entry "payout" is in faq/de.json, faq/en.json but missing in faq/ko.json',
      fix: 'Add the entry "payout" to faq/ko.json, translated, or remove it from the other languages.',
      severity: "error",
    }]);
  });

  it("refuses a FAQ that exists in some languages only", async () => {
    const pkg = await copyWith((dir) => rm(path.join(dir, "faq", "en.json")));
    expect(pkg.problems.map((p) => [p.code, p.file])).to.deep.equal([["missing_faq", "faq/en.json"]]);
  });

  it("refuses an id used twice in one file", async () => {
    const pkg = await copyWith((dir) => editFaq(dir, "en", (entries) => { entries[1] = { ...entries[1], id: entries[0]?.id }; }));
    expect(pkg.problems.map((p) => [p.code, p.file, p.pointer])).to.deep.include(["duplicate_faq_id", "faq/en.json", "/1/id"]);
  });

  it("lints an entry copied from another language untranslated as a warning, and the bundled FAQ as translated", async () => {
    const bundled = await lintPackage(path.join(formsRoot, "short-time-work"));
    expect(bundled.findings.filter((f) => f.file.startsWith("faq/"))).to.deep.equal([]);
    let dir = "";
    const pkg = await copyWith(async (copy) => {
      dir = copy;
      const english = JSON.parse(await readFile(path.join(copy, "faq", "en.json"), "utf8"));
      await editFaq(copy, "de", (entries) => { entries[3] = { ...entries[3], question: english[3].question }; });
    });
    expect(pkg.problems).to.deep.equal([]);
    const report = await lintPackage(dir);
    expect(report.findings.filter((f) => f.file.startsWith("faq/")).map((f) => [f.severity, f.code, f.file, f.pointer]))
      .to.deep.equal([["warning", "untranslated_faq_entry", "faq/en.json", "/3/question"]]);
  });

  it("loads a package without FAQ files, and the help still answers from the form's own texts", async () => {
    const pkg = await copyWith((dir) => rm(path.join(dir, "faq"), { recursive: true }));
    expect(pkg.problems).to.deep.equal([]);
    expect(pkg.form?.faq).to.equal(undefined);
    const answer = ask(helpFor(pkg.form!, "en"), "Why is the tax class needed?");
    expect(answer).to.deep.include({ found: true });
    if (answer.found) expect(answer.source).to.include({ kind: "question", id: "/employees/*/taxClass" });
  });
});

import { expect } from "chai";
import { applicationBlocks, renderApplicationPdf } from "../../server/pdf/application-pdf";
import type { ApplicationPdfInput } from "../../server/pdf/input";
import type { SummarySection } from "../../server/engine/present";
import { pdfInfo, pdfText } from "../support/pdf-text";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadForm } from "../support/forms";
import { formsRoot } from "../../server/forms/paths";
import { pdfInputOf } from "../../server/pdf/build-input";

/** pdftotext lays text out with runs of spaces and wraps long answers: compare with whitespace collapsed. */
const flat = (text: string) => text.replace(/\s+/g, " ").trim();

function pagesOf(text: string): string[] {
  return text.split("\f").filter((page) => page.trim());
}

function rows(entries: [string, string][]): SummarySection["rows"] {
  return entries.map(([title, value], i) => ({ pointer: `/q${i}`, title, value }));
}

const eur = (amount: number) => new Intl.NumberFormat("de-DE", { style: "currency", currency: "EUR" }).format(amount);

const german: ApplicationPdfInput = {
  formId: "short-time-work",
  formVersion: "1.0.0",
  language: "de",
  authority: "Bundesagentur für Arbeit – Agentur für Arbeit Köln",
  title: "Antrag auf Kurzarbeitergeld",
  reference: "STW-2026-000123",
  submittedAt: "2026-03-31T10:15:00.000Z",
  sections: [
    {
      heading: "Betrieb",
      rows: rows([
        ["Name des Betriebs", "Bäckerei Müller & Söhne GmbH & Co. KG"],
        ["Straße und Hausnummer", "Große Übergasse 12"],
        ["Umsatz im Februar", eur(12345.67)],
      ]),
    },
    {
      heading: "Beschäftigte – Jürgen Weiß",
      rows: rows([
        ["Soll-Entgelt", eur(3210)],
        ["Grund des Arbeitsausfalls", "Auftragsrückgang wegen der Schließung unseres größten Kunden; die Öfen laufen nur noch an drei Tagen pro Woche."],
      ]),
    },
  ],
  derived: {
    values: [{ pointer: "/allowanceTotal", title: "Voraussichtliches Kurzarbeitergeld", value: 1234.56, display: eur(1234.56), rule: "allowance", explanation: "Summe der geschätzten Beträge.", inputs: {} }],
    eligible: true,
    rules: [
      { rule: "tenth", passed: true, message: "Mindestens ein Zehntel der Beschäftigten ist betroffen.", params: {} },
      { rule: "notice", passed: null, message: "Die Anzeige über Arbeitsausfall liegt vor.", params: {} },
    ],
  },
  declaration: "Ich versichere, dass alle Angaben richtig und vollständig sind. Änderungen teile ich unverzüglich mit.",
};

const korean: ApplicationPdfInput = {
  formId: "employment-retention-kr",
  formVersion: "1.0.0",
  language: "ko",
  authority: "고용노동부",
  title: "고용유지지원금 지급 신청서",
  reference: "ERS-2026-000007",
  submittedAt: "2026-04-02T01:30:00.000Z",
  sections: [
    {
      heading: "사업장 정보",
      rows: rows([
        ["사업장 이름", "주식회사 한빛식품"],
        ["대표자", "김민준"],
        ["휴업 사유", "원자재 가격이 올라 생산량을 줄였고, 근로자 열두 명의 근로시간을 단축하였습니다."],
      ]),
    },
  ],
  derived: {
    values: [{ pointer: "/subsidy", title: "예상 지원금", value: 1650000, display: "₩1,650,000", rule: "subsidy", explanation: "", inputs: {} }],
    eligible: false,
    rules: [{ rule: "insured", passed: false, message: "고용보험 피보험자가 1명 이상이어야 합니다.", params: {} }],
  },
  declaration: "위 신청 내용이 사실과 다름이 없음을 확인합니다.",
};

/** 60 answers in six sections, some of them long enough to wrap over several lines. */
function english(): ApplicationPdfInput {
  const long = "We had to reduce working hours because our main customer closed two of its plants, and orders fell by more than half. ";
  const sections = Array.from({ length: 6 }, (_, s) => ({
    heading: `Section ${s + 1}`,
    rows: rows(Array.from({ length: 10 }, (_, r): [string, string] => {
      const n = s * 10 + r + 1;
      return [`Q${String(n).padStart(3, "0")} What is the answer to question number ${n}?`, n % 9 === 0 ? `A${n} ${long.repeat(3)}` : `Answer ${n}`];
    })),
  }));
  return {
    ...german,
    language: "en",
    authority: "Federal Employment Agency",
    title: "Application for short-time work allowance",
    reference: "STW-2026-000600",
    sections,
    derived: { values: [{ pointer: "/total", title: "Estimated allowance", value: 9876.5, display: "€9,876.50", rule: "r", explanation: "", inputs: {} }], eligible: true, rules: [] },
    declaration: "I declare that the information given is true and complete.",
  };
}

function expectAnswers(text: string, input: ApplicationPdfInput): void {
  const all = flat(text);
  for (const needle of [input.title, input.authority, input.reference, input.declaration, ...input.derived.values.flatMap((v) => [v.title, v.display])]) {
    expect(all).to.include(flat(needle));
  }
  for (const section of input.sections) {
    expect(all).to.include(flat(section.heading));
    for (const row of section.rows) expect(all).to.include(`${flat(row.title)} ${flat(row.value)}`);
  }
}

describe("the application PDF", () => {
  it("shows a German application with umlauts and euro amounts, and its metadata", async () => {
    const pdf = await renderApplicationPdf(german);
    const text = await pdfText(pdf);
    expectAnswers(text, german);
    expect(flat(text)).to.include("Aktenzeichen STW-2026-000123");
    expect(flat(text)).to.include("Eingereicht 31. März 2026 um 10:15 UTC");
    expect(flat(text)).to.include("Mindestens ein Zehntel der Beschäftigten ist betroffen. erfüllt");
    expect(flat(text)).to.include("Die Anzeige über Arbeitsausfall liegt vor. noch offen");
    // The estimate says how it is worked out and who decides.
    expect(flat(text)).to.include("Voraussichtliches Kurzarbeitergeld 1.234,56 €").and.include("Summe der geschätzten Beträge.");
    expect(flat(text)).to.include("Die Behörde entscheidet und berechnet den verbindlichen Betrag");
    expect(flat(text)).to.not.include("Nicht auszahlbar");
    const pages = /Seite 1 von (\d+)/.exec(flat(text))?.[1];

    const info = await pdfInfo(pdf);
    expect(info).to.include({ Title: german.title, Author: german.authority, Subject: german.reference, Pages: pages });
    expect(info.CreationDate).to.equal("2026-03-31T10:15:00Z");
    expect(info.ModDate).to.equal("2026-03-31T10:15:00Z");
    expect(pdf.length).to.be.below(100_000);
  });

  it("shows a Korean application in Hangul, with a Korean page footer", async () => {
    const text = await pdfText(await renderApplicationPdf(korean));
    expectAnswers(text, korean);
    expect(flat(text)).to.include("접수번호 ERS-2026-000007");
    expect(flat(text)).to.include("제출 일시 2026년 4월 2일 01:30 UTC");
    expect(flat(text)).to.include("고용보험 피보험자가 1명 이상이어야 합니다. 미충족");
    // A rule not met: the estimate says it is not payable, and why, before the amount.
    const notPayable = flat(text).indexOf("다음 요건이 충족되기 전까지는 지급되지 않습니다");
    expect(notPayable).to.be.greaterThan(-1);
    expect(notPayable).to.be.lessThan(flat(text).indexOf("예상 지원금 ₩1,650,000"));
    // Drawn as "1 / 1 쪽"; pdftotext -layout drops spaces around single characters.
    expect(text.replace(/\s+/g, "")).to.include("1/1쪽");
  });

  it("spreads 60 answers over several pages, each with its localized footer", async () => {
    const input = english();
    const text = await pdfText(await renderApplicationPdf(input));
    expectAnswers(text, input);
    const pages = pagesOf(text);
    expect(pages.length).to.be.at.least(3);
    pages.forEach((page, i) => expect(flat(page)).to.include(`${input.reference} Page ${i + 1} of ${pages.length}`));
  });

  it("never splits a row over two pages nor leaves a heading at the bottom of one", async () => {
    const answer = "This answer runs over three lines of the page, so that the rows are tall and the page breaks fall at different places. ".repeat(2);
    let headingsMoved = 0;
    for (let first = 8; first <= 20; first++) {
      const input: ApplicationPdfInput = {
        ...english(),
        sections: [
          { heading: "Before", rows: rows(Array.from({ length: first }, (_, i): [string, string] => [`B${i} question`, `B${i} ${answer}`])) },
          { heading: "After", rows: rows([["A0 question", "A0 short answer"], ["A1 question", `A1 ${answer}`]]) },
        ],
      };
      const pages = pagesOf(await pdfText(await renderApplicationPdf(input))).map(flat);
      for (const row of input.sections.flatMap((s) => s.rows)) {
        const page = pages.find((p) => p.includes(row.title));
        expect(page, `${row.title} with ${first} rows before`).to.include(`${row.title} ${flat(row.value)}`);
      }
      const headingPage = pages.find((p) => p.includes("A0 question"))!;
      expect(headingPage, `heading with ${first} rows before`).to.include("After A0 question A0 short answer");
      if (headingPage.startsWith("After")) headingsMoved++;
    }
    expect(headingsMoved, "some layouts had to move the heading to the next page").to.be.above(0);
  });

  it("gives the same bytes when the same application is rendered again", async () => {
    const first = await renderApplicationPdf(english());
    const again = await renderApplicationPdf(english());
    expect(again.equals(first)).to.equal(true);
    const later = await renderApplicationPdf({ ...english(), submittedAt: "2026-04-01T08:00:00.000Z" });
    expect(later.equals(first)).to.equal(false);
  });

  it("follows a form's own template", async () => {
    const template = [
      '{{heading "Kurzfassung" level=1}}',
      "{{row labels.reference reference}}",
      "{{#each sections}}{{#each rows}}{{row title value}}{{/each}}{{/each}}",
      '{{paragraph "Ende der Kurzfassung."}}',
    ].join("\n");
    const text = flat(await pdfText(await renderApplicationPdf(german, template)));
    expect(text).to.include("Kurzfassung Aktenzeichen STW-2026-000123");
    expect(text).to.include("Name des Betriebs Bäckerei Müller & Söhne GmbH & Co. KG");
    expect(text).to.include("Ende der Kurzfassung.");
    expect(text).not.to.include(german.title);
    expect(text).not.to.include(german.declaration);
  });

  describe("with hostile answers", () => {
    const hostile = ['<script>alert("x")</script>', '"}]{', "{{x}}", "{{{title}}}", 'a\\" & b', '\n{"type":"heading","text":"INJECTED"}', "Line one\nLine two"];
    const input: ApplicationPdfInput = {
      ...german,
      sections: [{ heading: "Angaben", rows: rows(hostile.map((value, i): [string, string] => [`Frage ${i + 1} <b>&amp;</b>`, value])) }],
    };

    it("keeps each one in its own row, exactly as typed", async () => {
      const blocks = await applicationBlocks(input);
      const shown = blocks.filter((b) => b.type === "row").map((b) => (b.type === "row" ? [b.label, b.value] : []));
      for (const [i, value] of hostile.entries()) expect(shown).to.deep.include([`Frage ${i + 1} <b>&amp;</b>`, value]);
      expect(blocks.filter((b) => b.type === "heading").map((b) => b.type === "heading" && b.text)).to.deep.equal([german.title, "Angaben", "Vorläufige Berechnung", "Voraussetzungen", "Erklärung"]);
    });

    it("prints them verbatim, in order, with the layout intact", async () => {
      const text = await pdfText(await renderApplicationPdf(input));
      const lines = text.split("\n").map((line) => line.trim());
      for (const needle of ['<script>alert("x")</script>', '"}]{', "{{x}}", "{{{title}}}", 'a\\" & b', '{"type":"heading","text":"INJECTED"}', "Line one", "Line two", "Frage 1 <b>&amp;</b>"]) {
        expect(lines).to.include(needle);
      }
      const all = flat(text);
      expect(all).to.include(`Frage 7 <b>&amp;</b> Line one Line two Vorläufige Berechnung`);
      expect(all).to.include(german.declaration);
    });
  });

  describe("with a list of employees", () => {
    /** One to four lines long; the first employee's is the longest, so that their row is taller than an answer before the table. */
    const note = (n: number) => `${"Works in the kitchen and, since the flood, in our partner business two days a week. ".repeat(n === 1 ? 4 : n % 3)}Note ${n} ends here.`;
    const insurance = (n: number) => `24${String(n).padStart(6, "0")}S${String(n % 1000).padStart(3, "0")}`;
    /** As summaryOf gives them: a section per employee, under "list – item"; every third without target pay, every other with a note that may wrap. */
    function staff(count: number, employerRows = 3): ApplicationPdfInput {
      const employees = Array.from({ length: count }, (_, i): SummarySection => {
        const n = i + 1;
        const row = (question: string, title: string, value: string) => ({ pointer: `/employees/${i}/${question}`, title, value });
        return {
          heading: `Employees – Employee ${n}: Person ${n}`,
          rows: [
            row("name", "Name", `Person ${n}`),
            row("insuranceNumber", "Insurance number", insurance(n)),
            ...(n % 3 === 0 ? [] : [row("grossTarget", "Target pay", `€${2500 + n}.00`)]),
            ...(n % 2 === 1 ? [row("note", "Note", note(n))] : []),
          ],
        };
      });
      const employer = rows(Array.from({ length: employerRows }, (_, r): [string, string] => [`Employer question ${r + 1}`, `Employer answer ${r + 1}`]));
      return { ...english(), sections: [{ heading: "Employer", rows: employer }, ...employees] };
    }
    const header = /^\s*#\s+Name\s+Insurance\s/;
    const rowLine = (n: number) => new RegExp(`^\\s*${n}\\s+Person ${n}\\s+${insurance(n)}(\\s|$)`);

    it("prints 120 employees as one table: a line each, the header on every page, no row split, far fewer pages than a section each", async () => {
      const input = staff(120);
      const text = await pdfText(await renderApplicationPdf(input));
      const pages = pagesOf(text).map((page) => page.split("\n"));
      const pageOf = (n: number) => pages.findIndex((lines) => lines.some((line) => rowLine(n).test(line)));
      const tablePages = new Set<number>();
      for (let n = 1; n <= 120; n++) {
        const page = pageOf(n);
        expect(page, `Person ${n} and their insurance number on one line`).to.be.at.least(0);
        tablePages.add(page);
        if (n % 2 === 1) expect(flat(pages[page]!.join("\n")), `the note of Person ${n} on the page of their row`).to.include(`Note ${n} ends here.`);
      }
      expect(tablePages.size, "pages the table spans").to.be.within(2, 6);
      for (const page of tablePages) expect(pages[page]!.some((line) => header.test(line)), `the header on page ${page + 1}`).to.equal(true);
      // The heading is the list's, not any employee's.
      expect(pages.flat().map((line) => line.trim())).to.include("Employees").and.not.include("Employees – Employee 1: Person 1");

      // A form's own template that prints only rows still has every answer, and takes a section's many pages.
      const rowsOnly = "{{#each sections}}{{heading heading}}{{#each rows}}{{row title value}}{{/each}}{{/each}}";
      const listed = await pdfText(await renderApplicationPdf(input, rowsOnly));
      for (const section of input.sections) for (const row of section.rows) expect(flat(listed)).to.include(`${row.title} ${flat(row.value)}`);
      expect(pagesOf(listed).length).to.be.at.least(4 * tablePages.size);
    });

    it("keeps a table's heading with its header and first row", async () => {
      let headingsMoved = 0;
      for (let employerRows = 9; employerRows <= 15; employerRows++) {
        const pages = pagesOf(await pdfText(await renderApplicationPdf(staff(3, employerRows)))).map((page) => page.split("\n"));
        const page = pages.find((lines) => lines.some((line) => line.trim() === "Employees"))!;
        const at = page.findIndex((line) => line.trim() === "Employees");
        expect(page.slice(at).some((line) => header.test(line)), `header with ${employerRows} rows before`).to.equal(true);
        expect(page.slice(at).some((line) => rowLine(1).test(line)), `first row with ${employerRows} rows before`).to.equal(true);
        if (at === 0) headingsMoved++;
      }
      expect(headingsMoved, "some layouts had to move the heading to the next page").to.be.above(0);
    });

    it("is how both bundled forms print their employees", async () => {
      const cases: [string, string, "de" | "ko", string[]][] = [
        ["short-time-work", "unavoidable-event-every-branch.json", "de", ["#", "Vor- und Nachname", "Sozialversicherungsnummer (Rentenversicherungsnummer)"]],
        ["employment-retention-kr", "reduced-hours-two-employees.json", "ko", ["#"]],
      ];
      for (const [formId, example, language, columns] of cases) {
        const form = await loadForm(path.join(formsRoot, formId));
        const { answers } = JSON.parse(await readFile(path.join(formsRoot, formId, "examples", example), "utf8"));
        const blocks = await applicationBlocks(pdfInputOf(form, { answers, language, reference: "R-1", submittedAt: "2026-03-31T10:15:00.000Z" }));
        const tables = blocks.filter((block) => block.type === "table");
        expect(tables, formId).to.have.length(1);
        const table = tables[0]!;
        expect(table.columns.slice(0, columns.length), formId).to.deep.equal(columns);
        expect(table.rows.map((row) => row.slice(0, 2)), formId).to.deep.equal(answers.employees.map((e: { name: string }, i: number) => [String(i + 1), e.name]));
        // The heading right before the table names the list, not one employee.
        const heading = blocks[blocks.indexOf(table) - 1];
        expect(heading?.type === "heading" && heading.text, formId).to.not.include(answers.employees[0].name);
      }
    });
  });
});

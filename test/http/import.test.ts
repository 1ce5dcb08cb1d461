/**
 * The employee list from a file, over the API and on the pages: CSV and XLSX with German,
 * English and Korean headers, problems per cell, nothing stored on error, the clean rows only,
 * a preview that stores nothing, 1,000 rows, the templates, and the upload without JavaScript.
 */
import { expect } from "chai";
import ExcelJS from "exceljs";
import { startServer } from "../support/server";
import { call } from "../support/api";
import { Browser, type Page } from "../support/http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { formsRoot } from "../../server/forms/paths";
import type { Running } from "../../server/start";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Liste");
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csv = (rows: string[][], delimiter = ",", bom = false) => Buffer.from((bom ? "\uFEFF" : "") + rows.map((r) => r.join(delimiter)).join("\r\n") + "\r\n", "utf8");

const GERMAN = ["Name", "SV-Nummer", "Beschäftigung", "Steuerklasse", "Kind", "Soll-Entgelt", "Ist-Entgelt"];
const ENGLISH = ["Full name", "Insurance number", "Employment type", "Tax class", "Child", "Target gross pay", "Actual gross pay"];
const KOREAN = ["성명", "사회보험번호", "고용 형태", "세금 등급", "자녀", "목표 총임금", "실제 총임금"];

describe("importing the employee list from a file", () => {
  let server: Running;
  let base: string;
  before(async () => {
    server = await startServer();
    base = server.url;
  });
  after(() => server.close());

  async function create(language: string) {
    const res = await call(base, "POST", "/api/forms/short-time-work/applications", { body: { language } });
    expect(res.status).to.equal(201);
    return res.body as { id: string; token: string };
  }
  const importFile = (app: { id: string; token: string }, bytes: Buffer, type: string | undefined, query = "") =>
    call(base, "POST", `/api/applications/${app.id}/import?pointer=/employees${query}`, { token: app.token, file: { bytes, type } });
  const stored = async (app: { id: string; token: string }) => (await call(base, "GET", `/api/applications/${app.id}`, { token: app.token })).body.answers;

  it("imports a `;`-separated German CSV with a byte order mark, reading German spellings as typed", async () => {
    const app = await create("de");
    const file = csv([GERMAN, ["Anna Beispiel", "12150385W012", "regulär", "III", "ja", "3.200,50", "1.600,00"], ["Ben Muster", "12150386W013", "Minijob", "", "", "", ""]], ";", true);
    const res = await importFile(app, file, "text/csv");
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.import).to.include({ rows: 2, imported: 2, cleanRows: 2 });
    expect(res.body.answers.employees).to.deep.equal([
      { name: "Anna Beispiel", insuranceNumber: "12150385W012", employmentType: "regular", taxClass: 3, hasChild: true, grossTarget: 3200.5, grossActual: 1600 },
      { name: "Ben Muster", insuranceNumber: "12150386W013", employmentType: "minijob" },
    ]);
    expect(res.body.step.pointer).to.equal("/employer/name");
  });

  it("imports an XLSX workbook with English headers and numbers as numbers", async () => {
    const app = await create("en");
    // The actual pay is a formula, as a payroll sheet may work it out: its result is read.
    const res = await importFile(app, await xlsx([ENGLISH, ["Cem Probe", "12150387W014", "full-time", 1, "no", 2800, { formula: "F2*0.75", result: 2100 } as never]]), XLSX);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.answers.employees).to.deep.equal([{ name: "Cem Probe", insuranceNumber: "12150387W014", employmentType: "regular", taxClass: 1, hasChild: false, grossTarget: 2800, grossActual: 2100 }]);
  });

  it("imports an XLSX workbook with Korean headers", async () => {
    const app = await create("ko");
    const res = await importFile(app, await xlsx([KOREAN, ["김민수", "12150388W015", "정규직", "IV", "예", "3000", "1500"]]), XLSX);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.answers.employees[0]).to.deep.include({ name: "김민수", employmentType: "regular", taxClass: 4, hasChild: true });
  });

  const broken = [GERMAN, ["Anna", "12150385W012", "regulär", "III", "ja", "3200", "1600"], ["Ben", "12150386W013", "regulär", "VII", "ja", "viel", "1600"], ["Cem", "12150387W014", "Minijob", "", "", "", ""]];

  for (const lang of ["de", "en", "ko"] as const) {
    it(`reports each bad cell with pointer, row, column, value and a message in ${lang}, and stores nothing`, async () => {
      const app = await create(lang);
      const res = await importFile(app, csv(broken, ";"), "text/csv");
      expect(res.status).to.equal(422);
      expect(res.body.errors.map((e: any) => [e.pointer, e.row, e.column, e.value])).to.deep.equal([
        ["/employees/1/taxClass", 3, "Steuerklasse", "VII"],
        ["/employees/1/grossTarget", 3, "Soll-Entgelt", "viel"],
      ]);
      const english = /[a-z]/i;
      const korean = /[\uac00-\ud7a3]/;
      for (const e of res.body.errors) {
        if (lang === "ko") expect(e.message).to.match(korean);
        else expect(e.message).to.match(english).and.not.match(korean);
      }
      if (lang === "de") expect(res.body.errors[1].message).to.match(/Zahl|Betrag|Geben Sie/);
      if (lang === "en") expect(res.body.errors[1].message).to.match(/Enter|amount|number/);
      expect(await stored(app)).to.deep.equal({});
    });
  }

  it("stores the clean rows only when asked, and says which rows it left out", async () => {
    const app = await create("de");
    const res = await importFile(app, csv(broken, ";"), "text/csv", "&cleanRowsOnly=true");
    expect(res.status).to.equal(200);
    expect(res.body.import).to.include({ rows: 3, imported: 2 });
    expect(res.body.import.problems.map((p: any) => p.row)).to.deep.equal([3, 3]);
    expect(res.body.answers.employees.map((e: any) => e.name)).to.deep.equal(["Anna", "Cem"]);
  });

  it("previews the mapping, the first rows and the problems, and stores nothing", async () => {
    const app = await create("en");
    const file = csv([[...ENGLISH, "Department"], ["Anna", "12150385W012", "regular", "3", "yes", "3200", "1600", "Kitchen"], ["Ben", "x", "minijob", "1", "", "", "", "Bar"]]);
    const res = await importFile(app, file, "text/csv", "&preview=true");
    expect(res.status).to.equal(200);
    expect(res.body.columns.map((c: any) => c.question)).to.deep.equal([
      "/employees/*/name", "/employees/*/insuranceNumber", "/employees/*/employmentType", "/employees/*/taxClass", "/employees/*/hasChild", "/employees/*/grossTarget", "/employees/*/grossActual", null,
    ]);
    expect(res.body.firstRows).to.deep.equal([{ row: 2, pointer: "/employees/0", answers: { name: "Anna", insuranceNumber: "12150385W012", employmentType: "regular", taxClass: 3, hasChild: true, grossTarget: 3200, grossActual: 1600 } }]);
    expect(res.body.problems.map((p: any) => [p.row, p.column])).to.deep.equal([[3, "Insurance number"]]);
    expect(res.body.ignored).to.deep.equal([{ row: 3, column: "Tax class", pointer: "/employees/1/taxClass" }]);
    expect(await stored(app)).to.deep.equal({});
  });

  it("imports 1,000 rows, and refuses 1,001", async () => {
    const app = await create("de");
    const rows = Array.from({ length: 1000 }, (_, i) => [`Person ${i}`, `12150385W${String(i).padStart(3, "0")}`, "regulär", String((i % 6) + 1), i % 2 ? "ja" : "nein", "3.200,00", "1.600,00"]);
    const res = await importFile(app, csv([GERMAN, ...rows], ";"), "text/csv");
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).to.equal(200);
    expect(res.body.answers.employees).to.have.length(1000);
    const again = await create("de");
    const tooMany = await importFile(again, csv([GERMAN, ...rows, rows[0]!], ";"), "text/csv");
    expect(tooMany.status).to.equal(422);
    expect(tooMany.body.errors[0]).to.include({ code: "maxItems", pointer: "/employees" });
  });

  it("refuses an empty file, a wrong type, a header row matching no question and a file without rows, each clearly", async () => {
    const app = await create("en");
    const empty = await importFile(app, Buffer.alloc(0), "text/csv");
    expect([empty.status, empty.body.errors[0].code]).to.deep.equal([422, "empty_file"]);
    const wrong = await importFile(app, Buffer.from("%PDF-1.4"), "application/pdf");
    expect([wrong.status, wrong.body.errors[0].code]).to.deep.equal([415, "unsupported_media_type"]);
    const unmatched = await importFile(app, csv([["Colour", "Size"], ["red", "L"]]), "text/csv");
    expect([unmatched.status, unmatched.body.errors[0].code]).to.deep.equal([422, "no_columns"]);
    expect(unmatched.body.errors[0].message).to.contain("template");
    const headerOnly = await importFile(app, csv([ENGLISH]), "text/csv");
    expect([headerOnly.status, headerOnly.body.errors[0].code]).to.deep.equal([422, "no_rows"]);
    const notAWorkbook = await importFile(app, Buffer.from("not a zip"), XLSX);
    expect([notAWorkbook.status, notAWorkbook.body.errors[0].code]).to.deep.equal([422, "unreadable"]);
    const big = await importFile(app, Buffer.alloc(6 * 1024 * 1024, 65), "text/csv");
    expect(big.status).to.equal(413);
    const noToken = await call(base, "POST", `/api/applications/${app.id}/import?pointer=/employees`, { file: { bytes: csv([ENGLISH]), type: "text/csv" } });
    expect(noToken.status).to.equal(401);
    const notAGroup = await importFile({ ...app }, csv([ENGLISH, ["a"]]), "text/csv", "/0/name");
    expect([notAGroup.status, notAGroup.body.errors[0].code]).to.deep.equal([422, "not_a_list"]);
    expect(await stored(app)).to.deep.equal({});
  });

  it("serves the templates with the headers in the application's language, which import as they are", async () => {
    const app = await create("ko");
    const template = await call(base, "GET", `/api/applications/${app.id}/import-template.csv?pointer=/employees`, { token: app.token });
    expect(template.status).to.equal(200);
    expect(template.headers.get("content-disposition")).to.contain("short-time-work-employees.csv");
    expect((template.body as Buffer).toString("utf8")).to.equal("\uFEFF이름,사회보험번호,고용 형태,세금 등급,자녀,목표 총임금,실제 총임금\r\n");
    const de = await create("de");
    const german = await call(base, "GET", `/api/applications/${de.id}/import-template.csv?pointer=/employees`, { token: de.token });
    expect((german.body as Buffer).toString("utf8")).to.match(/^\uFEFFName;SV-Nummer;Beschäftigung;/);
    const book = await call(base, "GET", `/api/applications/${app.id}/import-template.xlsx?pointer=/employees`, { token: app.token });
    expect(book.headers.get("content-type")).to.contain(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(book.body);
    const sheet = workbook.worksheets[0]!;
    sheet.addRow(["김민수", "12150388W015", "미니잡"]);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await importFile(app, filled, XLSX);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.answers.employees).to.deep.equal([{ name: "김민수", insuranceNumber: "12150388W015", employmentType: "minijob" }]);
  });

  describe("on the pages, without JavaScript", () => {
    const text = (page: Page, selector: string) => page.$(selector).text().replace(/\s+/g, " ").trim();

    /** An application on the pages whose answers before the list are given, so that the first employee's name is asked. */
    async function atTheList(language: string) {
      const b = new Browser(base, { language });
      const started = await b.follow(await b.post("/forms/short-time-work/start"));
      const id = /^\/applications\/([^/?]+)/.exec(started.path)![1]!;
      const { answers } = JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples/unavoidable-event-every-branch.json"), "utf8"));
      const { employees: _list, employeesListComplete: _complete, ...before } = answers;
      const res = await call(base, "POST", `/api/applications/${id}/answers`, { token: b.cookies.get(`fp_app_${id}`), body: { answers: before } });
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).to.equal(200);
      return { b, id, token: b.cookies.get(`fp_app_${id}`)! };
    }

    it("uploads a list, previews the mapping, the first rows and the problems, and imports the clean rows on confirmation", async () => {
      const { b, id, token } = await atTheList("de");
      const question = await b.get(`/applications/${id}`);
      expect(question.$('input[name="pointer"]').val()).to.equal("/employees/0/name");
      const link = question.$(`a[href^="/applications/${id}/import?"]`);
      expect(link.text()).to.equal("Liste aus einer Datei übernehmen");
      const template = await b.get(question.$('a[href*="import-template.csv"]').attr("href")!);
      expect(template.body.toString("utf8")).to.match(/^\uFEFFName;SV-Nummer;/);

      const upload = await b.get(link.attr("href")!);
      expect(upload.status).to.equal(200);
      expect(upload.$(`form[action^="/applications/${id}/import"]`).attr("enctype")).to.equal("multipart/form-data");
      const empty = await b.submit(upload, 'form[enctype="multipart/form-data"]', { file: { file: Buffer.alloc(0), name: "", type: "application/octet-stream" } });
      expect(empty.status).to.equal(422);
      expect(text(empty, ".error-summary")).to.contain("Wählen Sie eine Datei");

      const preview = await b.submit(upload, 'form[enctype="multipart/form-data"]', { file: { file: csv(broken, ";", true), name: "liste.csv", type: "text/csv" } });
      expect(preview.status, preview.html.slice(0, 300)).to.equal(200);
      expect(text(preview, "h1")).to.equal("Übernommene Liste prüfen");
      const mapping = preview.$("table").first().find("tbody tr").toArray().map((tr) => preview.$(tr).find("td").toArray().map((td) => preview.$(td).text().trim()));
      expect(mapping[3]).to.deep.equal(["Steuerklasse", "Steuerklasse"]);
      const firstRows = preview.$("table").eq(1).find("tbody tr").toArray().map((tr) => preview.$(tr).find("th, td").toArray().map((c) => preview.$(c).text().trim()));
      expect(firstRows[0]!.slice(0, 5)).to.deep.equal(["2", "Anna", "12150385W012", "Sozialversicherungspflichtig beschäftigt", "III (verheiratet, höheres Einkommen)"]);
      const problems = preview.$("#problems ~ .table-scroll table").first().find("tbody tr").toArray().map((tr) => preview.$(tr).find("td").toArray().map((td) => preview.$(td).text().trim()));
      expect(problems.map((p) => p.slice(0, 3))).to.deep.equal([["3", "Steuerklasse", "VII"], ["3", "Soll-Entgelt", "viel"]]);
      expect(problems[0]![3]).to.match(/\w/);
      // Nothing is stored by the preview.
      expect((await call(base, "GET", `/api/applications/${id}`, { token })).body.answers.employees).to.equal(undefined);

      const confirm = preview.$("form").filter((_, f) => preview.$(f).attr("action")!.includes("/import/confirm"));
      expect(text(preview, "form button")).to.contain("Nur die 2 Zeilen ohne Probleme übernehmen");
      const done = await b.submit(preview, `form[action="${confirm.attr("action")}"]`);
      expect(done.status).to.equal(303);
      const list = await b.follow(done);
      expect(list.$(".items__title").toArray().map((e) => list.$(e).text().trim())).to.deep.equal(["Beschäftigte Person 1: Anna", "Beschäftigte Person 2: Cem"]);
      expect(list.$('a[href*="/import?"]').length).to.equal(1);
    });

    it("imports a clean XLSX list from the upload page in English", async () => {
      const { b, id, token } = await atTheList("en");
      const upload = await b.get(`/applications/${id}/import?pointer=%2Femployees`);
      const preview = await b.submit(upload, 'form[enctype="multipart/form-data"]', { file: { file: await xlsx([ENGLISH, ["Cem Probe", "12150387W014", "regular", 1, "no", 2800, 2100]]), name: "list.xlsx", type: XLSX } });
      expect(text(preview, "main")).to.contain("All 1 rows are correct.");
      const done = await b.follow(await b.submit(preview, 'form[action*="/import/confirm"]'));
      expect(done.status).to.equal(200);
      expect((await call(base, "GET", `/api/applications/${id}`, { token })).body.answers.employees).to.deep.equal([{ name: "Cem Probe", insuranceNumber: "12150387W014", employmentType: "regular", taxClass: 1, hasChild: false, grossTarget: 2800, grossActual: 2100 }]);
    });

    it("is offered in the chat on the list's questions, with a link to the upload page", async () => {
      const { b, id } = await atTheList("en");
      const res = await fetch(`${base}/applications/${id}/chat/messages`, { headers: { accept: "application/json", cookie: [...b.cookies].map(([n, v]) => `${n}=${v}`).join("; ") } });
      const view = (await res.json()) as { messages: { text: string; links?: { href: string; text: string }[] }[] };
      const offer = view.messages.find((m) => m.links?.some((l) => l.href.includes("/import?")));
      expect(offer?.text).to.equal("You can also import the whole list from a file (CSV or Excel).");
      const upload = await b.get(offer!.links![0]!.href);
      expect(text(upload, "h1")).to.equal("Import a list from a file");
    });

    it("says so on the upload page when no column matches, in Korean", async () => {
      const { b, id } = await atTheList("ko");
      const upload = await b.get(`/applications/${id}/import?pointer=%2Femployees`);
      const refused = await b.submit(upload, 'form[enctype="multipart/form-data"]', { file: { file: csv([["색상"], ["빨강"]]), name: "목록.csv", type: "text/csv" } });
      expect(refused.status).to.equal(422);
      expect(text(refused, ".error-summary")).to.contain("파일의 어떤 열도");
    });
  });
});

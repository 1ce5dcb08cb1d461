import { expect } from "chai";
import path from "node:path";
import { loadForm } from "../support/forms";
import type { Form } from "../../server/engine/form";
import { newSession, type Session } from "../../server/engine/session";
import { answer } from "../../server/engine/flow";
import { derive } from "../../server/engine/derive";
import { columnHeader, importRows, itemQuestions, matchColumns } from "../../server/engine/import";
import { formsRoot } from "../../server/forms/paths";
import type { GroupNode } from "../../server/engine/model";
import type { Language } from "../../server/i18n/languages";

const today = new Date("2026-03-10T12:00:00Z");

/** Types a list row by row, answering each question a page asks, and "yes" to "add another?" between rows. */
function typeRows(form: Form, rows: Record<string, string>[], lang: Language): Session {
  let session = newSession();
  rows.forEach((row, i) => {
    if (i > 0) session = step(form, session, "/employees", "yes", lang);
    for (const [name, value] of Object.entries(row)) session = step(form, session, `/employees/${i}/${name}`, value, lang);
  });
  return session;
}

function step(form: Form, session: Session, pointer: string, value: string, lang: Language): Session {
  const outcome = answer(form, session, pointer, value, lang, today);
  expect(outcome.problems, pointer).to.deep.equal([]);
  return outcome.session;
}

const NAMES = ["name", "insuranceNumber", "employmentType", "taxClass", "hasChild", "grossTarget", "grossActual"];

describe("importing a list into a repeatable group", () => {
  let form: Form;
  let group: GroupNode;
  before(async () => {
    form = await loadForm(path.join(formsRoot, "short-time-work"));
    group = form.nodes.get("/employees") as GroupNode;
  });

  it("matches headers in German, English and Korean, property names and the form's own column names, loosely", () => {
    const headers = ["Vor- und Nachname", "SVNR", "employment type", "세금 등급", "hasChild", "Soll-Entgelt (brutto) im Monat", "ACTUAL PAY", "Abteilung"];
    expect(matchColumns(form, group, headers).map((c) => c.question)).to.deep.equal([
      "/employees/*/name", "/employees/*/insuranceNumber", "/employees/*/employmentType", "/employees/*/taxClass",
      "/employees/*/hasChild", "/employees/*/grossTarget", "/employees/*/grossActual", null,
    ]);
  });

  it("heads the template's columns with the locale's first column name", () => {
    expect(itemQuestions(group).map((q) => columnHeader(form, "de", q))).to.deep.equal(["Name", "SV-Nummer", "Beschäftigung", "Steuerklasse", "Kind", "Soll-Entgelt", "Ist-Entgelt"]);
  });

  it("leaves the session exactly as typing the rows would: answers, history, derived values", () => {
    const rows: Record<string, string>[] = [
      { name: "Anna Beispiel", insuranceNumber: "12150385W012", employmentType: "regulär", taxClass: "III", hasChild: "ja", grossTarget: "3.200,50", grossActual: "1.600" },
      { name: "Ben Muster", insuranceNumber: "12150386W013", employmentType: "Minijob" },
      { name: "Cem Probe", insuranceNumber: "12150387W014", employmentType: "Vollzeit", taxClass: "1", hasChild: "nein", grossTarget: "2800", grossActual: "2.100,00" },
    ];
    const typed = typeRows(form, rows, "de");
    const imported = importRows(form, newSession(), {
      group: "/employees",
      headers: NAMES,
      rows: rows.map((r) => NAMES.map((n) => r[n] ?? "")),
      lang: "de",
      today,
    });
    expect(imported.problems).to.deep.equal([]);
    expect(imported.imported).to.equal(3);
    // As stored: a session is kept as JSON.
    expect(JSON.parse(JSON.stringify(imported.session))).to.deep.equal(JSON.parse(JSON.stringify(typed)));
    expect(derive(form, imported.session.answers).result).to.deep.equal(derive(form, typed.answers).result);
  });

  it("ignores a tax class given for a minijob, as a page never asks it, and says so", () => {
    const outcome = importRows(form, newSession(), { group: "/employees", headers: NAMES, rows: [["Ben", "12150386W013", "minijob", "1", "", "", ""]], lang: "en", today });
    expect(outcome.problems).to.deep.equal([]);
    expect(outcome.session.answers.employees).to.deep.equal([{ name: "Ben", insuranceNumber: "12150386W013", employmentType: "minijob" }]);
    expect(outcome.ignored).to.deep.equal([{ row: 2, column: "taxClass", pointer: "/employees/0/taxClass" }]);
  });

  it("reports each bad cell with its row, column, value, pointer and message, and changes nothing", () => {
    const rows = [
      ["Anna", "12150385W012", "regular", "3", "yes", "3200", "1600"],
      ["Ben", "nope", "regular", "VII", "yes", "lots", "1600"],
      ["", "12150387W014", "minijob", "", "", "", ""],
    ];
    const outcome = importRows(form, newSession(), { group: "/employees", headers: NAMES, rows, lang: "en", today });
    expect(outcome.session).to.deep.equal(newSession());
    expect(outcome.problems.map((p) => [p.row, p.column, p.value, p.pointer])).to.deep.equal([
      [3, "insuranceNumber", "nope", "/employees/1/insuranceNumber"],
      [3, "taxClass", "VII", "/employees/1/taxClass"],
      [3, "grossTarget", "lots", "/employees/1/grossTarget"],
      [4, "name", "", "/employees/2/name"],
    ]);
    expect(outcome.problems[3]).to.include({ code: "required", message: "Answer this question." });
    expect(outcome.problems.every((p) => p.message.length > 0)).to.equal(true);
  });

  it("stores the clean rows only when asked to, each where the next clean row goes", () => {
    const rows = [["Ben", "nope", "minijob"], ["Cem", "12150387W014", "minijob"]];
    const outcome = importRows(form, newSession(), { group: "/employees", headers: NAMES.slice(0, 3), rows, lang: "en", today, cleanRowsOnly: true });
    expect(outcome.imported).to.equal(1);
    expect(outcome.rejectedRows).to.deep.equal([2]);
    expect(outcome.session.answers.employees).to.deep.equal([{ name: "Cem", insuranceNumber: "12150387W014", employmentType: "minijob" }]);
  });

  it("refuses more rows than the list's maxItems", () => {
    const rows = Array.from({ length: 1001 }, (_, i) => [`P${i}`, "12150387W014", "minijob"]);
    const outcome = importRows(form, newSession(), { group: "/employees", headers: NAMES.slice(0, 3), rows, lang: "de", today });
    expect(outcome.problems.map((p) => p.code)).to.deep.equal(["maxItems"]);
    expect(outcome.problems[0]!.message).to.contain("1000");
  });
});

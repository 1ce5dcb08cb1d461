/**
 * The Korean form's figures are parameters: its texts state them in each language from the
 * parameter files, lint finds a figure written into a text instead, and the schema's bound of the
 * 180-day year is held to its parameter.
 */
import { expect } from "chai";
import path from "node:path";
import { readFile, writeFile } from "node:fs/promises";
import { copyOfBundled, loadForm } from "../support/forms";
import { formsRoot } from "../../server/forms/paths";
import { loadPackage } from "../../server/forms/load";
import { newSession } from "../../server/engine/session";
import { answerMany } from "../../server/engine/flow";
import { stateOf } from "../../server/engine/present";
import { fieldText } from "../../server/engine/texts";
import type { Finding } from "../../server/authoring/finding";
import { editJson, formpilot, removeTemps, tempDir } from "../authoring/helpers";

const kr = path.join(formsRoot, "employment-retention-kr");

const copyOfKr = async (): Promise<string> => copyOfBundled("employment-retention-kr", path.join(await tempDir(), "employment-retention-kr"));

const lintFindings = async (dir: string): Promise<Finding[]> => JSON.parse((await formpilot("lint", dir, "--json")).out.join("\n")).findings;

describe("employment-retention-kr parameters", () => {
  after(removeTemps);

  it("state the daily cap, the 180 days and the ratios in each language's own writing", async () => {
    const form = await loadForm(kr);
    expect(fieldText(form, "ko", "/employees/*/allowancePerDay", "2025-03-03")?.why).to.equal("지원금은 지급한 수당의 일정 비율(1일 최대 ₩66,000)로 계산합니다.");
    expect(fieldText(form, "de", "/employees/*/allowancePerDay", "2025-03-03")?.why).to.equal("Der Zuschuss ist ein Anteil der gezahlten Vergütung, höchstens 66.000\u00a0₩ pro Tag.");
    expect(fieldText(form, "en", "/employees/*/allowancePerDay", "2025-03-03")?.why).to.equal("The subsidy is a share of the allowance paid, at most ₩66,000 per day.");
    expect(fieldText(form, "de", "/employees/*/daysUsedThisYear")?.why).to.equal("Gefördert werden höchstens 180 Tage pro Person und Jahr.");
    expect(fieldText(form, "ko", "/business/sizeClass")?.why).to.contain("2/3").and.contain("1/2");
    expect(fieldText(form, "en", "/adjustment/salesCurrent")?.why).to.contain("by 15% or more");
  });

  it("fill the rule texts the applicant reads in the estimate", async () => {
    const form = await loadForm(kr);
    const { answers } = JSON.parse(await readFile(path.join(kr, "examples/reduced-hours-two-employees.json"), "utf8"));
    const low = structuredClone(answers);
    low.employees[0].allowancePerDay = 1000;
    const session = answerMany(form, newSession(), low, "de").session;
    const failed = stateOf(form, session, "de").derived.rules.find((r) => r.rule === "allowanceAtLeast70" && r.passed === false);
    expect(failed?.message).to.contain("mindestens 70\u00a0% des durchschnittlichen Tageslohns");
    expect(failed?.message).not.to.contain("{parameters.");
  });

  it("leave no figure of a parameter written into a text of the bundled forms", async () => {
    for (const id of ["employment-retention-kr", "short-time-work"]) {
      expect((await lintFindings(id)).filter((f) => f.code === "literal_parameter_value"), id).to.deep.equal([]);
    }
  });

  it("let lint find a figure written into a text, in each language's spelling, with the parameter to use", async () => {
    const dir = await copyOfKr();
    await editJson(path.join(dir, "locales/en.json"), (l) => { l.fields["/employees/*/allowancePerDay"].why = "At most 66,000 won per day."; });
    await editJson(path.join(dir, "locales/de.json"), (l) => { l.fields["/employees/*/allowancePerDay"].why = "Höchstens 66.000 Won pro Tag, 180 Tage im Jahr."; });
    // A count without its unit's word is not the parameter: 180 characters are not 180 days.
    await editJson(path.join(dir, "locales/en.json"), (l) => { l.fields["/employees/*/name"].description = "At most 180 characters."; });
    await editJson(path.join(dir, "locales/ko.json"), (l) => { l.rules.supportRatio = "지원 비율은 3분의 2입니다."; });
    const found = (await lintFindings(dir)).filter((f) => f.code === "literal_parameter_value").map(({ file, pointer, severity, message, fix }) => ({ file, pointer, severity, message, fix }));
    expect(found).to.deep.equal([
      { file: "locales/ko.json", pointer: "/rules/supportRatio", severity: "warning", message: '"3분의 2" is the value 2/3 of the parameter "supportRatioPriority", written as a figure', fix: "Write {parameters.supportRatioPriority} instead, so that the text follows the parameter." },
      { file: "locales/de.json", pointer: "/fields/~1employees~1*~1allowancePerDay/why", severity: "warning", message: '"66.000" is the value 66000 of the parameter "dailyCap", written as a figure', fix: "Write {parameters.dailyCap} instead, so that the text follows the parameter." },
      { file: "locales/de.json", pointer: "/fields/~1employees~1*~1allowancePerDay/why", severity: "warning", message: '"180 Tage" is the value 180 of the parameter "daysPerYear", written as a figure', fix: "Write {parameters.daysPerYear} instead, so that the text follows the parameter." },
      { file: "locales/en.json", pointer: "/fields/~1employees~1*~1allowancePerDay/why", severity: "warning", message: '"66,000" is the value 66000 of the parameter "dailyCap", written as a figure', fix: "Write {parameters.dailyCap} instead, so that the text follows the parameter." },
    ]);
  });

  it("hold the schema's bound of days already subsidised to the 180-day parameter", async () => {
    const dir = await copyOfKr();
    const file = path.join(dir, "parameters/amount.json");
    const amount = JSON.parse(await readFile(file, "utf8"));
    amount.daysPerYear.values = [{ from: "2025-01-01", to: "2025-12-31", value: 180 }, { from: "2026-01-01", value: 200 }];
    await writeFile(file, JSON.stringify(amount));
    const pkg = await loadPackage(dir);
    expect(pkg.problems.map((p) => [p.code, p.file, p.pointer])).to.deep.equal([
      ["limit_differs_from_parameter", "schema.json", "/properties/employees/items/properties/daysUsedThisYear/maximum"],
    ]);
  });
});

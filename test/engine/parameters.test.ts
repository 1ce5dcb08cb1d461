/**
 * Parameters as dated data: the files are checked at load (file, JSON pointer, fix), a value is
 * looked up for a date, and texts show the value in force in the reader's language.
 */
import { expect } from "chai";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadPackage } from "../../server/forms/load";
import { parameterAt, checkParameterFiles } from "../../server/engine/parameters";
import { parametersDateOf } from "../../server/engine/parameter-texts";
import { fieldText } from "../../server/engine/texts";
import { brokenFixture, editJson, removeTemps } from "../authoring/helpers";

const grant = {
  unit: "EUR",
  reference: "Example Act § 1",
  source: "Example Gazette 2025",
  values: [
    { from: "2025-01-01", to: "2025-06-30", value: 100 },
    { from: "2025-07-01", value: 120.5 },
  ],
};

/** The branching fixture with one parameter file and the note's help text naming the parameter. */
function withParameters(file: unknown, help = { en: "The grant is {parameters.grant}.", de: "Der Zuschuss beträgt {parameters.grant}.", ko: "지원금은 {parameters.grant}입니다." }) {
  return brokenFixture(async (dir) => {
    await mkdir(path.join(dir, "parameters"));
    await writeFile(path.join(dir, "parameters/grant.json"), JSON.stringify(file));
    await editJson(path.join(dir, "schema.json"), (s) => { s["x-form"].parametersDate = "/start"; });
    for (const lang of ["en", "de", "ko"] as const) {
      await editJson(path.join(dir, `locales/${lang}.json`), (l) => { l.fields["/note"].description = help[lang]; });
    }
  });
}

describe("parameters", () => {
  after(removeTemps);

  describe("at load", () => {
    it("refuses periods of one parameter that overlap, naming the file, the period and the fix", async () => {
      const overlapping = { grant: { ...grant, values: [{ from: "2025-01-01", to: "2025-07-01", value: 100 }, { from: "2025-07-01", value: 120.5 }] } };
      const pkg = await loadPackage(await withParameters(overlapping));
      expect(pkg.form).to.equal(undefined);
      expect(pkg.problems).to.have.length(1);
      expect(pkg.problems[0]).to.include({ code: "parameter_periods_overlap", file: "parameters/grant.json", pointer: "/grant/values/1/from" });
      expect(pkg.problems[0]!.fix).to.contain("before 2025-07-01");
    });

    it("refuses an open-ended period followed by another", () => {
      const { problems } = checkParameterFiles([{ file: "parameters/a.json", content: { grant: { ...grant, values: [{ from: "2025-01-01", value: 1 }, { from: "2026-01-01", value: 2 }] } } }]);
      expect(problems.map((p) => p.code)).to.deep.equal(["parameter_periods_overlap"]);
    });

    it("refuses a parameter without its legal reference", async () => {
      const { reference: _dropped, ...unreferenced } = grant;
      const pkg = await loadPackage(await withParameters({ grant: unreferenced }));
      expect(pkg.form).to.equal(undefined);
      expect(pkg.problems[0]).to.include({ code: "invalid_parameter", file: "parameters/grant.json", pointer: "/grant" });
      expect(pkg.problems[0]!.message).to.contain("reference");
      expect(pkg.problems[0]!.fix).to.contain('"reference"');
    });

    it("refuses a text that names a parameter the form does not have", async () => {
      const pkg = await loadPackage(await withParameters({ grant }, { en: "{parameters.grnat}", de: "{parameters.grant}", ko: "{parameters.grant}" }));
      expect(pkg.form).to.equal(undefined);
      expect(pkg.problems[0]).to.include({ code: "unknown_parameter_in_text", file: "locales/en.json", pointer: "/fields/~1note/description" });
      expect(pkg.problems[0]!.fix).to.contain("grant");
    });

    it("refuses a schema bound that differs from the parameter it is marked with", async () => {
      const dir = await withParameters({ grant, maxShifts: { unit: "persons", reference: "Example Act § 2", source: "Example Gazette", values: [{ from: "2025-01-01", value: 4 }] } });
      await editJson(path.join(dir, "schema.json"), (s) => { s.properties.factoryShifts["x-limits"] = { maximum: "maxShifts" }; });
      const pkg = await loadPackage(dir);
      expect(pkg.problems[0]).to.include({ code: "limit_differs_from_parameter", file: "schema.json", pointer: "/properties/factoryShifts/maximum" });
      expect(pkg.problems[0]!.fix).to.contain('"maximum": 4');
    });
  });

  describe("parameterAt", () => {
    const { parameters } = checkParameterFiles([{ file: "parameters/grant.json", content: { grant } }]);

    it("gives the value in force on the first and the last day of a period, and the next period's the day after", () => {
      expect(parameterAt(parameters, "grant", "2025-01-01")).to.include({ ok: true, value: 100, from: "2025-01-01", to: "2025-06-30", reference: "Example Act § 1" });
      expect(parameterAt(parameters, "grant", "2025-06-30")).to.include({ ok: true, value: 100 });
      expect(parameterAt(parameters, "grant", "2025-07-01")).to.include({ ok: true, value: 120.5, from: "2025-07-01" });
      expect(parameterAt(parameters, "grant", "2031-12-31")).to.include({ ok: true, value: 120.5 });
    });

    it("is a typed problem before the first period and for an unknown name", () => {
      const before = parameterAt(parameters, "grant", "2024-12-31");
      expect(before.ok).to.equal(false);
      if (!before.ok) expect(before.problem).to.include({ code: "parameter_not_in_force" });
      const unknown = parameterAt(parameters, "grnat", "2025-03-01");
      if (!unknown.ok) expect(unknown.problem.code).to.equal("unknown_parameter");
      expect(unknown.ok).to.equal(false);
    });

    it("keeps a ratio exact", () => {
      const ratio = checkParameterFiles([{ file: "p.json", content: { ratio: { unit: "ratio", reference: "r", source: "s", values: [{ from: "2025-01-01", value: "2/3" }] } } }]).parameters;
      expect(parameterAt(ratio, "ratio", "2025-05-05")).to.include({ ok: true, value: 2 / 3 }).and.to.deep.include({ exact: { num: 2, den: 3 } });
    });
  });

  describe("in texts", () => {
    it("shows the value in force on the application's date, written as each language writes money", async () => {
      const pkg = await loadPackage(await withParameters({ grant }));
      const form = pkg.form!;
      const march = parametersDateOf(form.parametersDate, { start: "2025-03-01" });
      const august = parametersDateOf(form.parametersDate, { start: "2025-08-01" });
      expect(fieldText(form, "en", "/note", march)?.description).to.equal("The grant is €100.00.");
      expect(fieldText(form, "en", "/note", august)?.description).to.equal("The grant is €120.50.");
      expect(fieldText(form, "de", "/note", august)?.description).to.equal("Der Zuschuss beträgt 120,50\u00a0€.");
      expect(fieldText(form, "ko", "/note", august)?.description).to.equal("지원금은 €120.50입니다.");
    });

    it("uses today's value while the application has no date, and the newest without either", async () => {
      const form = (await loadPackage(await withParameters({ grant }))).form!;
      expect(fieldText(form, "en", "/note", parametersDateOf(form.parametersDate, {}, "2025-02-02"))?.description).to.equal("The grant is €100.00.");
      expect(fieldText(form, "en", "/note")?.description).to.equal("The grant is €120.50.");
    });
  });
});

/**
 * The wage tax of the lump-sum net pay against the ministry of finance's own program flow: the
 * fixture holds LSTLZZ and SOLZLZZ of the PAP 2025 and 2026 pseudo-code (run from a public
 * implementation generated from it, see the fixture's header) for every tax class and a range of
 * monthly pays. Every case must agree to the cent.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import path from "node:path";
import { monthlyWageTax, type TaxClass } from "../../forms/short-time-work/wage-tax/monthly";
import { wageTaxFigures, type TaxYear } from "../../forms/short-time-work/wage-tax/figures";
import { bundledParameters } from "../support/forms";

interface Case {
  year: TaxYear;
  taxClass: TaxClass;
  monthlyPayCents: number;
  LSTLZZ: number;
  SOLZLZZ: number;
}
const fixture = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../fixtures/wage-tax/pap-2025-2026.json"), "utf8"),
) as { cases: Case[] };

/** The form's own parameter files (parameters/wage-tax.json), as the loader reads them. */
const parameters = bundledParameters("short-time-work");
const figuresOf = (year: TaxYear) => {
  const built = wageTaxFigures(parameters, year);
  if (!built) throw new Error(`parameters/wage-tax.json has no complete set of figures for ${year}`);
  return built.figures;
};

describe("short-time-work wage tax (PAP 2025 and 2026)", () => {
  it("covers both years, all six tax classes and pays with and without surcharge", () => {
    const years = new Set(fixture.cases.map((c) => c.year));
    const classes = new Set(fixture.cases.map((c) => c.taxClass));
    expect([...years]).to.have.members([2025, 2026]);
    expect([...classes]).to.have.members([1, 2, 3, 4, 5, 6]);
    expect(fixture.cases.length).to.be.at.least(72);
    expect(fixture.cases.some((c) => c.SOLZLZZ > 0)).to.equal(true);
  });

  it("gives the PAP's monthly wage tax and solidarity surcharge to the cent", () => {
    const wrong = fixture.cases.flatMap((c) => {
      const r = monthlyWageTax(c.monthlyPayCents, c.taxClass, figuresOf(c.year));
      return r.wageTaxCents === c.LSTLZZ && r.solidarityCents === c.SOLZLZZ
        ? []
        : [`${c.year} class ${c.taxClass} ${c.monthlyPayCents / 100} €: ${r.wageTaxCents}/${r.solidarityCents}, PAP ${c.LSTLZZ}/${c.SOLZLZZ}`];
    });
    expect(wrong).to.deep.equal([]);
  });
});

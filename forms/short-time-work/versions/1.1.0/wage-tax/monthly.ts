/**
 * Monthly wage tax and solidarity surcharge by the PAP of the year (payment period a month,
 * LZZ = 2), with the inputs § 153 SGB III prescribes for the lump-sum net pay: no personal
 * allowances, no child allowances, no church tax, no factor; statutory pension, health, care and
 * unemployment insurance with the rates in `figures.ts`. The program flow: annual pay = 12 ×
 * monthly pay; minus the fixed allowances of the tax class (MZTABFB) and the Vorsorgepauschale
 * (UPEVP); the tariff (splitting in class III, § 39b (2) Satz 7 in classes V and VI); a twelfth
 * of the annual tax and surcharge, rounded down to the cent (UPANTEIL).
 */
import { WAGE_TAX_FIGURES, type TaxYear, type WageTaxFigures } from "./figures";
import { tariffTax } from "./tariff";
import { classFiveSixTax } from "./classes-five-six";
import { vorsorgepauschale, type Vorsorgepauschale } from "./vorsorgepauschale";
import { annualSolidarity } from "./solidarity";

export type TaxClass = 1 | 2 | 3 | 4 | 5 | 6;

export interface MonthlyWageTax {
  year: TaxYear;
  /** Wage tax of the month (PAP output LSTLZZ), in cents. */
  wageTaxCents: number;
  /** Solidarity surcharge of the month (SOLZLZZ), in cents. */
  solidarityCents: number;
  /** The annual wage tax the month's share is taken from, whole euros. */
  annualTax: number;
  vorsorgepauschale: Vorsorgepauschale;
}

/** MZTABFB: Arbeitnehmer-Pauschbetrag, Sonderausgaben-Pauschbetrag and the class II relief, in cents. */
function fixedAllowancesCents(annualPayCents: number, taxClass: TaxClass, f: WageTaxFigures): number {
  if (taxClass === 6) return 0;
  // The lump sum never exceeds the pay (rounded up to whole euros).
  const lumpSum = Math.min(Math.ceil(annualPayCents / 100), f.employeeLumpSum);
  const relief = taxClass === 2 ? f.singleParentRelief : 0;
  return (lumpSum + f.specialExpensesLumpSum + relief) * 100;
}

/** The monthly wage tax of a monthly pay in cents, in the year's PAP. */
export function monthlyWageTax(monthlyPayCents: number, taxClass: TaxClass, year: TaxYear): MonthlyWageTax {
  const f = WAGE_TAX_FIGURES[year];
  const annualPayCents = Math.max(0, Math.round(monthlyPayCents)) * 12;
  const vsp = vorsorgepauschale(annualPayCents, taxClass, f.vorsorge);
  const taxableCents = annualPayCents - fixedAllowancesCents(annualPayCents, taxClass, f) - vsp.cents;

  // UPMLST: below one euro nothing; else whole euros, halved under splitting (KZTAB = 2).
  const splitting = taxClass === 3;
  const x = taxableCents < 100 ? 0 : Math.floor(taxableCents / (splitting ? 200 : 100));
  const annualTax =
    taxClass >= 5 ? classFiveSixTax(x, f.classesFiveSix, f.tariff) : tariffTax(x * 100, f.tariff) * (splitting ? 2 : 1);

  return {
    year,
    wageTaxCents: Math.floor((annualTax * 100) / 12),
    solidarityCents: Math.floor(annualSolidarity(annualTax, splitting, f.solidarity) / 12),
    annualTax,
    vorsorgepauschale: vsp,
  };
}

/**
 * The yearly figures of the wage tax, assembled for one year from the form's dated parameters
 * (parameters/wage-tax.json: each figure with its law or PAP line, its source and its year). What
 * differs between the years' PAP in kind rather than in figures (how classes V/VI round, which
 * floor the Vorsorgepauschale has) is program flow and stays here, one entry per supported year.
 * Amounts are euros as the law states them; rates are fractions (0.093 = 9.3 %).
 *
 * PAP 2025: "Programmablaufplan für die maschinelle Berechnung der vom Arbeitslohn einzubehaltenden
 * Lohnsteuer ... 2025", as amended after the Steuerfortentwicklungsgesetz (pseudo-code Stand
 * 2025-01-07). PAP 2026: Stand 2025-10-23.
 */
import { parameterAt, type ParameterInForce, type Parameters } from "../../../server/engine/parameters";


export type TaxYear = 2025 | 2026;

export interface TariffFigures {
  /** § 32a (1) Nr. 1 EStG: Grundfreibetrag; no tax up to this taxable income. */
  basicAllowance: number;
  /** § 32a (1) Nr. 2: (a·y + b)·y up to `upTo`, y = (x − basicAllowance) / 10,000. */
  zone2: { upTo: number; a: number; b: number };
  /** § 32a (1) Nr. 3: (a·z + b)·z + c up to `upTo`, z = (x − zone2.upTo) / 10,000. */
  zone3: { upTo: number; a: number; b: number; c: number };
  /** § 32a (1) Nr. 4: rate·x − minus up to `upTo`. */
  zone4: { upTo: number; rate: number; minus: number };
  /** § 32a (1) Nr. 5: rate·x − minus above. */
  zone5: { rate: number; minus: number };
}

export interface ClassFiveSixFigures {
  /** § 39b (2) Satz 7 EStG: the thresholds W1STKL5, W2STKL5, W3STKL5 of the PAP, in euros. */
  w1: number;
  w2: number;
  w3: number;
  /** § 39b (2) Satz 7: at least 14 % of the income (PAP: MIST). */
  minimumRate: number;
  /** How the PAP rounds 1.25 × and 0.75 × the income before the tariff: 2025 to the cent, 2026 to the euro. */
  rounding: "cent" | "euro";
}

/**
 * The floor under the Vorsorgepauschale for statutory health and care insurance. It differs in
 * kind between the years, hence the tag:
 * - 2025 `minimum`: the Mindestvorsorgepauschale, 12 % of the pay, at most 1,900 € (3,000 € in
 *   tax class III), instead of the health and care part when higher (PAP 2025, UPEVP: VSP2, VHB).
 * - 2026 `unemployment`: § 39b (2) Satz 5 Nr. 3 Buchstabe e EStG: the unemployment insurance share
 *   plus the health and care part, together at most 1,900 €, when that is higher; not in tax class
 *   VI (PAP 2026, MVSPHB).
 */
export type VorsorgeFloor =
  | { kind: "minimum"; rate: number; cap: number; capClassThree: number }
  | { kind: "unemployment"; rate: number; cap: number };

export interface VorsorgeFigures {
  /** § 39b (2) Satz 5 Nr. 3 Buchstabe a EStG: employee share of the pension insurance (half of § 158 SGB VI). */
  pensionRate: number;
  /**
   * Contribution assessment ceiling of the pension (and unemployment) insurance, per month
   * (Sozialversicherungs-Rechengrößenverordnung of the year). § 106 SGB III caps the target gross
   * at it; the PAP takes it × 12 (BBGRV, BBGRVALV).
   */
  pensionCeilingMonthly: number;
  /** Contribution assessment ceiling of the health and care insurance, per month (same regulation; PAP: BBGKVPV ÷ 12). */
  healthCeilingMonthly: number;
  /** Buchstabe b: half the reduced health insurance rate of § 243 SGB V (14.0 %), as the PAP's KVSATZAN. */
  healthRate: number;
  /**
   * § 153 (1) Satz 4 Nr. 2 SGB III: the average additional contribution of § 242a SGB V, in percent
   * as the ministry of health announces it for the year (PAP input KVZ; the employee pays half).
   */
  averageAdditionalContribution: number;
  /**
   * Buchstabe c, with § 153 (1) Satz 4 Nr. 3 SGB III: the employee half of the care insurance rate of
   * § 55 (1) Satz 1 SGB XI (3.6 %), without the supplement for the childless nor the reductions for
   * children of § 55 (3) SGB XI (PAP inputs PVZ = 0, PVA = 0, PVS = 0).
   */
  careRate: number;
  floor: VorsorgeFloor;
}

export interface WageTaxFigures {
  /** The PAP the figures and the program flow follow. */
  pap: string;
  tariff: TariffFigures;
  classesFiveSix: ClassFiveSixFigures;
  /** § 9a Satz 1 Nr. 1 Buchstabe a EStG: Arbeitnehmer-Pauschbetrag (classes I–V). */
  employeeLumpSum: number;
  /** § 10c EStG: Sonderausgaben-Pauschbetrag (classes I–V). */
  specialExpensesLumpSum: number;
  /** § 24b (2) EStG: relief for single parents, tax class II. */
  singleParentRelief: number;
  vorsorge: VorsorgeFigures;
  solidarity: {
    /** § 3 (3) SolZG: no surcharge while the annual income tax is at most this (doubled in class III). */
    exemption: number;
    /** § 4 Satz 1 SolZG: 5.5 % of the income tax, in percent. */
    ratePercent: number;
    /** § 4 Satz 2 SolZG: at most 11.9 % of the tax above the exemption (the sliding zone), in percent. */
    slidingRatePercent: number;
  };
}

/** The program flow of each supported year's PAP. */
const PAP_FLOW: Record<TaxYear, { pap: string; rounding: ClassFiveSixFigures["rounding"]; floor: VorsorgeFloor["kind"] }> = {
  2025: { pap: "PAP 2025 (BMF, pseudo-code Stand 2025-01-07)", rounding: "cent", floor: "minimum" },
  2026: { pap: "PAP 2026 (BMF, pseudo-code Stand 2025-10-23)", rounding: "euro", floor: "unemployment" },
};

export const SUPPORTED_TAX_YEARS = Object.keys(PAP_FLOW).map(Number) as TaxYear[];

export function isTaxYear(year: number): year is TaxYear {
  return Object.hasOwn(PAP_FLOW, year);
}

/**
 * The figures of `year` from the parameters in force on its 1 January, with the parameters used
 * (for the explanation of an estimate); undefined when one of them has no value for that year.
 */
export function wageTaxFigures(parameters: Parameters, year: TaxYear): { figures: WageTaxFigures; used: ParameterInForce[] } | undefined {
  const used: ParameterInForce[] = [];
  let missing = false;
  const lookup = (name: string): ParameterInForce | undefined => {
    const found = parameterAt(parameters, name, `${year}-01-01`);
    if (!found.ok) {
      missing = true;
      return undefined;
    }
    used.push(found);
    return found;
  };
  const at = (name: string): number => lookup(name)?.value ?? NaN;
  /** A percentage parameter as the fraction the PAP computes with: 9.3 % → 0.093. */
  const rate = (name: string): number => {
    const found = lookup(name);
    return found ? found.exact.num / (found.exact.den * 100) : NaN;
  };
  const flow = PAP_FLOW[year];
  const figures: WageTaxFigures = {
    pap: flow.pap,
    tariff: {
      basicAllowance: at("taxBasicAllowance"),
      zone2: { upTo: at("taxZone2UpTo"), a: at("taxZone2A"), b: at("taxZone2B") },
      zone3: { upTo: at("taxZone3UpTo"), a: at("taxZone3A"), b: at("taxZone3B"), c: at("taxZone3C") },
      zone4: { upTo: at("taxZone4UpTo"), rate: rate("taxZone4Rate"), minus: at("taxZone4Minus") },
      zone5: { rate: rate("taxZone5Rate"), minus: at("taxZone5Minus") },
    },
    classesFiveSix: {
      w1: at("taxClassFiveSixW1"),
      w2: at("taxClassFiveSixW2"),
      w3: at("taxClassFiveSixW3"),
      minimumRate: rate("taxClassFiveSixMinimumRate"),
      rounding: flow.rounding,
    },
    employeeLumpSum: at("employeeLumpSum"),
    specialExpensesLumpSum: at("specialExpensesLumpSum"),
    singleParentRelief: at("singleParentRelief"),
    vorsorge: {
      pensionRate: rate("pensionRate"),
      pensionCeilingMonthly: at("pensionCeiling"),
      healthCeilingMonthly: at("healthCeiling"),
      healthRate: rate("healthRate"),
      averageAdditionalContribution: at("averageAdditionalContribution"),
      careRate: rate("careRate"),
      floor:
        flow.floor === "minimum"
          ? { kind: "minimum", rate: rate("vorsorgeMinimumRate"), cap: at("vorsorgeMinimumCap"), capClassThree: at("vorsorgeMinimumCapClassThree") }
          : { kind: "unemployment", rate: rate("unemploymentRate"), cap: at("vorsorgeUnemploymentCap") },
    },
    solidarity: { exemption: at("solidarityExemption"), ratePercent: at("solidarityRate"), slidingRatePercent: at("solidaritySlidingRate") },
  };
  return missing ? undefined : { figures, used };
}

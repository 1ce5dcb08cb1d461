/**
 * The yearly figures of the wage tax, as plain data: one object per year, each figure with the
 * law or the line of the Federal Ministry of Finance's Programmablaufplan (PAP) it comes from.
 * Amounts are euros as the law states them; rates are fractions (0.093 = 9.3 %).
 *
 * PAP 2025: "Programmablaufplan für die maschinelle Berechnung der vom Arbeitslohn einzubehaltenden
 * Lohnsteuer ... 2025", as amended after the Steuerfortentwicklungsgesetz (pseudo-code Stand
 * 2025-01-07). PAP 2026: Stand 2025-10-23.
 */

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

export const WAGE_TAX_FIGURES: Record<TaxYear, WageTaxFigures> = {
  2025: {
    pap: "PAP 2025 (BMF, pseudo-code Stand 2025-01-07)",
    // § 32a (1) EStG 2025 as amended by the Steuerfortentwicklungsgesetz of 23 December 2024.
    tariff: {
      basicAllowance: 12_096,
      zone2: { upTo: 17_443, a: 932.3, b: 1_400 },
      zone3: { upTo: 68_480, a: 176.64, b: 2_397, c: 1_015.13 },
      zone4: { upTo: 277_825, rate: 0.42, minus: 10_911.92 },
      zone5: { rate: 0.45, minus: 19_246.67 },
    },
    // PAP 2025, MPARA.
    classesFiveSix: { w1: 13_785, w2: 34_240, w3: 222_260, minimumRate: 0.14, rounding: "cent" },
    employeeLumpSum: 1_230,
    specialExpensesLumpSum: 36,
    singleParentRelief: 4_260,
    vorsorge: {
      pensionRate: 0.093, // § 158 SGB VI, 18.6 % ÷ 2 (PAP 2025 RVSATZAN)
      pensionCeilingMonthly: 8_050, // SV-Rechengrößenverordnung 2025 (PAP 2025 BBGRV 96,600)
      healthCeilingMonthly: 5_512.5, // SV-Rechengrößenverordnung 2025 (PAP 2025 BBGKVPV 66,150)
      healthRate: 0.07, // § 243 SGB V, 14.0 % ÷ 2
      averageAdditionalContribution: 2.5, // BMG announcement of the average additional contribution 2025
      careRate: 0.018, // § 55 (1) Satz 1 SGB XI, 3.6 % ÷ 2 (PAP 2025 PVSATZAN outside Saxony)
      floor: { kind: "minimum", rate: 0.12, cap: 1_900, capClassThree: 3_000 }, // PAP 2025 UPEVP
    },
    solidarity: { exemption: 19_950, ratePercent: 5.5, slidingRatePercent: 11.9 }, // § 3 (3), § 4 SolZG 2025
  },
  2026: {
    pap: "PAP 2026 (BMF, pseudo-code Stand 2025-10-23)",
    // § 32a (1) EStG 2026 (Steuerfortentwicklungsgesetz).
    tariff: {
      basicAllowance: 12_348,
      zone2: { upTo: 17_799, a: 914.51, b: 1_400 },
      zone3: { upTo: 69_878, a: 173.1, b: 2_397, c: 1_034.87 },
      zone4: { upTo: 277_825, rate: 0.42, minus: 11_135.63 },
      zone5: { rate: 0.45, minus: 19_470.38 },
    },
    // PAP 2026, MPARA.
    classesFiveSix: { w1: 14_071, w2: 34_939, w3: 222_260, minimumRate: 0.14, rounding: "euro" },
    employeeLumpSum: 1_230,
    specialExpensesLumpSum: 36,
    singleParentRelief: 4_260,
    vorsorge: {
      pensionRate: 0.093, // § 158 SGB VI, 18.6 % ÷ 2 (PAP 2026 RVSATZAN)
      pensionCeilingMonthly: 8_450, // SV-Rechengrößenverordnung 2026 (PAP 2026 BBGRVALV 101,400)
      healthCeilingMonthly: 5_812.5, // SV-Rechengrößenverordnung 2026 (PAP 2026 BBGKVPV 69,750)
      healthRate: 0.07, // § 243 SGB V, 14.0 % ÷ 2
      averageAdditionalContribution: 2.9, // BMG announcement of the average additional contribution 2026
      careRate: 0.018, // § 55 (1) Satz 1 SGB XI, 3.6 % ÷ 2
      floor: { kind: "unemployment", rate: 0.013, cap: 1_900 }, // § 346 SGB III 2.6 % ÷ 2 (PAP 2026 AVSATZAN, MVSPHB)
    },
    solidarity: { exemption: 20_350, ratePercent: 5.5, slidingRatePercent: 11.9 }, // § 3 (3), § 4 SolZG 2026
  },
};

export const SUPPORTED_TAX_YEARS = Object.keys(WAGE_TAX_FIGURES).map(Number) as TaxYear[];

export function isTaxYear(year: number): year is TaxYear {
  return Object.hasOwn(WAGE_TAX_FIGURES, year);
}

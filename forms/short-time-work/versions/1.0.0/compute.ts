/**
 * Kurzarbeitergeld (short-time work allowance): estimate and eligibility.
 *
 * Follows shared/domain/short-time-work-de.md (SGB III §§ 95–106). The amounts are estimates:
 * the Federal Employment Agency computes the exact figure from the ministry's yearly table
 * ("rechnerische Leistungssätze"). Wage tax is approximated from the § 32a EStG tariff, see below.
 */
import type { Compute, ComputeResult, DeepPartial, DerivedValue, RuleOutcome } from "../../../../server/engine/compute";
import type { ShortTimeWork } from "./schema.types";

type Answers = DeepPartial<ShortTimeWork>;
type Employee = NonNullable<Answers["employees"]>[number];
export type TaxClass = 1 | 2 | 3 | 4 | 5 | 6;

// ---------------------------------------------------------------------------------------------
// Figures. The estimate uses the 2025 figures whatever month is claimed: other years differ a
// little, and the agency applies the right year's table anyway.
// ---------------------------------------------------------------------------------------------

/** KUG rates, § 105 SGB III: Leistungssatz 1 (a child within the meaning of tax law) and 2. */
export const RATE_WITH_CHILD = 0.67;
export const RATE_WITHOUT_CHILD = 0.6;

/** § 106 SGB III: the lump-sum net pay deducts a flat 20 % for social insurance. */
export const SOCIAL_INSURANCE_FLAT = 0.2;

/**
 * Contribution assessment ceiling of the pension insurance, 2025, per month (Sozialversicherungs-
 * Rechengrößenverordnung 2025, one figure for all of Germany since 2025). § 106 SGB III caps the
 * target gross (Soll-Entgelt) at it.
 */
export const PENSION_CEILING_2025 = 8050;

/** § 32a (1) EStG 2025: basic allowance (Grundfreibetrag) and the upper ends of the tariff zones. */
export const BASIC_ALLOWANCE_2025 = 12_096;
export const ZONE2_END_2025 = 17_443;
export const ZONE3_END_2025 = 68_480;
export const ZONE4_END_2025 = 277_825;

/** § 9a Nr. 1a EStG: Arbeitnehmer-Pauschbetrag; § 10c EStG: Sonderausgaben-Pauschbetrag (2025). */
export const EMPLOYEE_LUMP_SUM_2025 = 1230;
export const SPECIAL_EXPENSES_LUMP_SUM_2025 = 36;

/** § 24b EStG: relief for single parents (Entlastungsbetrag, tax class II), 2025. */
export const SINGLE_PARENT_RELIEF_2025 = 4260;

/**
 * § 3 (3) SolZG 2025: no solidarity surcharge while the annual income tax is at most this amount
 * (Freigrenze; doubled under splitting, i.e. tax class III). Above it we charge the full 5.5 % and
 * ignore the sliding zone (Milderungszone) in which the real surcharge is lower.
 */
export const SOLIDARITY_EXEMPTION_2025 = 19_950;
/** § 4 SolZG: 5.5 % of the income tax, kept in per mille so that the cents are exact integers. */
export const SOLIDARITY_PER_MILLE = 55;

/**
 * § 96 (1) SGB III: at least one third of the employees must lose more than 10 % of their gross
 * pay. For the months March 2020 to June 2022 (Covid relief) 10 % of the employees sufficed.
 */
export const RELAXED_QUORUM_FROM = "2020-03";
export const RELAXED_QUORUM_TO = "2022-06";

// ---------------------------------------------------------------------------------------------
// Wage tax approximation
// ---------------------------------------------------------------------------------------------

/**
 * Income tax of § 32a (1) EStG 2025 on a taxable income in full euros, rounded down to full euros.
 * The zone formulas are computed in integers (units of 1e-10 euro) so that rounding down never
 * trips over a binary fraction:
 *   up to 12,096: 0
 *   up to 17,443: (932.30·y + 1,400)·y,            y = (x − 12,096) / 10,000
 *   up to 68,480: (176.64·z + 2,397)·z + 1,015.13, z = (x − 17,443) / 10,000
 *   up to 277,825: 0.42·x − 10,911.92
 *   above:         0.45·x − 19,246.67
 */
export function incomeTax2025(taxable: number): number {
  const x = Math.floor(Math.max(0, taxable));
  if (x <= BASIC_ALLOWANCE_2025) return 0;
  if (x <= ZONE2_END_2025) {
    const k = x - BASIC_ALLOWANCE_2025;
    return Math.floor((93_230 * k * k + 1_400_000_000 * k) / 1e10);
  }
  if (x <= ZONE3_END_2025) {
    const k = x - ZONE2_END_2025;
    return Math.floor((17_664 * k * k + 2_397_000_000 * k + 10_151_300_000_000) / 1e10);
  }
  if (x <= ZONE4_END_2025) return Math.floor((42 * x - 1_091_192) / 100);
  return Math.floor((45 * x - 1_924_667) / 100);
}

/**
 * Annual income tax for a tax class, from annualised pay. A documented approximation of the wage
 * tax (the real Lohnsteuer also deducts the Vorsorgepauschale, which we do not):
 * - I and IV: the tariff after the employee lump sums;
 * - II: as I, minus the single-parent relief;
 * - III: splitting, twice the tariff on half the taxable income;
 * - V and VI: without the basic allowance (it is used up by the spouse or the first job), i.e. the
 *   tariff on the taxable income plus the basic allowance; VI also gets no lump sums (§ 39b (2) EStG).
 */
export function annualWageTax(annualPay: number, taxClass: TaxClass): number {
  const lumpSums = taxClass === 6 ? 0 : EMPLOYEE_LUMP_SUM_2025 + SPECIAL_EXPENSES_LUMP_SUM_2025;
  const relief = taxClass === 2 ? SINGLE_PARENT_RELIEF_2025 : 0;
  const taxable = Math.max(0, Math.floor(annualPay) - lumpSums - relief);
  switch (taxClass) {
    case 3:
      return 2 * incomeTax2025(Math.floor(taxable / 2));
    case 5:
    case 6:
      return incomeTax2025(taxable + BASIC_ALLOWANCE_2025);
    default:
      return incomeTax2025(taxable);
  }
}

export interface LumpSumNet {
  socialInsurance: number;
  wageTax: number;
  solidaritySurcharge: number;
  net: number;
}

/**
 * Lump-sum net pay (pauschaliertes Nettoentgelt) of a monthly gross: gross − 20 % social insurance −
 * wage tax − solidarity surcharge, each to the cent. Worked in integer cents so sums stay exact.
 */
export function lumpSumNet(monthlyGross: number, taxClass: TaxClass): LumpSumNet {
  const grossCents = Math.round(monthlyGross * 100);
  const socialCents = Math.round(grossCents * SOCIAL_INSURANCE_FLAT);
  const annualTax = annualWageTax((grossCents * 12) / 100, taxClass);
  const exemption = taxClass === 3 ? 2 * SOLIDARITY_EXEMPTION_2025 : SOLIDARITY_EXEMPTION_2025;
  // Monthly share of the annual amounts, rounded down to the cent as payroll does.
  const taxCents = Math.floor((annualTax * 100) / 12);
  const soliCents = annualTax > exemption ? Math.floor((annualTax * SOLIDARITY_PER_MILLE * 100) / (1000 * 12)) : 0;
  return {
    socialInsurance: socialCents / 100,
    wageTax: taxCents / 100,
    solidaritySurcharge: soliCents / 100,
    net: (grossCents - socialCents - taxCents - soliCents) / 100,
  };
}

/** The claimed month (YYYY-MM) falls in the Covid relief period with the 10 % quorum. */
export function relaxedQuorumApplies(claimMonth: string): boolean {
  return claimMonth >= RELAXED_QUORUM_FROM && claimMonth <= RELAXED_QUORUM_TO;
}

// ---------------------------------------------------------------------------------------------
// compute
// ---------------------------------------------------------------------------------------------

const cents = (x: number): number => Math.round(x * 100) / 100;
const share = (x: number): number => Math.round(x * 10_000) / 10_000;

/** A usable number, or undefined: a missing or non-finite answer must give null, never NaN. */
function num(x: unknown): number | undefined {
  return typeof x === "number" && Number.isFinite(x) ? x : undefined;
}

function taxClassOf(x: unknown): TaxClass | undefined {
  return typeof x === "number" && Number.isInteger(x) && x >= 1 && x <= 6 ? (x as TaxClass) : undefined;
}

/** The derived values of one employee, keyed under `/employees/<i>/`; returns the allowance. */
function employeeValues(e: Employee, i: number, values: Record<string, DerivedValue>): number | null {
  const at = (key: string) => `/employees/${i}/${key}`;

  // § 98 SGB III: minijobbers and (as a rule) apprentices are excluded from KUG.
  if (e.employmentType === "minijob" || e.employmentType === "apprentice") {
    values[at("allowance")] = { value: 0, unit: "EUR", rule: "notEntitled", inputs: { employmentType: e.employmentType } };
    return 0;
  }

  const taxClass = taxClassOf(e.taxClass);
  const grossTarget = num(e.grossTarget);
  const grossActual = num(e.grossActual);
  const hasChild = typeof e.hasChild === "boolean" ? e.hasChild : undefined;

  const cappedTarget = grossTarget === undefined ? undefined : Math.min(grossTarget, PENSION_CEILING_2025);
  const target = cappedTarget !== undefined && taxClass !== undefined ? lumpSumNet(cappedTarget, taxClass) : undefined;
  const actual = grossActual !== undefined && taxClass !== undefined ? lumpSumNet(grossActual, taxClass) : undefined;

  values[at("targetNet")] = {
    value: target?.net ?? null,
    unit: "EUR",
    rule: "targetNet",
    inputs: {
      grossTarget: grossTarget ?? null,
      ceiling: PENSION_CEILING_2025,
      cappedGross: cappedTarget ?? null,
      taxClass: taxClass ?? null,
      socialInsurance: target?.socialInsurance ?? null,
      wageTax: target?.wageTax ?? null,
      solidaritySurcharge: target?.solidaritySurcharge ?? null,
    },
  };
  values[at("actualNet")] = {
    value: actual?.net ?? null,
    unit: "EUR",
    rule: "actualNet",
    inputs: {
      grossActual: grossActual ?? null,
      taxClass: taxClass ?? null,
      socialInsurance: actual?.socialInsurance ?? null,
      wageTax: actual?.wageTax ?? null,
      solidaritySurcharge: actual?.solidaritySurcharge ?? null,
    },
  };

  const difference = target && actual ? cents(target.net - actual.net) : null;
  values[at("netDifference")] = {
    value: difference,
    unit: "EUR",
    rule: "netDifference",
    inputs: { targetNet: target?.net ?? null, actualNet: actual?.net ?? null },
  };

  const rate = hasChild === undefined ? null : hasChild ? RATE_WITH_CHILD : RATE_WITHOUT_CHILD;
  values[at("rate")] = { value: rate, unit: "percent", rule: "rate", inputs: { hasChild: hasChild ?? null } };

  // No loss, no allowance: an actual pay above the target never makes the allowance negative.
  // Rounded half up to the cent, in integers: 0.67 × 12.345 in floating point is just below 8.27115.
  const allowance =
    difference !== null && rate !== null
      ? Math.round((Math.max(0, Math.round(difference * 100)) * Math.round(rate * 100)) / 100) / 100
      : null;
  values[at("allowance")] = {
    value: allowance,
    unit: "EUR",
    rule: "allowance",
    inputs: { netDifference: difference, rate },
  };

  // The share of gross pay lost, on the uncapped pay: what § 96 counts for the one-third quorum.
  const lossShare =
    grossTarget !== undefined && grossActual !== undefined && grossTarget > 0
      ? share((grossTarget - grossActual) / grossTarget)
      : null;
  values[at("lossShare")] = {
    value: lossShare,
    unit: "percent",
    rule: "lossShare",
    inputs: { grossTarget: grossTarget ?? null, grossActual: grossActual ?? null },
  };

  return allowance;
}

/** § 96 (1) Nr. 4 SGB III: the quorum of employees losing more than 10 % of their gross pay. */
function quorumRule(total: number | undefined, affected: number | undefined, claimMonth: string | undefined): RuleOutcome {
  const relaxed = claimMonth === undefined ? undefined : relaxedQuorumApplies(claimMonth);
  const meetsThird = total !== undefined && affected !== undefined ? affected * 3 >= total : undefined;
  const meetsTenth = total !== undefined && affected !== undefined ? affected * 10 >= total : undefined;
  // Without the month the rule is still decided when both thresholds agree.
  const passed =
    meetsThird === undefined || meetsTenth === undefined
      ? null
      : relaxed === undefined
        ? meetsThird === meetsTenth
          ? meetsThird
          : null
        : relaxed
          ? meetsTenth
          : meetsThird;
  return {
    rule: "oneThirdAffected",
    passed,
    params: {
      total: total ?? "",
      affected: affected ?? "",
      required: total === undefined ? "" : relaxed ? Math.ceil(total / 10) : Math.ceil(total / 3),
      quorum: relaxed ? "10 %" : "1/3",
      quorumRule: relaxed ? "relaxed2020to2022" : "oneThird",
      claimMonth: claimMonth ?? "",
    },
  };
}

export const compute: Compute<ShortTimeWork> = (answers: Answers): ComputeResult => {
  const values: Record<string, DerivedValue> = {};

  // Per employee, then the total: null while any listed employee's allowance is still open.
  const employees = answers.employees ?? [];
  const allowances = employees.map((e, i) => employeeValues(e ?? {}, i, values));
  const total =
    employees.length > 0 && allowances.every((a) => a !== null)
      ? cents(allowances.reduce<number>((sum, a) => sum + (a ?? 0), 0))
      : null;
  values["/allowanceTotal"] = {
    value: total,
    unit: "EUR",
    rule: "allowanceTotal",
    inputs: {
      employees: employees.length,
      entitled: employees.filter((e) => e?.employmentType === "regular").length,
    },
  };

  const totalEmployees = num(answers.workforce?.totalEmployees);
  const affectedEmployees = num(answers.workforce?.affectedEmployees);
  const claimMonth = answers.period?.claimMonth;
  const validMonth = typeof claimMonth === "string" && /^[0-9]{4}-(0[1-9]|1[0-2])$/.test(claimMonth) ? claimMonth : undefined;
  const headcount = totalEmployees !== undefined && affectedEmployees !== undefined;

  values["/affectedShare"] = {
    value: headcount && totalEmployees > 0 ? share(affectedEmployees / totalEmployees) : null,
    unit: "percent",
    rule: "affectedShare",
    inputs: { total: totalEmployees ?? null, affected: affectedEmployees ?? null },
  };

  const overtime = answers.avoidance?.overtimeUsed;
  const leave = answers.avoidance?.leaveUsed;
  // § 96 (4): the loss is avoidable while overtime balances or leave can still be used. One "no"
  // decides it; two "yes" are needed to pass.
  const unavoidable = overtime === false || leave === false ? false : overtime === true && leave === true ? true : null;

  const eligibility: RuleOutcome[] = [
    quorumRule(totalEmployees, affectedEmployees, validMonth),
    {
      rule: "lossOfWorkUnavoidable",
      passed: unavoidable,
      params: { overtimeUsed: overtime ?? "", leaveUsed: leave ?? "" },
    },
  ];

  return { values, eligibility };
};

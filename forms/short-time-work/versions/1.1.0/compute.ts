/**
 * Kurzarbeitergeld (short-time work allowance): estimate and eligibility.
 *
 * Follows shared/domain/short-time-work-de.md (SGB III §§ 95–106). The amounts are estimates:
 * the Federal Employment Agency computes the exact figure from the ministry's yearly table
 * ("rechnerische Leistungssätze"). The lump-sum net pay follows the table's construction: gross
 * rounded to the table's 20 € step, minus 20 % flat social insurance, minus the wage tax and
 * solidarity surcharge of the ministry of finance's PAP of the claimed month's year (./wage-tax).
 */
import type { Compute, ComputeResult, DeepPartial, DerivedValue, RuleOutcome } from "../../../../server/engine/compute";
import type { ShortTimeWork } from "./schema.types";
import { SUPPORTED_TAX_YEARS, WAGE_TAX_FIGURES, isTaxYear, type TaxYear } from "./wage-tax/figures";
import { monthlyWageTax, type TaxClass } from "./wage-tax/monthly";

export type { TaxClass };
type Answers = DeepPartial<ShortTimeWork>;
type Employee = NonNullable<Answers["employees"]>[number];

// ---------------------------------------------------------------------------------------------
// Figures. The yearly figures (tariff, contribution rates, pension ceiling) live in
// ./wage-tax/figures.ts; these are the ones of SGB III that do not change with the year.
// ---------------------------------------------------------------------------------------------

/** KUG rates, § 105 SGB III: Leistungssatz 1 (a child within the meaning of tax law) and 2. */
export const RATE_WITH_CHILD = 0.67;
export const RATE_WITHOUT_CHILD = 0.6;

/** § 106 SGB III with § 153 (1) Satz 2 Nr. 1: the lump-sum net pay deducts a flat 20 % for social insurance. */
export const SOCIAL_INSURANCE_FLAT = 0.2;

/**
 * § 106 (1) SGB III: target and actual gross are rounded to the nearest amount divisible by 20 €,
 * the step of the ministry's table. A pay exactly between two steps (…10 €) goes up.
 */
export const TABLE_STEP_EUR = 20;

/**
 * § 96 (1) SGB III: at least one third of the employees must lose more than 10 % of their gross
 * pay. For the months March 2020 to June 2023 10 % of the employees sufficed: first until June
 * 2022, then extended by the Kurzarbeitergeldzugangsverordnung and its amendments to 30 September
 * 2022, 31 December 2022 and 30 June 2023.
 */
export const RELAXED_QUORUM_FROM = "2020-03";
export const RELAXED_QUORUM_TO = "2023-06";

// ---------------------------------------------------------------------------------------------
// Lump-sum net pay
// ---------------------------------------------------------------------------------------------

/** The tax year of a claimed month (YYYY-MM) when the estimate has its figures, else undefined. */
export function taxYearOf(claimMonth: string): TaxYear | undefined {
  const year = Number(claimMonth.slice(0, 4));
  return isTaxYear(year) ? year : undefined;
}

/** § 106 (1) SGB III: the contribution assessment ceiling of the pension insurance caps the target gross. */
export function pensionCeiling(year: TaxYear): number {
  return WAGE_TAX_FIGURES[year].vorsorge.pensionCeilingMonthly;
}

/** A gross pay rounded to the table's 20 € step, in euros; worked in cents so that 3,210.00 is a tie. */
export function roundToTableStep(gross: number): number {
  const step = TABLE_STEP_EUR * 100;
  const cents = Math.max(0, Math.round(gross * 100));
  return (Math.floor((cents + step / 2) / step) * step) / 100;
}

export interface LumpSumNet {
  socialInsurance: number;
  wageTax: number;
  solidaritySurcharge: number;
  /** The annual Vorsorgepauschale the wage tax deducted, in euros. */
  vorsorgepauschale: number;
  net: number;
}

/**
 * Lump-sum net pay (pauschaliertes Nettoentgelt, § 106 with § 153 SGB III) of a monthly gross already
 * at a table step: gross − 20 % social insurance − wage tax − solidarity surcharge of the year's
 * PAP, each to the cent. Worked in integer cents so sums stay exact.
 */
export function lumpSumNet(monthlyGross: number, taxClass: TaxClass, year: TaxYear): LumpSumNet {
  const grossCents = Math.round(monthlyGross * 100);
  const socialCents = Math.round(grossCents * SOCIAL_INSURANCE_FLAT);
  const tax = monthlyWageTax(grossCents, taxClass, year);
  return {
    socialInsurance: socialCents / 100,
    wageTax: tax.wageTaxCents / 100,
    solidaritySurcharge: tax.solidarityCents / 100,
    vorsorgepauschale: tax.vorsorgepauschale.cents / 100,
    net: (grossCents - socialCents - tax.wageTaxCents - tax.solidarityCents) / 100,
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

/**
 * The year whose figures the estimate uses: `year` once the claimed month is known and supported;
 * `unsupported` names a claimed month outside the supported years.
 */
type TaxYearChoice = { year?: TaxYear; unsupported?: string };

/** The derived values of one employee, keyed under `/employees/<i>/`; returns the allowance. */
function employeeValues(e: Employee, i: number, values: Record<string, DerivedValue>, tax: TaxYearChoice): number | null {
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
  const year = tax.year;

  // § 106 (1): the target is capped at the ceiling first, then both are rounded to the table's step.
  const ceiling = year === undefined ? undefined : pensionCeiling(year);
  const cappedTarget = grossTarget === undefined || ceiling === undefined ? undefined : Math.min(grossTarget, ceiling);
  const tableTarget = cappedTarget === undefined ? undefined : roundToTableStep(cappedTarget);
  const tableActual = grossActual === undefined ? undefined : roundToTableStep(grossActual);
  const target = tableTarget !== undefined && taxClass !== undefined && year !== undefined ? lumpSumNet(tableTarget, taxClass, year) : undefined;
  const actual = tableActual !== undefined && taxClass !== undefined && year !== undefined ? lumpSumNet(tableActual, taxClass, year) : undefined;

  // Outside the supported years the estimate says so instead of using another year's figures.
  const unsupported =
    tax.unsupported === undefined
      ? undefined
      : { rule: "taxYearUnsupported", inputs: { claimMonth: tax.unsupported, supportedYears: SUPPORTED_TAX_YEARS.join(", ") } };

  values[at("targetNet")] = unsupported
    ? { value: null, unit: "EUR", ...unsupported }
    : {
        value: target?.net ?? null,
        unit: "EUR",
        rule: "targetNet",
        inputs: {
          grossTarget: grossTarget ?? null,
          taxYear: year === undefined ? null : String(year),
          ceiling: ceiling ?? null,
          cappedGross: cappedTarget ?? null,
          tableGross: tableTarget ?? null,
          taxClass: taxClass ?? null,
          socialInsurance: target?.socialInsurance ?? null,
          vorsorgepauschale: target?.vorsorgepauschale ?? null,
          wageTax: target?.wageTax ?? null,
          solidaritySurcharge: target?.solidaritySurcharge ?? null,
        },
      };
  values[at("actualNet")] = unsupported
    ? { value: null, unit: "EUR", ...unsupported }
    : {
        value: actual?.net ?? null,
        unit: "EUR",
        rule: "actualNet",
        inputs: {
          grossActual: grossActual ?? null,
          taxYear: year === undefined ? null : String(year),
          tableGross: tableActual ?? null,
          taxClass: taxClass ?? null,
          socialInsurance: actual?.socialInsurance ?? null,
          vorsorgepauschale: actual?.vorsorgepauschale ?? null,
          wageTax: actual?.wageTax ?? null,
          solidaritySurcharge: actual?.solidaritySurcharge ?? null,
        },
      };

  const difference = target && actual ? cents(target.net - actual.net) : null;
  values[at("netDifference")] = unsupported
    ? { value: null, unit: "EUR", ...unsupported }
    : { value: difference, unit: "EUR", rule: "netDifference", inputs: { targetNet: target?.net ?? null, actualNet: actual?.net ?? null } };

  const rate = hasChild === undefined ? null : hasChild ? RATE_WITH_CHILD : RATE_WITHOUT_CHILD;
  values[at("rate")] = { value: rate, unit: "percent", rule: "rate", inputs: { hasChild: hasChild ?? null } };

  // No loss, no allowance: an actual pay above the target never makes the allowance negative.
  // Rounded half up to the cent, in integers: 0.67 × 12.345 in floating point is just below 8.27115.
  const allowance =
    difference !== null && rate !== null
      ? Math.round((Math.max(0, Math.round(difference * 100)) * Math.round(rate * 100)) / 100) / 100
      : null;
  values[at("allowance")] = unsupported
    ? { value: null, unit: "EUR", ...unsupported }
    : { value: allowance, unit: "EUR", rule: "allowance", inputs: { netDifference: difference, rate } };

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
      quorumRule: relaxed ? "relaxed2020to2023" : "oneThird",
      claimMonth: claimMonth ?? "",
    },
  };
}

/** § 96 (1) Nr. 4 SGB III: an employee counts as affected with a loss of more than this share of gross pay. */
export const AFFECTED_LOSS_SHARE = 0.1;

/**
 * The employer's count of affected employees against the list, once the employer says every
 * affected employee is listed (no rule otherwise: the count is then the employer's alone). Only
 * regular employees are asked their pay, so a listed minijobber may or may not be affected: the
 * count agrees anywhere between the two. Apprentices do not count in the headcount at all.
 */
function listAgreesRule(employees: Employee[], affected: number | undefined, values: Record<string, DerivedValue>): RuleOutcome {
  const shares = employees.map((e, i) => (e?.employmentType === "regular" ? values[`/employees/${i}/lossShare`]?.value : undefined));
  const known = affected !== undefined && employees.every((e, i) => e?.employmentType !== "regular" || typeof shares[i] === "number");
  const listed = shares.filter((s) => typeof s === "number" && s > AFFECTED_LOSS_SHARE).length;
  const unknownPay = employees.filter((e) => e?.employmentType === "minijob").length;
  return {
    rule: "affectedAgreesWithList",
    passed: known ? affected >= listed && affected <= listed + unknownPay : null,
    params: { affected: affected ?? "", listed, unknownPay },
  };
}

export const compute: Compute<ShortTimeWork> = (answers: Answers): ComputeResult => {
  const values: Record<string, DerivedValue> = {};

  // Per employee, then the total: null while any listed employee's allowance is still open.
  const claimMonth = answers.period?.claimMonth;
  const validMonth = typeof claimMonth === "string" && /^[0-9]{4}-(0[1-9]|1[0-2])$/.test(claimMonth) ? claimMonth : undefined;
  const year = validMonth === undefined ? undefined : taxYearOf(validMonth);
  const tax: TaxYearChoice = { year, unsupported: validMonth !== undefined && year === undefined ? validMonth : undefined };

  const employees = answers.employees ?? [];
  const allowances = employees.map((e, i) => employeeValues(e ?? {}, i, values, tax));
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
    ...(answers.employeesListComplete === true ? [listAgreesRule(employees, affectedEmployees, values)] : []),
    {
      rule: "lossOfWorkUnavoidable",
      passed: unavoidable,
      params: { overtimeUsed: overtime ?? "", leaveUsed: leave ?? "" },
    },
  ];

  return { values, eligibility };
};

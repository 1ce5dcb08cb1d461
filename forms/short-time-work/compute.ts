/**
 * Kurzarbeitergeld (short-time work allowance): estimate and eligibility.
 *
 * Follows shared/domain/short-time-work-de.md (SGB III §§ 95–106). The amounts are estimates:
 * the Federal Employment Agency computes the exact figure from the ministry's yearly table
 * ("rechnerische Leistungssätze"). The lump-sum net pay follows the table's construction: gross
 * rounded to the table's 20 € step, minus 20 % flat social insurance, minus the wage tax and
 * solidarity surcharge of the ministry of finance's PAP of the claimed month's year (./wage-tax).
 */
import type { Compute, ComputeResult, DeepPartial, DerivedValue, RuleOutcome } from "../../server/engine/compute";
import { latestParameter, parameterAt, type ParameterInForce, type Parameters } from "../../server/engine/parameters";
import type { ShortTimeWork } from "./schema.types";
import { SUPPORTED_TAX_YEARS, isTaxYear, wageTaxFigures, type TaxYear, type WageTaxFigures } from "./wage-tax/figures";
import { monthlyWageTax, type TaxClass } from "./wage-tax/monthly";

export type { TaxClass };
type Answers = DeepPartial<ShortTimeWork>;
type Employee = NonNullable<Answers["employees"]>[number];

/**
 * The figures of SGB III as the form's parameters (parameters/allowance.json, quorum.json), each
 * looked up for the first day of the claimed month; the wage tax figures of that month's year come
 * from parameters/wage-tax.json (./wage-tax/figures.ts).
 */
type Figure =
  | "rateWithChild" | "rateWithoutChild"
  | "rateWithChildFromFourthMonth" | "rateWithoutChildFromFourthMonth"
  | "rateWithChildFromSeventhMonth" | "rateWithoutChildFromSeventhMonth"
  | "raisedRateAfterMonths" | "higherRaisedRateAfterMonths"
  | "socialInsuranceFlat" | "tableStep" | "statutoryDuration" | "extendedDuration"
  | "quorumShare" | "relaxedQuorumShare" | "affectedLossShare";

/**
 * The figures in force for a claim: `at` those of the claimed month (undefined when none is in
 * force then), `latest` the newest ones while the month is not known. Figures of a temporary rule
 * (the raised rates, the relaxed quorum) are only ever taken `at` a month: their newest value is
 * not in force today.
 */
interface Figures {
  at(name: Figure): ParameterInForce | undefined;
  current(name: Figure): ParameterInForce | undefined;
  /** The newest period's value whatever the month: only to see whether a rule would be decided either way. */
  newest(name: Figure): ParameterInForce | undefined;
}

function figuresFor(parameters: Parameters, claimMonth: string | undefined): Figures {
  const at = (name: Figure) => {
    if (claimMonth === undefined) return undefined;
    const found = parameterAt(parameters, name, `${claimMonth}-01`);
    return found.ok ? found : undefined;
  };
  const newest = (name: Figure) => {
    const found = latestParameter(parameters, name);
    return found.ok ? found : undefined;
  };
  const current = (name: Figure) => (claimMonth !== undefined ? at(name) : newest(name));
  return { at, current, newest };
}

/** A percentage parameter as a fraction of integers: 67 % → 67/100, 9.3 % → 93/1000. */
const fractionOf = (p: ParameterInForce) => ({ num: p.exact.num, den: p.exact.den * (p.unit === "percent" ? 100 : 1) });

// ---------------------------------------------------------------------------------------------
// Lump-sum net pay
// ---------------------------------------------------------------------------------------------

/** The tax year of a claimed month (YYYY-MM) when the estimate has its program flow, else undefined. */
export function taxYearOf(claimMonth: string): TaxYear | undefined {
  const year = Number(claimMonth.slice(0, 4));
  return isTaxYear(year) ? year : undefined;
}

/**
 * A gross pay rounded to the table's step (§ 106 (1) SGB III: the nearest amount divisible by the
 * step; a pay exactly between two steps goes up), in euros; worked in cents so that 3,210.00 is a tie.
 */
export function roundToTableStep(gross: number, stepEur: number): number {
  const step = Math.round(stepEur * 100);
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
 * at a table step: gross − the flat social insurance share − wage tax − solidarity surcharge of the
 * year's PAP, each to the cent. Worked in integer cents so sums stay exact.
 */
export function lumpSumNet(monthlyGross: number, taxClass: TaxClass, wageTax: WageTaxFigures, socialInsuranceFlat: { num: number; den: number }): LumpSumNet {
  const grossCents = Math.round(monthlyGross * 100);
  const socialCents = Math.round((grossCents * socialInsuranceFlat.num) / socialInsuranceFlat.den);
  const tax = monthlyWageTax(grossCents, taxClass, wageTax);
  return {
    socialInsurance: socialCents / 100,
    wageTax: tax.wageTaxCents / 100,
    solidaritySurcharge: tax.solidarityCents / 100,
    vorsorgepauschale: tax.vorsorgepauschale.cents / 100,
    net: (grossCents - socialCents - tax.wageTaxCents - tax.solidarityCents) / 100,
  };
}

/** Months from `first` to `month` (both YYYY-MM), both counted: the month of receipt. */
export function monthOfReceipt(first: string, month: string): number {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  return index(month) - index(first) + 1;
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

const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
const monthOf = (x: unknown): string | undefined => (typeof x === "string" && MONTH.test(x) ? x : undefined);

/** What every employee's estimate shares: the claimed month's figures and month of receipt. */
interface ClaimContext {
  figures: Figures;
  /** The year's wage tax figures, once the claimed month is known and its year supported. */
  wageTax?: { year: TaxYear; figures: WageTaxFigures };
  /** A claimed month whose year the estimate has no wage tax figures for. */
  unsupported?: string;
  /** The month of receipt of the claimed month (1 = the first), once the month is known. */
  receiptMonth?: number;
  /** The rate parameters that apply to this claim, for an employee with and without a child. */
  rates: { withChild?: ParameterInForce; withoutChild?: ParameterInForce };
  /** The flat social insurance share and the table's step, as every employee's net pay uses them. */
  socialInsuranceFlat?: ParameterInForce;
  tableStep?: ParameterInForce;
}

/**
 * § 105 SGB III, and for the months of § 421c (2) the raised rates by month of receipt: the rate
 * parameters of the claim, looked up once for all its employees.
 */
function ratesFor(figures: Figures, month: number | undefined): ClaimContext["rates"] {
  // "After 3 months of receipt": the raised rate from the 4th month of receipt on.
  const after6 = figures.at("higherRaisedRateAfterMonths");
  const after3 = figures.at("raisedRateAfterMonths");
  if (month !== undefined && after6 && month > after6.value) {
    return { withChild: figures.at("rateWithChildFromSeventhMonth"), withoutChild: figures.at("rateWithoutChildFromSeventhMonth") };
  }
  if (month !== undefined && after3 && month > after3.value) {
    return { withChild: figures.at("rateWithChildFromFourthMonth"), withoutChild: figures.at("rateWithoutChildFromFourthMonth") };
  }
  return { withChild: figures.current("rateWithChild"), withoutChild: figures.current("rateWithoutChild") };
}

/** The derived values of one employee, keyed under `/employees/<i>/`; returns the allowance. */
function employeeValues(e: Employee, i: number, values: Record<string, DerivedValue>, c: ClaimContext): number | null {
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
  const flat = c.socialInsuranceFlat;
  const step = c.tableStep;
  const year = c.wageTax?.year;
  const figures = c.wageTax?.figures;
  const net = (gross: number | undefined) =>
    gross !== undefined && taxClass !== undefined && figures && flat ? lumpSumNet(gross, taxClass, figures, fractionOf(flat)) : undefined;

  // § 106 (1): the target is capped at the ceiling first, then both are rounded to the table's step.
  const ceiling = figures?.vorsorge.pensionCeilingMonthly;
  const cappedTarget = grossTarget === undefined || ceiling === undefined ? undefined : Math.min(grossTarget, ceiling);
  const tableTarget = cappedTarget === undefined || !step ? undefined : roundToTableStep(cappedTarget, step.value);
  const tableActual = grossActual === undefined || !step ? undefined : roundToTableStep(grossActual, step.value);
  const target = net(tableTarget);
  const actual = net(tableActual);

  // Outside the supported years the estimate says so instead of using another year's figures.
  const unsupported =
    c.unsupported === undefined
      ? undefined
      : { rule: "taxYearUnsupported", inputs: { claimMonth: c.unsupported, supportedYears: SUPPORTED_TAX_YEARS.join(", ") } };
  const netInputs = (side: LumpSumNet | undefined) => ({
    taxYear: year === undefined ? null : String(year),
    taxClass: taxClass ?? null,
    socialInsuranceShare: flat?.value ?? null,
    socialInsurance: side?.socialInsurance ?? null,
    vorsorgepauschale: side?.vorsorgepauschale ?? null,
    wageTax: side?.wageTax ?? null,
    solidaritySurcharge: side?.solidaritySurcharge ?? null,
  });

  values[at("targetNet")] = unsupported
    ? { value: null, unit: "EUR", ...unsupported }
    : {
        value: target?.net ?? null,
        unit: "EUR",
        rule: "targetNet",
        inputs: {
          grossTarget: grossTarget ?? null,
          ceiling: ceiling ?? null,
          cappedGross: cappedTarget ?? null,
          tableStep: step?.value ?? null,
          tableGross: tableTarget ?? null,
          ...netInputs(target),
        },
      };
  values[at("actualNet")] = unsupported
    ? { value: null, unit: "EUR", ...unsupported }
    : {
        value: actual?.net ?? null,
        unit: "EUR",
        rule: "actualNet",
        inputs: { grossActual: grossActual ?? null, tableStep: step?.value ?? null, tableGross: tableActual ?? null, ...netInputs(actual) },
      };

  const difference = target && actual ? cents(target.net - actual.net) : null;
  values[at("netDifference")] = unsupported
    ? { value: null, unit: "EUR", ...unsupported }
    : { value: difference, unit: "EUR", rule: "netDifference", inputs: { targetNet: target?.net ?? null, actualNet: actual?.net ?? null } };

  const rateParameter = hasChild === undefined ? undefined : hasChild ? c.rates.withChild : c.rates.withoutChild;
  const rate = rateParameter ? fractionOf(rateParameter) : undefined;
  values[at("rate")] = {
    value: rate ? rate.num / rate.den : null,
    unit: "percent",
    rule: "rate",
    inputs: { hasChild: hasChild ?? null, receiptMonth: c.receiptMonth ?? null, rateParameter: rateParameter?.name ?? null },
  };

  // No loss, no allowance: an actual pay above the target never makes the allowance negative.
  // Rounded half up to the cent, in integers: 0.67 × 12.345 in floating point is just below 8.27115.
  const allowance =
    difference !== null && rate !== undefined
      ? Math.round((Math.max(0, Math.round(difference * 100)) * rate.num) / rate.den) / 100
      : null;
  values[at("allowance")] = unsupported
    ? { value: null, unit: "EUR", ...unsupported }
    : { value: allowance, unit: "EUR", rule: "allowance", inputs: { netDifference: difference, rate: rate ? rate.num / rate.den : null } };

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

/** "1/3" or "10 %": how the rule's text names a quorum, from its parameter. */
const quorumName = (p: ParameterInForce) => (p.unit === "percent" ? `${p.value} %` : `${p.exact.num}/${p.exact.den}`);

/**
 * § 96 (1) Nr. 4 SGB III: the quorum of employees losing more than the loss share of their gross
 * pay; for the months of the relief the relaxed quorum.
 */
function quorumRule(total: number | undefined, affected: number | undefined, claimMonth: string | undefined, figures: Figures): RuleOutcome {
  const third = figures.current("quorumShare");
  // Without the month the relief's figure is taken from its period to see whether both thresholds agree.
  const relaxedShare = claimMonth === undefined ? undefined : figures.at("relaxedQuorumShare");
  const relaxed = claimMonth === undefined ? undefined : relaxedShare !== undefined;
  const meets = (q: ParameterInForce | undefined) =>
    total !== undefined && affected !== undefined && q ? affected * fractionOf(q).den >= total * fractionOf(q).num : undefined;
  const meetsThird = meets(third);
  const meetsRelaxed = meets(relaxedShare ?? figures.newest("relaxedQuorumShare"));
  // Without the month the rule is still decided when both thresholds agree.
  const passed =
    meetsThird === undefined || meetsRelaxed === undefined
      ? null
      : relaxed === undefined
        ? meetsThird === meetsRelaxed
          ? meetsThird
          : null
        : relaxed
          ? meetsRelaxed
          : meetsThird;
  const applied = relaxed ? relaxedShare : third;
  const required = total === undefined || !applied ? "" : Math.ceil((total * fractionOf(applied).num) / fractionOf(applied).den);
  return {
    rule: "oneThirdAffected",
    passed,
    params: {
      total: total ?? "",
      affected: affected ?? "",
      required,
      quorum: applied ? quorumName(applied) : "",
      quorumRule: relaxed ? "relaxed2020to2023" : "oneThird",
      claimMonth: claimMonth ?? "",
    },
  };
}

/**
 * The employer's count of affected employees against the list, once the employer says every
 * affected employee is listed (no rule otherwise: the count is then the employer's alone). Only
 * regular employees are asked their pay, so a listed minijobber may or may not be affected: the
 * count agrees anywhere between the two. Apprentices do not count in the headcount at all.
 */
function listAgreesRule(employees: Employee[], affected: number | undefined, values: Record<string, DerivedValue>, figures: Figures): RuleOutcome {
  const lossShare = figures.current("affectedLossShare");
  // A loss of exactly 10 % is not more than 10 %.
  const over = (s: unknown) => typeof s === "number" && lossShare !== undefined && s * 100 > lossShare.value;
  const shares = employees.map((e, i) => (e?.employmentType === "regular" ? values[`/employees/${i}/lossShare`]?.value : undefined));
  const known = affected !== undefined && lossShare !== undefined && employees.every((e, i) => e?.employmentType !== "regular" || typeof shares[i] === "number");
  const listed = shares.filter(over).length;
  const unknownPay = employees.filter((e) => e?.employmentType === "minijob").length;
  return {
    rule: "affectedAgreesWithList",
    passed: known ? affected >= listed && affected <= listed + unknownPay : null,
    params: { affected: affected ?? "", listed, unknownPay },
  };
}

/**
 * § 104 SGB III with the 4th KugBeV: the claimed month must lie within the duration of receipt
 * counted from the first month of receipt, the extended one while it is in force. No rule for a
 * month without a duration in the parameters: before 2025 the crisis regulations of those years
 * applied, which the form does not know.
 */
function durationRule(c: ClaimContext, firstReceiptMonth: string | undefined): RuleOutcome[] {
  const maximum = c.figures.current("extendedDuration") ?? c.figures.current("statutoryDuration");
  if (!maximum) return [];
  return [
    {
      rule: "withinMaximumDuration",
      passed: c.receiptMonth === undefined ? null : c.receiptMonth <= maximum.value,
      params: { receiptMonth: c.receiptMonth ?? "", maximum: maximum.value, firstReceiptMonth: firstReceiptMonth ?? "" },
    },
  ];
}

export const compute: Compute<ShortTimeWork> = (answers: Answers, { parameters }): ComputeResult => {
  const values: Record<string, DerivedValue> = {};

  const claimMonth = monthOf(answers.period?.claimMonth);
  // An empty first month of receipt: the claimed month is the first. One after the claimed month
  // is refused by the schema; should one reach compute, the month of receipt stays open.
  const firstReceiptMonth = monthOf(answers.period?.firstReceiptMonth);
  const receiptMonth =
    claimMonth === undefined ? undefined : firstReceiptMonth === undefined ? 1 : firstReceiptMonth <= claimMonth ? monthOfReceipt(firstReceiptMonth, claimMonth) : undefined;
  const year = claimMonth === undefined ? undefined : taxYearOf(claimMonth);
  const wageTax = year === undefined ? undefined : wageTaxFigures(parameters, year);
  const figures = figuresFor(parameters, claimMonth);
  const context: ClaimContext = {
    figures,
    rates: ratesFor(figures, receiptMonth),
    socialInsuranceFlat: figures.current("socialInsuranceFlat"),
    tableStep: figures.current("tableStep"),
    ...(year !== undefined && wageTax ? { wageTax: { year, figures: wageTax.figures } } : {}),
    ...(claimMonth !== undefined && !wageTax ? { unsupported: claimMonth } : {}),
    ...(receiptMonth !== undefined ? { receiptMonth } : {}),
  };

  // Per employee, then the total: null while any listed employee's allowance is still open.
  const employees = answers.employees ?? [];
  const allowances = employees.map((e, i) => employeeValues(e ?? {}, i, values, context));
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
    quorumRule(totalEmployees, affectedEmployees, claimMonth, context.figures),
    ...(answers.employeesListComplete === true ? [listAgreesRule(employees, affectedEmployees, values, context.figures)] : []),
    {
      rule: "lossOfWorkUnavoidable",
      passed: unavoidable,
      params: { overtimeUsed: overtime ?? "", leaveUsed: leave ?? "" },
    },
    ...durationRule(context, firstReceiptMonth),
  ];

  return { values, eligibility };
};

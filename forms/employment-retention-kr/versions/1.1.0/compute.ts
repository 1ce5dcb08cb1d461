/**
 * 고용유지지원금 (employment retention subsidy), paid track: estimate and eligibility.
 *
 * Every rule comes from shared/domain/employment-retention-kr.md ("the domain file"); its figures
 * are the form's parameters (parameters/*.json). The amounts are estimates; the job centre (고용센터) decides. Each intermediate value is
 * its own derived value with the rule and inputs that produced it, so a caseworker can redo it.
 *
 * Amounts are whole won and the support ratio is a fraction, so the arithmetic that decides money
 * or eligibility is done on integers (multiply before dividing) to avoid floating-point drift.
 */
import type { Compute, DerivedValue, RuleOutcome } from "../../../../server/engine/compute";
import { latestParameter, parameterAt, type ParameterInForce } from "../../../../server/engine/parameters";
import type { EmploymentRetentionKr } from "./schema.types";

/**
 * Every figure is a parameter (parameters/*.json: value, legal reference, source, period in force),
 * looked up for the day the measure starts. Before that day is answered, the newest values apply.
 */
type Figure = "salesDeclineMin" | "hoursReductionOver" | "leaveMinDays" | "allowanceMin" | "insuredOverDays"
  | "supportRatioPriority" | "supportRatioLarge" | "dailyCap" | "daysPerYear";
const RATIO_OF = { priority: "supportRatioPriority", large: "supportRatioLarge" } as const;

type Answers = Parameters<Compute<EmploymentRetentionKr>>[0];
type Employee = NonNullable<Answers["employees"]>[number];

/** A finite number, or undefined: an answer that is missing (or malformed) decides nothing. */
function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Days since 1970-01-01 of an ISO `YYYY-MM-DD` date; undefined unless it is a real date. */
function dayNumber(date: unknown): number | undefined {
  if (typeof date !== "string") return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to March: such a date is not a date.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / 86_400_000;
}

/** A share as a percentage with one decimal, for the texts only (decisions use exact integers). */
function percent(share: number): number {
  return Math.round(share * 1000) / 10;
}

/** Days from `first` to `last`, both counted; undefined unless both are dates and last ≥ first. */
function daysInclusive(first: number | undefined, last: number | undefined): number | undefined {
  return first !== undefined && last !== undefined && last >= first ? last - first + 1 : undefined;
}

export const compute: Compute<EmploymentRetentionKr> = (answers, { parameters }) => {
  const values: Record<string, DerivedValue> = {};
  const eligibility: RuleOutcome[] = [];
  const start = dayNumber(answers.measure?.start);
  // A figure not in force on the start day decides nothing: the rules that need it stay open.
  const figure = (name: Figure): ParameterInForce | undefined => {
    const found = start !== undefined ? parameterAt(parameters, name, answers.measure!.start!) : latestParameter(parameters, name);
    return found.ok ? found : undefined;
  };

  // --- The need for employment adjustment -------------------------------------------------------
  const adjustment = answers.adjustment;
  const reason = adjustment?.reason;
  // Only a sales decline has figures the form can check. The other reasons (inventory, an industry
  // in crisis, a disaster area, other) are described in words and checked by the job centre, so
  // for them neither the value nor the rule is produced.
  if (reason === undefined || reason === "salesDecline") {
    const current = num(adjustment?.salesCurrent);
    const reference = num(adjustment?.salesReference);
    // A reference of 0 gives no meaningful decline: undecided rather than a division by zero.
    const salesMin = figure("salesDeclineMin");
    const known = current !== undefined && reference !== undefined && reference > 0;
    const share = known ? (reference - current) / reference : null;
    const decided = known && salesMin !== undefined;
    values["/salesDecline"] = {
      value: share,
      unit: "percent",
      rule: "salesDeclineShare",
      inputs: { salesCurrent: current, salesReference: reference, referenceKind: adjustment?.referenceKind },
    };
    eligibility.push({
      rule: "salesDecline15",
      passed: decided ? (reference - current) * 100 >= salesMin.value * reference : null,
      params: {
        salesCurrent: current ?? "",
        salesReference: reference ?? "",
        declinePercent: share === null ? "" : percent(share),
        minPercent: salesMin?.value ?? "",
      },
    });
  }

  // --- The measure: 휴업 (reduced hours) or 휴직 (leave) -------------------------------------------
  const measure = answers.measure;
  const type = measure?.type;
  if (type === undefined || type === "reducedHours") {
    const normal = num(measure?.normalTotalHours);
    const reduced = num(measure?.reducedTotalHours);
    const hoursOver = figure("hoursReductionOver");
    const known = normal !== undefined && reduced !== undefined && normal > 0;
    const decided = known && hoursOver !== undefined;
    values["/hoursReduction"] = {
      value: known ? (normal - reduced) / normal : null,
      unit: "percent",
      rule: "hoursReductionShare",
      inputs: { normalTotalHours: normal, reducedTotalHours: reduced },
    };
    eligibility.push({
      rule: "hoursReducedOver20",
      // (normal − reduced) / normal > 20 %, without dividing.
      passed: decided ? (normal - reduced) * 100 > hoursOver.value * normal : null,
      params: {
        normalTotalHours: normal ?? "",
        reducedTotalHours: reduced ?? "",
        reductionPercent: known ? percent((normal - reduced) / normal) : "",
        overPercent: hoursOver?.value ?? "",
      },
    });
  }
  if (type === undefined || type === "leave") {
    const leaveDays = num(measure?.leaveDays);
    const leaveMin = figure("leaveMinDays");
    eligibility.push({
      rule: "leaveAtLeastOneMonth",
      passed: leaveDays === undefined || leaveMin === undefined ? null : leaveDays >= leaveMin.value,
      params: { leaveDays: leaveDays ?? "", minDays: leaveMin?.value ?? "" },
    });
  }
  const plan = measure?.planSubmittedBeforeStart;
  eligibility.push({
    rule: "planBeforeStart",
    passed: typeof plan === "boolean" ? plan : null,
    params: { start: measure?.start ?? "" },
  });

  // --- The support ratio -----------------------------------------------------------------------
  const sizeClass = answers.business?.sizeClass;
  const ratio = sizeClass === undefined ? undefined : figure(RATIO_OF[sizeClass])?.exact;
  values["/supportRatio"] = {
    value: ratio ? ratio.num / ratio.den : null,
    unit: "percent",
    rule: "supportRatio",
    inputs: { sizeClass },
  };

  // --- The measure's length: an employee's days cannot exceed it -------------------------------
  // The schema refuses an end before the start (formatMinimum); a difference of dates is computed here.
  const measureDays = daysInclusive(start, dayNumber(measure?.end));
  values["/measureDays"] = {
    value: measureDays ?? null,
    unit: "days",
    rule: "measureDays",
    inputs: { start: measure?.start, end: measure?.end },
  };

  // --- Per employee ----------------------------------------------------------------------------
  const employees: Employee[] = answers.employees ?? [];
  // Read only when there are employees, so that an author sees which figures an example used.
  const [cap, yearCap, insuredOver] = employees.length > 0 ? [figure("dailyCap")?.value, figure("daysPerYear")?.value, figure("insuredOverDays")] : [];
  const allowanceMin = employees.length > 0 && (type === undefined || type === "reducedHours") ? figure("allowanceMin") : undefined;
  let total: number | null = employees.length > 0 ? 0 : null;
  employees.forEach((employee, i) => {
    const at = `/employees/${i}`;
    const who = { name: employee?.name ?? "", position: i + 1 };
    const allowance = num(employee?.allowancePerDay);
    const wage = num(employee?.averageDailyWage);
    const days = num(employee?.days);
    // Optional: left blank means no days subsidised earlier this insurance year.
    const used = num(employee?.daysUsedThisYear) ?? 0;

    // Each shown step is rounded as shown: the daily amount to the whole won (down), then × days,
    // so that daily × days is the employee's amount and the amounts add up to the total.
    // floor(allowance × num ÷ den) on integers, never through a float 2/3.
    const daily = ratio && allowance !== undefined && cap !== undefined
      ? Math.min(Math.floor((allowance * ratio.num) / ratio.den), cap)
      : null;
    values[`${at}/dailySubsidy`] = {
      value: daily,
      unit: "KRW",
      rule: "dailySubsidy",
      // The ratio as a fraction ("2/3"), which a caseworker reads more easily than 0.666….
      inputs: { allowancePerDay: allowance, supportRatio: ratio ? `${ratio.num}/${ratio.den}` : undefined, cap },
    };

    // Capped by the measure's own length and by the days left of the year; never negative.
    const eligibleDays = days !== undefined && yearCap !== undefined
      ? Math.max(0, Math.min(days, measureDays ?? days, yearCap - used))
      : null;
    values[`${at}/eligibleDays`] = {
      value: eligibleDays,
      unit: "days",
      rule: "eligibleDays",
      inputs: { days, measureDays, daysUsedThisYear: used, cap: yearCap },
    };

    const subsidy = daily !== null && eligibleDays !== null ? daily * eligibleDays : null;
    values[`${at}/subsidy`] = {
      value: subsidy,
      unit: "KRW",
      rule: "employeeSubsidy",
      inputs: { dailySubsidy: daily, eligibleDays },
    };
    total = total !== null && subsidy !== null ? total + subsidy : null;

    // The 70 % floor applies to the 휴업 allowance only; for 휴직 the agreed allowance counts.
    if (type === undefined || type === "reducedHours") {
      eligibility.push({
        rule: "allowanceAtLeast70",
        passed: allowance !== undefined && wage !== undefined && allowanceMin !== undefined ? allowance * 100 >= allowanceMin.value * wage : null,
        params: {
          ...who,
          allowancePerDay: allowance ?? "",
          averageDailyWage: wage ?? "",
          minimumAllowance: wage !== undefined && allowanceMin !== undefined ? Math.ceil((wage * allowanceMin.value) / 100) : "",
        },
      });
    }

    // Insured for more than 90 days when the measure starts, counted from the two dates.
    const insured = dayNumber(employee?.insuranceStartDate);
    const insuredDays = start !== undefined && insured !== undefined ? start - insured : undefined;
    eligibility.push({
      rule: "insuredOver90Days",
      passed: insuredDays === undefined || insuredOver === undefined ? null : insuredDays > insuredOver.value,
      params: {
        ...who,
        insuranceStartDate: employee?.insuranceStartDate ?? "",
        start: measure?.start ?? "",
        insuredDays: insuredDays ?? "",
        overDays: insuredOver?.value ?? "",
      },
    });
  });

  const noDismissals = answers.noDismissals;
  eligibility.push({
    rule: "noDismissals",
    passed: typeof noDismissals === "boolean" ? noDismissals : null,
    params: {},
  });

  // A failed rule means nothing is payable: the total is not shown as an amount (null), and its
  // inputs keep the sum of the employees' amounts for the applicant who corrects an answer.
  const failed = eligibility.some((r) => r.passed === false);
  values["/subsidyTotal"] = {
    value: failed ? null : total,
    unit: "KRW",
    rule: "subsidyTotal",
    inputs: { employees: employees.length, sumOfEmployees: total, payable: !failed },
  };

  return { values, eligibility };
};

/**
 * 고용유지지원금 (employment retention subsidy), paid track: estimate and eligibility.
 *
 * Every figure below comes from shared/domain/employment-retention-kr.md ("the domain
 * file"). The amounts are estimates; the job centre (고용센터) decides. Each intermediate value is
 * its own derived value with the rule and inputs that produced it, so a caseworker can redo it.
 *
 * Amounts are whole won and the support ratio is a fraction, so the arithmetic that decides money
 * or eligibility is done on integers (multiply before dividing) to avoid floating-point drift.
 */
import type { Compute, DerivedValue, RuleOutcome } from "../../../../server/engine/compute";
import type { EmploymentRetentionKr } from "./schema.types";

/** Domain file, "Conditions": sales or production down by 15 % or more. */
const SALES_DECLINE_MIN_PERCENT = 15;
/** Domain file, "Conditions": 휴업 reduces total working hours by more than 20 %. */
const HOURS_REDUCTION_OVER_PERCENT = 20;
/**
 * Domain file, "Conditions": 휴직 of one month or more. The form asks for the leave in days, so a
 * month is counted as 30 days. The domain file does not say how a month is counted; the job centre
 * counts calendar months, so a leave of 28–29 days over February may still qualify (README).
 */
const LEAVE_MIN_DAYS = 30;
/** Domain file, "Conditions": the 휴업 allowance is at least 70 % of the average wage. */
const ALLOWANCE_MIN_PERCENT = 70;
/** Domain file, "Conditions": the employees covered are insured for more than 90 days. */
const INSURED_OVER_DAYS = 90;
/** Domain file, "Amount": 2/3 of the allowance for 우선지원대상기업, 1/2 for other enterprises. */
const SUPPORT_RATIO = {
  priority: { num: 2, den: 3 },
  large: { num: 1, den: 2 },
} as const;
/** Domain file, "Amount": capped at 66,000 KRW per employee per day. */
const DAILY_CAP_KRW = 66_000;
/** Domain file, "Amount": at most 180 days per year per employee, all measures of the year summed. */
const DAYS_PER_YEAR_CAP = 180;

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

export const compute: Compute<EmploymentRetentionKr> = (answers) => {
  const values: Record<string, DerivedValue> = {};
  const eligibility: RuleOutcome[] = [];

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
    const decided = current !== undefined && reference !== undefined && reference > 0;
    const share = decided ? (reference - current) / reference : null;
    values["/salesDecline"] = {
      value: share,
      unit: "percent",
      rule: "salesDeclineShare",
      inputs: { salesCurrent: current, salesReference: reference, referenceKind: adjustment?.referenceKind },
    };
    eligibility.push({
      rule: "salesDecline15",
      passed: decided ? (reference - current) * 100 >= SALES_DECLINE_MIN_PERCENT * reference : null,
      params: {
        salesCurrent: current ?? "",
        salesReference: reference ?? "",
        declinePercent: share === null ? "" : percent(share),
        minPercent: SALES_DECLINE_MIN_PERCENT,
      },
    });
  }

  // --- The measure: 휴업 (reduced hours) or 휴직 (leave) -------------------------------------------
  const measure = answers.measure;
  const type = measure?.type;
  if (type === undefined || type === "reducedHours") {
    const normal = num(measure?.normalTotalHours);
    const reduced = num(measure?.reducedTotalHours);
    const decided = normal !== undefined && reduced !== undefined && normal > 0;
    values["/hoursReduction"] = {
      value: decided ? (normal - reduced) / normal : null,
      unit: "percent",
      rule: "hoursReductionShare",
      inputs: { normalTotalHours: normal, reducedTotalHours: reduced },
    };
    eligibility.push({
      rule: "hoursReducedOver20",
      // (normal − reduced) / normal > 20 %, without dividing.
      passed: decided ? (normal - reduced) * 100 > HOURS_REDUCTION_OVER_PERCENT * normal : null,
      params: {
        normalTotalHours: normal ?? "",
        reducedTotalHours: reduced ?? "",
        reductionPercent: decided ? percent((normal - reduced) / normal) : "",
        overPercent: HOURS_REDUCTION_OVER_PERCENT,
      },
    });
  }
  if (type === undefined || type === "leave") {
    const leaveDays = num(measure?.leaveDays);
    eligibility.push({
      rule: "leaveAtLeastOneMonth",
      passed: leaveDays === undefined ? null : leaveDays >= LEAVE_MIN_DAYS,
      params: { leaveDays: leaveDays ?? "", minDays: LEAVE_MIN_DAYS },
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
  const ratio = sizeClass === undefined ? undefined : SUPPORT_RATIO[sizeClass];
  values["/supportRatio"] = {
    value: ratio ? ratio.num / ratio.den : null,
    unit: "percent",
    rule: "supportRatio",
    inputs: { sizeClass },
  };

  // --- Per employee ----------------------------------------------------------------------------
  const start = dayNumber(measure?.start);
  const employees: Employee[] = answers.employees ?? [];
  let total: number | null = employees.length > 0 ? 0 : null;
  employees.forEach((employee, i) => {
    const at = `/employees/${i}`;
    const who = { name: employee?.name ?? "", position: i + 1 };
    const allowance = num(employee?.allowancePerDay);
    const wage = num(employee?.averageDailyWage);
    const days = num(employee?.days);
    // Optional: left blank means no days subsidised earlier this insurance year.
    const used = num(employee?.daysUsedThisYear) ?? 0;

    // min(allowance × ratio, 66,000): compare allowance × num with 66,000 × den to stay exact.
    const capped = ratio && allowance !== undefined ? allowance * ratio.num >= DAILY_CAP_KRW * ratio.den : null;
    const daily = ratio && allowance !== undefined ? (capped ? DAILY_CAP_KRW : (allowance * ratio.num) / ratio.den) : null;
    values[`${at}/dailySubsidy`] = {
      value: daily,
      unit: "KRW",
      rule: "dailySubsidy",
      // The ratio as a fraction ("2/3"), which a caseworker reads more easily than 0.666….
      inputs: { allowancePerDay: allowance, supportRatio: ratio ? `${ratio.num}/${ratio.den}` : undefined, cap: DAILY_CAP_KRW },
    };

    // Days left this year can never be negative, whatever was entered before.
    const eligibleDays = days !== undefined ? Math.max(0, Math.min(days, DAYS_PER_YEAR_CAP - used)) : null;
    values[`${at}/eligibleDays`] = {
      value: eligibleDays,
      unit: "days",
      rule: "eligibleDays",
      inputs: { days, daysUsedThisYear: used, cap: DAYS_PER_YEAR_CAP },
    };

    // floor(daily × days), to the won. Uncapped, floor(allowance × num × days / den) is exact.
    let subsidy: number | null = null;
    if (ratio && allowance !== undefined && eligibleDays !== null) {
      subsidy = capped
        ? DAILY_CAP_KRW * eligibleDays
        : Math.floor((allowance * ratio.num * eligibleDays) / ratio.den);
    }
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
        passed: allowance !== undefined && wage !== undefined ? allowance * 100 >= ALLOWANCE_MIN_PERCENT * wage : null,
        params: {
          ...who,
          allowancePerDay: allowance ?? "",
          averageDailyWage: wage ?? "",
          minimumAllowance: wage !== undefined ? Math.ceil((wage * ALLOWANCE_MIN_PERCENT) / 100) : "",
        },
      });
    }

    // Insured for more than 90 days when the measure starts, counted from the two dates.
    const insured = dayNumber(employee?.insuranceStartDate);
    const insuredDays = start !== undefined && insured !== undefined ? start - insured : undefined;
    eligibility.push({
      rule: "insuredOver90Days",
      passed: insuredDays === undefined ? null : insuredDays > INSURED_OVER_DAYS,
      params: {
        ...who,
        insuranceStartDate: employee?.insuranceStartDate ?? "",
        start: measure?.start ?? "",
        insuredDays: insuredDays ?? "",
        overDays: INSURED_OVER_DAYS,
      },
    });
  });

  values["/subsidyTotal"] = {
    value: total,
    unit: "KRW",
    rule: "subsidyTotal",
    inputs: { employees: employees.length },
  };

  const noDismissals = answers.noDismissals;
  eligibility.push({
    rule: "noDismissals",
    passed: typeof noDismissals === "boolean" ? noDismissals : null,
    params: {},
  });

  return { values, eligibility };
};

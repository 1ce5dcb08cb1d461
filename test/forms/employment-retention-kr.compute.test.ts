import { expect } from "chai";
import { compute as computeWith } from "../../forms/employment-retention-kr/compute";
import { bundledParameters } from "../support/forms";

type Answers = Parameters<typeof computeWith>[0];
/** The form's own parameter files, as the loader reads them. */
const parameters = bundledParameters("employment-retention-kr");
const compute = (answers: Answers) => computeWith(answers, { parameters });
type Employee = NonNullable<Answers["employees"]>[number];

/** A complete, eligible 휴업 claim by a priority support enterprise; tests change one thing. */
function claim(overrides: { employees?: Employee[] } & Partial<Answers> = {}): Answers {
  return {
    business: { sizeClass: "priority" },
    adjustment: { reason: "salesDecline", salesCurrent: 80, referenceKind: "sameMonthLastYear", salesReference: 100 },
    measure: {
      type: "reducedHours",
      start: "2025-03-03",
      end: "2025-03-31",
      normalTotalHours: 1000,
      reducedTotalHours: 700,
      planSubmittedBeforeStart: true,
    },
    employees: [
      { name: "A", insuranceStartDate: "2020-01-01", averageDailyWage: 100_000, allowancePerDay: 70_000, days: 20 },
    ],
    noDismissals: true,
    ...overrides,
  };
}

const value = (answers: Answers, pointer: string) => compute(answers).values[pointer]?.value;
const outcomes = (answers: Answers, rule: string) =>
  (compute(answers).eligibility ?? []).filter((o) => o.rule === rule).map((o) => o.passed);
const outcome = (answers: Answers, rule: string) => {
  const found = outcomes(answers, rule);
  expect(found, `rule ${rule}`).to.have.length(1);
  return found[0];
};
const employee = (e: Employee): Answers => claim({ employees: [e] });
/** A measure over most of a year (360 days), so that only the 180-day cap limits the days. */
const yearLong = (e: Employee): Answers => claim({ measure: { ...claim().measure, start: "2025-01-06", end: "2025-12-31" }, employees: [e] });
const base: Employee = { name: "A", insuranceStartDate: "2020-01-01", averageDailyWage: 100_000, allowancePerDay: 70_000, days: 20 };

describe("employment-retention-kr compute", () => {
  describe("support ratio", () => {
    it("is 2/3 for a priority support enterprise and 1/2 for a large one", () => {
      expect(value(claim(), "/supportRatio")).to.equal(2 / 3);
      expect(value(claim({ business: { sizeClass: "large" } }), "/supportRatio")).to.equal(1 / 2);
    });
    it("is null while the size class is unanswered", () => {
      expect(value(claim({ business: {} }), "/supportRatio")).to.equal(null);
    });
  });

  describe("daily subsidy", () => {
    it("is the allowance times the ratio", () => {
      expect(value(employee({ ...base, allowancePerDay: 60_000 }), "/employees/0/dailySubsidy")).to.equal(40_000);
      const large = claim({ business: { sizeClass: "large" }, employees: [{ ...base, allowancePerDay: 60_000 }] });
      expect(value(large, "/employees/0/dailySubsidy")).to.equal(30_000);
    });
    it("is capped at 66,000 won", () => {
      // 99,000 × 2/3 = 66,000 exactly: at the cap; 120,000 × 2/3 = 80,000: capped.
      expect(value(employee({ ...base, allowancePerDay: 99_000 }), "/employees/0/dailySubsidy")).to.equal(66_000);
      expect(value(employee({ ...base, allowancePerDay: 120_000 }), "/employees/0/dailySubsidy")).to.equal(66_000);
      const large = claim({ business: { sizeClass: "large" }, employees: [{ ...base, allowancePerDay: 140_000 }] });
      expect(value(large, "/employees/0/dailySubsidy")).to.equal(66_000);
    });
    it("shows the ratio as a fraction in its inputs", () => {
      expect(compute(claim()).values["/employees/0/dailySubsidy"]?.inputs.supportRatio).to.equal("2/3");
    });
  });

  describe("eligible days", () => {
    it("are the days of the measure while within 180 a year", () => {
      expect(value(employee({ ...base, days: 20 }), "/employees/0/eligibleDays")).to.equal(20);
      expect(value(employee({ ...base, days: 20, daysUsedThisYear: 160 }), "/employees/0/eligibleDays")).to.equal(20);
    });
    it("are capped so that the year's total stays at 180", () => {
      expect(value(yearLong({ ...base, days: 62, daysUsedThisYear: 150 }), "/employees/0/eligibleDays")).to.equal(30);
      expect(value(yearLong({ ...base, days: 200 }), "/employees/0/eligibleDays")).to.equal(180);
      expect(value(yearLong({ ...base, days: 10, daysUsedThisYear: 180 }), "/employees/0/eligibleDays")).to.equal(0);
    });
    it("are capped by the measure's length, start and end both counted", () => {
      const measure = (start: string, end: string) => ({ ...claim().measure, start, end });
      // 2025-03-03 to 2025-03-31 is 29 days: 200 days claimed give 29.
      const short = claim({ measure: measure("2025-03-03", "2025-03-31"), employees: [{ ...base, days: 200 }] });
      expect(value(short, "/measureDays")).to.equal(29);
      expect(value(short, "/employees/0/eligibleDays")).to.equal(29);
      expect(compute(short).values["/employees/0/eligibleDays"]?.inputs).to.include({ days: 200, measureDays: 29 });
      expect(value(short, "/employees/0/subsidy")).to.equal(46_666 * 29);
      // A one-day measure allows one day; a 40-day one leaves 35 claimed days as they are.
      expect(value(claim({ measure: measure("2025-03-03", "2025-03-03"), employees: [{ ...base, days: 5 }] }), "/employees/0/eligibleDays")).to.equal(1);
      expect(value(claim({ measure: measure("2025-03-01", "2025-04-09"), employees: [{ ...base, days: 35 }] }), "/employees/0/eligibleDays")).to.equal(35);
    });
    it("are not capped by a length from an end before the start (the schema refuses that end on its question)", () => {
      const reversed = claim({ measure: { ...claim().measure, start: "2025-03-31", end: "2025-03-03" } });
      expect(value(reversed, "/measureDays")).to.equal(null);
      expect(value(reversed, "/employees/0/eligibleDays")).to.equal(20);
    });
    it("never go below zero", () => {
      expect(value(employee({ ...base, days: 10, daysUsedThisYear: 200 }), "/employees/0/eligibleDays")).to.equal(0);
    });
  });

  describe("subsidy", () => {
    it("is the daily subsidy times the eligible days", () => {
      const answers = employee({ ...base, allowancePerDay: 84_000, days: 20 });
      expect(value(answers, "/employees/0/subsidy")).to.equal(1_120_000);
    });
    it("rounds the daily amount down to the whole won, then multiplies, so the shown steps add up", () => {
      // 70,000 × 2/3 = 46,666.67 → 46,666 a day; × 22 days = 1,026,652 (not 1,026,666 from the unrounded day).
      const priority = employee({ ...base, allowancePerDay: 70_000, days: 22 });
      expect(value(priority, "/employees/0/dailySubsidy")).to.equal(46_666);
      expect(value(priority, "/employees/0/subsidy")).to.equal(1_026_652);
      // 55,555 × 1/2 = 27,777.5 → 27,777 a day; × 29 = 805,533.
      const large = claim({ business: { sizeClass: "large" }, employees: [{ ...base, allowancePerDay: 55_555, days: 29 }] });
      expect(value(large, "/employees/0/dailySubsidy")).to.equal(27_777);
      expect(value(large, "/employees/0/subsidy")).to.equal(805_533);
    });
    it("has a total that is the sum of the shown amounts, each the shown daily amount times the shown days", () => {
      const answers = claim({ employees: [{ ...base, allowancePerDay: 70_001, days: 21 }, { ...base, averageDailyWage: 70_000, allowancePerDay: 55_555, days: 17 }, { ...base, allowancePerDay: 100_000, days: 29 }] });
      const values = compute(answers).values;
      let sum = 0;
      for (const i of [0, 1, 2]) {
        const shown = values[`/employees/${i}/subsidy`]?.value as number;
        expect(shown).to.equal((values[`/employees/${i}/dailySubsidy`]?.value as number) * (values[`/employees/${i}/eligibleDays`]?.value as number));
        expect(Number.isInteger(values[`/employees/${i}/dailySubsidy`]?.value)).to.equal(true);
        sum += shown;
      }
      expect(values["/subsidyTotal"]?.value).to.equal(sum);
    });
    it("uses the capped daily amount and capped days", () => {
      const answers = employee({ ...base, allowancePerDay: 150_000, days: 40, daysUsedThisYear: 170 });
      expect(value(answers, "/employees/0/subsidy")).to.equal(66_000 * 10);
    });
    it("is summed over the employees", () => {
      const answers = claim({
        employees: [
          { ...base, allowancePerDay: 84_000, days: 20 },
          { ...base, allowancePerDay: 105_000, days: 20 },
        ],
      });
      expect(value(answers, "/subsidyTotal")).to.equal(1_120_000 + 1_320_000);
    });
  });

  describe("missing inputs", () => {
    it("give null, never NaN, for every derived value and rule", () => {
      const results = [compute({}), compute({ employees: [{}] }), compute({ measure: {}, adjustment: {}, business: {} })];
      for (const result of results) {
        for (const [pointer, derived] of Object.entries(result.values)) {
          expect(Number.isNaN(derived.value), pointer).to.equal(false);
        }
        for (const o of result.eligibility ?? []) expect(o.passed, o.rule).to.equal(null);
      }
      const result = compute({ employees: [{}] });
      expect(result.values["/employees/0/dailySubsidy"]?.value).to.equal(null);
      expect(result.values["/employees/0/eligibleDays"]?.value).to.equal(null);
      expect(result.values["/employees/0/subsidy"]?.value).to.equal(null);
      expect(result.values["/subsidyTotal"]?.value).to.equal(null);
      expect(result.values["/salesDecline"]?.value).to.equal(null);
      expect(result.values["/hoursReduction"]?.value).to.equal(null);
    });
    it("leave the total null while one employee's subsidy is undecided", () => {
      const answers = claim({ employees: [base, { name: "B" }] });
      expect(value(answers, "/employees/0/subsidy")).to.be.a("number");
      expect(value(answers, "/subsidyTotal")).to.equal(null);
    });
    it("treat a blank daysUsedThisYear as no days used", () => {
      expect(value(yearLong({ ...base, days: 200 }), "/employees/0/eligibleDays")).to.equal(180);
    });
    it("give no decline against a reference of zero", () => {
      const answers = claim({ adjustment: { reason: "salesDecline", salesCurrent: 0, salesReference: 0 } });
      expect(value(answers, "/salesDecline")).to.equal(null);
      expect(outcome(answers, "salesDecline15")).to.equal(null);
    });
  });

  describe("salesDecline15", () => {
    const sales = (salesCurrent?: number, salesReference?: number): Answers =>
      claim({ adjustment: { reason: "salesDecline", salesCurrent, salesReference } });
    it("passes at 15 % or more, fails below", () => {
      expect(value(sales(68, 100), "/salesDecline")).to.equal(0.32);
      expect(outcome(sales(85, 100), "salesDecline15")).to.equal(true);
      expect(outcome(sales(85_000_001, 100_000_000), "salesDecline15")).to.equal(false);
      expect(outcome(sales(90, 100), "salesDecline15")).to.equal(false);
    });
    it("is null while a figure is missing or the reason unanswered", () => {
      expect(outcome(sales(undefined, 100), "salesDecline15")).to.equal(null);
      expect(outcome(claim({ adjustment: {} }), "salesDecline15")).to.equal(null);
    });
    it("is not checked for the other reasons: the job centre assesses them", () => {
      const answers = claim({ adjustment: { reason: "inventoryIncrease", explanation: "…" } });
      expect(outcomes(answers, "salesDecline15")).to.deep.equal([]);
      expect(compute(answers).values).not.to.have.property("/salesDecline");
    });
  });

  describe("hoursReducedOver20", () => {
    const hours = (normalTotalHours?: number, reducedTotalHours?: number): Answers =>
      claim({ measure: { ...claim().measure, normalTotalHours, reducedTotalHours } });
    it("passes above 20 %, fails at exactly 20 % or less", () => {
      expect(value(hours(1000, 700), "/hoursReduction")).to.equal(0.3);
      expect(outcome(hours(1000, 799), "hoursReducedOver20")).to.equal(true);
      expect(outcome(hours(1000, 800), "hoursReducedOver20")).to.equal(false);
      expect(outcome(hours(1000, 900), "hoursReducedOver20")).to.equal(false);
    });
    it("is null while a figure is missing", () => {
      expect(outcome(hours(1000, undefined), "hoursReducedOver20")).to.equal(null);
    });
    it("is not checked for leave", () => {
      const leave = claim({ measure: { type: "leave", leaveDays: 30, planSubmittedBeforeStart: true, start: "2025-03-03" } });
      expect(outcomes(leave, "hoursReducedOver20")).to.deep.equal([]);
      expect(compute(leave).values).not.to.have.property("/hoursReduction");
    });
  });

  describe("leaveAtLeastOneMonth", () => {
    const leave = (leaveDays?: number): Answers =>
      claim({ measure: { type: "leave", start: "2025-03-03", leaveDays, planSubmittedBeforeStart: true } });
    it("passes at 30 days or more, fails below", () => {
      expect(outcome(leave(30), "leaveAtLeastOneMonth")).to.equal(true);
      expect(outcome(leave(62), "leaveAtLeastOneMonth")).to.equal(true);
      expect(outcome(leave(29), "leaveAtLeastOneMonth")).to.equal(false);
    });
    it("is null while the days are missing, and absent for 휴업", () => {
      expect(outcome(leave(undefined), "leaveAtLeastOneMonth")).to.equal(null);
      expect(outcomes(claim(), "leaveAtLeastOneMonth")).to.deep.equal([]);
    });
    it("both measure rules stay open while the type is unanswered", () => {
      const open = claim({ measure: {} });
      expect(outcome(open, "hoursReducedOver20")).to.equal(null);
      expect(outcome(open, "leaveAtLeastOneMonth")).to.equal(null);
    });
  });

  describe("allowanceAtLeast70", () => {
    it("passes at 70 % of the average daily wage or more, fails below", () => {
      expect(outcome(employee({ ...base, averageDailyWage: 100_000, allowancePerDay: 70_000 }), "allowanceAtLeast70")).to.equal(true);
      expect(outcome(employee({ ...base, averageDailyWage: 100_000, allowancePerDay: 69_999 }), "allowanceAtLeast70")).to.equal(false);
    });
    it("is checked per employee and names the employee", () => {
      const answers = claim({ employees: [base, { ...base, name: "B", allowancePerDay: 50_000 }] });
      expect(outcomes(answers, "allowanceAtLeast70")).to.deep.equal([true, false]);
      const failed = (compute(answers).eligibility ?? []).find((o) => o.rule === "allowanceAtLeast70" && o.passed === false);
      expect(failed?.params).to.include({ name: "B", position: 2, minimumAllowance: 70_000 });
    });
    it("is null while a figure is missing", () => {
      expect(outcome(employee({ ...base, averageDailyWage: undefined }), "allowanceAtLeast70")).to.equal(null);
    });
    it("does not apply to leave", () => {
      const leave = claim({ measure: { type: "leave", start: "2025-03-03", leaveDays: 30 } });
      expect(outcomes(leave, "allowanceAtLeast70")).to.deep.equal([]);
    });
  });

  describe("insuredOver90Days", () => {
    const insured = (insuranceStartDate?: string, start = "2025-03-03"): Answers =>
      claim({ measure: { ...claim().measure, start }, employees: [{ ...base, insuranceStartDate }] });
    it("passes after more than 90 days, fails at 90 or fewer", () => {
      // 2024-12-02 → 2025-03-03 is 91 days; 2024-12-03 → 90.
      expect(outcome(insured("2024-12-02"), "insuredOver90Days")).to.equal(true);
      expect(outcome(insured("2024-12-03"), "insuredOver90Days")).to.equal(false);
      expect(outcome(insured("2025-02-01"), "insuredOver90Days")).to.equal(false);
    });
    it("counts leap days from the dates", () => {
      // 2027-12-01 → 2028-02-29 is 90 days (a leap year); → 2028-03-01 is 91.
      expect(outcome(insured("2027-12-01", "2028-02-29"), "insuredOver90Days")).to.equal(false);
      expect(outcome(insured("2027-12-01", "2028-03-01"), "insuredOver90Days")).to.equal(true);
    });
    it("is null while a date is missing or not a real date", () => {
      expect(outcome(insured(undefined), "insuredOver90Days")).to.equal(null);
      expect(outcome(insured("2024-02-30"), "insuredOver90Days")).to.equal(null);
      expect(outcome(claim({ measure: {} }), "insuredOver90Days")).to.equal(null);
    });
  });

  describe("planBeforeStart and noDismissals", () => {
    it("follow the applicant's yes/no, null while unanswered", () => {
      const plan = (planSubmittedBeforeStart?: boolean) =>
        claim({ measure: { ...claim().measure, planSubmittedBeforeStart } });
      expect(outcome(plan(true), "planBeforeStart")).to.equal(true);
      expect(outcome(plan(false), "planBeforeStart")).to.equal(false);
      expect(outcome(plan(undefined), "planBeforeStart")).to.equal(null);
      expect(outcome(claim({ noDismissals: true }), "noDismissals")).to.equal(true);
      expect(outcome(claim({ noDismissals: false }), "noDismissals")).to.equal(false);
      expect(outcome(claim({ noDismissals: undefined }), "noDismissals")).to.equal(null);
    });
  });

  describe("the total when a rule fails", () => {
    it("is not an amount: nothing is payable, and its inputs say so", () => {
      const failing = claim({ adjustment: { reason: "salesDecline", salesCurrent: 90, referenceKind: "sameMonthLastYear", salesReference: 100 } });
      const result = compute(failing);
      expect(result.values["/subsidyTotal"]?.value).to.equal(null);
      expect(result.values["/subsidyTotal"]?.inputs).to.include({ payable: false, sumOfEmployees: 46_666 * 20 });
      expect(compute(claim()).values["/subsidyTotal"]).to.deep.include({ value: 46_666 * 20 }).and.to.have.nested.property("inputs.payable", true);
    });
  });

  describe("the figures' period", () => {
    it("decides nothing for a measure before the first period of the parameters", () => {
      const early = claim({ measure: { ...claim().measure, start: "2024-11-04", end: "2024-11-29" } });
      expect(outcome(early, "salesDecline15")).to.equal(null);
      expect(value(early, "/employees/0/dailySubsidy")).to.equal(null);
      expect(value(early, "/subsidyTotal")).to.equal(null);
    });
  });

  it("passes every rule for the complete default claim", () => {
    for (const o of compute(claim()).eligibility ?? []) expect(o.passed, o.rule).to.equal(true);
  });
});

import { expect } from "chai";
import fc from "fast-check";
import { compute as computeWith, lumpSumNet as lumpSumNetWith, roundToTableStep as roundWith, type TaxClass } from "../../forms/short-time-work/compute";
import { wageTaxFigures, type TaxYear } from "../../forms/short-time-work/wage-tax/figures";
import { bundledParameters } from "../support/forms";
import type { ComputeResult, DeepPartial } from "../../server/engine/compute";
import type { ShortTimeWork } from "../../forms/short-time-work/schema.types";

type Answers = DeepPartial<ShortTimeWork>;
type Employee = NonNullable<Answers["employees"]>[number];
/** The form's own parameter files, as the loader reads them. */
const parameters = bundledParameters("short-time-work");
const compute = (answers: Answers) => computeWith(answers, { parameters });
const figuresOf = (year: TaxYear) => wageTaxFigures(parameters, year)!.figures;
/** 20 % flat social insurance and the 20 € step, as parameters/allowance.json states them for 2025 and 2026. */
const lumpSumNet = (gross: number, taxClass: TaxClass, year: TaxYear) => lumpSumNetWith(gross, taxClass, figuresOf(year), { num: 20, den: 100 });
const roundToTableStep = (gross: number) => roundWith(gross, 20);
const pensionCeiling = (year: TaxYear) => figuresOf(year).vorsorge.pensionCeilingMonthly;
const quorumRuleOf = (claimMonth: string) => compute({ period: { claimMonth }, workforce: { totalEmployees: 30, affectedEmployees: 6 } }).eligibility?.find((e) => e.rule === "oneThirdAffected")?.params.quorumRule;
const relaxedQuorumApplies = (claimMonth: string) => quorumRuleOf(claimMonth) === "relaxed2020to2023";

const regular = (over: Partial<Employee> = {}): Employee => ({
  name: "Jonas Weber",
  insuranceNumber: "12150385W012",
  employmentType: "regular",
  taxClass: 1,
  hasChild: false,
  grossTarget: 3200,
  grossActual: 1920,
  ...over,
});

/** A claim for the given month (March 2025 unless said otherwise). */
const claim = (employees: Employee[], claimMonth = "2025-03"): ComputeResult => compute({ period: { claimMonth }, employees });

const value = (r: ComputeResult, key: string) => r.values[key]?.value;
const rule = (r: ComputeResult, id: string) => r.eligibility?.find((e) => e.rule === id);

// The expected amounts below come from the ministry of finance's PAP pseudo-code (the reference
// implementation the wage tax fixture was generated with), not from compute.ts.
describe("short-time-work compute", () => {
  describe("lump-sum net pay (§ 106 with § 153 SGB III)", () => {
    it("deducts 20 % social insurance and the PAP wage tax of the year after the Vorsorgepauschale", () => {
      // Class I, 3,200 € in 2025: Vorsorgepauschale 3,571.20 pension + 3,859.20 health and care → 7,431 €.
      expect(lumpSumNet(3200, 1, 2025)).to.deep.equal({
        socialInsurance: 640,
        wageTax: 351.58,
        solidaritySurcharge: 0,
        vorsorgepauschale: 7431,
        net: 2208.42,
      });
      // 2026: higher basic allowance, 2.9 % average additional contribution → 7,508 €.
      expect(lumpSumNet(3200, 1, 2026)).to.include({ vorsorgepauschale: 7508, net: 2217.42 });
    });

    it("orders the lump-sum net by tax class: III > II > I = IV > V > VI", () => {
      const net = (c: TaxClass) => lumpSumNet(3000, c, 2025).net;
      expect(net(1)).to.equal(2093.5);
      expect(net(4)).to.equal(net(1));
      expect(net(2)).to.equal(2188.92);
      expect(net(3)).to.equal(2353.34);
      expect(net(5)).to.equal(1761);
      expect(net(6)).to.equal(1721);
    });

    it("charges the solidarity surcharge in its sliding zone above the exemption limit", () => {
      expect(lumpSumNet(3000, 1, 2025).solidaritySurcharge).to.equal(0);
      // Class I at 8,060 € (2025): annual tax above 19,950 €, the surcharge is 11.9 % of the excess,
      // far below the full 5.5 % of the tax.
      const top = lumpSumNet(8060, 1, 2025);
      expect(top.solidaritySurcharge).to.be.above(0);
      expect(top.solidaritySurcharge).to.be.below((top.wageTax * 5.5) / 100 / 2);
    });
  });

  describe("the table's 20 € steps and the ceiling", () => {
    it("rounds the gross to the nearest multiple of 20 €, half up", () => {
      expect(roundToTableStep(3200)).to.equal(3200);
      expect(roundToTableStep(3209.99)).to.equal(3200);
      expect(roundToTableStep(3210)).to.equal(3220);
      expect(roundToTableStep(3190)).to.equal(3200);
      expect(roundToTableStep(3189.99)).to.equal(3180);
      expect(roundToTableStep(0)).to.equal(0);
    });

    it("estimates the same allowance for every pay on the same step, and shows the step", () => {
      const at = (grossTarget: number) => claim([regular({ grossTarget })]);
      expect(value(at(3190), "/employees/0/allowance")).to.equal(452.65);
      expect(value(at(3209.99), "/employees/0/allowance")).to.equal(452.65);
      expect(value(at(3210), "/employees/0/allowance")).to.equal(459.5);
      expect(at(3209.99).values["/employees/0/targetNet"]?.inputs).to.include({ grossTarget: 3209.99, tableGross: 3200 });
      const actual = claim([regular({ grossActual: 1929.99 })]);
      expect(actual.values["/employees/0/actualNet"]?.inputs).to.include({ grossActual: 1929.99, tableGross: 1920 });
    });

    it("caps the target gross at the pension ceiling of the claimed month's year, then rounds it", () => {
      expect(pensionCeiling(2025)).to.equal(8050);
      expect(pensionCeiling(2026)).to.equal(8450);
      const in2025 = claim([regular({ grossTarget: 9200, grossActual: 0 })], "2025-11");
      const in2026 = claim([regular({ grossTarget: 9200, grossActual: 0 })], "2026-02");
      expect(in2025.values["/employees/0/targetNet"]?.inputs).to.include({ taxYear: "2025", ceiling: 8050, cappedGross: 8050, tableGross: 8060 });
      expect(in2026.values["/employees/0/targetNet"]?.inputs).to.include({ taxYear: "2026", ceiling: 8450, cappedGross: 8450, tableGross: 8460 });
      expect(value(in2025, "/employees/0/targetNet")).to.equal(4537.19);
      expect(value(in2026, "/employees/0/targetNet")).to.equal(4731.16);
      // Above the ceiling a higher target changes nothing.
      const at2026Ceiling = claim([regular({ grossTarget: 8450, grossActual: 0 })], "2026-02");
      expect(value(at2026Ceiling, "/employees/0/targetNet")).to.equal(value(in2026, "/employees/0/targetNet"));
      // The loss share is of the real pay, not the capped one.
      expect(value(in2025, "/employees/0/lossShare")).to.equal(1);
    });
  });

  describe("allowance per employee", () => {
    it("computes each step of a worked example (class I, no child, 3,200 € → 1,920 € in 2025)", () => {
      const r = claim([regular()]);
      expect(value(r, "/employees/0/targetNet")).to.equal(2208.42);
      expect(value(r, "/employees/0/actualNet")).to.equal(1454);
      expect(value(r, "/employees/0/netDifference")).to.equal(754.42);
      expect(value(r, "/employees/0/rate")).to.equal(0.6);
      expect(value(r, "/employees/0/allowance")).to.equal(452.65); // 0.60 × 754.42 = 452.652
      expect(value(r, "/employees/0/lossShare")).to.equal(0.4);
      expect(r.values["/employees/0/targetNet"]?.inputs).to.include({
        taxYear: "2025",
        taxClass: 1,
        socialInsurance: 640,
        vorsorgepauschale: 7431,
        wageTax: 351.58,
        solidaritySurcharge: 0,
      });
      expect(r.values["/employees/0/actualNet"]?.inputs).to.include({ taxYear: "2025", wageTax: 82 });
    });

    it("pays 67 % with a child and 60 % without, the same net pays for both", () => {
      const without = claim([regular({ hasChild: false })]);
      const withChild = claim([regular({ hasChild: true })]);
      expect(value(withChild, "/employees/0/rate")).to.equal(0.67);
      expect(value(withChild, "/employees/0/allowance")).to.equal(505.46); // 0.67 × 754.42 = 505.4614
      expect(value(without, "/employees/0/allowance")).to.equal(452.65);
      // § 153 (1) Satz 4 Nr. 3 SGB III: the care insurance part has no child-related supplement.
      expect(value(withChild, "/employees/0/netDifference")).to.equal(value(without, "/employees/0/netDifference"));
    });

    it("raises the rate from the 4th and the 7th month of receipt for months from March 2020 to June 2022 (§ 421c (2) SGB III)", () => {
      const rateIn = (claimMonth: string, firstReceiptMonth: string | undefined, hasChild: boolean) =>
        value(compute({ period: { claimMonth, ...(firstReceiptMonth ? { firstReceiptMonth } : {}) }, employees: [regular({ hasChild })] }), "/employees/0/rate");
      // Receipt since April 2020: June is the 3rd month, July the 4th, October the 7th.
      expect(rateIn("2020-06", "2020-04", false)).to.equal(0.6);
      expect(rateIn("2020-07", "2020-04", false)).to.equal(0.7);
      expect(rateIn("2020-07", "2020-04", true)).to.equal(0.77);
      expect(rateIn("2020-09", "2020-04", true)).to.equal(0.77);
      expect(rateIn("2020-10", "2020-04", false)).to.equal(0.8);
      expect(rateIn("2020-10", "2020-04", true)).to.equal(0.87);
      expect(rateIn("2022-06", "2020-04", true)).to.equal(0.87);
      // The rule ended with June 2022: the 27th month of receipt gets the rate of § 105 again.
      expect(rateIn("2022-07", "2020-04", true)).to.equal(0.67);
      // Without a first month the claimed month is the first.
      expect(rateIn("2021-03", undefined, true)).to.equal(0.67);
      // A raised rate needs no wage tax figures of its year to be shown.
      const r = compute({ period: { claimMonth: "2021-01", firstReceiptMonth: "2020-03" }, employees: [regular({ hasChild: true })] });
      expect(r.values["/employees/0/rate"]?.inputs).to.deep.include({ receiptMonth: 11, rateParameter: "rateWithChildFromSeventhMonth" });
    });

    it("applies § 105 to months after June 2022 whatever the month of receipt", () => {
      // § 421c (2) ended in 2022, but a claim of 2025 with a first month in 2020 still gets § 105.
      const late = compute({ period: { claimMonth: "2025-03", firstReceiptMonth: "2024-01" }, employees: [regular()] });
      expect(value(late, "/employees/0/rate")).to.equal(0.6);
      expect(value(late, "/employees/0/allowance")).to.equal(452.65);
    });

    it("uses the figures of the claimed month's year", () => {
      const in2026 = claim([regular()], "2026-01");
      expect(value(in2026, "/employees/0/netDifference")).to.equal(757.25);
      expect(value(in2026, "/employees/0/allowance")).to.equal(454.35);
    });

    it("rounds half a cent up", () => {
      // Net difference 160.50 (class III, 3,000 → 2,760 € in 2025): 0.67 × 160.50 = 107.535.
      const r = claim([regular({ taxClass: 3, hasChild: true, grossTarget: 3000, grossActual: 2760 })]);
      expect(value(r, "/employees/0/netDifference")).to.equal(160.5);
      expect(value(r, "/employees/0/allowance")).to.equal(107.54);
    });

    it("changes with the tax class", () => {
      const allowance = (taxClass: 1 | 3 | 5) =>
        value(claim([regular({ taxClass, grossTarget: 4100, grossActual: 2460 })]), "/employees/0/allowance");
      expect(allowance(3)).to.not.equal(allowance(1));
      expect(allowance(5)).to.not.equal(allowance(1));
    });

    it("never pays a negative allowance when the actual pay exceeds the target", () => {
      const r = claim([regular({ grossTarget: 2000, grossActual: 2500 })]);
      expect(value(r, "/employees/0/netDifference")).to.be.below(0);
      expect(value(r, "/employees/0/allowance")).to.equal(0);
    });

    it("gives minijobbers and apprentices no allowance", () => {
      const r = claim([
        { name: "Lena", insuranceNumber: "24170301H042", employmentType: "minijob" },
        { name: "Paul", insuranceNumber: "24020906B011", employmentType: "apprentice" },
        regular(),
      ]);
      expect(r.values["/employees/0/allowance"]).to.deep.include({ value: 0, rule: "notEntitled" });
      expect(r.values["/employees/1/allowance"]).to.deep.include({ value: 0, rule: "notEntitled" });
      expect(r.values).to.not.have.property("/employees/0/targetNet");
      expect(value(r, "/allowanceTotal")).to.equal(452.65);
    });

    it("sums the allowances to the cent", () => {
      const r = claim([
        regular(),
        regular({ taxClass: 3, hasChild: true, grossTarget: 4100, grossActual: 2460 }),
        regular({ taxClass: 4, hasChild: true, grossTarget: 2850.5, grossActual: 1710.3 }),
      ]);
      expect(value(r, "/allowanceTotal")).to.equal(1628.22); // 452.65 + 717.91 + 457.66
    });

    it("never jumps by more than a few euros between pays 10 € apart, in any tax class (sliding zone)", () => {
      // Between two neighbouring 20 € steps the net pay moves by at most 16 € (20 € less 20 %), so
      // the allowance by at most 0.67 × 16 €; the surcharge's exemption limit without its sliding
      // zone would add a jump of some 55 € there.
      fc.assert(
        fc.property(
          fc.constantFrom<2025 | 2026>(2025, 2026),
          fc.constantFrom<TaxClass>(1, 2, 3, 4, 5, 6),
          fc.boolean(),
          fc.integer({ min: 0, max: 300 }),
          (year, taxClass, hasChild, actualTens) => {
            const grossActual = actualTens * 10;
            const allowance = (grossTarget: number) =>
              value(claim([regular({ taxClass, hasChild, grossTarget, grossActual })], `${year}-06`), "/employees/0/allowance") as number;
            let previous = allowance(0);
            for (let grossTarget = 10; grossTarget <= pensionCeiling(year); grossTarget += 10) {
              const next = allowance(grossTarget);
              if (Math.abs(next - previous) > 11) return false;
              previous = next;
            }
            return true;
          },
        ),
        { numRuns: 40 },
      );
    });
  });

  describe("claimed month and tax year", () => {
    it("shows no amounts for a month outside the supported years, and says why", () => {
      const r = compute({
        period: { claimMonth: "2021-01" },
        workforce: { totalEmployees: 30, affectedEmployees: 6 },
        employees: [regular()],
      });
      for (const key of ["targetNet", "actualNet", "netDifference", "allowance"]) {
        expect(r.values[`/employees/0/${key}`], key).to.deep.include({
          value: null,
          rule: "taxYearUnsupported",
          inputs: { claimMonth: "2021-01", supportedYears: "2025, 2026" },
        });
      }
      expect(value(r, "/allowanceTotal")).to.equal(null);
      // What does not need the wage tax still works: the rate, the loss share and the eligibility rules.
      expect(value(r, "/employees/0/rate")).to.equal(0.6);
      expect(value(r, "/employees/0/lossShare")).to.equal(0.4);
      expect(rule(r, "oneThirdAffected")?.passed).to.equal(true);
    });

    it("keeps the amounts open while the claimed month is missing", () => {
      const r = compute({ employees: [regular()] });
      expect(r.values["/employees/0/targetNet"]).to.deep.include({ value: null, rule: "targetNet" });
      expect(r.values["/employees/0/targetNet"]?.inputs).to.include({ taxYear: null, ceiling: null });
      expect(value(r, "/employees/0/allowance")).to.equal(null);
      expect(value(r, "/employees/0/lossShare")).to.equal(0.4);
    });
  });

  describe("missing inputs", () => {
    it("gives null, never NaN, for an empty application", () => {
      const r = compute({});
      for (const [key, v] of Object.entries(r.values)) expect(v.value, key).to.equal(null);
      for (const e of r.eligibility ?? []) expect(e.passed, e.rule).to.equal(null);
    });

    it("keeps each value open until its own inputs are there", () => {
      const r = claim([{ employmentType: "regular", taxClass: 1, grossTarget: 3200 }]);
      expect(value(r, "/employees/0/targetNet")).to.equal(2208.42);
      for (const key of ["actualNet", "netDifference", "rate", "allowance", "lossShare"]) {
        expect(value(r, `/employees/0/${key}`), key).to.equal(null);
      }
      expect(value(r, "/allowanceTotal")).to.equal(null);
      const withoutClass = claim([regular({ taxClass: undefined })]);
      expect(value(withoutClass, "/employees/0/targetNet")).to.equal(null);
      expect(value(withoutClass, "/employees/0/lossShare")).to.equal(0.4);
    });

    it("treats a non-finite number as missing", () => {
      const r = compute({
        period: { claimMonth: "2025-03" },
        employees: [regular({ grossActual: Number.NaN })],
        workforce: { totalEmployees: Number.NaN, affectedEmployees: 3 },
      });
      expect(value(r, "/employees/0/actualNet")).to.equal(null);
      expect(value(r, "/affectedShare")).to.equal(null);
      expect(rule(r, "oneThirdAffected")?.passed).to.equal(null);
    });
  });

  describe("eligibility", () => {
    const headcount = (total: number, affected: number, claimMonth?: string): Answers => ({
      workforce: { totalEmployees: total, affectedEmployees: affected },
      period: claimMonth === undefined ? {} : { claimMonth },
    });

    it("affectedAgreesWithList: with the whole list, the declared count must match the employees losing more than 10 %", () => {
      const minijob: Employee = { name: "M", insuranceNumber: "12150385W012", employmentType: "minijob" };
      const apprentice: Employee = { name: "A", insuranceNumber: "12150385W012", employmentType: "apprentice" };
      // Two lose 40 %, one loses 5 %: two affected by the list.
      const employees = [regular(), regular(), regular({ grossActual: 3040 }), minijob, apprentice];
      const check = (affected: number, listComplete?: boolean) =>
        rule(compute({ workforce: { totalEmployees: 12, affectedEmployees: affected }, employees, ...(listComplete === undefined ? {} : { employeesListComplete: listComplete }) }), "affectedAgreesWithList");
      expect(check(2, true)?.passed).to.equal(true);
      // The minijobber's pay is not asked: one more is possible, two more are not.
      expect(check(3, true)?.passed).to.equal(true);
      expect(check(4, true)).to.deep.include({ passed: false, params: { affected: 4, listed: 2, unknownPay: 1 } });
      expect(check(1, true)?.passed).to.equal(false);
      // Without the employer saying the list is whole, there is nothing to compare.
      expect(check(9)).to.equal(undefined);
      expect(check(9, false)).to.equal(undefined);
      // While a listed employee's pay is still open, the rule is not decided yet.
      const open = compute({ workforce: { totalEmployees: 12, affectedEmployees: 2 }, employees: [regular({ grossActual: undefined })], employeesListComplete: true });
      expect(rule(open, "affectedAgreesWithList")?.passed).to.equal(null);
    });

    it("oneThirdAffected: at least a third of the employees", () => {
      expect(rule(compute(headcount(12, 4, "2025-03")), "oneThirdAffected")?.passed).to.equal(true);
      expect(rule(compute(headcount(12, 3, "2025-03")), "oneThirdAffected")?.passed).to.equal(false);
      expect(rule(compute(headcount(30, 6, "2025-05")), "oneThirdAffected")?.params).to.include({
        required: 10,
        quorum: "1/3",
        quorumRule: "oneThird",
      });
      expect(rule(compute({ workforce: { totalEmployees: 12 } }), "oneThirdAffected")?.passed).to.equal(null);
    });

    it("oneThirdAffected: 10 % from March 2020 to June 2023, over each extension of the regulation", () => {
      expect(relaxedQuorumApplies("2020-02")).to.equal(false);
      for (const month of ["2020-03", "2021-12", "2022-06", "2022-07", "2022-09", "2022-12", "2023-01", "2023-06"]) expect(relaxedQuorumApplies(month), month).to.equal(true);
      expect(relaxedQuorumApplies("2023-07")).to.equal(false);
      const relaxed = rule(compute(headcount(30, 6, "2021-01")), "oneThirdAffected");
      expect(relaxed?.passed).to.equal(true);
      expect(relaxed?.params).to.include({ required: 3, quorum: "10 %", quorumRule: "relaxed2020to2023" });
      expect(rule(compute(headcount(30, 6, "2023-06")), "oneThirdAffected")?.passed).to.equal(true);
      expect(rule(compute(headcount(30, 6, "2023-07")), "oneThirdAffected")?.passed).to.equal(false);
      expect(rule(compute(headcount(30, 2, "2021-01")), "oneThirdAffected")?.passed).to.equal(false);
    });

    it("oneThirdAffected: without the month, decided only where both thresholds agree", () => {
      expect(rule(compute(headcount(30, 10)), "oneThirdAffected")?.passed).to.equal(true);
      expect(rule(compute(headcount(30, 2)), "oneThirdAffected")?.passed).to.equal(false);
      expect(rule(compute(headcount(30, 6)), "oneThirdAffected")?.passed).to.equal(null);
    });

    it("lossOfWorkUnavoidable: overtime and leave both used", () => {
      const unavoidable = (overtimeUsed?: boolean, leaveUsed?: boolean) =>
        rule(compute({ avoidance: { overtimeUsed, leaveUsed } }), "lossOfWorkUnavoidable")?.passed;
      expect(unavoidable(true, true)).to.equal(true);
      expect(unavoidable(true, false)).to.equal(false);
      expect(unavoidable(false, true)).to.equal(false);
      expect(unavoidable(false, undefined)).to.equal(false); // one "no" already decides it
      expect(unavoidable(true, undefined)).to.equal(null);
      expect(unavoidable(undefined, undefined)).to.equal(null);
    });

    it("withinMaximumDuration: 24 months of receipt under the 4th KugBeV until December 2026, 12 after", () => {
      const duration = (claimMonth: string, firstReceiptMonth?: string) =>
        rule(compute({ period: { claimMonth, ...(firstReceiptMonth ? { firstReceiptMonth } : {}) } }), "withinMaximumDuration");
      expect(duration("2025-03")).to.deep.include({ passed: true, params: { receiptMonth: 1, maximum: 24, firstReceiptMonth: "" } });
      expect(duration("2026-12", "2025-01")).to.deep.include({ passed: true, params: { receiptMonth: 24, maximum: 24, firstReceiptMonth: "2025-01" } });
      expect(duration("2026-12", "2024-12")?.passed).to.equal(false);
      // From 2027 the 12 months of § 104 (1) SGB III apply again.
      expect(duration("2027-12", "2027-01")).to.deep.include({ passed: true, params: { receiptMonth: 12, maximum: 12, firstReceiptMonth: "2027-01" } });
      expect(duration("2027-12", "2026-12")?.passed).to.equal(false);
      // Before 2025 the crisis regulations of those years applied: the form does not decide it.
      expect(duration("2021-06", "2020-03")).to.equal(undefined);
      // A first month after the claimed one (the schema refuses it) decides nothing.
      expect(duration("2025-03", "2025-05")?.passed).to.equal(null);
    });

    it("affectedAgreesWithList: a loss of exactly 10 % is not more than 10 %", () => {
      const employees = [regular({ grossTarget: 3000, grossActual: 2700 }), regular()];
      const check = (affected: number) =>
        rule(compute({ workforce: { totalEmployees: 6, affectedEmployees: affected }, employees, employeesListComplete: true }), "affectedAgreesWithList");
      expect(check(1)).to.deep.include({ passed: true, params: { affected: 1, listed: 1, unknownPay: 0 } });
      expect(check(2)?.passed).to.equal(false);
    });

    it("affectedShare", () => {
      expect(value(compute(headcount(12, 5)), "/affectedShare")).to.equal(0.4167);
    });
  });
});

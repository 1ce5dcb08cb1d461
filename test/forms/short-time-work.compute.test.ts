import { expect } from "chai";
import {
  compute as computeWith,
  annualWageTax,
  incomeTax2025,
  lumpSumNet,
  relaxedQuorumApplies,
  PENSION_CEILING_2025,
} from "../../forms/short-time-work/compute";
import type { ComputeResult, DeepPartial } from "../../server/engine/compute";
import type { ShortTimeWork } from "../../forms/short-time-work/schema.types";

type Answers = DeepPartial<ShortTimeWork>;
type Employee = NonNullable<Answers["employees"]>[number];
/** The form reads no parameter files. */
const compute = (answers: Answers) => computeWith(answers, { parameters: {} });

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

const value = (r: ComputeResult, key: string) => r.values[key]?.value;
const rule = (r: ComputeResult, id: string) => r.eligibility?.find((e) => e.rule === id);

describe("short-time-work compute", () => {
  describe("wage tax approximation (§ 32a EStG 2025)", () => {
    it("follows the tariff zones and rounds down to full euros", () => {
      expect(incomeTax2025(12_096)).to.equal(0);
      expect(incomeTax2025(17_443)).to.equal(1015); // (932.30·0.5347 + 1,400)·0.5347 = 1,015.13
      expect(incomeTax2025(40_000)).to.equal(7320); // z = 2.2557 → 7,320.82
      expect(incomeTax2025(68_480)).to.equal(17_849);
      expect(incomeTax2025(100_000)).to.equal(31_088); // 0.42·100,000 − 10,911.92
      expect(incomeTax2025(300_000)).to.equal(115_753); // 0.45·300,000 − 19,246.67
    });

    it("applies the tax class allowances", () => {
      const annual = 36_000;
      expect(annualWageTax(annual, 1)).to.equal(incomeTax2025(annual - 1230 - 36));
      expect(annualWageTax(annual, 4)).to.equal(annualWageTax(annual, 1));
      expect(annualWageTax(annual, 2)).to.equal(incomeTax2025(annual - 1230 - 36 - 4260));
      expect(annualWageTax(annual, 3)).to.equal(2 * incomeTax2025(Math.floor((annual - 1266) / 2)));
      expect(annualWageTax(annual, 5)).to.equal(incomeTax2025(annual - 1266 + 12_096));
      expect(annualWageTax(annual, 6)).to.equal(incomeTax2025(annual + 12_096));
    });

    it("orders the lump-sum net by tax class: III > II > I = IV > V > VI", () => {
      const net = (c: 1 | 2 | 3 | 4 | 5 | 6) => lumpSumNet(3000, c).net;
      expect(net(1)).to.equal(1926.09);
      expect(net(4)).to.equal(net(1));
      expect(net(2)).to.equal(2030.17);
      expect(net(3)).to.equal(2234);
      expect(net(5)).to.equal(1601.34);
      expect(net(6)).to.equal(1564.84);
    });

    it("charges the solidarity surcharge only above the exemption limit, doubled for class III", () => {
      expect(lumpSumNet(3000, 1).solidaritySurcharge).to.equal(0);
      // Class I at the ceiling: annual tax 29,128 > 19,950 → 5.5 % / 12 = 133.50.
      expect(lumpSumNet(8050, 1).solidaritySurcharge).to.equal(133.5);
      // Class III on 12,000 a month: annual tax 38,124, above 19,950 but below 2 × 19,950.
      expect(annualWageTax(144_000, 3)).to.equal(38_124);
      expect(lumpSumNet(12_000, 3).solidaritySurcharge).to.equal(0);
    });
  });

  describe("allowance per employee", () => {
    it("computes each step of a worked example (class I, no child)", () => {
      const r = compute({ employees: [regular()] });
      expect(value(r, "/employees/0/targetNet")).to.equal(2025.09);
      expect(value(r, "/employees/0/actualNet")).to.equal(1362.17);
      expect(value(r, "/employees/0/netDifference")).to.equal(662.92);
      expect(value(r, "/employees/0/rate")).to.equal(0.6);
      expect(value(r, "/employees/0/allowance")).to.equal(397.75); // 0.60 × 662.92 = 397.752
      expect(value(r, "/employees/0/lossShare")).to.equal(0.4);
      expect(r.values["/employees/0/targetNet"]?.inputs).to.include({ taxClass: 1, wageTax: 534.91, socialInsurance: 640 });
    });

    it("pays 67 % with a child and 60 % without", () => {
      const without = compute({ employees: [regular({ hasChild: false })] });
      const withChild = compute({ employees: [regular({ hasChild: true })] });
      expect(value(withChild, "/employees/0/rate")).to.equal(0.67);
      expect(value(withChild, "/employees/0/allowance")).to.equal(444.16); // 0.67 × 662.92 = 444.1564
      expect(value(without, "/employees/0/allowance")).to.equal(397.75);
    });

    it("rounds half a cent up", () => {
      // Net difference 1,494.50 (class III, 4,654.65 → 2,047.57): 0.67 × 1,494.50 = 1,001.315.
      const r = compute({ employees: [regular({ taxClass: 3, hasChild: true, grossTarget: 4654.65, grossActual: 2047.57 })] });
      expect(value(r, "/employees/0/netDifference")).to.equal(1494.5);
      expect(value(r, "/employees/0/allowance")).to.equal(1001.32);
    });

    it("caps the target gross at the pension insurance ceiling", () => {
      const above = compute({ employees: [regular({ grossTarget: 9200, grossActual: 0 })] });
      const at = compute({ employees: [regular({ grossTarget: PENSION_CEILING_2025, grossActual: 0 })] });
      expect(value(above, "/employees/0/targetNet")).to.equal(value(at, "/employees/0/targetNet"));
      expect(value(above, "/employees/0/targetNet")).to.equal(3879.17);
      expect(above.values["/employees/0/targetNet"]?.inputs).to.include({ grossTarget: 9200, cappedGross: 8050, ceiling: 8050 });
      // The loss share is of the real pay, not the capped one.
      expect(value(above, "/employees/0/lossShare")).to.equal(1);
    });

    it("changes with the tax class", () => {
      const allowance = (taxClass: 1 | 3 | 5) =>
        value(compute({ employees: [regular({ taxClass, grossTarget: 4100, grossActual: 2460 })] }), "/employees/0/allowance");
      expect(allowance(3)).to.not.equal(allowance(1));
      expect(allowance(5)).to.not.equal(allowance(1));
    });

    it("never pays a negative allowance when the actual pay exceeds the target", () => {
      const r = compute({ employees: [regular({ grossTarget: 2000, grossActual: 2500 })] });
      expect(value(r, "/employees/0/netDifference")).to.be.below(0);
      expect(value(r, "/employees/0/allowance")).to.equal(0);
    });

    it("gives minijobbers and apprentices no allowance", () => {
      const r = compute({
        employees: [
          { name: "Lena", insuranceNumber: "24170301H042", employmentType: "minijob" },
          { name: "Paul", insuranceNumber: "24020906B011", employmentType: "apprentice" },
          regular(),
        ],
      });
      expect(r.values["/employees/0/allowance"]).to.deep.include({ value: 0, rule: "notEntitled" });
      expect(r.values["/employees/1/allowance"]).to.deep.include({ value: 0, rule: "notEntitled" });
      expect(r.values).to.not.have.property("/employees/0/targetNet");
      expect(value(r, "/allowanceTotal")).to.equal(397.75);
    });

    it("sums the allowances to the cent", () => {
      const r = compute({
        employees: [
          regular(),
          regular({ taxClass: 3, hasChild: true, grossTarget: 4100, grossActual: 2460 }),
          regular({ taxClass: 4, hasChild: true, grossTarget: 2850.5, grossActual: 1710.3 }),
        ],
      });
      expect(value(r, "/allowanceTotal")).to.equal(1421.06); // 397.75 + 618.63 + 404.68
    });
  });

  describe("missing inputs", () => {
    it("gives null, never NaN, for an empty application", () => {
      const r = compute({});
      for (const [key, v] of Object.entries(r.values)) expect(v.value, key).to.equal(null);
      for (const e of r.eligibility ?? []) expect(e.passed, e.rule).to.equal(null);
    });

    it("keeps each value open until its own inputs are there", () => {
      const r = compute({ employees: [{ employmentType: "regular", taxClass: 1, grossTarget: 3200 }] });
      expect(value(r, "/employees/0/targetNet")).to.equal(2025.09);
      for (const key of ["actualNet", "netDifference", "rate", "allowance", "lossShare"]) {
        expect(value(r, `/employees/0/${key}`), key).to.equal(null);
      }
      expect(value(r, "/allowanceTotal")).to.equal(null);
      const withoutClass = compute({ employees: [regular({ taxClass: undefined })] });
      expect(value(withoutClass, "/employees/0/targetNet")).to.equal(null);
      expect(value(withoutClass, "/employees/0/lossShare")).to.equal(0.4);
    });

    it("treats a non-finite number as missing", () => {
      const r = compute({ employees: [regular({ grossActual: Number.NaN })], workforce: { totalEmployees: Number.NaN, affectedEmployees: 3 } });
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

    it("oneThirdAffected: 10 % from March 2020 to June 2022", () => {
      expect(relaxedQuorumApplies("2020-02")).to.equal(false);
      expect(relaxedQuorumApplies("2020-03")).to.equal(true);
      expect(relaxedQuorumApplies("2022-06")).to.equal(true);
      expect(relaxedQuorumApplies("2022-07")).to.equal(false);
      const relaxed = rule(compute(headcount(30, 6, "2021-01")), "oneThirdAffected");
      expect(relaxed?.passed).to.equal(true);
      expect(relaxed?.params).to.include({ required: 3, quorum: "10 %", quorumRule: "relaxed2020to2022" });
      expect(rule(compute(headcount(30, 6, "2022-07")), "oneThirdAffected")?.passed).to.equal(false);
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

    it("affectedShare", () => {
      expect(value(compute(headcount(12, 5)), "/affectedShare")).to.equal(0.4167);
    });
  });
});

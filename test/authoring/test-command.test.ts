/** `formpilot test`: the worked examples replayed, with a readable diff when one is wrong. */
import { expect } from "chai";
import { readdirSync } from "node:fs";
import path from "node:path";
import { askedDiff } from "../../server/authoring/diff";
import { formsRoot } from "../../server/forms/paths";
import { fixturesRoot } from "../support/forms";
import { brokenFixture, editJson, formpilot, removeTemps } from "./helpers";

describe("formpilot test", () => {
  after(removeTemps);

  for (const dir of [...readdirSync(formsRoot, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name), path.join(fixturesRoot, "branching")]) {
    it(`passes on ${path.basename(dir)}`, async () => {
      const run = await formpilot("test", dir);
      expect(run.code, run.out.join("\n")).to.equal(0);
      expect(run.out[run.out.length - 1]).to.match(/: \d+ passed, 0 failed$/);
    });
  }

  it("shows which parameter values each example used, with their period and legal reference", async () => {
    const run = await formpilot("test", "employment-retention-kr");
    const leave = run.out.findIndex((line) => line.includes("examples/leave-every-branch.json"));
    const next = run.out.findIndex((line, i) => i > leave && /^(ok|FAIL)/.test(line));
    const used = run.out.slice(leave + 1, next).map((line) => line.trim());
    expect(used).to.include("parameter supportRatioLarge = 1/2 (in force from 2025-01-01; 고용보험법 제21조, 같은 법 시행령 제21조 (지원 비율: 그 밖의 기업))");
    expect(used).to.include("parameter dailyCap = ₩66,000 (in force from 2025-01-01; 고용보험법 제21조, 같은 법 시행령 제21조 (1일 지원 한도))");
    // A 휴직 claim of a large enterprise reads neither the priority ratio nor the 휴업 figures.
    expect(used.join("\n")).not.to.match(/supportRatioPriority|hoursReductionOver|allowanceMin/);
  });

  it("finds text in the example's PDF", async () => {
    const dir = await brokenFixture((d) =>
      editJson(path.join(d, "examples/shop.json"), (e) => {
        e.expect.pdfText = ["Branching test form", "ada@example.org", "Total pay   €1,200.50"];
      }),
    );
    const run = await formpilot("test", dir);
    expect(run.code, run.out.join("\n")).to.equal(0);
  });

  it("shows per field what a wrong example expected and what it got", async () => {
    const dir = await brokenFixture((d) =>
      editJson(path.join(d, "examples/shop.json"), (e) => {
        e.expect.asked.splice(5, 1, "/factoryShifts");
        e.expect.eligible = false;
        e.expect.derived["/totalPay"] = 1200.49;
        e.expect.pdfText = ["Ada", "Grace"];
      }),
    );
    const run = await formpilot("test", dir);
    expect(run.code).to.equal(1);
    const at = run.out.indexOf("FAIL examples/shop.json: A shop with one paid and one unpaid person, a note and an e-mail address");
    expect(at).to.be.greaterThan(-1);
    expect(run.out.slice(at + 1, at + 13)).to.deep.equal([
      "       asked: first difference at question 6 (15 expected, 15 asked); - expected, + asked",
      "            4  /applicant/iban",
      "            5  /kind",
      "         -  6  /factoryShifts",
      "         -  7  /start",
      "         -  8  /note",
      "         +  6  /shopArea",
      "         +  7  /start",
      "         +  8  /note",
      "       eligible: expected false, got true",
      "       derived /totalPay: expected 1200.49, got 1200.5",
      '       pdfText: not in the PDF: "Grace"',
    ]);
    expect(run.out[run.out.length - 1]).to.equal("branching: 2 passed, 1 failed");
  });

  it("says where the engine stopped when an example asks fewer questions than expected", () => {
    expect(askedDiff(["/a", "/b", "/c"], ["/a"])).to.deep.equal([
      "asked: first difference at question 2 (3 expected, 1 asked); - expected, + asked",
      "    1  /a",
      "  - 2  /b",
      "  - 3  /c",
      "  +    (nothing more)",
    ]);
  });

  it("reports an answer the engine refuses, with its message", async () => {
    const dir = await brokenFixture((d) =>
      editJson(path.join(d, "examples/unpaid-factory.json"), (e) => {
        e.answers.factoryShifts = 4;
      }),
    );
    const run = await formpilot("test", dir);
    expect(run.code).to.equal(1);
    expect(run.out).to.include("       refused: /factoryShifts: At most 3 shifts. (maximum)");
  });

  it("fails on a form that does not load, with its problems", async () => {
    const dir = await brokenFixture((d) => editJson(path.join(d, "locales/de.json"), (l) => delete l.fields["/start"]));
    const run = await formpilot("test", dir);
    expect(run.code).to.equal(1);
    expect(run.err[0]).to.equal("branching does not load (run formpilot lint for details):");
  });
});

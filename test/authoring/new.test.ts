/**
 * `formpilot new`: a scaffolded package works as it is, in a folder of its own, which proves that a
 * third form needs no change outside its folder: it loads, lints clean but for the privacy notice
 * it leaves to fill in, passes its own worked
 * example and is walked by the engine.
 */
import { expect } from "chai";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { replay } from "../../server/engine/replay";
import { stateOf } from "../../server/engine/present";
import { loadPackages } from "../../server/forms/load";
import { syncTypes } from "../../server/authoring/types";
import { formpilot, removeTemps, tempDir } from "./helpers";

describe("formpilot new", () => {
  after(removeTemps);

  it("scaffolds a package that loads, lints with the privacy notice left to fill in, passes its example and is walked by the engine", async () => {
    const root = await tempDir();
    const created = await formpilot("new", "housing-benefit", "--root", root);
    expect(created.code, created.err.join("\n")).to.equal(0);
    const dir = path.join(root, "housing-benefit");
    expect((await readdir(dir, { recursive: true })).sort()).to.deep.equal(
      ["examples", "examples/complete.json", "locales", "locales/de.json", "locales/en.json", "locales/ko.json", "privacy", "privacy/de.json", "privacy/en.json", "privacy/ko.json", "schema.json", "schema.types.ts"],
    );

    const [pkg] = await loadPackages(root);
    expect(pkg?.problems).to.deep.equal([]);
    const lint = await formpilot("lint", dir, "--json");
    const report = JSON.parse(lint.out.join("\n"));
    // Every text of the notice, in every language, is the template's until the author writes it.
    const toFill = report.findings.filter((f: { code: string }) => f.code === "privacy_notice_to_fill");
    expect(toFill).to.have.length(3 * 16);
    expect(toFill.map((f: { file: string; pointer: string }) => `${f.file}:${f.pointer}`)).to.include.members(["privacy/ko.json:/summary/collected", "privacy/de.json:/rights/complaint", "privacy/en.json:/legalBasis/0"]);
    expect(report).to.include({ errors: 0, warnings: toFill.length });
    expect(lint.code).to.equal(0);
    const test = await formpilot("test", dir);
    expect(test.out).to.deep.equal(["ok   examples/complete.json: The one question answered", "housing-benefit: 1 passed, 0 failed"]);
    expect((await formpilot("paths", dir, "--coverage", "--strict")).code).to.equal(0);

    const form = pkg!.form!;
    const run = replay(form, { fullName: "Grace Hopper" });
    expect(run.asked).to.deep.equal(["/fullName"]);
    expect(stateOf(form, run.session, "ko").complete).to.equal(true);
    expect(await syncTypes([root], true), "schema.types.ts is current").to.deep.equal([]);
    expect(await readFile(path.join(dir, "schema.types.ts"), "utf8")).to.contain("export interface HousingBenefit {");
  });

  it("refuses an existing folder and an id that is not lower-case letters, digits and dashes", async () => {
    const root = await tempDir();
    expect((await formpilot("new", "pet-grant", "--root", root)).code).to.equal(0);
    const again = await formpilot("new", "pet-grant", "--root", root);
    expect(again.code).to.equal(2);
    expect(again.err[0]).to.match(/^formpilot new: .*pet-grant already exists: choose another id, or edit that form$/);
    for (const id of ["Pet", "2pets", "pet_grant", "../pet"]) {
      const bad = await formpilot("new", id, "--root", root);
      expect(bad.code, id).to.equal(2);
      expect(bad.err[0]).to.equal(`formpilot new: "${id}" is not a form id: use lower-case letters, digits and dashes, starting with a letter`);
    }
    expect(await readdir(root)).to.deep.equal(["pet-grant"]);
  });
});

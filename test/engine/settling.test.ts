import { expect } from "chai";
import path from "node:path";
import { fixturesRoot, loadFixture } from "../support/forms";
import { answer } from "../../server/engine/flow";
import type { Session } from "../../server/engine/session";
import { lintPackage } from "../../server/authoring/lint";

describe("conditions that feed each other", () => {
  // x is asked once y is given; y is asked once x is "no" or left blank: with x's earlier "yes" kept
  // aside, each round brings x back, which sends y away, which sends x away, which brings y back.
  const looping: Session = { answers: { y: 1 }, stash: { "/x": "yes" }, skipped: ["/x"], history: ["/x", "/y"] };

  it("an answer that leaves the branches switching is refused, naming the answers, and nothing changes", async () => {
    const form = await loadFixture("settling-loop");
    const outcome = answer(form, looping, "/y", "2", "en");
    expect(outcome.session).to.equal(looping);
    expect(outcome.problems).to.have.length(1);
    const [problem] = outcome.problems;
    expect(problem).to.include({ code: "not_settling", pointer: "/x" });
    expect(problem!.related).to.deep.equal(["/y"]);
    expect(problem!.message).to.include("(/x, /y)").and.include("Nothing was stored");
  });

  it("lint finds the loop", async () => {
    const report = await lintPackage(path.join(fixturesRoot, "settling-loop"));
    expect(report.findings.filter((f) => f.code === "conditions_feed_each_other").map((f) => f.pointer)).to.deep.equal(["/properties/y"]);
  });
});

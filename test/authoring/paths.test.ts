/** `formpilot paths`: the routes through a form, examples generated per route, and coverage. */
import { expect } from "chai";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { exploreRoutes } from "../../server/authoring/routes";
import { fixturesRoot, loadFixture, loadForm } from "../support/forms";
import { writeReadmeForm } from "../support/readme-form";
import { patternSample } from "../../server/engine/kinds/pattern-sample";
import { brokenFixture, editJson, formpilot, removeTemps, tempDir } from "./helpers";

const branching = path.join(fixturesRoot, "branching");

describe("formpilot paths", () => {
  after(removeTemps);

  it("finds the 16 routes of the branching fixture", async () => {
    // Counted by hand. Four answers decide what is asked, each in two ways, independently:
    //   /applicant/email   given → emailConsent is asked (dependentRequired), or left blank;
    //   /kind              shop → shopArea, factory → factoryShifts (if/then/else);
    //   /note              given → noteLanguage is asked (dependentSchemas), or left blank;
    //   /people/0/paid     yes → pay is asked (if/then in the item), or no.
    // 2 × 2 × 2 × 2 = 16. Nothing else branches: iban, start and tags are asked on every route,
    // emailConsent's and noteLanguage's own answers decide nothing, and with one item per group
    // the "add another person?" step does not either (people is required, minItems 1).
    const { routes, walks, unanswerable, truncated } = exploreRoutes(await loadFixture("branching"));
    expect([routes.length, walks.length, unanswerable, truncated]).to.deep.equal([16, 16, [], false]);
    expect(new Set(routes.map((r) => r.asked.join())).size).to.equal(16);
    const run = await formpilot("paths", branching);
    expect(run.code).to.equal(0);
    expect(run.out[0]).to.equal("branching: 16 routes (16 combinations of deciding answers walked)");
    expect(run.out).to.include.members([
      "Route 16",
      '  decided by: /applicant/email = (left blank); /kind = "factory"; /note = (left blank); /people/0/paid = false',
      "  asks (10): /applicant/name, /applicant/email, /applicant/iban, /kind, /factoryShifts, /start, /note, /tags, /people/0/name, /people/0/paid",
    ]);
  });

  it("finds the 2 routes of the README's minimal form: with a pet and without", async () => {
    const dir = await writeReadmeForm();
    const { routes } = exploreRoutes(await loadForm(dir));
    await rm(path.dirname(dir), { recursive: true, force: true });
    expect(routes.map((r) => [r.decisions, r.asked])).to.deep.equal([
      [[{ pointer: "/hasPet", value: true }], ["/name", "/hasPet", "/petName"]],
      [[{ pointer: "/hasPet", value: false }], ["/name", "/hasPet"]],
    ]);
  });

  it("names a question it has no valid answer for instead of listing fewer routes silently", async () => {
    // No generator for this pattern (a negated class), and no worked example answers it.
    const dir = await brokenFixture((d) =>
      editJson(path.join(d, "schema.json"), (s) => {
        s.properties.applicant.properties.name.pattern = "^[^0-9]+ [^0-9]+$";
      }),
    );
    const run = await formpilot("paths", dir);
    expect(run.code).to.equal(1);
    expect(run.err).to.deep.equal(["no valid sample answer for /applicant/name: routes through it are not listed. Add a worked example that answers it."]);
  });

  it("says which routes the worked examples take, and fails on an uncovered one only with --strict", async () => {
    const run = await formpilot("paths", branching, "--coverage");
    expect(run.code).to.equal(0);
    // shop.json has a paid and an unpaid person: it takes two routes, one per item.
    expect(run.out.filter((l) => l.startsWith("Route ") && l.includes("covered by"))).to.deep.equal([
      "Route 1 — covered by examples/shop.json",
      "Route 2 — covered by examples/shop.json",
      "Route 16 — covered by examples/unpaid-factory.json",
    ]);
    expect(run.out).to.include.members(["examples/incomplete.json takes none of these routes (it is incomplete)", "coverage: 3 of 16 routes taken by the worked examples"]);
    expect((await formpilot("paths", branching, "--coverage", "--strict")).code).to.equal(1);
  });

  it("writes one example per route that replays as written, and then covers every route", async () => {
    const dir = await brokenFixture(async () => {});
    const run = await formpilot("paths", dir, "--examples", path.join(dir, "examples"));
    expect(run.code, run.err.join("\n")).to.equal(0);
    const files = (await readdir(path.join(dir, "examples"))).filter((f) => f.startsWith("route-"));
    expect(files).to.have.length(16);
    const first = JSON.parse(await readFile(path.join(dir, "examples", "route-01.json"), "utf8"));
    expect(first.expect).to.deep.equal({
      complete: true,
      asked: ["/applicant/name", "/applicant/email", "/applicant/emailConsent", "/applicant/iban", "/kind", "/shopArea", "/start", "/note", "/noteLanguage", "/tags", "/people/0/name", "/people/0/paid", "/people/0/pay"],
    });
    expect(first.answers.applicant).to.deep.equal({ name: "Example answer", email: "applicant@example.org", emailConsent: true, iban: "DE89370400440532013000" });
    expect((await formpilot("test", dir)).code).to.equal(0);
    expect((await formpilot("paths", dir, "--coverage", "--strict")).code).to.equal(0);
    const again = await formpilot("paths", dir, "--examples", path.join(dir, "examples"));
    expect(again.code).to.equal(1);
    expect(again.err[0]).to.match(/^not writing examples: .*route-01\.json, .* already exist$/);
  });

  it("answers a question with a pattern as the form's first worked example does", async () => {
    const dir = await tempDir();
    const run = await formpilot("paths", "short-time-work", "--examples", dir);
    expect(run.code, run.err.join("\n")).to.equal(0);
    const example = JSON.parse(await readFile(path.join(dir, "route-01.json"), "utf8"));
    // examples/covid-era-ten-percent-quorum.json comes first.
    expect(example.answers.employer.companyNumber).to.equal("34567890");
  });

  it("generates the shortest match of every pattern the bundled forms use, for forms without examples", () => {
    const patterns = ["^[0-9]{8}$", "^\\+?[0-9][0-9 /()-]{4,24}$", "^[0-9]{4}-(0[1-9]|1[0-2])$", "^[0-9]{2}[0-9]{6}[A-Z][0-9]{3}$", "^[0-9]{3}-[0-9]{2}-[0-9]{5}$", "^[0-9][0-9 -]{6,18}[0-9]$"];
    expect(patterns.map(patternSample)).to.deep.equal(["00000000", "00000", "0000-01", "00000000A000", "000-00-00000", "00000000"]);
    expect(patternSample("^[^0-9]+$"), "a negated class").to.equal(undefined);
  });
});

/** A broken form package is refused at load with the file, the JSON pointer and the fix. */
import { expect } from "chai";
import { cp, mkdtemp, readFile, writeFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fixturesRoot } from "../support/forms";
import { loadPackage, formatProblems } from "../../server/forms/load";

const copies: string[] = [];

async function brokenCopy(edit: (dir: string) => Promise<void>) {
  const root = await mkdtemp(path.join(os.tmpdir(), "formpilot-broken-"));
  copies.push(root);
  const dir = path.join(root, "branching");
  await cp(path.join(fixturesRoot, "branching"), dir, { recursive: true });
  await edit(dir);
  return loadPackage(dir);
}

async function editJson(file: string, change: (json: Record<string, any>) => void) {
  const json = JSON.parse(await readFile(file, "utf8"));
  change(json);
  await writeFile(file, JSON.stringify(json));
}

describe("checking a form package at load", () => {
  after(() => Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true }))));

  it("loads the intact fixture without problems", async () => {
    const pkg = await loadPackage(path.join(fixturesRoot, "branching"));
    expect(pkg.problems).to.deep.equal([]);
    expect(pkg.form?.version).to.equal("1.0.0");
  });

  it("names the file and position of a JSON syntax error", async () => {
    const pkg = await brokenCopy((dir) => writeFile(path.join(dir, "locales/de.json"), '{ "form": '));
    expect(pkg.form).to.equal(undefined);
    expect(pkg.problems[0]).to.include({ code: "invalid_json", file: "locales/de.json" });
    expect(formatProblems(pkg)).to.match(/locales\/de\.json: locales\/de\.json is not valid JSON/);
  });

  it("refuses a condition that refers to a property that does not exist", async () => {
    const pkg = await brokenCopy((dir) =>
      editJson(path.join(dir, "schema.json"), (s) => {
        s.allOf[0].if.properties = { knd: { const: "shop" } };
      }),
    );
    expect(pkg.problems).to.deep.include({
      code: "unknown_property_in_condition",
      file: "schema.json",
      pointer: "/allOf/0/if",
      message: 'The condition (if) names "knd", which is not a property of this object',
      fix: 'Declare "knd" under the root/properties, or correct the name.',
      severity: "error",
    });
  });

  it("refuses a branch that requires a property that does not exist, inside a group too", async () => {
    const pkg = await brokenCopy((dir) =>
      editJson(path.join(dir, "schema.json"), (s) => {
        s.properties.people.items.then.required = ["salary"];
      }),
    );
    expect(pkg.problems.map((p) => [p.code, p.pointer])).to.deep.include(["unknown_property_in_condition", "/properties/people/items/then"]);
  });

  it("refuses an unknown or malformed x- annotation", async () => {
    const pkg = await brokenCopy((dir) =>
      editJson(path.join(dir, "schema.json"), (s) => {
        s.properties.kind["x-colour"] = "red";
        s.properties.note["x-widget"] = "slider";
      }),
    );
    expect(pkg.problems.map((p) => [p.code, p.pointer])).to.deep.include.members([
      ["unknown_annotation", "/properties/kind/x-colour"],
      ["invalid_annotation", "/properties/note/x-widget"],
    ]);
  });

  it("refuses column names of an imported list that are not a list of names, in the schema or a locale", async () => {
    const pkg = await brokenCopy(async (dir) => {
      await editJson(path.join(dir, "schema.json"), (s) => {
        s.properties.people.items.properties.name["x-columns"] = "Name";
        s.properties.people.items.properties.pay["x-columns"] = [];
      });
      await editJson(path.join(dir, "locales/de.json"), (l) => {
        l.fields["/people/*/name"].columns = "Name";
      });
    });
    expect(pkg.problems.map((p) => [p.code, p.pointer])).to.deep.include.members([
      ["invalid_annotation", "/properties/people/items/properties/name/x-columns"],
      ["invalid_annotation", "/properties/people/items/properties/pay/x-columns"],
    ]);
    expect(pkg.problems.some((p) => p.file === "locales/de.json")).to.equal(true);
    expect(pkg.form).to.equal(undefined);
  });

  it("refuses a privacy class or an export coarsening that does not exist, or does not fit its question", async () => {
    const pkg = await brokenCopy((dir) =>
      editJson(path.join(dir, "schema.json"), (s) => {
        s.properties.kind["x-privacy"] = "secret";
        s.properties.start["x-export"] = { coarsen: "week" };
        s.properties.shopArea["x-export"] = { coarsen: "month" };
        s.properties.factoryShifts["x-export"] = { coarsen: { step: 0 } };
        s.properties.applicant["x-export"] = { coarsen: "year" };
      }),
    );
    expect(pkg.problems.map((p) => [p.code, p.pointer])).to.deep.include.members([
      ["invalid_annotation", "/properties/kind/x-privacy"],
      ["unknown_coarsening", "/properties/start/x-export/coarsen"],
      ["coarsening_does_not_fit", "/properties/shopArea/x-export/coarsen"],
      ["invalid_coarsening", "/properties/factoryShifts/x-export/coarsen"],
      ["export_coarsening_misplaced", "/properties/applicant/x-export"],
    ]);
    expect(pkg.form).to.equal(undefined);
  });

  it("refuses a schema that Ajv cannot compile", async () => {
    const pkg = await brokenCopy((dir) =>
      editJson(path.join(dir, "schema.json"), (s) => {
        s.properties.start.minLength = "three";
      }),
    );
    expect(pkg.problems[0]).to.include({ code: "schema_does_not_compile", file: "schema.json" });
  });

  it("detects a missing translation of a question and of a choice label", async () => {
    const pkg = await brokenCopy((dir) =>
      editJson(path.join(dir, "locales/ko.json"), (l) => {
        delete l.fields["/start"];
        delete l.fields["/kind"].choices.factory;
      }),
    );
    expect(pkg.problems.map((p) => [p.code, p.file, p.pointer])).to.deep.include.members([
      ["missing_translation", "locales/ko.json", "/fields/~1start"],
      ["missing_translation", "locales/ko.json", "/fields/~1kind"],
    ]);
    expect(pkg.problems.find((p) => p.pointer === "/fields/~1kind")?.message).to.equal('the label of choice "factory" of /kind is missing in ko');
  });

  it("detects a missing locale file and a text for a question that does not exist", async () => {
    const pkg = await brokenCopy(async (dir) => {
      await rm(path.join(dir, "locales/de.json"));
      await editJson(path.join(dir, "locales/en.json"), (l) => {
        l.fields["/colour"] = { title: "Colour" };
      });
    });
    expect(pkg.problems.map((p) => [p.code, p.file])).to.deep.include.members([
      ["missing_locale", "locales/de.json"],
      ["unknown_text_key", "locales/en.json"],
    ]);
  });

  it("refuses a compute.ts that does not export compute, or does not load", async () => {
    const wrongExport = await brokenCopy((dir) => writeFile(path.join(dir, "compute.ts"), "export const calculate = () => ({ values: {} });\n"));
    expect(wrongExport.problems[0]).to.include({ code: "invalid_compute", file: "compute.ts" });
    const broken = await brokenCopy((dir) => writeFile(path.join(dir, "compute.ts"), "export const compute = (;\n"));
    expect(broken.problems[0]).to.include({ code: "compute_does_not_load", file: "compute.ts" });
  });

  it("refuses an example of the wrong shape", async () => {
    const pkg = await brokenCopy((dir) => writeFile(path.join(dir, "examples/bad.json"), JSON.stringify({ answers: {}, expect: { complete: "yes" } })));
    expect(pkg.problems.map((p) => [p.code, p.file, p.pointer])).to.deep.include.members([
      ["invalid_example", "examples/bad.json", ""],
      ["invalid_example", "examples/bad.json", "/expect/complete"],
    ]);
  });

  it("never reports a stack trace", async () => {
    const pkg = await brokenCopy((dir) => writeFile(path.join(dir, "schema.json"), "[]"));
    expect(formatProblems(pkg)).to.not.match(/\n\s+at /);
    expect(pkg.problems[0]).to.include({ code: "invalid_schema" });
  });
});

/**
 * `formpilot lint` on deliberately broken copies of the branching fixture, one kind of mistake
 * each: every finding names its code, file, pointer and severity, and errors fail the exit code.
 */
import { expect } from "chai";
import { readdirSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Finding } from "../../server/authoring/finding";
import { formsRoot } from "../../server/forms/paths";
import { fixturesRoot } from "../support/forms";
import { templateReferenceFindings } from "../../server/authoring/template-references";
import { brokenFixture, editJson, formpilot, removeTemps } from "./helpers";

async function lint(dir: string): Promise<{ code: number; findings: Finding[]; notes: { pointer: string; message: string }[] }> {
  const run = await formpilot("lint", dir, "--json");
  const report = JSON.parse(run.out.join("\n"));
  return { code: run.code, findings: report.findings, notes: report.notes };
}

const brief = (findings: Finding[]) => findings.map(({ severity, code, file, pointer }) => ({ severity, code, file, pointer }));

describe("formpilot lint", () => {
  after(removeTemps);

  for (const dir of readdirSync(formsRoot, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    it(`finds no errors in the bundled form ${dir.name}`, async () => {
      const { code, findings } = await lint(dir.name);
      expect(findings.filter((f) => f.severity === "error")).to.deep.equal([]);
      expect(code).to.equal(0);
    });
  }

  it("finds nothing at all in the intact fixture, and says so in one line per finding", async () => {
    expect((await lint(path.join(fixturesRoot, "branching"))).findings).to.deep.equal([]);
    const run = await formpilot("lint", path.join(fixturesRoot, "branching"));
    expect(run.out).to.deep.equal(["branching: 0 errors, 0 warnings"]);
  });

  it("reports a condition that can never be true, and the question only it brings in", async () => {
    // "shp" is not among kind's choices: shopArea can never be asked. Without the else,
    // factoryShifts is no longer conditional at all, so it is asked (as an optional question).
    const dir = await brokenFixture((d) =>
      editJson(path.join(d, "schema.json"), (s) => {
        s.allOf[0].if.properties.kind.const = "shp";
        delete s.allOf[0].else;
      }),
    );
    const { code, findings } = await lint(dir);
    expect(brief(findings)).to.deep.equal([
      { severity: "error", code: "condition_never_true", file: "schema.json", pointer: "/allOf/0/if" },
      { severity: "error", code: "unreachable_question", file: "schema.json", pointer: "/properties/shopArea" },
    ]);
    expect(findings[1]!.message).to.equal('"/shopArea" is never asked: the condition at /allOf/0/if can never be true');
    expect(code).to.equal(1);
  });

  it("reports conditions that feed each other: each decides whether the other is asked", async () => {
    // The note brings in its language, and now the language brings in the note.
    const dir = await brokenFixture((d) =>
      editJson(path.join(d, "schema.json"), (s) => {
        s.dependentSchemas.noteLanguage = { required: ["note"] };
      }),
    );
    const { code, findings } = await lint(dir);
    const cycles = findings.filter((f) => f.code === "conditions_feed_each_other");
    expect(brief(cycles)).to.deep.equal([{ severity: "error", code: "conditions_feed_each_other", file: "schema.json", pointer: "/properties/note" }]);
    expect(cycles[0]!.message).to.include('"/note" → "/noteLanguage" → "/note"');
    expect(code).to.equal(1);
  });

  it("reports a condition that is always true, and the else branch it shuts out", async () => {
    const dir = await brokenFixture((d) =>
      editJson(path.join(d, "schema.json"), (s) => {
        s.allOf[0].if = { properties: {} };
      }),
    );
    const { code, findings } = await lint(dir);
    expect(brief(findings)).to.deep.equal([
      { severity: "warning", code: "condition_always_true", file: "schema.json", pointer: "/allOf/0/if" },
      { severity: "error", code: "unreachable_question", file: "schema.json", pointer: "/properties/factoryShifts" },
    ]);
    expect(findings[1]!.message).to.contain("is always true, so its else never applies");
    expect(code).to.equal(1);
  });

  it("follows unreachability through the questions that decide other branches", async () => {
    // note now comes only with a shop that is never true; noteLanguage, which note decides, goes with it.
    const dir = await brokenFixture((d) =>
      editJson(path.join(d, "schema.json"), (s) => {
        s.allOf.push({ if: { properties: { kind: { const: "office" } }, required: ["kind"] }, then: { required: ["note"] } });
      }),
    );
    const { findings } = await lint(dir);
    expect(brief(findings)).to.deep.equal([
      { severity: "error", code: "condition_never_true", file: "schema.json", pointer: "/allOf/1/if" },
      { severity: "error", code: "unreachable_question", file: "schema.json", pointer: "/properties/note" },
      { severity: "error", code: "unreachable_question", file: "schema.json", pointer: "/properties/noteLanguage" },
    ]);
    expect(findings[2]!.message).to.equal('"/noteLanguage" is never asked: /dependentSchemas/note is decided by "note", which is never asked');
  });

  it("warns of a question without a privacy class, which the de-identified export leaves out", async () => {
    const dir = await brokenFixture((d) =>
      editJson(path.join(d, "schema.json"), (s) => {
        delete s.properties.people.items.properties.pay["x-privacy"];
      }),
    );
    const { code, findings } = await lint(dir);
    expect(brief(findings)).to.deep.equal([{ severity: "warning", code: "missing_privacy_class", file: "schema.json", pointer: "/properties/people/items/properties/pay" }]);
    expect(findings[0]!.message).to.include('"/people/*/pay"');
    expect(code).to.equal(0);
  });

  it("checks conditions inside a group's items too", async () => {
    const dir = await brokenFixture((d) =>
      editJson(path.join(d, "schema.json"), (s) => {
        s.properties.people.items.if.properties.paid.const = "yes";
      }),
    );
    expect(brief((await lint(dir)).findings)).to.deep.equal([
      { severity: "error", code: "condition_never_true", file: "schema.json", pointer: "/properties/people/items/if" },
      { severity: "error", code: "unreachable_question", file: "schema.json", pointer: "/properties/people/items/properties/pay" },
    ]);
  });

  it("leaves a condition on a free number undecided, and says so without a finding", async () => {
    const dir = await brokenFixture((d) =>
      editJson(path.join(d, "schema.json"), (s) => {
        s.allOf.push({ if: { properties: { shopArea: { minimum: 10 } }, required: ["shopArea"] }, then: { required: ["note"] } });
      }),
    );
    const { code, findings, notes } = await lint(dir);
    expect(findings).to.deep.equal([]);
    expect(notes).to.deep.equal([{ file: "schema.json", pointer: "/allOf/1/if", message: 'not checked whether this condition can be true: "shopArea" is a free number answer' }]);
    expect(code).to.equal(0);
  });

  it("warns about a conditional question declared before the question that decides it", async () => {
    const dir = await brokenFixture((d) =>
      editJson(path.join(d, "schema.json"), (s) => {
        const { shopArea, ...rest } = s.properties;
        s.properties = { shopArea, ...rest };
      }),
    );
    const { code, findings } = await lint(dir);
    expect(brief(findings)).to.deep.equal([{ severity: "warning", code: "declared_before_decider", file: "schema.json", pointer: "/properties/shopArea" }]);
    expect(findings[0]!.fix).to.equal('Move "shopArea" after "kind" under properties.');
    expect(code).to.equal(0);
  });

  it("reports a question without its text and a choice without its label as errors in the locale file", async () => {
    const dir = await brokenFixture((d) =>
      editJson(path.join(d, "locales/de.json"), (l) => {
        delete l.fields["/start"];
        delete l.fields["/noteLanguage"].choices.ko;
      }),
    );
    const { code, findings } = await lint(dir);
    expect(brief(findings)).to.deep.equal([
      { severity: "error", code: "missing_translation", file: "locales/de.json", pointer: "/fields/~1start" },
      { severity: "error", code: "missing_translation", file: "locales/de.json", pointer: "/fields/~1noteLanguage" },
    ]);
    expect(findings[1]!.message).to.equal('the label of choice "ko" of /noteLanguage is missing in de');
    expect(code).to.equal(1);
  });

  it("still analyses the branching when the package does not load for another reason", async () => {
    const dir = await brokenFixture(async (d) => {
      await editJson(path.join(d, "locales/ko.json"), (l) => delete l.fields["/start"]);
      await editJson(path.join(d, "schema.json"), (s) => (s.allOf[0].if.properties.kind.const = "shp"));
    });
    expect((await lint(dir)).findings.map((f) => f.code)).to.include.members(["missing_translation", "condition_never_true"]);
  });

  it("reports compute.ts reading answers the schema does not have, at their line and column", async () => {
    const dir = await brokenFixture(async (d) => {
      const source = await readFile(path.join(d, "compute.ts"), "utf8");
      await writeFile(
        path.join(d, "compute.ts"),
        source.replace("const people = answers.people ?? [];", "const people = answers.people ?? [];\n  const who = answers.applicant?.nmae ?? answers.aplicant?.name ?? answers.people?.[0]?.payy;"),
      );
    });
    const { code, findings } = await lint(dir);
    expect(brief(findings)).to.deep.equal([
      { severity: "error", code: "unknown_answer_in_compute", file: "compute.ts", pointer: "6:15" },
      { severity: "error", code: "unknown_answer_in_compute", file: "compute.ts", pointer: "6:42" },
      { severity: "error", code: "unknown_answer_in_compute", file: "compute.ts", pointer: "6:68" },
    ]);
    expect(findings.map((f) => f.message)).to.deep.equal([
      'answers.applicant.nmae is not an answer of this form: /applicant has no property "nmae"',
      'answers.aplicant is not an answer of this form: the root has no property "aplicant"',
      'answers.people[…].payy is not an answer of this form: /people/* has no property "payy"',
    ]);
    expect(findings[0]!.fix).to.equal("Use one of name, email, emailConsent, iban, or add the property to schema.json.");
    expect(code).to.equal(1);
  });

  it("reports a form's own pdf.hbs naming data it does not get, and one the renderer refuses", async () => {
    const misspelt = await brokenFixture((d) =>
      writeFile(path.join(d, "pdf.hbs"), "{{heading title level=1}}\n{{#each sections}}\n{{#each rows}}\n{{row titel value}}\n{{/each}}\n{{/each}}\n"),
    );
    const { code, findings } = await lint(misspelt);
    expect(brief(findings)).to.deep.equal([{ severity: "error", code: "unknown_name_in_template", file: "pdf.hbs", pointer: "4:7" }]);
    expect(code).to.equal(1);
    const refused = await brokenFixture((d) => writeFile(path.join(d, "pdf.hbs"), "Hello {{title}}\n"));
    expect(brief((await lint(refused)).findings)).to.deep.equal([{ severity: "error", code: "invalid_template", file: "pdf.hbs", pointer: "" }]);
  });

  it("takes the default PDF layout, tables of a list's items included, as a form's own pdf.hbs", async () => {
    const source = await readFile(new URL("../../templates/application-pdf.hbs", import.meta.url), "utf8");
    expect(source).to.include("{{cells this}}");
    expect(templateReferenceFindings(source)).to.deep.equal([]);
    expect(templateReferenceFindings(source.replace("{{table table.columns}}", "{{table table.colums}}")).map((f) => f.message)).to.deep.equal([
      '"table.colums": there is no "colums" in the template\'s data at this place',
    ]);
  });

  it("warns about a repeatable group without bounds", async () => {
    const dir = await brokenFixture((d) =>
      editJson(path.join(d, "schema.json"), (s) => {
        delete s.properties.people.minItems;
        delete s.properties.people.maxItems;
      }),
    );
    const { code, findings } = await lint(dir);
    expect(brief(findings)).to.deep.equal([
      { severity: "warning", code: "group_without_min_items", file: "schema.json", pointer: "/properties/people" },
      { severity: "warning", code: "group_without_max_items", file: "schema.json", pointer: "/properties/people" },
    ]);
    expect(code).to.equal(0);
  });

  it("warns about texts for derived values and rules that compute.ts never produces, and produced ones without text", async () => {
    const dir = await brokenFixture(async (d) => {
      await editJson(path.join(d, "locales/en.json"), (l) => {
        l.derived["/totalPai"] = { title: "Total" };
        l.rules.nobodyPaid = "Nobody is paid.";
      });
      await editJson(path.join(d, "locales/ko.json"), (l) => {
        delete l.derived["/totalPay"];
        delete l.rules.somebodyPaid;
      });
    });
    const { code, findings } = await lint(dir);
    expect(brief(findings)).to.deep.equal([
      { severity: "warning", code: "missing_derived_text", file: "locales/ko.json", pointer: "/derived" },
      { severity: "warning", code: "missing_rule_text", file: "locales/ko.json", pointer: "/rules" },
      { severity: "warning", code: "unused_derived_text", file: "locales/en.json", pointer: "/derived/~1totalPai" },
      { severity: "warning", code: "unused_rule_text", file: "locales/en.json", pointer: "/rules/nobodyPaid" },
    ]);
    expect(findings[1]!.message).to.equal('The eligibility rule "somebodyPaid" has no text in ko: the applicant sees its name');
    expect(code).to.equal(0);
  });

  it("reports a $data pointer that names no question, and a rule across answers inside a condition", async () => {
    const dir = await brokenFixture((d) =>
      editJson(path.join(d, "schema.json"), (s) => {
        // "1/begin" from /start: a sibling that does not exist; "/people" is a group, not a question.
        s.properties.start.formatMinimum = { $data: "1/begin" };
        s.properties.people.items.properties.pay.maximum = { $data: "/people" };
        s.properties.factoryShifts.allOf = [{ maximum: { $data: "1/shopArea" } }];
      }),
    );
    const { code, findings } = await lint(dir);
    expect(brief(findings)).to.deep.equal([
      { severity: "error", code: "unresolved_data_reference", file: "schema.json", pointer: "/properties/start/formatMinimum" },
      { severity: "error", code: "unresolved_data_reference", file: "schema.json", pointer: "/properties/people/items/properties/pay/maximum" },
    ]);
    expect(findings[0]!.message).to.equal('"formatMinimum" takes its limit from "1/begin", which from /start names no question of the form');
    expect(code).to.equal(1);

    const inCondition = await brokenFixture((d) =>
      editJson(path.join(d, "schema.json"), (s) => {
        s.allOf[0].if.properties.shopArea = { maximum: { $data: "1/factoryShifts" } };
      }),
    );
    const conditional = await lint(inCondition);
    expect(brief(conditional.findings).filter((f) => f.code === "data_reference_in_condition")).to.deep.equal([
      { severity: "error", code: "data_reference_in_condition", file: "schema.json", pointer: "/allOf/0/if/properties/shopArea/maximum" },
    ]);
    expect(conditional.code).to.equal(1);
  });

  it("warns about a keyword, a format or a $data comparison that has no applicant message", async () => {
    const dir = await brokenFixture((d) =>
      editJson(path.join(d, "schema.json"), (s) => {
        s.properties.applicant.minProperties = 1;
        s.properties.note.format = "uri";
        s.properties.tags.maxItems = { $data: "1/shopArea" };
      }),
    );
    const { code, findings } = await lint(dir);
    expect(brief(findings)).to.deep.equal([
      { severity: "warning", code: "keyword_without_message", file: "schema.json", pointer: "/properties/tags/maxItems" },
      { severity: "warning", code: "keyword_without_message", file: "schema.json", pointer: "/properties/applicant/minProperties" },
      { severity: "warning", code: "keyword_without_message", file: "schema.json", pointer: "/properties/note/format" },
    ]);
    expect(findings[2]!.message).to.equal('"format": "uri" has no applicant message; an answer that breaks it is told only "This answer is not valid"');
    expect(code).to.equal(0);
  });

  it("warns about a form without a privacy notice, and refuses one that lacks a section or a language", async () => {
    const without = await brokenFixture((dir) => rm(path.join(dir, "privacy"), { recursive: true }));
    const missing = await lint(without);
    expect(brief(missing.findings)).to.deep.equal([{ severity: "warning", code: "missing_privacy_notice", file: "privacy/en.json", pointer: "" }]);
    expect(missing.findings[0]?.message).to.equal("The form has no privacy notice: applicants are not told what happens to their data");

    const incomplete = await brokenFixture(async (dir) => {
      await editJson(path.join(dir, "privacy/de.json"), (notice) => {
        delete notice.rights.complaint;
      });
      await rm(path.join(dir, "privacy/ko.json"));
    });
    const { code, findings } = await lint(incomplete);
    expect(brief(findings)).to.deep.equal([
      { severity: "error", code: "missing_privacy_language", file: "privacy/ko.json", pointer: "" },
      { severity: "error", code: "invalid_privacy_notice", file: "privacy/de.json", pointer: "/rights" },
    ]);
    expect(findings[1]?.message).to.equal("/rights must have required property 'complaint'");
    expect(code).to.equal(1);
  });

  it("prints one line per finding: file:pointer severity code message — fix", async () => {
    const dir = await brokenFixture((d) =>
      editJson(path.join(d, "schema.json"), (s) => {
        delete s.properties.people.maxItems;
      }),
    );
    const run = await formpilot("lint", dir);
    const file = path.relative(process.cwd(), path.join(dir, "schema.json"));
    expect(run.out).to.deep.equal([
      `${file}:/properties/people warning group_without_max_items The repeatable group "/people" has no maxItems: without it there is no limit to the items an applicant can add — Add "maxItems" to /properties/people.`,
      "branching: 0 errors, 1 warning",
    ]);
  });
});

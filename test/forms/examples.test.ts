/**
 * Every worked example of every form, replayed through the engine as an applicant would give it:
 * the questions asked, completeness, eligibility and derived values must be as the example says.
 * A new form's examples run here without any change to this file.
 */
import { expect } from "chai";
import path from "node:path";
import { readdirSync } from "node:fs";
import { loadForm, fixturesRoot } from "../support/forms";
import { writeReadmeForm } from "../support/readme-form";
import { formsRoot } from "../../server/forms/paths";
import { replay } from "../../server/engine/replay";
import { stateOf } from "../../server/engine/present";
import { derive } from "../../server/engine/derive";

const packageDirs = (root: string) =>
  readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(root, e.name));

function checkExamples(dirOf: () => Promise<string> | string, name: string) {
  describe(`worked examples of ${name}`, () => {
    it("replay as their expectations say", async () => {
      const form = await loadForm(await dirOf());
      expect(form.examples.length, "every form ships worked examples").to.be.greaterThan(0);
      for (const example of form.examples) {
        const label = `${name}/${example.file} (${example.description})`;
        const run = replay(form, example.answers, example.language ?? form.defaultLanguage);
        expect(run.problems, `${label}: the engine refused an answer`).to.deep.equal([]);
        if (example.expect.asked) expect(run.asked, `${label}: questions asked`).to.deep.equal(example.expect.asked);
        const state = stateOf(form, run.session, example.language ?? form.defaultLanguage);
        expect(state.complete, `${label}: complete`).to.equal(example.expect.complete);
        if (example.expect.complete) {
          expect(run.session.answers, `${label}: every answer of a complete example is asked for and kept`).to.deep.equal(example.answers);
          expect(form.validate(example.answers), `${label}: validates against schema.json`).to.equal(true);
        }
        const derived = derive(form, run.session.answers);
        if (example.expect.eligible !== undefined) expect(derived.eligible, `${label}: eligible`).to.equal(example.expect.eligible);
        for (const [pointer, want] of Object.entries(example.expect.derived ?? {})) {
          const got = derived.result.values[pointer]?.value;
          if (typeof want === "number") expect(got, `${label}: ${pointer}`).to.be.a("number").and.closeTo(want, 0.005);
          else expect(got, `${label}: ${pointer}`).to.deep.equal(want);
        }
      }
    });
  });
}

for (const dir of packageDirs(formsRoot)) checkExamples(() => dir, path.basename(dir));
for (const dir of packageDirs(fixturesRoot)) checkExamples(() => dir, `fixture ${path.basename(dir)}`);
checkExamples(writeReadmeForm, "the minimal form of forms/README.md");

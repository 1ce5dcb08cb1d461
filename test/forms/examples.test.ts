/**
 * Every worked example of every form, replayed through the engine as an applicant would give it:
 * the questions asked, completeness, eligibility, derived values and PDF text must be as the
 * example says. A new form's examples run here without any change to this file.
 */
import { expect } from "chai";
import path from "node:path";
import { readdirSync } from "node:fs";
import { loadForm, fixturesRoot } from "../support/forms";
import { writeReadmeForm } from "../support/readme-form";
import { formsRoot } from "../../server/forms/paths";
import { checkExample } from "../../server/authoring/example-check";
import { mismatchLines } from "../../server/authoring/diff";
import { pdfTextWith } from "../../server/authoring/pdf-text";

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
        const mismatches = await checkExample(form, example, pdfTextWith());
        expect(mismatches.flatMap(mismatchLines), `${name}/${example.file} (${example.description})`).to.deep.equal([]);
      }
    });
  });
}

for (const dir of packageDirs(formsRoot)) checkExamples(() => dir, path.basename(dir));
for (const dir of packageDirs(fixturesRoot)) checkExamples(() => dir, `fixture ${path.basename(dir)}`);
checkExamples(writeReadmeForm, "the minimal form of forms/README.md");

/** A privacy notice states the form's retention periods from `x-form.retention`, in each language's writing. */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import path from "node:path";
import { checkPrivacyFiles, withRetention } from "../../server/engine/privacy-notice";
import { formsRoot } from "../../server/forms/paths";
import { LANGUAGES } from "../../server/i18n/languages";

const files = Object.fromEntries(LANGUAGES.map((lang) => [lang, JSON.parse(readFileSync(path.join(formsRoot, "short-time-work", "privacy", `${lang}.json`), "utf8"))]));

describe("the retention periods in a privacy notice", () => {
  it("are the form's own, written for the language", () => {
    const { privacy } = checkPrivacyFiles(files);
    const { privacy: filled, problems } = withRetention(privacy!, { draftDays: 1000, decidedYears: 7 });
    expect(problems).to.deep.equal([]);
    expect(filled.de.retention).to.include("1.000 Tage").and.include("7 Jahre");
    expect(filled.en.retention).to.include("1,000 days").and.include("7 years");
    expect(filled.ko.retention).to.include("1,000일").and.include("7년");
  });

  it("refuse to load a notice that states them when the form sets none", () => {
    const { privacy } = checkPrivacyFiles(files);
    const { problems } = withRetention(privacy!, undefined);
    expect(problems.map((p) => [p.code, p.file])).to.deep.include(["retention_not_set", "privacy/de.json"]);
  });
});

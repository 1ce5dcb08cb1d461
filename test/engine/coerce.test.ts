import { expect } from "chai";
import { parseNumber, parseDate } from "../../server/engine/coerce";
import type { Language } from "../../server/i18n/languages";

describe("reading typed numbers and dates", () => {
  const numbers: [string, Language, number | undefined][] = [
    ["1200", "en", 1200],
    ["1 200", "en", 1200],
    ["1,200", "en", 1200],
    ["1,250.50", "en", 1250.5],
    ["1.250,50", "de", 1250.5],
    ["1.200", "de", 1200],
    ["1,5", "de", 1.5],
    ["1.250,50 €", "de", 1250.5],
    ["€1,250.50", "en", 1250.5],
    ["66,000원", "ko", 66000],
    ["1,000,000", "ko", 1000000],
    ["-3", "en", -3],
    ["1,2,3", "en", undefined],
    ["1.250,50", "en", undefined],
    ["twelve", "en", undefined],
    ["", "en", undefined],
  ];
  for (const [text, lang, want] of numbers) {
    it(`reads "${text}" in ${lang} as ${want}`, () => expect(parseNumber(text, lang)).to.equal(want));
  }

  const dates: [string, string | undefined][] = [
    ["2026-03-01", "2026-03-01"],
    ["1.3.2026", "2026-03-01"],
    ["31/12/2026", "2026-12-31"],
    ["2026. 3. 1.", "2026-03-01"],
    ["2026년 3월 1일", "2026-03-01"],
    ["29.02.2027", undefined],
    ["2026-13-01", undefined],
    ["next week", undefined],
  ];
  for (const [text, want] of dates) {
    it(`reads the date "${text}" as ${want}`, () => expect(parseDate(text)).to.equal(want));
  }
});

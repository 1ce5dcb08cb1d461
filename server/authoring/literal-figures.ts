/**
 * A figure of the rules written into a text ("66,000", "66.000", "180", "2/3") instead of its
 * `{parameters.x}`: when the parameter's value changes, such a text would go on stating the old one.
 * Each value of every period is looked for in the spellings of the three languages.
 */
import type { Parameter, Parameters } from "../engine/parameters";
import { stringsIn } from "../engine/parameter-texts";
import { LANGUAGES } from "../i18n/languages";
import { catalogOf, type MessageKey } from "../i18n/translate";
import type { Finding } from "./finding";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** 66000 → 66000, 66,000, 66.000, 66 000; 38.5 → 38.5, 38,5. */
function spellings(n: number): string[] {
  const [whole = "", fraction] = String(n).split(".");
  const grouped = (sep: string) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const wholes = [...new Set([whole, grouped(","), grouped("."), grouped(" "), grouped("\u00a0"), grouped("\u202f")])];
  return fraction === undefined ? wholes : wholes.flatMap((w) => [`${w}.${fraction}`, `${w},${fraction}`]);
}

/** What a value of `parameter` looks like in a text, as a regular expression. */
function patternOf(parameter: Parameter, value: number | string): RegExp {
  // Not part of a longer number or of a date.
  const around = (body: string) => new RegExp(`(?<![\\d.,/-])(?:${body})(?![\\d]|[.,/]\\d)`);
  if (typeof value === "string") {
    const [num, den] = value.split("/");
    return around(`${escape(value)}|${den}분의 ?${num}`);
  }
  const numbers = spellings(value).map(escape).join("|");
  // A bare 15 or 20 is too common to mean the parameter; with its percent sign it does.
  if (parameter.unit === "percent") return around(`(?:${numbers})[ \u00a0\u202f]?(?:%|퍼센트|Prozent|per ?cent)`);
  // Nor is a bare 3 or 12 a count of months or days ("§ 96 (3)", "12 characters"); with the unit's word it is.
  const words = unitWords(parameter.unit);
  if (words.length > 0) return around(`(?:${numbers})[ \u00a0\u202f]?(?:${words.map(escape).join("|")})`);
  return around(numbers);
}

/** "day", "days", "Tag", "Tage", "일": the words of a counted unit in every language (none for money). */
function unitWords(unit: string): string[] {
  const words = LANGUAGES.flatMap((lang) =>
    (["one", "other"] as const).map((n) => {
      const text: string | undefined = catalogOf(lang)[`unit.${unit}.${n}` as MessageKey];
      return text === undefined ? "" : text.replace("{n}", "").trim();
    }),
  );
  // Longest first, so that "180 Tage" is reported whole rather than as "180 Tag".
  return [...new Set(words.filter((w) => w !== ""))].sort((a, b) => b.length - a.length);
}

/** `texts`: the package's locale and FAQ files as written (before the engine fills in the values). */
export function literalFigureFindings(parameters: Parameters, texts: { file: string; content: unknown }[]): Finding[] {
  const patterns = Object.entries(parameters).flatMap(([name, p]) => p.values.map((v) => ({ name, pattern: patternOf(p, v.value), value: v.value })));
  if (patterns.length === 0) return [];
  const findings: Finding[] = [];
  for (const { file, content } of texts) {
    for (const [pointer, text] of stringsIn(content)) {
      // Keywords are words applicants type to find an entry, not statements of a figure.
      if (/\/keywords\/\d+$|\/synonyms\//.test(pointer)) continue;
      for (const { name, pattern, value } of patterns) {
        const hit = pattern.exec(text);
        if (!hit) continue;
        findings.push({
          severity: "warning",
          code: "literal_parameter_value",
          file,
          pointer,
          message: `"${hit[0]}" is the value ${value} of the parameter "${name}", written as a figure`,
          fix: `Write {parameters.${name}} instead, so that the text follows the parameter.`,
        });
      }
    }
  }
  return findings;
}

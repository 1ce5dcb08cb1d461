/**
 * Choices named in words: by value, label or one of the form's synonyms for it, case- and
 * accent-insensitively; failing that by a unique beginning of a label ("constr") or a label word
 * in the answer ("it was the weather"). Yes/no answers are read from the vocabulary.
 */
import type { ChoiceView } from "../../engine/present";
import { containsWord, escapeRegExp as escape, normalize, type Vocabulary } from "./vocabulary";

export type ChoiceMatch = { ok: true; choice: ChoiceView } | { ok: false; matches: ChoiceView[] };

const namesOf = (choice: ChoiceView) => [choice.label, ...(choice.synonyms ?? [])].map(normalize);

/**
 * The first test that some choice passes decides; several choices passing it are ambiguous.
 * `exactly` keeps to value, label and synonyms (a list of several choices is not one choice).
 */
export function matchChoice(choices: ChoiceView[], text: string, exactly = false): ChoiceMatch {
  const said = normalize(text.replace(/[.!?]+$/, ""));
  if (!said) return { ok: false, matches: [] };
  const tests: ((c: ChoiceView) => boolean)[] = [
    (c) => normalize(String(c.value)) === said,
    (c) => namesOf(c).includes(said),
    (c) => said.length >= 2 && namesOf(c).some((name) => name.startsWith(said)),
    // A name inside the answer only counts if it says something: "a" in "a lot" is not the choice "A".
    (c) => said.length >= 2 && namesOf(c).some((name) => containsWord(name, said) || (name.length >= 3 && containsWord(said, name))),
  ];
  for (const test of exactly ? tests.slice(0, 2) : tests) {
    const matches = choices.filter(test);
    if (matches.length === 1) return { ok: true, choice: matches[0]! };
    if (matches.length > 1) return { ok: false, matches };
  }
  return { ok: false, matches: [] };
}

/** true, false, or undefined when the answer says neither or both ("yes and no"). */
export function readYesNo(text: string, words: Vocabulary, choices: ChoiceView[] = []): boolean | undefined {
  const said = normalize(text.replace(/[.,!?;:…]+/g, " "));
  const synonyms = (value: boolean) => choices.filter((c) => c.value === value).flatMap(namesOf);
  const yes = [...words.yes.map(normalize), ...synonyms(true)];
  const no = [...words.no.map(normalize), ...synonyms(false)];
  if (yes.includes(said)) return true;
  if (no.includes(said)) return false;
  const first = said.split(" ")[0] ?? "";
  // "nee, haben wir nicht": "haben wir" is a yes-phrase, but inside the no-phrase "haben wir nicht".
  const without = (phrases: string[]) => [...phrases].sort((a, b) => b.length - a.length).reduce((rest, p) => (containsWord(rest, p) ? rest.split(p).join(" ") : rest), said);
  const saysYes = yes.includes(first) && !no.some((w) => containsWord(without(yes), w));
  const saysNo = no.includes(first) && !yes.some((w) => containsWord(without(no), w));
  return saysYes === saysNo ? undefined : saysYes;
}

/**
 * Several choices in one answer: "a, b and c", "A und B", "휴업과 휴직". Each part must name one
 * choice; the parts that do not, or that could mean several, are returned to be asked about.
 */
export function matchChoices(choices: ChoiceView[], text: string, words: Vocabulary): { ok: true; choices: ChoiceView[] } | { ok: false; part: string; matches: ChoiceView[] } {
  const said = normalize(text);
  if (words.all.map(normalize).includes(said)) return { ok: true, choices };
  if (words.none.map(normalize).includes(said)) return { ok: true, choices: [] };
  const whole = matchChoice(choices, text, true);
  if (whole.ok) return { ok: true, choices: [whole.choice] };
  const separators = [
    "[,;/+]",
    ...words.conjunctions.words.map((w) => `(?<![\\p{L}\\p{N}])${escape(normalize(w))}(?![\\p{L}\\p{N}])`),
    ...words.conjunctions.particles.map((p) => `(?<=\\p{L})${escape(p)}(?=\\s)`),
  ];
  const parts = said.split(new RegExp(separators.join("|"), "u")).map((p) => p.trim()).filter(Boolean);
  const found: ChoiceView[] = [];
  for (const part of parts) {
    const match = matchChoice(choices, part);
    if (!match.ok) return { ok: false, part, matches: match.matches };
    if (!found.includes(match.choice)) found.push(match.choice);
  }
  if (found.length === 0) return { ok: false, part: text.trim(), matches: [] };
  return { ok: true, choices: choices.filter((c) => found.includes(c)) };
}

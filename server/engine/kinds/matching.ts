/**
 * Choices named in words: by value, label or one of the form's synonyms for it, case- and
 * accent-insensitively; failing that by a unique beginning of a label ("constr"), a label word in
 * the answer ("it was the weather"), a word's stem ("restaurant" for "Hotels and restaurants"), and
 * last a small typo ("manufacturng"). Two choices equally close are both returned, to be asked.
 * Yes and no are read from the one vocabulary.
 */
import { distance } from "fastest-levenshtein";
import type { ChoiceView } from "./kind";
import type { Language } from "../../i18n/languages";
import { containsWord, escapeRegExp as escape, normalize, VOCABULARY, WORDS_IN_ORDER, type Vocabulary } from "./words";

/** `exact`: named by its value, label or a synonym, not found by a stem or a typo. */
export type ChoiceMatch = { ok: true; choice: ChoiceView; exact: boolean } | { ok: false; matches: ChoiceView[] };

const namesOf = (choice: ChoiceView) => [choice.label, ...(choice.synonyms ?? [])].map(normalize);

const wordsOf = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);

/** Words of one stem: one begins with the other, and what differs is an ending, not a word ("restaurant", "restaurants"). */
const sameStem = (a: string, b: string) => {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short) && long.length - short.length <= 3;
};

/** How many typos a word of this length may carry and still be recognised. */
const tolerance = (word: string) => (word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0);

/** The fewest typos between a word of the answer and a word of the choice's names, if within tolerance. */
function typos(said: string, choice: ChoiceView): number | undefined {
  let best: number | undefined;
  for (const word of wordsOf(said)) {
    for (const name of namesOf(choice).flatMap(wordsOf)) {
      const d = distance(word, name);
      if (d > 0 && d <= Math.min(tolerance(word), tolerance(name)) && (best === undefined || d < best)) best = d;
    }
  }
  return best;
}

/**
 * The first test that some choice passes decides; several choices passing it are ambiguous.
 * `exactly` keeps to value, label and synonyms (a list of several choices is not one choice).
 */
export function matchChoice(choices: ChoiceView[], text: string, exactly = false): ChoiceMatch {
  const said = normalize(text.replace(/[.!?]+$/, ""));
  if (!said) return { ok: false, matches: [] };
  const saidWords = wordsOf(said);
  const tests: ((c: ChoiceView) => boolean)[] = [
    (c) => normalize(String(c.value)) === said,
    (c) => namesOf(c).includes(said),
    (c) => said.length >= 2 && namesOf(c).some((name) => name.startsWith(said)),
    // A name inside the answer only counts if it says something: "a" in "a lot" is not the choice "A".
    (c) => said.length >= 2 && namesOf(c).some((name) => containsWord(name, said) || (name.length >= 3 && containsWord(said, name))),
    (c) => namesOf(c).flatMap(wordsOf).some((word) => saidWords.some((w) => sameStem(w, word))),
  ];
  for (const [i, test] of (exactly ? tests.slice(0, 2) : tests).entries()) {
    const matches = choices.filter(test);
    if (matches.length === 1) return { ok: true, choice: matches[0]!, exact: i < 2 };
    if (matches.length > 1) return { ok: false, matches };
  }
  if (exactly) return { ok: false, matches: [] };
  const scored = choices.map((c) => ({ c, d: typos(said, c) })).filter((s): s is { c: ChoiceView; d: number } => s.d !== undefined);
  const fewest = Math.min(...scored.map((s) => s.d));
  const closest = scored.filter((s) => s.d === fewest).map((s) => s.c);
  return closest.length === 1 ? { ok: true, choice: closest[0]!, exact: false } : { ok: false, matches: closest };
}

/** true, false, or undefined when the answer says neither or both ("yes and no"). */
export function readYesNo(text: string, words: Vocabulary, choices: ChoiceView[] = []): boolean | undefined {
  const said = normalize(text.replace(/[.,!?;:…]+/g, " "));
  if (said === "true" || said === "1") return true;
  if (said === "false" || said === "0") return false;
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

/** Whether the text is one of the words that leave a question blank ("none", "keine", "없음"). */
export const saysNothing = (text: string, words: Vocabulary): boolean => words.blank.map(normalize).includes(normalize(text.replace(/[.!]+$/, "")));

/**
 * Several choices in one answer: "a, b and c", "A und B", "휴업과 휴직". Each part must name one
 * choice; the parts that do not, or that could mean several, are returned to be asked about.
 */
export function matchChoices(choices: ChoiceView[], text: string, words: Vocabulary): { ok: true; choices: ChoiceView[] } | { ok: false; part: string; matches: ChoiceView[]; found: ChoiceView[] } {
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
    if (!match.ok) return { ok: false, part, matches: match.matches, found };
    if (!found.includes(match.choice)) found.push(match.choice);
  }
  if (found.length === 0) return { ok: false, part: text.trim(), matches: [], found };
  return { ok: true, choices: choices.filter((c) => found.includes(c)) };
}

/** Yes or no in the conversation's words, else in another language's ("ja" in English). */
export function readYesNoIn(text: string, lang: Language, choices: ChoiceView[] = []): boolean | undefined {
  for (const words of WORDS_IN_ORDER[lang]) {
    const value = readYesNo(text, VOCABULARY[words], words === lang ? choices : []);
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * Help answers for the chat: a question the applicant asks on the way is looked up in the form's
 * FAQ and in its own help texts (each question's description and "why", the form's purpose and
 * what to have at hand), and answered with the best entry, quoting it. When nothing matches well
 * the answer says so, and the chat offers a person instead of a guess.
 */
import MiniSearch, { type SearchResult } from "minisearch";
import type { Form } from "../../engine/form";
import { LANGUAGES, type Language } from "../../i18n/languages";
import { HANGUL, termsOf, wordsOf, type Word } from "./words";

export { looksLikeQuestion } from "./question";
export { wordsOf } from "./words";

type SourceKind = "faq" | "question" | "form";

export type HelpAnswer =
  /** `quoted`: the entry that matched, when it was found in another language than the answer's. */
  | { found: true; text: string; source: { kind: SourceKind; id: string; title: string }; score: number; quoted?: { lang: Language; title: string } }
  | { found: false };

interface HelpDocument {
  key: string;
  kind: SourceKind;
  id: string;
  /** What the entry is about: the FAQ question, the form question's title, the form's title. */
  title: string;
  keywords: string;
  /** The text quoted as the answer. */
  text: string;
}

export interface HelpIndex {
  lang: Language;
  search: MiniSearch<HelpDocument>;
  documents: Map<string, HelpDocument>;
}

/**
 * A query matches well when most of its content words are found in the best entry: a word counts
 * when the entry has it (or a word it begins, or one a letter off), or, for a Korean word, half of
 * its bigrams. Scores alone cannot tell "what's the weather tomorrow?" (one rare word that a help
 * text happens to contain) from a real question, the share of the query's own words can.
 */
const MATCHED_SHARE = 0.6;

function documentsOf(form: Form, lang: Language): HelpDocument[] {
  const texts = form.locales[lang];
  const faq = (form.faq?.[lang] ?? []).map((e): HelpDocument => ({
    key: `faq:${e.id}`, kind: "faq", id: e.id, title: e.question, keywords: (e.keywords ?? []).join(" "), text: e.answer,
  }));
  const questions = Object.entries(texts.fields).flatMap(([pointer, f]): HelpDocument[] => {
    const text = [f.description, f.why].filter((t): t is string => t !== undefined).join(" ");
    return text ? [{ key: `question:${pointer}`, kind: "question", id: pointer, title: f.title, keywords: "", text }] : [];
  });
  const about: HelpDocument[] = [
    { key: "form:purpose", kind: "form", id: "purpose", title: texts.form.title, keywords: texts.form.authority, text: texts.form.purpose },
    ...(texts.form.needs.length > 0
      ? [{ key: "form:needs", kind: "form" as const, id: "needs", title: texts.form.title, keywords: "", text: texts.form.needs.join("; ") }]
      : []),
  ];
  return [...faq, ...questions, ...about];
}

function buildIndex(form: Form, lang: Language): HelpIndex {
  const tokenize = (text: string) => termsOf(text, lang);
  const search = new MiniSearch<HelpDocument>({
    idField: "key",
    fields: ["title", "keywords", "text"],
    tokenize,
    processTerm: (term) => term,
    searchOptions: {
      tokenize,
      processTerm: (term) => term,
      boost: { title: 3, keywords: 2 },
      prefix: (term) => term.length >= 4 && !HANGUL.test(term),
      fuzzy: (term) => (term.length >= 5 && !HANGUL.test(term) ? 0.2 : false),
    },
  });
  const documents = documentsOf(form, lang);
  search.addAll(documents);
  return { lang, search, documents: new Map(documents.map((d) => [d.key, d])) };
}

/** Indexes keyed by the compiled form, which is one form at one version: a new version is a new index. */
const cache = new WeakMap<Form, Map<Language, HelpIndex>>();

export function helpFor(form: Form, lang: Language): HelpIndex {
  let byLanguage = cache.get(form);
  if (!byLanguage) cache.set(form, (byLanguage = new Map()));
  let index = byLanguage.get(lang);
  if (!index) byLanguage.set(lang, (index = buildIndex(form, lang)));
  return index;
}

/** The share of the question's content words that a result matched. */
function matchedShare(words: Word[], result: SearchResult): number {
  const matched = new Set(result.queryTerms);
  const found = words.filter(({ word, noun, bigrams }) =>
    matched.has(word) || matched.has(noun) || (bigrams.length > 0 && bigrams.filter((b) => matched.has(b)).length * 2 >= bigrams.length));
  return words.length === 0 ? 0 : found.length / words.length;
}

/**
 * Of the best-scored entries, the one that covers most of the question wins. On a tie a FAQ entry
 * goes first, as it is written to answer a question, then the score decides.
 */
const PREFERENCE: Record<SourceKind, number> = { faq: 2, question: 1, form: 0 };
const CANDIDATES = 10;

export function ask(index: HelpIndex, question: string): HelpAnswer {
  const words = wordsOf(question, index.lang);
  const candidates = index.search.search(question).slice(0, CANDIDATES).flatMap((result) => {
    const doc = index.documents.get(result.id as string);
    return doc ? [{ doc, score: result.score, share: matchedShare(words, result) }] : [];
  });
  // Sorting is stable: within a tie the search's order, by score, stays.
  const [best] = candidates.sort((a, b) => b.share - a.share || PREFERENCE[b.doc.kind] - PREFERENCE[a.doc.kind]);
  if (!best || best.share < MATCHED_SHARE) return { found: false };
  const { doc } = best;
  return { found: true, text: doc.text, source: { kind: doc.kind, id: doc.id, title: doc.title }, score: best.score };
}

/**
 * Asks the help in the conversation's language first, then in the form's other languages: an
 * applicant may well ask in German in an English conversation. An entry found elsewhere is answered
 * with the conversation language's version of the same entry, quoting the one that matched.
 */
export function askInAnyLanguage(form: Form, lang: Language, question: string): HelpAnswer {
  const own = ask(helpFor(form, lang), question);
  if (own.found) return own;
  for (const other of LANGUAGES.filter((l) => l !== lang && form.locales[l])) {
    const found = ask(helpFor(form, other), question);
    if (!found.found) continue;
    const same = helpFor(form, lang).documents.get(`${found.source.kind}:${found.source.id}`);
    if (!same) continue;
    return { found: true, text: same.text, source: { kind: same.kind, id: same.id, title: same.title }, score: found.score, quoted: { lang: other, title: found.source.title } };
  }
  return { found: false };
}

/**
 * A form's optional FAQ (faq/<lang>.json): the same entries, by id, in every language, so that a
 * help answer found in one language exists in the others. Pure: the loader hands the parsed files in.
 */
import type { Problem } from "./problem";
import { LANGUAGES, type Language } from "../i18n/languages";
import { createAjv } from "./ajv";
import faqSchema from "./faq.schema.json" with { type: "json" };

export interface FaqEntry {
  id: string;
  question: string;
  answer: string;
  keywords?: string[];
}

export type Faq = Record<Language, FaqEntry[]>;

const checkFaq = createAjv().compile(faqSchema);

const faqProblem = (code: string, lang: Language, pointer: string, message: string, fix: string): Problem => ({
  code,
  file: `faq/${lang}.json`,
  pointer,
  message,
  fix,
  severity: "error",
});

/** Checks the FAQ files a package has; `faq` is undefined when it has none, which is fine. */
export function checkFaqFiles(faq: Partial<Record<Language, unknown>> | undefined): { faq?: Faq; problems: Problem[] } {
  if (faq === undefined) return { problems: [] };
  const problems: Problem[] = [];
  const valid: Partial<Faq> = {};
  for (const lang of LANGUAGES) {
    const file = `faq/${lang}.json`;
    const content = faq[lang];
    if (content === undefined) {
      problems.push(faqProblem("missing_faq", lang, "", `There is no ${file}, but the form has FAQ files in other languages`,
        `Create ${file} with the same entry ids as the other languages.`));
    } else if (!checkFaq(content)) {
      for (const e of checkFaq.errors ?? []) {
        problems.push(faqProblem("invalid_faq", lang, e.instancePath, `${e.instancePath || "the file"} ${e.message}`,
          'Write a list of { "id", "question", "answer", "keywords"? } entries: see forms/README.md.'));
      }
    } else {
      const entries = content as FaqEntry[];
      entries.forEach((entry, i) => {
        if (entries.findIndex((other) => other.id === entry.id) !== i) {
          problems.push(faqProblem("duplicate_faq_id", lang, `/${i}/id`, `The FAQ id "${entry.id}" is used twice in ${file}`, "Give every entry its own id."));
        }
      });
      valid[lang] = entries;
    }
  }
  const ids = new Set(Object.values(valid).flatMap((entries) => entries.map((e) => e.id)));
  for (const lang of LANGUAGES) {
    const entries = valid[lang];
    if (!entries) continue;
    for (const id of ids) {
      if (!entries.some((e) => e.id === id)) {
        const where = LANGUAGES.filter((other) => valid[other]?.some((e) => e.id === id)).map((other) => `faq/${other}.json`);
        problems.push(faqProblem("missing_faq_entry", lang, "", `The FAQ entry "${id}" is in ${where.join(", ")} but missing in faq/${lang}.json`,
          `Add the entry "${id}" to faq/${lang}.json, translated, or remove it from the other languages.`));
      }
    }
  }
  return problems.length > 0 ? { problems } : { faq: valid as Faq, problems };
}

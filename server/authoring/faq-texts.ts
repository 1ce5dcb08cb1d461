/**
 * FAQ entries left untranslated: the loader checks that every language has every entry, but an
 * entry copied from another language unchanged passes that check and answers nobody who asks in
 * this one.
 */
import type { Faq } from "../engine/faq";
import { LANGUAGES } from "../i18n/languages";
import type { Finding } from "./finding";

export function faqFindings(faq: Faq | undefined): Finding[] {
  if (!faq) return [];
  const findings: Finding[] = [];
  for (const [i, lang] of LANGUAGES.entries()) {
    for (const other of LANGUAGES.slice(0, i)) {
      faq[lang].forEach((entry, position) => {
        const twin = faq[other].find((e) => e.id === entry.id);
        if (twin?.question !== entry.question) return;
        findings.push({
          severity: "warning",
          code: "untranslated_faq_entry",
          file: `faq/${lang}.json`,
          pointer: `/${position}/question`,
          message: `The FAQ entry "${entry.id}" asks the same question in faq/${lang}.json as in faq/${other}.json`,
          fix: `Translate the entry "${entry.id}" in faq/${lang}.json.`,
        });
      });
    }
  }
  return findings;
}

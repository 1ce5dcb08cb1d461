/**
 * Whether a chat message asks something rather than answers the current question. An answer is
 * a name, a number, a date or a choice; a question has a question mark, starts with a question
 * word, or (in Korean) has a question word or a question ending.
 */
import { LANGUAGES, type Language } from "../../i18n/languages";

/** Words that start a question. Not "may" or "will": "May 2025" and "Will Smith" are answers. */
const OPENERS: Record<Language, ReadonlySet<string>> = {
  en: new Set("what whats what's why who whom whose when where which how can could do does did is are should must".split(" ")),
  de: new Set("was warum wieso weshalb wer wen wem wessen wie wo wann welche welcher welches welchen wozu wofür woher wohin muss müssen kann können brauche braucht gibt".split(" ")),
  ko: new Set<string>(),
};

const KO_QUESTION_WORDS = /왜|무엇|뭐|뭔|어떤|어떻게|언제|누가|누구|어디|얼마/u;
const KO_QUESTION_ENDINGS = /(나요|가요|까요|니까|는지|은지|죠)$/u;

/** Question words of every language count: an applicant may ask in German in an English conversation. */
export function looksLikeQuestion(text: string): boolean {
  const trimmed = text.normalize("NFC").trim();
  if (/[?？¿]/u.test(trimmed)) return true;
  if (KO_QUESTION_WORDS.test(trimmed) || KO_QUESTION_ENDINGS.test(trimmed)) return true;
  const first = trimmed.toLowerCase().match(/^[\p{L}']+/u)?.[0];
  return first !== undefined && LANGUAGES.some((l) => OPENERS[l].has(first));
}

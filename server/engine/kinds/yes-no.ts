/**
 * Yes or no, from the one vocabulary (words.ts): the same words answer a yes/no question, an
 * "add another?" and a read-back in the chat.
 */
import type { Language } from "../../i18n/languages";
import { t } from "../../i18n/translate";
import { WRONG_TYPE, type Asked, type KindDefinition, type KindName } from "./kind";
import { readYesNoIn } from "./matching";
import { normalize, VOCABULARY } from "./words";

const label = (value: boolean, asked: Asked, lang: Language) =>
  asked.choices?.find((c) => c.value === value)?.label ?? t(lang, value ? "answer.yes" : "answer.no");

function yesOrNo(name: Extract<KindName, "yesno" | "addAnother">): KindDefinition {
  return {
    name,
    read(typed, asked, { lang }) {
      const value = readYesNoIn(typed, lang, asked.choices);
      const words = VOCABULARY[lang];
      if (value === undefined) return { ok: false, code: "not_a_boolean", params: { yes: words.yes[0]!, no: words.no[0]! } };
      return { ok: true, value, sure: (value ? words.yes : words.no).map(normalize).includes(normalize(typed.replace(/[.!]+$/, ""))) };
    },
    take: (value) => (typeof value === "boolean" ? { ok: true, value } : WRONG_TYPE),
    show: (value, asked, lang) => label(Boolean(value), asked, lang),
    typed: (value) => String(value),
    input: () => ({ control: "radios", inline: true, quickReplies: true }),
    example: (_asked, lang) => VOCABULARY[lang].yes[0]!,
    spellings: (value, asked, lang) => {
      const words = value ? VOCABULARY[lang].yes : VOCABULARY[lang].no;
      return [String(value), label(Boolean(value), asked, lang), ...words.slice(0, 3), `${words[0]!.toUpperCase()}!`];
    },
    sample: () => true,
    domain: () => [true, false],
  };
}

export const yesno = yesOrNo("yesno");
export const addAnother = yesOrNo("addAnother");

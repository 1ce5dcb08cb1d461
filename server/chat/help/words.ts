/**
 * Words as the help search sees them. Korean writes a noun and its particle as one word
 * ("서류가", "서류는"), so a Hangul word also counts without its particle and by its character
 * bigrams, which the noun shares with every spelling of it and with compounds ("세금등급"). Question words and other words that every question has
 * ("what is", "wie", "어떤") are stop words: they would make every entry look like a match.
 */
import type { Language } from "../../i18n/languages";

const STOP: Record<Language, ReadonlySet<string>> = {
  en: new Set(("a an the and or of to in on at for from by with about as into is are was were be been being am do does did " +
    "i me my we our you your it its this that these those there here what whats which who whom whose why when where how " +
    "can could should would will shall must may might have has had get got s t please tell know want need needed needs if so not no " +
    "any some much many more most also just than then mean means meaning").split(" ")),
  de: new Set(("der die das den dem des ein eine einen einem einer eines und oder zu zum zur im in am an auf aus bei mit " +
    "von vom für über um ist sind war wird werden wurde bin bist sein hat haben hatte ich mich mir wir uns sie ihr ihre " +
    "ihnen es man was wer wen wem wie wo wann bis warum wieso weshalb welche welcher welches welchen wozu wofür woher " +
    "kann können muss müssen soll sollen darf bekomme bekommt bekommen kriege kriegt stellen brauche brauchst braucht " +
    "bedeutet bedeuten bedeutung heißt brauchen benötige benötigt benötigen euch dass bitte mal denn doch noch auch nicht kein keine so da gibt geht").split(" ")),
  ko: new Set(("무엇 무엇인가요 무엇입니까 무엇이 무엇을 뭐 뭐가 뭐예요 뭔가요 뭘 왜 왜요 어떤 어떻게 언제 누가 누구 누구인가요 " +
    "어디 어디서 어디에 언제까지 내야 해야 하면 후 후에 후에는 다음 다음에 다음에는 있나요 있습니까 하나요 합니까 되나요 됩니까 인가요 입니까 건가요 이란 란 " +
    "좀 제 저 저는 제가 내 우리 이 그 저희 것 수 때 요 알려 주세요 알려주세요 궁금합니다 궁금해요 뜻 뜻이 의미").split(" ")),
};

/** Bigrams that are endings or particles rather than content ("필요한가요" → not "가요"). */
const KO_STOP_BIGRAMS: ReadonlySet<string> = new Set(
  "가요 나요 까요 니까 세요 어요 아요 예요 에요 해요 돼요 요해 하면 되면 인가 는지 은지 습니 합니 입니 됩니 있습 하나 되나 있나 해야 주세 무엇 엇인 엇을 엇이 어떤 어떻 떻게 언제 누가 왜요".split(" "),
);

export const HANGUL = /\p{Script=Hangul}/u;

/** Particles written onto a Korean noun, longest first: "계획서는" is "계획서" + "는". */
const KO_PARTICLE = /(에서는|으로는|에게는|에는|에도|으로|에서|에게|까지|부터|이란|은|는|이|가|을|를|의|에|도|로|과|와|만|란)$/u;

export interface Word {
  /** The word as written, lower-case. */
  word: string;
  /** The word without a Korean particle ("계획서는" → "계획서"); otherwise the word. */
  noun: string;
  /** A Korean noun's content bigrams; none for other words and two-syllable nouns. */
  bigrams: string[];
}

function hangulWord(word: string): Word {
  const stem = word.replace(KO_PARTICLE, "");
  const noun = [...stem].length >= 2 ? stem : word;
  return { word, noun, bigrams: [...noun].length > 2 ? bigrams(noun) : [] };
}

const bigrams = (word: string): string[] => {
  const chars = [...word];
  return chars.slice(1).map((c, i) => chars[i] + c).filter((b) => !KO_STOP_BIGRAMS.has(b));
};

/** The content words of a text, without stop words. */
export function wordsOf(text: string, lang: Language): Word[] {
  const raw = text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return raw
    .filter((word) => !STOP[lang].has(word))
    .map((word) => (HANGUL.test(word) ? hangulWord(word) : { word, noun: word, bigrams: [] }));
}

/** Every search term of a text, as MiniSearch's tokenizer. */
export const termsOf = (text: string, lang: Language): string[] =>
  wordsOf(text, lang).flatMap((w) => [...new Set([w.word, w.noun, ...w.bigrams])]);

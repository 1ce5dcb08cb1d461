export const LANGUAGES = ["ko", "de", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** BCP 47 tags for Intl formatting of numbers and dates. */
export const LOCALE_TAG: Record<Language, string> = { ko: "ko-KR", de: "de-DE", en: "en-GB" };

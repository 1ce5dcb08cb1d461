import en from "./messages/en.json" with { type: "json" };
import de from "./messages/de.json" with { type: "json" };
import ko from "./messages/ko.json" with { type: "json" };
import type { Language } from "./languages";

export type MessageKey = keyof typeof en;
export type Params = Record<string, string | number | boolean | null | undefined>;

const catalogs: Record<Language, Record<MessageKey, string>> = { en, de, ko };

/** `{name}` placeholders are filled from params; an unknown placeholder stays visible. */
export function interpolate(text: string, params: Params = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

export function t(lang: Language, key: MessageKey, params?: Params): string {
  return interpolate(catalogs[lang][key], params);
}

export function catalogOf(lang: Language): Readonly<Record<MessageKey, string>> {
  return catalogs[lang];
}

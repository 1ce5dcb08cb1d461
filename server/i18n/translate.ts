/**
 * Every user-facing string, by language. The catalogs are split by area (core pages and errors,
 * the chat assistant, the author preview, callback requests, reading typed answers, the messages
 * for answers that break a JSON Schema keyword, requests the server cannot take, applicant session
 * safety, reviewing and deciding cases, the second person's approval, the de-identified export, the privacy notices, imprint and accessibility statement, legal holds and erasure, importing a list from a file) so that each feature owns its texts;
 * the type of the English catalog makes a missing German or Korean key a compile error.
 */
import coreEn from "./messages/core/en.json" with { type: "json" };
import coreDe from "./messages/core/de.json" with { type: "json" };
import coreKo from "./messages/core/ko.json" with { type: "json" };
import chatEn from "./messages/chat/en.json" with { type: "json" };
import chatDe from "./messages/chat/de.json" with { type: "json" };
import chatKo from "./messages/chat/ko.json" with { type: "json" };
import previewEn from "./messages/preview/en.json" with { type: "json" };
import previewDe from "./messages/preview/de.json" with { type: "json" };
import previewKo from "./messages/preview/ko.json" with { type: "json" };
import callbackEn from "./messages/callback/en.json" with { type: "json" };
import callbackDe from "./messages/callback/de.json" with { type: "json" };
import callbackKo from "./messages/callback/ko.json" with { type: "json" };
import readEn from "./messages/read/en.json" with { type: "json" };
import readDe from "./messages/read/de.json" with { type: "json" };
import readKo from "./messages/read/ko.json" with { type: "json" };
import validationEn from "./messages/validation/en.json" with { type: "json" };
import validationDe from "./messages/validation/de.json" with { type: "json" };
import validationKo from "./messages/validation/ko.json" with { type: "json" };
import requestsEn from "./messages/requests/en.json" with { type: "json" };
import requestsDe from "./messages/requests/de.json" with { type: "json" };
import requestsKo from "./messages/requests/ko.json" with { type: "json" };
import sessionEn from "./messages/session/en.json" with { type: "json" };
import sessionDe from "./messages/session/de.json" with { type: "json" };
import sessionKo from "./messages/session/ko.json" with { type: "json" };
import reviewEn from "./messages/review/en.json" with { type: "json" };
import reviewDe from "./messages/review/de.json" with { type: "json" };
import reviewKo from "./messages/review/ko.json" with { type: "json" };
import submissionEn from "./messages/submission/en.json" with { type: "json" };
import submissionDe from "./messages/submission/de.json" with { type: "json" };
import submissionKo from "./messages/submission/ko.json" with { type: "json" };
import approvalEn from "./messages/approval/en.json" with { type: "json" };
import approvalDe from "./messages/approval/de.json" with { type: "json" };
import approvalKo from "./messages/approval/ko.json" with { type: "json" };
import exportEn from "./messages/export/en.json" with { type: "json" };
import exportDe from "./messages/export/de.json" with { type: "json" };
import exportKo from "./messages/export/ko.json" with { type: "json" };
import noticesEn from "./messages/notices/en.json" with { type: "json" };
import noticesDe from "./messages/notices/de.json" with { type: "json" };
import noticesKo from "./messages/notices/ko.json" with { type: "json" };
import privacyEn from "./messages/privacy/en.json" with { type: "json" };
import privacyDe from "./messages/privacy/de.json" with { type: "json" };
import privacyKo from "./messages/privacy/ko.json" with { type: "json" };
import importEn from "./messages/import/en.json" with { type: "json" };
import importDe from "./messages/import/de.json" with { type: "json" };
import importKo from "./messages/import/ko.json" with { type: "json" };
import type { Language } from "./languages";

const en = { ...coreEn, ...chatEn, ...previewEn, ...callbackEn, ...readEn, ...validationEn, ...requestsEn, ...sessionEn, ...reviewEn, ...submissionEn, ...approvalEn, ...exportEn, ...noticesEn, ...privacyEn, ...importEn };

export type MessageKey = keyof typeof en;
export type Params = Record<string, string | number | boolean | null | undefined>;

const catalogs: Record<Language, Record<MessageKey, string>> = {
  en,
  de: { ...coreDe, ...chatDe, ...previewDe, ...callbackDe, ...readDe, ...validationDe, ...requestsDe, ...sessionDe, ...reviewDe, ...submissionDe, ...approvalDe, ...exportDe, ...noticesDe, ...privacyDe, ...importDe },
  ko: { ...coreKo, ...chatKo, ...previewKo, ...callbackKo, ...readKo, ...validationKo, ...requestsKo, ...sessionKo, ...reviewKo, ...submissionKo, ...approvalKo, ...exportKo, ...noticesKo, ...privacyKo, ...importKo },
};

/** For keys made at run time (`validation.${keyword}`): the catalogs' type makes every language have each English key. */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

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

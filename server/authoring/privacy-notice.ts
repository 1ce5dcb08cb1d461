/**
 * The privacy notice an applicant must be given before the first question (GDPR Art. 13,
 * 개인정보 보호법 제15조 제2항): the loader checks the shape of a notice the package has, but a
 * package without one, or with sections of the `formpilot new` template still to fill in, loads.
 */
import type { PrivacyNotice } from "../engine/privacy-notice";
import { TO_FILL } from "../engine/privacy-notice";
import { LANGUAGES, type Language } from "../i18n/languages";
import type { Finding } from "./finding";

/** Each text still starting with the template's mark, with its JSON pointer. */
function unfilled(value: unknown, pointer: string): string[] {
  if (typeof value === "string") return value.startsWith(TO_FILL) ? [pointer] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => unfilled(v, `${pointer}/${i}`));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([key, v]) => unfilled(v, `${pointer}/${key}`));
  return [];
}

export function privacyNoticeFindings(privacy: Record<Language, PrivacyNotice> | undefined): Finding[] {
  if (!privacy) {
    return [{
      severity: "warning",
      code: "missing_privacy_notice",
      file: "privacy/en.json",
      pointer: "",
      message: "The form has no privacy notice: applicants are not told what happens to their data",
      fix: "Write privacy/ko.json, privacy/de.json and privacy/en.json: see \"The privacy notice\" in forms/README.md.",
    }];
  }
  return LANGUAGES.flatMap((lang) => unfilled(privacy[lang], "").map((pointer): Finding => ({
    severity: "warning",
    code: "privacy_notice_to_fill",
    file: `privacy/${lang}.json`,
    pointer,
    message: `This section of the privacy notice is still the template's "${TO_FILL}" text`,
    fix: "Write what applicants of this form must be told here, and remove the mark.",
  })));
}

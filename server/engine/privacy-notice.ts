/**
 * A form's privacy notice (privacy/<lang>.json): what is collected, why, on which legal basis, for
 * how long, who receives it and the applicant's rights, in every language. Optional for loading, so
 * that a form in the making runs; lint reports a package without one. Pure: the loader hands the
 * parsed files in.
 */
import type { Problem } from "./problem";
import { LANGUAGES, type Language } from "../i18n/languages";
import { createAjv } from "./ajv";
import privacySchema from "./privacy.schema.json" with { type: "json" };
import { formatNumber } from "./format";
import { mapStrings } from "./parameter-texts";

export const RIGHTS = ["access", "rectification", "erasure", "restriction", "objection", "complaint"] as const;
export type Right = (typeof RIGHTS)[number];

export interface PrivacyNotice {
  summary: { collected: string; why: string };
  controller: string;
  purpose: string;
  legalBasis: string[];
  categories: string[];
  obligation: string;
  recipients: string[];
  retention: string;
  rights: Record<Right, string>;
  dataProtectionOfficer: string;
}

/** Starts every text of the template `formpilot new` writes: lint finds what is left to fill in by it. */
export const TO_FILL = "[to fill]";

const checkNotice = createAjv().compile(privacySchema);

const noticeProblem = (code: string, lang: Language, pointer: string, message: string, fix: string): Problem => ({
  code,
  file: `privacy/${lang}.json`,
  pointer,
  message,
  fix,
  severity: "error",
});

/** Checks the notice files a package has; `files` is undefined when it has none, which lint reports. */
export function checkPrivacyFiles(files: Partial<Record<Language, unknown>> | undefined): { privacy?: Record<Language, PrivacyNotice>; problems: Problem[] } {
  if (files === undefined) return { problems: [] };
  const problems: Problem[] = [];
  for (const lang of LANGUAGES) {
    const content = files[lang];
    if (content === undefined) {
      problems.push(noticeProblem("missing_privacy_language", lang, "", `There is no privacy/${lang}.json, but the form has a privacy notice in other languages`,
        `Create privacy/${lang}.json with the same sections as the other languages.`));
    } else if (!checkNotice(content)) {
      for (const e of checkNotice.errors ?? []) {
        problems.push(noticeProblem("invalid_privacy_notice", lang, e.instancePath, `${e.instancePath || "the file"} ${e.message}`,
          "Write every section of the notice: see \"The privacy notice\" in forms/README.md."));
      }
    }
  }
  return problems.length > 0 ? { problems } : { privacy: files as Record<Language, PrivacyNotice>, problems };
}

const RETENTION_PLACEHOLDER = /\{retention\.(draftDays|decidedYears)\}/g;

/**
 * `{retention.draftDays}` and `{retention.decidedYears}` in a notice are the periods of the form's
 * `x-form.retention`, written for the language: the notice states the period the server erases
 * by (GDPR Art. 13 (2) (a)), and the figure lives in one place. A placeholder in a form without
 * retention periods is a load problem.
 */
export function withRetention(
  privacy: Record<Language, PrivacyNotice>,
  retention: { draftDays: number; decidedYears: number } | undefined,
): { privacy: Record<Language, PrivacyNotice>; problems: Problem[] } {
  const problems: Problem[] = [];
  const fill = (lang: Language) => (text: string) =>
    text.replace(RETENTION_PLACEHOLDER, (whole, name: "draftDays" | "decidedYears") => {
      if (retention) return formatNumber(retention[name], lang);
      problems.push(noticeProblem("retention_not_set", lang, "", `The notice states {retention.${name}}, but the form sets no retention periods`,
        'Set "retention": { "draftDays": …, "decidedYears": … } in schema.json\'s x-form, or write the period into the notice.'));
      return whole;
    });
  const filled = Object.fromEntries(LANGUAGES.map((lang) => [lang, mapStrings(privacy[lang], fill(lang))])) as Record<Language, PrivacyNotice>;
  return { privacy: filled, problems };
}

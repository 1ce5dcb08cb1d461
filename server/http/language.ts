/** The applicant's language: an explicit choice (cookie) first, then what the browser asks for. */
import type { Request } from "express";
import { isLanguage, LANGUAGES, type Language } from "../i18n/languages";

export const LANGUAGE_COOKIE = "fp_lang";

export function requestLanguage(req: Request, fallback: Language = "en"): Language {
  const chosen = req.cookies?.[LANGUAGE_COOKIE];
  if (isLanguage(chosen)) return chosen;
  const accepted = req.acceptsLanguages(...LANGUAGES);
  return isLanguage(accepted) ? accepted : fallback;
}

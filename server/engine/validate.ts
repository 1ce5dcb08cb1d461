/**
 * Validation is Ajv's, against the form's own schema: one answer against its question's
 * sub-schema, the finished application against the whole. Messages come from ajv-i18n in the
 * applicant's language, unless the form's locale file words one for that field.
 */
import localize from "ajv-i18n";
import type { ErrorObject } from "./ajv";
import type { Form } from "./form";
import type { Problem } from "./problem";
import type { Language } from "../i18n/languages";
import { t, type MessageKey } from "../i18n/translate";
import { templateOf, formatPointer } from "./pointer";

function localized(errors: ErrorObject[], lang: Language): ErrorObject[] {
  const copy = errors.map((e) => ({ ...e }));
  localize[lang](copy);
  return copy;
}

/** The answer an Ajv error is about: for "required" that is the missing property, not its parent. */
function pointerOf(error: ErrorObject, base: string): string {
  const path = base + error.instancePath;
  if (error.keyword === "required" || error.keyword === "dependentRequired") {
    const missing = (error.params as { missingProperty?: string }).missingProperty;
    return missing ? path + formatPointer([missing]) : path;
  }
  return path;
}

function customMessage(form: Form, lang: Language, pointer: string, keyword: string): string | undefined {
  if (pointer === "") return undefined;
  return form.locales[lang]?.fields[templateOf(pointer)]?.errors?.[keyword];
}

/** Ajv reports the same fault through every `if`/`allOf` it passes; one line per field and kind is enough. */
const WRAPPERS = new Set(["if", "allOf", "anyOf", "oneOf", "then", "else", "dependentSchemas"]);

export function problemsFrom(form: Form, errors: ErrorObject[] | null | undefined, lang: Language, base = ""): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const e of localized(errors ?? [], lang)) {
    if (WRAPPERS.has(e.keyword)) continue;
    const pointer = pointerOf(e, base);
    const code = e.keyword === "dependentRequired" ? "required" : e.keyword;
    const id = `${pointer} ${code}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const message =
      customMessage(form, lang, pointer, code) ??
      (code === "required" ? t(lang, "error.required") : (e.message ?? t(lang, "error.invalid")));
    problems.push({ code, pointer, message });
  }
  return problems;
}

export type EngineErrorCode = { [K in MessageKey]: K extends `error.${infer C}` ? C : never }[MessageKey];

export function engineProblem(lang: Language, code: EngineErrorCode, pointer: string, params?: Record<string, string | number>): Problem {
  return { code, pointer, message: t(lang, `error.${code}` as MessageKey, params) };
}

/** One answer against the schema of its question. */
export function validateAnswer(form: Form, schemaPath: string, pointer: string, value: unknown, lang: Language): Problem[] {
  const validator = form.validatorAt(schemaPath);
  return validator(value) ? [] : problemsFrom(form, validator.errors, lang, pointer);
}

/** The whole application against the whole schema. */
export function validateApplication(form: Form, answers: unknown, lang: Language): Problem[] {
  return form.validate(answers) ? [] : problemsFrom(form, form.validate.errors, lang);
}


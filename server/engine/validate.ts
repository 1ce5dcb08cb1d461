/**
 * Validation is Ajv's, against the form's own schema: one answer against its question's
 * sub-schema, the finished application against the whole, and after each change the rules across
 * answers (`$data`) that touch it. Messages are the validation catalog's in the applicant's
 * language (keyword-messages.ts), unless the form's locale file words one for that field.
 */
import type { ErrorObject } from "./ajv";
import type { Form } from "./form";
import type { Problem } from "./problem";
import type { Language } from "../i18n/languages";
import { t, type MessageKey } from "../i18n/translate";
import { templateOf, formatPointer } from "./pointer";
import { crossProblem, keywordMessage } from "./keyword-messages";

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

/**
 * `data` is what was validated: the answers, or one answer at `base`. A rule across answers always
 * names both answers; the locale's `errors` word a field's own limits, which it would misstate.
 */
export function problemsFrom(form: Form, errors: ErrorObject[] | null | undefined, lang: Language, data: unknown, base = ""): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const e of errors ?? []) {
    if (WRAPPERS.has(e.keyword)) continue;
    const pointer = pointerOf(e, base);
    const code = e.keyword === "dependentRequired" ? "required" : e.keyword;
    const rule = base === "" ? form.dataRules.get(e.schemaPath) : undefined;
    // A rule across answers is its own line beside the field's own limit of the same keyword.
    const id = `${pointer} ${code}${rule ? ` ${rule.schemaPath}` : ""}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (rule) problems.push(crossProblem(form, lang, rule, e, data));
    else problems.push({ code, pointer, message: customMessage(form, lang, pointer, code) ?? keywordMessage(form, lang, e, pointer) });
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
  return validator(value) ? [] : problemsFrom(form, validator.errors, lang, value, pointer);
}

/** The whole application against the whole schema. */
export function validateApplication(form: Form, answers: unknown, lang: Language): Problem[] {
  return form.validate(answers) ? [] : problemsFrom(form, form.validate.errors, lang, answers);
}

/**
 * The rules across answers that `answers` (as they are after a change to `pointer`) break and that
 * touch `pointer`: either as the answer checked or as the one its limit comes from. Each problem is
 * put on `pointer`, the other answer in `related`. `pending` are answers of the same change not yet
 * checked: a rule that compares with one of them waits for it, so that moving both dates of a period
 * at once is not refused for the old value of the second.
 */
export function crossAnswerProblems(form: Form, answers: unknown, pointer: string, lang: Language, pending: readonly string[] = []): Problem[] {
  if (form.dataRules.size === 0 || form.validate(answers)) return [];
  const broken = (form.validate.errors ?? []).filter((e) => form.dataRules.has(e.schemaPath));
  return problemsFrom(form, broken, lang, answers).flatMap((p) => {
    const other = p.related?.[0];
    if (other === undefined) return [];
    if (p.pointer === pointer) return pending.includes(other) ? [] : [p];
    if (other === pointer) return pending.includes(p.pointer) ? [] : [{ ...p, pointer, related: [p.pointer] }];
    return [];
  });
}

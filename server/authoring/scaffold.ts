/**
 * A new form package that works from the first minute: one required question in schema.json, its
 * texts in every language, a worked example and the generated types. `lint` and `test` pass on it,
 * and the server offers it without a change anywhere else.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Language } from "../i18n/languages";
import { FORM_ID, UsageError } from "./package-files";
import { syncPackageTypes } from "./types";

const TEXTS: Record<Language, { title: string; purpose: string; authority: string; declaration: string; question: string }> = {
  en: {
    title: "New form",
    purpose: "Say in one sentence what this form is for.",
    authority: "The authority that decides",
    declaration: "I confirm that the information given is true and complete.",
    question: "What is your full name?",
  },
  de: {
    title: "Neues Formular",
    purpose: "Sagen Sie in einem Satz, wofür dieses Formular da ist.",
    authority: "Die Behörde, die entscheidet",
    declaration: "Ich versichere, dass alle Angaben richtig und vollständig sind.",
    question: "Wie lautet Ihr vollständiger Name?",
  },
  ko: {
    title: "새 양식",
    purpose: "이 양식의 용도를 한 문장으로 적어 주십시오.",
    authority: "결정하는 기관",
    declaration: "위 신청 내용이 사실과 다름이 없음을 확인합니다.",
    question: "성명을 입력해 주십시오.",
  },
};

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The package's files by path, except schema.types.ts, which is generated from schema.json. */
function scaffoldFiles(formId: string): Record<string, string> {
  const files: Record<string, string> = {
    "schema.json": json({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      "x-form": { version: "1.0.0", minutes: 5, defaultLanguage: "en" },
      properties: { fullName: { type: "string", minLength: 1, maxLength: 200, "x-privacy": "identifier" } },
      required: ["fullName"],
      additionalProperties: false,
    }),
    "examples/complete.json": json({
      description: "The one question answered",
      answers: { fullName: "Ada Lovelace" },
      expect: { complete: true, asked: ["/fullName"] },
    }),
  };
  for (const [lang, t] of Object.entries(TEXTS)) {
    files[`locales/${lang}.json`] = json({
      form: { title: `${t.title} (${formId})`, purpose: t.purpose, authority: t.authority, needs: [], declaration: t.declaration },
      fields: { "/fullName": { title: t.question } },
    });
  }
  return files;
}

/** Creates forms/<id>/ (or under `root`); returns the paths written. */
export async function createForm(root: string, formId: string): Promise<string[]> {
  if (!FORM_ID.test(formId)) throw new UsageError(`"${formId}" is not a form id: use lower-case letters, digits and dashes, starting with a letter`);
  const dir = path.join(root, formId);
  await mkdir(root, { recursive: true });
  // Not recursive: creating the folder itself is what refuses an existing one.
  await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw error.code === "EEXIST" ? new UsageError(`${dir} already exists: choose another id, or edit that form`) : error;
  });
  const written: string[] = [];
  for (const [file, content] of Object.entries(scaffoldFiles(formId))) {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
    written.push(target);
  }
  await syncPackageTypes(dir, false);
  return [...written, path.join(dir, "schema.types.ts")];
}

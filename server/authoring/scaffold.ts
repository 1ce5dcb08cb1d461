/**
 * A new form package that works from the first minute: one required question in schema.json, its
 * texts in every language, a worked example, the privacy notice to fill in and the generated types.
 * `lint` passes on it with a warning for each section of the notice still to write, `test` passes,
 * and the server offers it without a change anywhere else.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { PrivacyNotice } from "../engine/privacy-notice";
import { TO_FILL } from "../engine/privacy-notice";
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

/** What each section of the privacy notice must say, as the author reads it in the file to fill in. */
const NOTICE: Record<Language, PrivacyNotice> = {
  en: {
    summary: { collected: "What the form collects, in one sentence.", why: "Why, and for whom, in one sentence." },
    controller: "Who decides on the application; the operator's name and address are shown from the site configuration.",
    purpose: "What the data is used for.",
    legalBasis: ["The law that allows the processing, e.g. Art. 6(1)(e) GDPR with the program's act, or 개인정보 보호법 제15조."],
    categories: ["Each kind of data the form asks for."],
    obligation: "Whether the applicant must give it, and what happens if not.",
    recipients: ["Who receives the data."],
    retention: "How long drafts and submitted applications are kept.",
    rights: {
      access: "How to see one's data.", rectification: "How to correct it.", erasure: "How to have it erased.",
      restriction: "How to restrict its processing.", objection: "How to object.", complaint: "The supervisory authority to complain to.",
    },
    dataProtectionOfficer: "Whom to write to about the data; the contact is shown from the site configuration.",
  },
  de: {
    summary: { collected: "Was das Formular erhebt, in einem Satz.", why: "Wozu und für wen, in einem Satz." },
    controller: "Wer über den Antrag entscheidet; Name und Anschrift des Betreibers kommen aus der Konfiguration der Website.",
    purpose: "Wozu die Daten verwendet werden.",
    legalBasis: ["Das Gesetz, das die Verarbeitung erlaubt, z. B. Art. 6 Abs. 1 lit. e DSGVO mit dem Gesetz der Leistung."],
    categories: ["Jede Art von Daten, nach der das Formular fragt."],
    obligation: "Ob die Angaben gemacht werden müssen und was sonst geschieht.",
    recipients: ["Wer die Daten erhält."],
    retention: "Wie lange Entwürfe und abgeschickte Anträge aufbewahrt werden.",
    rights: {
      access: "Wie man Auskunft erhält.", rectification: "Wie man berichtigen lässt.", erasure: "Wie man löschen lässt.",
      restriction: "Wie man die Verarbeitung einschränken lässt.", objection: "Wie man widerspricht.", complaint: "Die Aufsichtsbehörde für Beschwerden.",
    },
    dataProtectionOfficer: "An wen man sich zu den Daten wendet; der Kontakt kommt aus der Konfiguration der Website.",
  },
  ko: {
    summary: { collected: "양식이 수집하는 정보를 한 문장으로.", why: "수집 이유와 제공받는 기관을 한 문장으로." },
    controller: "신청을 결정하는 기관. 운영기관의 명칭과 주소는 사이트 설정에서 표시됩니다.",
    purpose: "개인정보의 처리 목적.",
    legalBasis: ["처리를 허용하는 법령, 예: 「개인정보 보호법」 제15조와 사업의 근거 법률."],
    categories: ["양식이 묻는 정보의 종류마다 한 줄."],
    obligation: "제공을 거부할 권리와 거부할 때의 불이익.",
    recipients: ["개인정보를 제공받는 자."],
    retention: "작성 중인 신청과 제출한 신청의 보유 기간.",
    rights: {
      access: "열람하는 방법.", rectification: "정정하는 방법.", erasure: "삭제를 요구하는 방법.",
      restriction: "처리 정지를 요구하는 방법.", objection: "이의를 제기하는 방법.", complaint: "신고할 수 있는 기관.",
    },
    dataProtectionOfficer: "개인정보 문의처. 연락처는 사이트 설정에서 표시됩니다.",
  },
};

/** Every text of the notice marked as still to be written. */
function toFill<T>(value: T): T {
  if (typeof value === "string") return `${TO_FILL} ${value}` as T;
  if (Array.isArray(value)) return value.map(toFill) as T;
  return Object.fromEntries(Object.entries(value as object).map(([key, v]) => [key, toFill(v)])) as T;
}

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
    files[`privacy/${lang}.json`] = json(toFill(NOTICE[lang as Language]));
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

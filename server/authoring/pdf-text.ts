/**
 * The text of an example's PDF as a caseworker's viewer extracts it: rendered by the server's own
 * PDF code and read back with pdftotext (Debian's poppler-utils), fed through a pipe.
 */
import { spawn } from "node:child_process";
import type { Form } from "../engine/form";
import type { Language } from "../i18n/languages";
import { renderApplicationPdf } from "../pdf/application-pdf";
import { pdfInputOf } from "../pdf/build-input";

export type PdfTextOf = (form: Form, answers: Record<string, unknown>, language: Language) => Promise<string>;

/** The text of a PDF in reading layout, pages separated by form feeds (\f). */
export function pdftotext(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("pdftotext", ["-layout", "-enc", "UTF-8", "-", "-"]);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) => reject(new Error(`pdftotext could not run (install poppler-utils): ${error.message}`)));
    child.on("close", (code) => (code === 0 ? resolve(Buffer.concat(out).toString("utf8")) : reject(new Error(`pdftotext failed: ${Buffer.concat(err).toString("utf8")}`))));
    child.stdin.end(pdf);
  });
}

/** `template` is the form's own pdf.hbs, when it has one. */
export function pdfTextWith(template?: string): PdfTextOf {
  return async (form, answers, language) => {
    // A fixed reference and date: the text depends on the answers alone.
    const input = pdfInputOf(form, { answers, language, reference: "EXAMPLE", submittedAt: "2025-01-01T00:00:00.000Z" });
    return pdftotext(await renderApplicationPdf(input, template));
  };
}

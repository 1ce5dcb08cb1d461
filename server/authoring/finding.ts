/**
 * What the author toolkit reports about a form package: the engine's own load problems and the
 * toolkit's static findings share one shape, so that a terminal, an editor or CI reads them alike.
 */
import type { Problem } from "../engine/problem";

export interface Finding {
  severity: "error" | "warning";
  code: string;
  /** Relative to the package folder: `schema.json`, `locales/de.json`, `compute.ts`, … */
  file: string;
  /** A JSON pointer into a JSON file; `line:column` in compute.ts and pdf.hbs. */
  pointer: string;
  message: string;
  fix: string;
}

/** What static analysis could not decide; said so the author knows it was not checked. */
export interface Note {
  file: string;
  pointer: string;
  message: string;
}

/** The engine's problems carry no severity when they stop the form from loading: they are errors. */
export const findingOf = (p: Problem): Finding => ({
  severity: p.severity ?? "error",
  code: p.code,
  file: p.file ?? "",
  pointer: p.pointer,
  message: p.message,
  fix: p.fix ?? "",
});

export const hasErrors = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === "error");

/** `where` is the file as the reader should open it (relative to where they are). */
export function formatFinding(f: Finding, where: string): string {
  return `${f.pointer ? `${where}:${f.pointer}` : where} ${f.severity} ${f.code} ${f.message}${f.fix ? ` — ${f.fix}` : ""}`;
}

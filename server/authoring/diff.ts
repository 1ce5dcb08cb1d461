/** A readable account of what differs in a worked example: expected against actual, per field. */
import type { Mismatch } from "./example-check";

const CONTEXT = 2;
const SHOWN = 3;

const show = (value: unknown) => (value === undefined ? "(nothing)" : JSON.stringify(value));

/** For the questions asked: where the lists part, a few questions before it, and each side after it. */
export function askedDiff(expected: string[], actual: string[]): string[] {
  let at = 0;
  while (at < expected.length && at < actual.length && expected[at] === actual[at]) at++;
  const width = String(Math.max(expected.length, actual.length)).length;
  const line = (mark: string, i: number, pointer: string) => `  ${mark} ${String(i + 1).padStart(width)}  ${pointer}`;
  const side = (mark: string, list: string[]) => {
    const shown = list.slice(at, at + SHOWN).map((p, k) => line(mark, at + k, p));
    return shown.length > 0 ? shown : [`  ${mark} ${" ".repeat(width)}  (nothing more)`];
  };
  return [
    `asked: first difference at question ${at + 1} (${expected.length} expected, ${actual.length} asked); - expected, + asked`,
    ...expected.slice(Math.max(0, at - CONTEXT), at).map((p, k) => line(" ", Math.max(0, at - CONTEXT) + k, p)),
    ...side("-", expected),
    ...side("+", actual),
  ];
}

export function mismatchLines(m: Mismatch): string[] {
  switch (m.kind) {
    case "refused":
      return m.problems.map((p) => `refused: ${p.pointer || p.file || "/"}: ${p.message} (${p.code})`);
    case "asked":
      return askedDiff(m.expected, m.actual);
    case "value":
      return [`${m.field}: expected ${show(m.expected)}, got ${show(m.actual)}`];
    case "kept":
      return [`answers: not kept as given at ${m.pointers.join(", ")} (never asked for on this route, or changed by the engine)`];
    case "invalid":
      return m.problems.map((p) => `invalid: ${p.pointer || "/"}: ${p.message}`);
    case "pdfText":
      return m.missing.map((text) => `pdfText: not in the PDF: ${JSON.stringify(text)}`);
  }
}

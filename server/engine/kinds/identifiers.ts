/**
 * The normal form of an identifier, derived from its schema rather than written per form: the
 * text as typed if the pattern takes it, else upper-cased, else without the spaces, dots, dashes
 * and slashes people group it with, else those characters laid into the pattern's own separators
 * ("1234567890" → "123-45-67890"). An IBAN is upper case without spaces. What fits nothing stays as
 * typed, for the schema to refuse with its message.
 */
import { electronicFormatIBAN } from "ibantools";

/** A pattern made of fixed-length character classes and literal separators, as most identifiers are. */
function layout(pattern: string): { width: number; literal?: string }[] | undefined {
  const body = pattern.replace(/^\^/, "").replace(/\$$/, "");
  const pieces: { width: number; literal?: string }[] = [];
  const token = /(\[[^\]]+\]|\\d)(?:\{(\d+)\})?|\\?([-./ ])/gy;
  let at = 0;
  while (at < body.length) {
    token.lastIndex = at;
    const m = token.exec(body);
    if (!m) return undefined;
    at = token.lastIndex;
    pieces.push(m[3] !== undefined ? { width: 0, literal: m[3] } : { width: m[2] ? Number(m[2]) : 1 });
  }
  return pieces;
}

function laidOut(compact: string, pattern: string): string | undefined {
  const pieces = layout(pattern);
  if (!pieces || !pieces.some((p) => p.literal)) return undefined;
  let rest = compact;
  let out = "";
  for (const piece of pieces) {
    if (piece.literal) out += piece.literal;
    else {
      if (rest.length < piece.width) return undefined;
      out += rest.slice(0, piece.width);
      rest = rest.slice(piece.width);
    }
  }
  return rest === "" ? out : undefined;
}

export function normalIdentifier(text: string, pattern: string | undefined, format: string | undefined): string {
  if (format === "iban") return electronicFormatIBAN(text) ?? text;
  if (!pattern) return text;
  let accepts: RegExp;
  try {
    accepts = new RegExp(pattern, "u");
  } catch {
    return text;
  }
  const compact = text.replace(/[\s.\-/]/g, "");
  const candidates = [text, text.toUpperCase(), compact, compact.toUpperCase(), laidOut(compact.toUpperCase(), pattern)];
  return candidates.find((c): c is string => c !== undefined && accepts.test(c)) ?? text;
}

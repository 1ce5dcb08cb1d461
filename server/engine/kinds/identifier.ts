/**
 * An identifier with a pattern or an identifier format (IBAN, company and insurance numbers,
 * 사업자등록번호): read into its normal form, and shown back in it.
 */
import { WRONG_TYPE, type KindDefinition } from "./kind";
import { normalIdentifier } from "./identifiers";
import { patternSample } from "./pattern-sample";

// A real IBAN: its checksum cannot be made up.
const IBAN = "DE89370400440532013000";

export const identifier: KindDefinition = {
  name: "identifier",
  read: (typed, asked) => ({ ok: true, value: normalIdentifier(typed, asked.pattern, asked.format) }),
  take: (value) => (typeof value === "string" ? { ok: true, value } : WRONG_TYPE),
  show: (value) => String(value),
  typed: (value) => String(value),
  input: () => ({ control: "text", inputType: "text" }),
  example: () => "",
  spellings: (value, asked) => {
    const v = String(value);
    const spaced = v.replace(/[\s-]/g, "").replace(/(.{4})(?=.)/g, "$1 ");
    return [v, spaced, spaced.toLowerCase(), v.toLowerCase()].filter((s) => normalIdentifier(s, asked.pattern, asked.format) === v);
  },
  sample: ({ format, pattern }) => (format === "iban" ? IBAN : pattern ? patternSample(pattern) : undefined),
};

/** Free text: kept as typed (trimmed); a textarea when the form asks for one. */
import { WRONG_TYPE, type KindDefinition } from "./kind";

export const text: KindDefinition = {
  name: "text",
  read: (typed) => ({ ok: true, value: typed }),
  take: (value) => (typeof value === "string" ? { ok: true, value } : WRONG_TYPE),
  show: (value) => String(value),
  typed: (value) => String(value),
  input: (asked) => (asked.widget === "textarea" ? { control: "textarea" } : { control: "text", inputType: asked.format === "email" ? "email" : "text" }),
  example: () => "",
  spellings: (value) => [String(value), ` ${String(value)} `],
};

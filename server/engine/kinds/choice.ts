/** One of the schema's `enum` / `oneOf` values, named by value, label, synonym, stem or a small typo. */
import { formatList } from "../format";
import { WRONG_TYPE, type Asked, type KindDefinition } from "./kind";
import { matchChoice } from "./matching";

const labelOf = (value: unknown, asked: Asked) => asked.choices?.find((c) => c.value === value)?.label ?? String(value);

export const choice: KindDefinition = {
  name: "choice",
  read(typed, asked, { lang }) {
    const choices = asked.choices ?? [];
    const match = matchChoice(choices, typed);
    if (match.ok) return { ok: true, value: match.choice.value, sure: match.exact };
    if (match.matches.length > 1) return { ok: false, code: "ambiguous", options: match.matches.map((c) => c.value) };
    const labels = choices.map((c) => c.label);
    return { ok: false, code: "not_a_choice", params: { choices: formatList(labels, lang, "disjunction"), example: labels[0] ?? "" } };
  },
  take: (value, asked) => (asked.choices?.some((c) => c.value === value) ? { ok: true, value } : WRONG_TYPE),
  show: (value, asked) => labelOf(value, asked),
  typed: (value) => String(value),
  input: (asked) => ({ control: asked.widget === "select" ? "select" : "radios", quickReplies: true }),
  example: (asked) => asked.choices?.[0]?.label ?? "",
  spellings: (value, asked) => {
    const found = asked.choices?.find((c) => c.value === value);
    return found ? [String(value), found.label, found.label.toLowerCase(), ` ${found.label.toUpperCase()} `, ...(found.synonyms ?? []).slice(0, 1)] : [String(value)];
  },
  sample: ({ choices }) => choices?.[0]?.value,
  domain: ({ choices }) => choices?.map((c) => c.value),
};

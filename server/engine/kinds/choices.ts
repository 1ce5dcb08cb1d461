/** Several of the items' `enum` values: "a, b and c", "A und B", "휴업과 휴직", "all", "none". */
import type { Language } from "../../i18n/languages";
import { t } from "../../i18n/translate";
import { formatList } from "../format";
import { WRONG_TYPE, type Asked, type KindDefinition } from "./kind";
import { matchChoices } from "./matching";
import { VOCABULARY } from "./words";

const MAX_DOMAIN_CHOICES = 6;

const subsets = (values: unknown[]): unknown[][] => values.reduce<unknown[][]>((acc, v) => [...acc, ...acc.map((s) => [...s, v])], [[]]);

const labelsOf = (values: unknown[], asked: Asked) => values.map((v) => asked.choices?.find((c) => c.value === v)?.label ?? String(v));

function notAChoice(part: string, asked: Asked, lang: Language) {
  const labels = (asked.choices ?? []).map((c) => c.label);
  return { ok: false as const, code: "not_a_choice" as const, params: { part, choices: formatList(labels, lang, "disjunction"), example: formatList(labels.slice(0, 2), lang, "conjunction") } };
}

const shown = (value: unknown, asked: Asked, lang: Language) => {
  const values = Array.isArray(value) ? value : [];
  return values.length === 0 ? t(lang, "read.none_of_them") : formatList(labelsOf(values, asked), lang, "conjunction");
};

export const choices: KindDefinition = {
  name: "choices",
  read(typed, asked, { lang }) {
    const all = asked.choices ?? [];
    const match = matchChoices(all, typed, VOCABULARY[lang]);
    if (match.ok) return { ok: true, value: match.choices.map((c) => c.value) };
    const found = match.found.map((c) => c.value);
    if (match.matches.length > 1) return { ok: false, code: "ambiguous", part: match.part, options: match.matches.map((c) => [...found, c.value]) };
    return notAChoice(match.part, asked, lang);
  },
  // A page posts the ticked boxes' values as text; the API sends the values themselves.
  take(value, asked, lang) {
    if (!Array.isArray(value)) return WRONG_TYPE;
    const picked = value.map((v) => asked.choices?.find((c) => c.value === v || (typeof v === "string" && String(c.value) === v)));
    const unknown = value.find((_, i) => picked[i] === undefined);
    if (unknown === undefined) return { ok: true, value: picked.map((c) => c!.value) };
    return typeof unknown === "string" ? notAChoice(unknown, asked, lang) : WRONG_TYPE;
  },
  show: shown,
  typed: (value, asked, lang) => shown(value, asked, lang),
  input: () => ({ control: "checkboxes" }),
  example: (asked, lang) => formatList(labelsOf((asked.choices ?? []).slice(0, 2).map((c) => c.value), asked), lang, "conjunction"),
  spellings: (value, asked, lang) => {
    const labels = labelsOf(Array.isArray(value) ? value : [], asked);
    if (labels.length === 0) return [VOCABULARY[lang].none[0]!];
    return [formatList(labels, lang, "conjunction"), labels.join(", "), labels.map((l) => l.toLowerCase()).join(" / ")];
  },
  sample: ({ schema, choices }) => choices?.slice(0, Math.max(1, typeof schema.minItems === "number" ? schema.minItems : 0)).map((c) => c.value),
  // Every combination, while there are few enough to walk through.
  domain: ({ choices }) => (choices && choices.length <= MAX_DOMAIN_CHOICES ? subsets(choices.map((c) => c.value)) : undefined),
};

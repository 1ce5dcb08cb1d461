/**
 * Numbers with a unit, money and percentages: one reader for all three (numbers.ts), which knows
 * the three conventions of writing them, units and approximations; they differ in how they are
 * shown, typed and exemplified.
 */
import type { Language } from "../../i18n/languages";
import { LOCALE_TAG } from "../../i18n/languages";
import { formatNumber } from "../format";
import { schemaNumber, WRONG_TYPE, type Asked, type KindDefinition, type KindName } from "./kind";
import { readNumber } from "./numbers";
import { VOCABULARY, WORDS_IN_ORDER } from "./words";

/** What a typical answer in this unit looks like, for examples: "25 persons", "21일", "1.250,50 €". */
const TYPICAL: Record<string, number> = { persons: 25, days: 21, hours: 40, EUR: 1250.5, KRW: 2_500_000, percent: 0.2 };

const integer = (asked: Asked) => asked.valueType === "integer";

function typical(asked: Asked): number {
  const value = TYPICAL[asked.unit ?? ""] ?? 20;
  const bounded = Math.min(Math.max(value, asked.minimum ?? value), asked.maximum ?? value);
  return integer(asked) ? Math.ceil(bounded) : bounded;
}

/** As the applicant would type it again: no grouping, the language's decimal mark, cents for money. */
function typedNumber(value: number, asked: Asked, lang: Language): string {
  const cents = asked.answerKind === "money" && !Number.isInteger(value) ? 2 : 0;
  return new Intl.NumberFormat(LOCALE_TAG[lang], { useGrouping: false, minimumFractionDigits: cents, maximumFractionDigits: 10 }).format(value);
}

/** The smallest value the schema allows, on its `multipleOf` grid. */
function smallest(schema: Record<string, unknown>): number {
  const step = schemaNumber(schema, "multipleOf") ?? 1;
  const exclusive = schemaNumber(schema, "exclusiveMinimum");
  const lowest = schemaNumber(schema, "minimum") ?? (exclusive !== undefined ? exclusive + step : 0);
  // Up to the next multiple, without binary fractions creeping in (0.1 + 0.2).
  const stepped = Number((Math.ceil(lowest / step - 1e-9) * step).toFixed(10));
  return Math.min(stepped, schemaNumber(schema, "maximum") ?? stepped);
}

function numeric(name: Extract<KindName, "number" | "money" | "percent">): KindDefinition {
  return {
    name,
    read(typed, asked, { lang }) {
      // Separators follow the conversation's language; unit and number words may be any language's ("20 Mitarbeiter").
      const [own, ...others] = WORDS_IN_ORDER[lang];
      const readWith = (words: Language) => readNumber(typed, lang, VOCABULARY[words], asked.unit, integer(asked));
      let reading = readWith(own!);
      for (const words of others) if (!reading.ok && !reading.range) reading = readWith(words);
      if (!reading.ok) return { ok: false, code: reading.range ? "range" : "not_a_number" };
      const [only, other] = reading.values;
      return other === undefined ? { ok: true, value: only } : { ok: false, code: "ambiguous", options: reading.values };
    },
    take: (value) => (typeof value === "number" && Number.isFinite(value) ? { ok: true, value } : WRONG_TYPE),
    show: (value, asked, lang) => formatNumber(value as number, lang, asked.unit),
    typed: (value, asked, lang) => typedNumber(value as number, asked, lang),
    input: (asked) => ({ control: "text", inputmode: integer(asked) ? "numeric" : "decimal", short: true }),
    example: (asked, lang) => formatNumber(typical(asked), lang, asked.unit),
    spellings(value, asked, lang) {
      const v = value as number;
      const words = VOCABULARY[lang];
      const unitWord = words.units[asked.unit ?? ""]?.after[0];
      const grouped = new Intl.NumberFormat(LOCALE_TAG[lang], { maximumFractionDigits: 2 }).format(v);
      return [
        typedNumber(v, asked, lang),
        grouped,
        // A percentage is stored as a fraction: "20 %" is typed for 0.2 only where the form says so.
        ...(name === "percent" ? [] : [formatNumber(v, lang, asked.unit)]),
        `${words.approximately.before[0]} ${grouped}`,
        ...(unitWord ? [`${grouped} ${unitWord}`] : []),
      ];
    },
    sample: ({ schema }) => smallest(schema),
  };
}

export const number = numeric("number");
export const money = numeric("money");
export const percent = numeric("percent");

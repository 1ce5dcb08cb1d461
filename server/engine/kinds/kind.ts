/**
 * What a kind of question is: how typed text is read, how a value is shown, what input it gets on
 * a page and in the chat, what an example, a sample and real-world spellings of a value look like.
 * One small definition per kind (kinds/*.ts), resolved once when a form compiles and dispatched
 * from one table (kinds/index.ts), in the way Ajv defines its keywords.
 */
import type { Language } from "../../i18n/languages";
import type { Params } from "../../i18n/translate";

export type KindName = "text" | "identifier" | "number" | "money" | "percent" | "date" | "month" | "yesno" | "choice" | "choices" | "addAnother";

export type Widget = "text" | "textarea" | "number" | "money" | "date" | "month" | "yesno" | "radios" | "select" | "checkboxes";
export type ValueType = "string" | "number" | "integer" | "boolean" | "array";

export interface ChoiceView {
  value: string | number | boolean;
  label: string;
  /** Other words for this choice in the applicant's language (the locale's `synonyms`), for reading typed answers. */
  synonyms?: string[];
}

/** A question as its reader needs it: the engine's question step is one. */
export interface Asked {
  answerKind: KindName;
  required?: boolean;
  widget: Widget | "addAnother";
  valueType: ValueType;
  unit?: string;
  choices?: ChoiceView[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
}

/** What a reading may depend on besides the text: never the clock or the answers directly, so it stays pure. */
export interface ReadContext {
  lang: Language;
  today: Date;
  /** An ISO day a date without a year is read close to: a related answer, or today. */
  near?: string;
  /** Bounds that a cross-answer rule puts on a date, ISO; a year is chosen within them. */
  min?: string;
  max?: string;
}

export type ReadCode = "empty" | "not_a_number" | "range" | "not_a_date" | "no_such_day" | "not_a_month" | "not_a_boolean" | "not_a_choice" | "ambiguous" | "wrong_type";

/** A kind's own verdict on a text; the message and read-back are made from it in one place (read.ts). */
export type KindReading =
  /** `sure`: the text was a word that means exactly this value ("yes", a choice's label), not a guess. */
  | { ok: true; value: unknown; sure?: boolean }
  | { ok: false; code: Exclude<ReadCode, "ambiguous">; params?: Params }
  | { ok: false; code: "ambiguous"; options: unknown[]; part?: string };

/** How a question is answered: on a page and in the chat alike. */
export interface InputSpec {
  control: "text" | "textarea" | "select" | "radios" | "checkboxes";
  inputType?: "text" | "email";
  inputmode?: "decimal" | "numeric";
  short?: boolean;
  /** A hint on how to write it ("for example 31/3/2026"), from the product's messages. */
  hint?: "page.date_hint" | "page.month_hint";
  /** Choices side by side (yes and no) rather than one under the other. */
  inline?: boolean;
  /** Choices as quick-reply buttons in the chat. */
  quickReplies?: boolean;
}

/** What of a question's schema a sample or a domain is made from. */
export interface SampleSource {
  schema: Record<string, unknown>;
  choices?: { value: string | number | boolean }[];
  format?: string;
  pattern?: string;
}

export interface KindDefinition {
  name: KindName;
  /** Reads trimmed, non-empty text; the caller has already taken "none" words and blank answers. */
  read(text: string, asked: Asked, ctx: ReadContext): KindReading;
  /** A JSON value sent as it is (the API, a tapped choice): only one of the right type is taken, else `wrong_type`. */
  take(value: unknown, asked: Asked, lang: Language): KindReading;
  /** The value as the applicant reads it back: review, chat, PDF, read-backs. */
  show(value: unknown, asked: Asked, lang: Language): string;
  /** The value as the applicant would type it again, for a page's input. */
  typed(value: unknown, asked: Asked, lang: Language): string;
  input(asked: Asked): InputSpec;
  /** A valid-looking answer written for the language, for messages: "25 persons", "21일". */
  example(asked: Asked, lang: Language, today: Date): string;
  /** Ways people write `value` in `lang` that must read back as `value` (the property tests type them). */
  spellings(value: unknown, asked: Asked, lang: Language): string[];
  /** A plain valid-looking value from the schema alone, for the author tools; still to be validated. */
  sample(source: SampleSource): unknown;
  /** Every value the question can have, when there are few (yes/no, choices): what deciding a condition walks through. */
  domain?(source: SampleSource): unknown[] | undefined;
}

export const WRONG_TYPE: KindReading = { ok: false, code: "wrong_type" };

/** A numeric keyword of a question's schema (`minimum`, `maxLength`, …), if it is a number. */
export const schemaNumber = (schema: Record<string, unknown>, key: string): number | undefined => (typeof schema[key] === "number" ? (schema[key] as number) : undefined);

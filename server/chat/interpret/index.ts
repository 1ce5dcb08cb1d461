/**
 * Reading a typed answer in the chat: the question as asked and the applicant's text in, the
 * value its schema expects (with how to read it back) or a specific retry message out.
 * `Interpreter` is the seam where another reader (a language model, say) can be plugged in;
 * `ruleInterpreter` is the bundled one, which reads as the pages and the API read: through the
 * question's kind (engine/kinds), deterministic and offline. Whether the value is allowed
 * (minimum, pattern, …) the engine decides after.
 */
import type { QuestionStep } from "../../engine/present";
import type { ReadContext } from "../../engine/kinds/kind";
import { readTyped, type Reading } from "../../engine/kinds/read";

export type Interpretation = Reading;

/** The language, today (so that "tomorrow" stays testable) and where a date without a year belongs. */
export type InterpretContext = ReadContext;

export interface Interpreter {
  interpret(question: QuestionStep, text: string, context: InterpretContext): Promise<Interpretation>;
}

export const ruleInterpreter: Interpreter = {
  interpret: async (question, text, context) => readTyped(question, text, context),
};

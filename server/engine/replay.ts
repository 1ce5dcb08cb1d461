/**
 * Walks an application through the engine as an applicant would give it: the engine asks, and
 * each question is answered from a complete answers object (left blank where it has nothing).
 * Worked examples, the API's tests and the author tools replay applications this way.
 */
import type { Form } from "./form";
import type { Problem } from "./problem";
import { newSession, type Session } from "./session";
import type { Language } from "../i18n/languages";
import { answer, currentEntry } from "./flow";
import { getAt, parsePointer } from "./pointer";

export interface Replay {
  session: Session;
  /** The questions asked, in order ("add another?" steps are not listed). */
  asked: string[];
  problems: Problem[];
}

/** Enough for any form: each step answers one question, and a form has finitely many. */
const MAX_STEPS = 5000;

export function replay(form: Form, answers: Record<string, unknown>, lang: Language = form.defaultLanguage): Replay {
  let session = newSession();
  const asked: string[] = [];
  for (let i = 0; i < MAX_STEPS; i++) {
    const entry = currentEntry(form, session);
    if (!entry) break;
    const given = getAt(answers, parsePointer(entry.pointer));
    let value: unknown;
    if (entry.kind === "more") value = Array.isArray(given) && given.length > entry.count;
    else {
      asked.push(entry.pointer);
      if (given === undefined && entry.required) break;
      value = given ?? null;
    }
    const outcome = answer(form, session, entry.pointer, value, lang);
    if (outcome.problems.length > 0) return { session, asked, problems: outcome.problems };
    session = outcome.session;
  }
  return { session, asked, problems: [] };
}

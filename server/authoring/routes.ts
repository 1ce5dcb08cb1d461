/**
 * The distinct routes through a form, found by walking the real engine: every question is answered
 * with a sample value, except that at each deciding question the walk branches on every value that
 * can decide something (each choice, yes and no, and "left blank" where that is allowed). A route is
 * the ordered list of questions asked; walks that ask the same questions are one route.
 *
 * Kept simple on purpose: every repeatable group gets one item (an optional group also none), so
 * conditions inside items are explored once per group, not per combination of items; a deciding
 * free-text or number answer is tried with its one sample value; a multiple choice with each single
 * choice.
 */
import type { Form } from "../engine/form";
import type { Entry } from "../engine/evaluate";
import { answer, currentEntry } from "../engine/flow";
import { newSession, type Session } from "../engine/session";
import { KINDS } from "../engine/kinds/index";
import { decidingTemplates } from "./logic";
import { samplerOf } from "./sample-values";

/** A deciding answer: a value, `null` for left blank, or for a group the number of items. */
export interface Decision {
  pointer: string;
  value: unknown;
  group?: boolean;
}

export interface Route {
  asked: string[];
  decisions: Decision[];
  answers: Record<string, unknown>;
}

export interface Exploration {
  /** Distinct by the questions asked, in the order found. */
  routes: Route[];
  /** Every walk, also those that asked the same questions as an earlier one. */
  walks: Route[];
  /** Questions no valid sample answer is known for: a walk stops there. */
  unanswerable: string[];
  truncated: boolean;
}

/** Far above the bundled forms (48 walks); a form beyond it is reported as truncated. */
const MAX_WALKS = 5000;
const MAX_STEPS = 5000;

export const describeDecision = (d: Decision): string =>
  d.group ? `${d.pointer}: ${d.value === 0 ? "no items" : "one item"}` : `${d.pointer} = ${d.value === null ? "(left blank)" : JSON.stringify(d.value)}`;

export function exploreRoutes(form: Form): Exploration {
  const lang = form.defaultLanguage;
  const deciding = decidingTemplates(form.root);
  const sample = samplerOf(form);
  const walks: Route[] = [];
  const unanswerable = new Set<string>();
  let truncated = false;

  /** The answers to try at an entry; more than one where the walk branches. */
  const optionsAt = (entry: Entry): { value: unknown; decision?: Decision }[] => {
    if (entry.kind === "more") {
      if (entry.count === 0 && !entry.required) return [0, 1].map((n) => ({ value: n === 1, decision: { pointer: entry.pointer, value: n, group: true } }));
      return [{ value: entry.count === 0 }];
    }
    const { node } = entry;
    const blank = entry.required ? [] : [null];
    if (!deciding.has(node.template)) {
      const value = sample(node);
      return value !== undefined ? [{ value }] : blank.map((value) => ({ value }));
    }
    // Several choices: each one alone is enough to see where it leads.
    const values = node.answerKind === "choices" ? (node.choices ?? []).map((c) => [c.value]) : (KINDS[node.answerKind].domain?.(node) ?? [sample(node)]);
    const valid = values.filter((v) => v !== undefined && form.validatorAt(node.schemaPath)(v));
    return [...valid, ...blank].map((value) => ({ value, decision: { pointer: entry.pointer, value } }));
  };

  const walk = (start: Session, askedBefore: string[], decidedBefore: Decision[]): void => {
    let session = start;
    let asked = askedBefore;
    let decisions = decidedBefore;
    for (let step = 0; step < MAX_STEPS; step++) {
      if (walks.length >= MAX_WALKS) {
        truncated = true;
        return;
      }
      const entry = currentEntry(form, session);
      if (!entry) break;
      if (entry.kind === "question") asked = [...asked, entry.pointer];
      const next: { session: Session; decisions: Decision[] }[] = [];
      for (const option of optionsAt(entry)) {
        const outcome = answer(form, session, entry.pointer, option.value, lang);
        if (outcome.problems.length > 0) unanswerable.add(entry.pointer);
        else next.push({ session: outcome.session, decisions: option.decision ? [...decisions, option.decision] : decisions });
      }
      if (next.length === 0) unanswerable.add(entry.pointer);
      if (next.length !== 1) {
        for (const branch of next) walk(branch.session, asked, branch.decisions);
        return;
      }
      ({ session, decisions } = next[0]!);
    }
    walks.push({ asked, decisions, answers: session.answers });
  };

  walk(newSession(), [], []);
  const byAsked = new Map<string, Route>();
  for (const w of walks) if (!byAsked.has(w.asked.join("\n"))) byAsked.set(w.asked.join("\n"), w);
  return { routes: [...byAsked.values()], walks, unanswerable: [...unanswerable], truncated };
}

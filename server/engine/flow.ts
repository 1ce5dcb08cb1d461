/**
 * The applicant's moves, as pure functions: answer one question, answer many at once, go back,
 * change an earlier answer, remove an item. Each takes a session and returns the next one; a move
 * that fails returns problems and leaves the session as it was.
 */
import type { Form } from "./form";
import type { Problem } from "./problem";
import type { Session } from "./session";
import type { Language } from "../i18n/languages";
import { askedOf } from "./kinds/asked";
import type { Asked } from "./kinds/kind";
import { readTyped, type Reading } from "./kinds/read";
import { dateContextOf } from "./reading";
import { entriesOf, isPending, type Context, type Entry } from "./evaluate";
import { reconcile } from "./reconcile";
import { crossAnswerProblems, engineProblem, validateAnswer, validateApplication } from "./validate";
import { deleteAt, getAt, isPlainObject, mergeAnswers, parsePointer, setAt, templateOf, formatPointer, isPointer } from "./pointer";
import type { FormNode, QuestionNode, SectionNode } from "./model";

export interface Outcome {
  session: Session;
  problems: Problem[];
  /** Set when a typed answer had to be read ("1.200,50" → 1200.5), so that it can be shown back. */
  interpreted?: { pointer: string; value: unknown };
}

export const contextOf = (form: Form, session: Session): Context => ({ form, skipped: new Set(session.skipped) });

export const entriesFor = (form: Form, session: Session): Entry[] => entriesOf(contextOf(form, session), session.answers);

/**
 * The entry the applicant is on: where they went back to; else a question reopened for more
 * information; else the first one still to answer.
 */
export function currentEntry(form: Form, session: Session, entries = entriesFor(form, session)): Entry | undefined {
  const skipped = new Set(session.skipped);
  const atCursor = session.cursor && entries.find((e) => e.pointer === session.cursor!.pointer);
  const reopened = new Set(session.reopened ?? []);
  return atCursor ?? entries.find((e) => reopened.has(e.pointer)) ?? entries.find((e) => isPending(e, skipped));
}

/**
 * Reopens questions of a submitted application for the applicant to answer again. Everything else
 * that is part of the application is frozen: reopening is a permission to change these answers
 * (and what their branches bring in), not the whole application.
 */
export function reopen(form: Form, session: Session, pointers: string[], lang: Language): Outcome {
  const entries = entriesFor(form, session);
  const active = new Set(entries.filter((e) => e.kind === "question").map((e) => e.pointer));
  const problems = pointers.filter((p) => !active.has(p)).map((p) => unknownOrInactive(form, p, lang));
  if (problems.length > 0 || pointers.length === 0) return { session, problems: problems.length > 0 ? problems : [engineProblem(lang, "required", "")] };
  const frozen = entries.map((e) => e.pointer).filter((p) => !pointers.includes(p));
  return { session: { ...session, reopened: [...pointers], frozen, cursor: undefined }, problems: [] };
}

/**
 * Whether a move may touch the answer at `pointer`. A frozen question that lost its answer (its
 * branch closed and opened again, or it came back breaking a rule across answers) may be answered:
 * the reopened answers brought it in, and without it the application could not be completed.
 */
function mayChange(session: Session, entry: Entry | undefined, pointer: string): boolean {
  if (!session.frozen?.includes(pointer)) return true;
  return entry?.kind === "question" && !entry.answered && !session.skipped.includes(pointer);
}

const notReopened = (lang: Language, pointer: string): Problem => engineProblem(lang, "not_reopened", pointer);

const without = (list: string[], item: string) => list.filter((x) => x !== item);

/**
 * Applies a change to the answers and settles the branches. Answers whose conditions switch each
 * other on and off without settling are refused, naming them, rather than stored half-settled.
 */
export function settle(form: Form, session: Session, answers: Record<string, unknown>, skipped: string[], lang: Language): Outcome {
  const reconciled = reconcile({ form, skipped: new Set(skipped) }, answers, session.stash);
  if (!reconciled.settled) {
    const [first = "", ...others] = reconciled.unsettled;
    return { session, problems: [{ ...engineProblem(lang, "not_settling", first, { pointers: reconciled.unsettled.join(", ") }), related: others }] };
  }
  const { answers: settled, stash } = reconciled;
  // An answer that comes back with its branch may break a rule across answers given meanwhile
  // (a leave of 279 days, after an employee's 290 days were entered): it stays aside and is asked again.
  const restored = Object.keys(session.stash).filter((p) => !(p in stash) && getAt(settled, parsePointer(p)) !== undefined);
  const conflicting = restored.filter((p) => crossAnswerProblems(form, settled, p, form.defaultLanguage).length > 0);
  const kept = conflicting.reduce<Record<string, unknown>>((rest, p) => deleteAt(rest, parsePointer(p)) as Record<string, unknown>, settled);
  return { session: { ...session, answers: kept, stash: { ...stash, ...Object.fromEntries(conflicting.map((p) => [p, session.stash[p]])) }, skipped }, problems: [] };
}

/** After answering the question gone back to, Continue walks on through the answers already given. */
function cursorAfter(form: Form, before: Session, after: Session, pointer: string): Session["cursor"] {
  const cursor = before.cursor;
  if (!cursor) return undefined;
  const entries = entriesFor(form, after);
  if (cursor.pointer !== pointer) return entries.some((e) => e.pointer === cursor.pointer) ? cursor : undefined;
  if (cursor.mode === "change") return undefined;
  const next = entries[entries.findIndex((e) => e.pointer === pointer) + 1];
  const skipped = new Set(after.skipped);
  return next && !isPending(next, skipped) ? { pointer: next.pointer, mode: "back" } : undefined;
}

function unknownOrInactive(form: Form, pointer: string, lang: Language): Problem {
  const known = isPointer(pointer) && pointer !== "" && form.nodes.has(templateOf(pointer));
  return engineProblem(lang, known ? "not_active" : "unknown_question", pointer);
}

const ADD_ANOTHER: Asked = { answerKind: "addAnother", widget: "addAnother", valueType: "boolean" };

const readProblem = (reading: Extract<Reading, { ok: false }>, pointer: string): Problem => ({ code: reading.code, pointer, message: reading.message });

/** Reads what was sent for a question through its kind, in the context of the answers so far. */
function readFor(form: Form, answers: unknown, node: QuestionNode, pointer: string, raw: unknown, lang: Language, today: Date, required: boolean): Reading {
  return readTyped(askedOf(form, lang, node, required), raw, { lang, today, ...dateContextOf(form, answers, pointer) });
}

const isEmpty = (raw: unknown) => raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "") || (Array.isArray(raw) && raw.length === 0);

/** "Add another?": yes opens a new item, no closes the group. */
function answerMore(form: Form, session: Session, entry: Extract<Entry, { kind: "more" }>, raw: unknown, lang: Language, today: Date): Outcome {
  const reading = readTyped(ADD_ANOTHER, raw, { lang, today });
  if (!reading.ok) return { session, problems: [readProblem(reading, entry.pointer)] };
  const yes = reading.value === true;
  const path = parsePointer(entry.pointer);
  const answers = yes ? (setAt(session.answers, [...path, entry.count], {}) as Record<string, unknown>) : session.answers;
  const skipped = yes ? without(session.skipped, entry.pointer) : [...without(session.skipped, entry.pointer), entry.pointer];
  return settle(form, session, answers, skipped, lang);
}

/** Leaves an optional question blank. */
function leaveBlank(form: Form, session: Session, pointer: string, lang: Language): Outcome {
  const path = parsePointer(pointer);
  // The section stays in the application even when all its questions are left blank: a required
  // section must be there, if empty, for the application to validate.
  const parent = path.slice(0, -1);
  const withParent = setAt(session.answers, parent, getAt(session.answers, parent) ?? {});
  const answers = deleteAt(withParent, path) as Record<string, unknown>;
  return settle(form, session, answers, [...without(session.skipped, pointer), pointer], lang);
}

/**
 * Answers one question. `null` or blank leaves an optional question blank, as do "none" words.
 * `today` is what relative dates ("tomorrow") count from: the caller's clock, so the engine stays pure.
 */
export function answer(form: Form, session: Session, pointer: string, raw: unknown, lang: Language, today = new Date()): Outcome {
  const entry = entriesFor(form, session).find((e) => e.pointer === pointer);
  if (!entry) return { session, problems: [unknownOrInactive(form, pointer, lang)] };
  if (!mayChange(session, entry, pointer)) return { session, problems: [notReopened(lang, pointer)] };
  let outcome: Outcome;
  if (entry.kind === "more") {
    outcome = answerMore(form, session, entry, raw, lang, today);
  } else if (isEmpty(raw)) {
    if (entry.required) return { session, problems: [engineProblem(lang, "required", pointer)] };
    outcome = leaveBlank(form, session, pointer, lang);
  } else {
    const reading = readFor(form, session.answers, entry.node, pointer, raw, lang, today, entry.required);
    if (!reading.ok) return { session, problems: [readProblem(reading, pointer)] };
    if (reading.value === null) outcome = leaveBlank(form, session, pointer, lang);
    else {
      const problems = validateAnswer(form, entry.node.schemaPath, pointer, reading.value, lang);
      problems.push(...crossAnswerProblems(form, setAt(session.answers, parsePointer(pointer), reading.value), pointer, lang));
      if (problems.length > 0) return { session, problems };
      const answers = setAt(session.answers, parsePointer(pointer), reading.value) as Record<string, unknown>;
      outcome = { ...settle(form, session, answers, without(session.skipped, pointer), lang), interpreted: reading.exact ? undefined : { pointer, value: reading.value } };
    }
  }
  if (outcome.problems.length > 0) return { session, problems: outcome.problems };
  const history = [...without(session.history, pointer), pointer];
  const reopened = session.reopened?.filter((p) => p !== pointer);
  const next = { ...outcome.session, history, reopened: reopened?.length ? reopened : undefined };
  return { ...outcome, session: { ...next, cursor: cursorAfter(form, session, next, pointer) } };
}

/** Leaves of a partial answers object, read through the form's model, with their nodes. */
function leavesOf(node: SectionNode, data: unknown, prefix: string, out: { pointer: string; node: FormNode; value: unknown }[], unknown: string[]): void {
  if (!isPlainObject(data)) {
    unknown.push(prefix);
    return;
  }
  for (const [key, value] of Object.entries(data)) {
    const pointer = prefix + formatPointer([key]);
    const child = node.children.find((c) => c.name === key);
    if (!child) unknown.push(pointer);
    else if (value === null) out.push({ pointer, node: child, value });
    else if (child.kind === "section") leavesOf(child, value, pointer, out, unknown);
    else if (child.kind === "group") {
      if (!Array.isArray(value)) out.push({ pointer, node: child, value });
      else value.forEach((item, i) => leavesOf(child.item, item, `${pointer}/${i}`, out, unknown));
    } else out.push({ pointer, node: child, value });
  }
}

/** Merges several answers at once (a prefill, a worked example), with the same checks as one by one. */
export function answerMany(form: Form, session: Session, partial: unknown, lang: Language, today = new Date()): Outcome {
  const leaves: { pointer: string; node: FormNode; value: unknown }[] = [];
  const unknown: string[] = [];
  leavesOf(form.root, partial, "", leaves, unknown);
  const problems: Problem[] = unknown.map((p) => engineProblem(lang, "unknown_question", p));
  const entries = new Map(entriesFor(form, session).map((e) => [e.pointer, e]));
  // Dates are read near the other answers of this very change too ("1 March" in the month given with it).
  const withChange = mergeAnswers(session.answers, partial);
  let patch: unknown = {};
  for (const leaf of leaves) {
    const path = parsePointer(leaf.pointer);
    const current = getAt(session.answers, path);
    // Sending a frozen answer again unchanged (a client posting the whole application) changes nothing.
    const locked = !mayChange(session, entries.get(leaf.pointer), leaf.pointer);
    if (leaf.value === null) {
      if (locked && current !== undefined) problems.push(notReopened(lang, leaf.pointer));
      patch = setAt(patch, path, null);
      continue;
    }
    if (leaf.node.kind !== "question") {
      problems.push(engineProblem(lang, "not_a_list", leaf.pointer));
      continue;
    }
    const reading = readFor(form, withChange, leaf.node, leaf.pointer, leaf.value, lang, today, false);
    if (!reading.ok) {
      problems.push(readProblem(reading, leaf.pointer));
      continue;
    }
    if (locked && JSON.stringify(reading.value) !== JSON.stringify(current)) {
      problems.push(notReopened(lang, leaf.pointer));
      continue;
    }
    if (reading.value !== null) {
      problems.push(...validateAnswer(form, leaf.node.schemaPath, leaf.pointer, reading.value, lang));
      problems.push(...crossAnswerProblems(form, mergeAnswers(session.answers, setAt(patch, path, reading.value)), leaf.pointer, lang, leaves.slice(leaves.indexOf(leaf) + 1).map((l) => l.pointer)));
    }
    patch = setAt(patch, path, reading.value);
  }
  if (problems.length > 0) return { session, problems };
  const given = new Set(leaves.filter((l) => l.value !== null).map((l) => l.pointer));
  const skipped = session.skipped.filter((p) => !given.has(p));
  const settled = settle(form, session, mergeAnswers(session.answers, patch) as Record<string, unknown>, skipped, lang);
  if (settled.problems.length > 0) return settled;
  const merged = settled.session;
  const active = new Set(entriesFor(form, merged).map((e) => e.pointer));
  const inactive = [...given].filter((p) => !active.has(p) && getAt(merged.answers, parsePointer(p)) === undefined);
  if (inactive.length > 0) return { session, problems: inactive.map((p) => engineProblem(lang, "not_active", p)) };
  // One answer at a time, "add another?" stops at the list's maxItems; a bulk answer must stop there too.
  const tooMany = validateApplication(form, merged.answers, lang).filter((p) => p.code === "maxItems");
  if (tooMany.length > 0) return { session, problems: tooMany };
  return { session: { ...merged, cursor: undefined }, problems: [] };
}

/**
 * The session as submitted: an optional question never answered counts as left blank and an open
 * "add another?" as answered no, again and again while leaving one blank settles the branches
 * into others, so that a client posting all its answers at once need not skip each one. What it
 * leaves pending is required, and completeness names it.
 */
export function leaveUnansweredBlank(form: Form, session: Session): Session {
  const skipped = new Set(session.skipped);
  const open = entriesFor(form, session).find((e) => isPending(e, skipped) && (e.kind === "more" || !e.required));
  if (!open) return session;
  const lang = form.defaultLanguage;
  const next = open.kind === "more" ? settle(form, session, session.answers, [...session.skipped, open.pointer], lang) : leaveBlank(form, session, open.pointer, lang);
  // Branches that cannot settle stay as they were: completeness then refuses the submission.
  if (next.problems.length > 0) return session;
  // Each round skips one more pointer, and pointers are only ever added: the recursion ends.
  return leaveUnansweredBlank(form, next.session);
}

/** Back: of the questions answered on the current path, the one just before where the applicant is. */
export function back(form: Form, session: Session): Session {
  const entries = entriesFor(form, session);
  const current = currentEntry(form, session, entries);
  const limit = current ? entries.indexOf(current) : entries.length;
  const answered = new Set(session.history);
  const target = entries.slice(0, limit).reverse().find((e) => answered.has(e.pointer) && mayChange(session, e, e.pointer));
  return target ? { ...session, cursor: { pointer: target.pointer, mode: "back" } } : session;
}

/** "Change" from the review: the question, then back to the review (or to what the change brings in). */
export function change(form: Form, session: Session, pointer: string, lang: Language): Outcome {
  const entry = entriesFor(form, session).find((e) => e.pointer === pointer);
  if (!entry) return { session, problems: [unknownOrInactive(form, pointer, lang)] };
  if (!mayChange(session, entry, pointer)) return { session, problems: [notReopened(lang, pointer)] };
  return { session: { ...session, cursor: { pointer, mode: "change" } }, problems: [] };
}

/** Moves pointers below a removed item up by one; the removed item's own are dropped. */
function shiftAfterRemoval(pointers: string[], group: string, index: number): string[] {
  const prefix = group + "/";
  return pointers.flatMap((p) => {
    if (!p.startsWith(prefix)) return [p];
    const [first, ...rest] = p.slice(prefix.length).split("/");
    const i = Number(first);
    if (!Number.isInteger(i) || i < index) return [p];
    if (i === index) return [];
    return [[group, String(i - 1), ...rest].join("/")];
  });
}

/** Removes one item of a repeatable group ("remove this employee"). */
export function removeItem(form: Form, session: Session, itemPointer: string, lang: Language): Outcome {
  // Whatever a client posts as the pointer: something that is not one names no item.
  const path = isPointer(itemPointer) ? parsePointer(itemPointer) : [];
  const index = path[path.length - 1];
  const group = formatPointer(path.slice(0, -1));
  const list = getAt(session.answers, path.slice(0, -1));
  const node = form.nodes.get(templateOf(group));
  if (node?.kind !== "group" || typeof index !== "number" || !Array.isArray(list) || index >= list.length) {
    return { session, problems: [engineProblem(lang, "not_an_item", itemPointer)] };
  }
  if (session.frozen?.includes(group)) return { session, problems: [notReopened(lang, itemPointer)] };
  const answers = deleteAt(session.answers, path) as Record<string, unknown>;
  const stashKeys = Object.keys(session.stash);
  const stash = Object.fromEntries(
    stashKeys.flatMap((k) => {
      const [moved] = shiftAfterRemoval([k], group, index);
      return moved === undefined ? [] : [[moved, session.stash[k]]];
    }),
  );
  const moved: Session = {
    ...session,
    stash,
    history: shiftAfterRemoval(session.history, group, index),
    skipped: shiftAfterRemoval(session.skipped, group, index),
    cursor: undefined,
  };
  const settled = settle(form, moved, answers, moved.skipped, lang);
  return settled.problems.length > 0 ? { session, problems: settled.problems } : settled;
}

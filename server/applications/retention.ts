/**
 * Retention and erasure. Each form states how long the agency keeps an application (x-form.retention):
 * a draft untouched for `draftDays`, a decided case `decidedYears` after its decision. What is
 * due is erased by crypto-shredding (Store.erase), never while a supervisor holds it; an admin
 * erases one application on request the same way. The job runs in the server at an interval, on
 * the clock it is given, and as `npm run retention`.
 */
import type { Retention } from "../engine/form";
import type { FormRegistry } from "../forms/registry";
import type { Language } from "../i18n/languages";
import { t } from "../i18n/translate";
import type { ApplicationRecord, ErasureCandidate, RetentionRule, StaffRecord, Store } from "../store/store";
import type { Failure, Result } from "./service";

const DAY_MS = 86_400_000;

/** Why an application is due: the rule of its form that it passed. */
export type DueRule = "draft_untouched" | "decided";
export interface Due extends ErasureCandidate {
  rule: DueRule;
}

/** `years` calendar years before `now` (29 February falls back to 28 February). */
function yearsBefore(now: Date, years: number): Date {
  const then = new Date(now);
  then.setUTCFullYear(now.getUTCFullYear() - years);
  if (then.getUTCMonth() !== now.getUTCMonth()) then.setUTCDate(0);
  return then;
}

/** The cut-off times of a form's retention at `now`. */
export const ruleOf = (formId: string, retention: Retention, now: Date): RetentionRule => ({
  formId,
  draftsBefore: new Date(now.getTime() - retention.draftDays * DAY_MS).toISOString(),
  decidedBefore: yearsBefore(now, retention.decidedYears).toISOString(),
});

/**
 * The retention of a form's current version applies to all its applications, whichever version they
 * were started on: it is the agency's setting, as the approval limit is. A form without one keeps everything.
 */
export const retentionRules = (registry: FormRegistry, now: Date): RetentionRule[] =>
  registry.all().flatMap((form) => (form.retention ? [ruleOf(form.id, form.retention, now)] : []));

export interface RetentionServices {
  store: Store;
  registry: FormRegistry;
}

export async function dueForErasure(s: RetentionServices, now: Date): Promise<Due[]> {
  const due = await s.store.dueForErasure(retentionRules(s.registry, now));
  return due.map((candidate) => ({ ...candidate, rule: candidate.status === "draft" ? "draft_untouched" : "decided" }));
}

/** The tombstone says when, by whom and under which rule, and nothing of what was erased. */
const tombstone = (now: Date, actor: string, data: Record<string, unknown>) => ({ at: now.toISOString(), actor, type: "erased", data });

/** Erases what is due at `now` (or only lists it, with `dryRun`); returns what it erased or would erase. */
export async function runRetention(s: RetentionServices, now: Date, options: { dryRun?: boolean } = {}): Promise<Due[]> {
  const due = await dueForErasure(s, now);
  if (options.dryRun) return due;
  const erased: Due[] = [];
  for (const candidate of due) {
    // A hold set or an erasure done since the list was read is respected: the store checks again.
    const result = await s.store.erase(candidate.id, tombstone(now, "retention", { rule: candidate.rule }));
    if (result.ok) erased.push(candidate);
  }
  return erased;
}

/** Runs the job every `intervalMs` on the clock given; a failed run is reported and the next one tries again. */
export function scheduleRetention(s: RetentionServices, options: { intervalMs: number; now: () => Date; onRun?: (erased: Due[]) => void; onError: (error: unknown) => void }): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runRetention(s, options.now())
      .then((erased) => options.onRun?.(erased))
      .catch(options.onError)
      .finally(() => {
        running = false;
      });
  }, options.intervalMs);
  // The job never keeps a process alive that has nothing else to do.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

const fail = (status: number, lang: Language, key: "privacy.only_admin_erases" | "privacy.erase_refused_hold" | "privacy.erase_not_found" | "privacy.already_erased"): Failure => ({
  ok: false,
  status,
  problems: [{ code: key.split(".").pop()!, pointer: "", message: t(lang, key) }],
});

/** An admin erases one application on request, by its reference or its id; refused with 409 under legal hold. */
export async function eraseOnRequest(s: RetentionServices & { now: () => Date }, staff: StaffRecord, which: string, lang: Language): Promise<Result<ApplicationRecord>> {
  if (staff.role !== "admin") return fail(403, lang, "privacy.only_admin_erases");
  const id = (await s.store.applicationIdOf(which.trim())) ?? "";
  const result = await s.store.erase(id, tombstone(s.now(), staff.id, { rule: "request" }));
  if (result.ok) return { ok: true, value: result.record };
  if (result.reason === "legal_hold") return fail(409, lang, "privacy.erase_refused_hold");
  if (result.reason === "already_erased") return fail(409, lang, "privacy.already_erased");
  return fail(404, lang, "privacy.erase_not_found");
}

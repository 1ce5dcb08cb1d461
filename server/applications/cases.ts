/**
 * The caseworker's use cases on a submitted application: assign, move on in the workflow, ask the
 * applicant for more information, decide, note. Each is checked against the case as the
 * caseworker last saw it (its revision): if a colleague changed it meanwhile, the action is refused
 * rather than applied to a state nobody looked at. A change is stored together with its audit
 * event: who, when, what, and the status and assignee before and after.
 */
import type { Form } from "../engine/form";
import type { Problem } from "../engine/problem";
import { reopen } from "../engine/flow";
import { totalEstimate } from "../engine/derive";
import { readTyped } from "../engine/kinds/read";
import type { Asked } from "../engine/kinds/kind";
import { isConflict, type ApplicationRecord, type ApplicationStatus, type CaseChange, type Decision, type EventRecord, type StaffRecord } from "../store/store";
import { LOCALE_TAG, type Language } from "../i18n/languages";
import { amountText } from "./timeline";
import { t, type MessageKey, type Params } from "../i18n/translate";
import { canMove, isDecided, TRANSITIONS } from "./workflow";
import type { Failure, Result, Services } from "./service";

/** A caseworker acting on a case as their page showed it. */
export interface Acting {
  staff: StaffRecord;
  record: ApplicationRecord;
  /** The revision of the case on the caseworker's page. */
  seen: number;
  lang: Language;
}

const problem = (lang: Language, key: MessageKey, params?: Params, pointer = ""): Problem => ({ code: key.split(".").pop()!, pointer, message: t(lang, key, params) });
const fail = (status: number, lang: Language, key: MessageKey, params?: Params, pointer = ""): Failure => ({ ok: false, status, problems: [problem(lang, key, params, pointer)] });

export const statusLabel = (lang: Language, status: ApplicationStatus): string => t(lang, `staff.status.${status}`);

/** The applicant moves a case back to submitted; the others need more than a status: an assignee, a request, a decision. */
const OWN_ACTION: ReadonlySet<ApplicationStatus> = new Set(["submitted", "assigned", "more_information", "pending_approval", "approved", "rejected"]);

/** Statuses a case leaves only by someone else's action: the applicant's resubmission, the second person's confirmation or sending back. */
const WAITING: ReadonlySet<ApplicationStatus> = new Set(["more_information", "pending_approval"]);

/** The statuses a case may simply be moved to, without an action of their own. */
export const plainMoves = (status: ApplicationStatus): ApplicationStatus[] => (WAITING.has(status) ? [] : TRANSITIONS[status].filter((to) => !OWN_ACTION.has(to)));

function refusedMove(lang: Language, from: ApplicationStatus, to: ApplicationStatus): Failure {
  if (isDecided(from)) return fail(409, lang, "staff.case.decided", { status: statusLabel(lang, from) });
  const allowed = TRANSITIONS[from].map((s) => `“${statusLabel(lang, s)}”`).join(", ");
  return fail(409, lang, "staff.case.transition_refused", { from: statusLabel(lang, from), to: statusLabel(lang, to), allowed });
}

const isStatus = (value: unknown): value is ApplicationStatus => typeof value === "string" && Object.hasOwn(TRANSITIONS, value);

/** Drafts are the applicant's alone: a caseworker sees an application once it was submitted. */
export async function openCase(s: Services, id: string, lang: Language): Promise<Result<{ record: ApplicationRecord; form: Form }>> {
  const record = await s.store.getApplication(id);
  // An erased case has nothing left to show or to work on: only its tombstone in the history.
  if (!record || record.status === "draft" || record.erasedAt !== null) return fail(404, lang, "staff.case.not_found");
  const form = s.registry.get(record.formId, record.formVersion);
  if (!form) return fail(404, lang, "staff.case.unknown_form", { formId: `${record.formId} ${record.formVersion}` });
  return { ok: true, value: { record, form } };
}

type Plan = { change: CaseChange; type: string; details?: Record<string, unknown> } | Failure;

/** Checks the revision first, so that a stale page is told so rather than judged against a state it never showed. */
async function act(s: Services, a: Acting, plan: (now: Date) => Plan | Promise<Plan>): Promise<Result<ApplicationRecord>> {
  const changedMeanwhile = fail(409, a.lang, "staff.case.conflict");
  if (a.record.revision !== a.seen) return changedMeanwhile;
  const now = s.now();
  const planned = await plan(now);
  if ("ok" in planned) return planned;
  const { change, type, details } = planned;
  const before = { status: a.record.status, assigneeId: a.record.assigneeId };
  const after = { status: change.status ?? before.status, assigneeId: change.assigneeId === undefined ? before.assigneeId : change.assigneeId };
  const saved = await s.store.updateCase(a.record.id, a.seen, change, { at: now.toISOString(), actor: a.staff.id, type, data: { before, after, ...details } });
  return isConflict(saved) ? changedMeanwhile : { ok: true, value: saved };
}

/** To oneself, or, for a supervisor, to a colleague. A new case becomes assigned; one further on keeps its status. */
export function assign(s: Services, a: Acting, assigneeId: string): Promise<Result<ApplicationRecord>> {
  return act(s, a, async () => {
    const { status } = a.record;
    if (isDecided(status)) return refusedMove(a.lang, status, "assigned");
    if (assigneeId !== a.staff.id && a.staff.role !== "supervisor") return fail(403, a.lang, "staff.case.only_supervisor_assigns");
    const assignee = await s.store.staffById(assigneeId);
    if (!assignee || assignee.role === "admin") return fail(422, a.lang, "staff.case.no_such_colleague", undefined, "/assigneeId");
    return { change: { assigneeId, ...(canMove(status, "assigned") && { status: "assigned" as const }) }, type: "assigned" };
  });
}

export function moveStatus(s: Services, a: Acting, to: unknown): Promise<Result<ApplicationRecord>> {
  return act(s, a, () => {
    if (!isStatus(to)) return fail(422, a.lang, "staff.case.unknown_status", undefined, "/status");
    if (!canMove(a.record.status, to) || (!OWN_ACTION.has(to) && !plainMoves(a.record.status).includes(to))) return refusedMove(a.lang, a.record.status, to);
    if (OWN_ACTION.has(to)) return fail(422, a.lang, "staff.case.needs_own_action", { to: statusLabel(a.lang, to) }, "/status");
    return { change: { status: to }, type: "status_changed" };
  });
}

/** Reopens the chosen questions in the applicant's session; they answer them and submit again. */
export function requestInformation(s: Services, a: Acting, form: Form, pointers: string[], message: string): Promise<Result<ApplicationRecord>> {
  return act(s, a, (now) => {
    if (!canMove(a.record.status, "more_information")) return refusedMove(a.lang, a.record.status, "more_information");
    if (pointers.length === 0) return fail(422, a.lang, "staff.case.pick_questions", undefined, "/pointers");
    if (!message.trim()) return fail(422, a.lang, "staff.case.message_required", undefined, "/message");
    const reopened = reopen(form, a.record.session, pointers, a.lang);
    if (reopened.problems.length > 0) return { ok: false, status: 422, problems: reopened.problems };
    const request = { pointers, message: message.trim(), requestedAt: now.toISOString(), requestedBy: a.staff.id };
    return { change: { status: "more_information", request, session: reopened.session }, type: "information_requested", details: { pointers, message: request.message } };
  });
}

/** An amount granted is read as the applicants' money answers are; one that could be read two ways is refused. */
const AMOUNT: Asked = { answerKind: "money", widget: "money", valueType: "number", required: true };

/** An amount this many times the form's estimate is a typing mistake, not a decision. */
const ABSURD_FACTOR = 100;
/** Above this, amounts in cents are no longer exact numbers: no claim is that large. */
const LARGEST_AMOUNT = Number.MAX_SAFE_INTEGER / 100;

/**
 * Checks an amount granted against the form's own estimate: an absurd one is refused, one further
 * from the estimate than the configured share is let through with a warning for the record.
 */
function checkAmount(s: Services, a: Acting, form: Form, amount: number): Failure | { estimate?: number; warning?: string } {
  const estimate = estimateOf(form, a.record.session.answers);
  const shown = (n: number) => amountText(form, a.record.session.answers, n, a.lang);
  if (!Number.isFinite(amount) || amount > LARGEST_AMOUNT) return fail(422, a.lang, "review.amount_no_estimate_limit", { amount: String(amount) }, "/amount");
  if (estimate === undefined) return {};
  if (estimate > 0 && amount > ABSURD_FACTOR * estimate) return fail(422, a.lang, "review.amount_absurd", { amount: shown(amount), estimate: shown(estimate), factor: ABSURD_FACTOR }, "/amount");
  const share = s.amountWarningShare ?? 0.2;
  const off = Math.abs(amount - estimate) > share * Math.abs(estimate);
  const percent = new Intl.NumberFormat(LOCALE_TAG[a.lang], { style: "percent", maximumFractionDigits: 1 }).format(share);
  return { estimate, ...(off && { warning: t(a.lang, "review.amount_warning", { amount: shown(amount), estimate: shown(estimate), share: percent }) }) };
}

/** Only the caseworker the case is assigned to decides it; a supervisor reassigns a case, not decides a colleague's. */
async function notTheAssignee(s: Services, a: Acting): Promise<Failure | undefined> {
  const { assigneeId } = a.record;
  if (assigneeId === a.staff.id) return undefined;
  if (assigneeId === null) return fail(403, a.lang, "review.not_assigned");
  const assignee = (await s.store.staffById(assigneeId))?.name ?? assigneeId;
  return fail(403, a.lang, "review.not_assignee", { assignee });
}

/**
 * The agency's approval limit for a form. It is a setting, not part of what the applicant answered:
 * the current version's limit applies to every case of the form, whichever version it was started on.
 */
export const approvalLimitOf = (s: Services, form: Form): number | undefined => (s.registry.get(form.id) ?? form).approvalLimit;

/** An approval of more than the form's approval limit needs a second person; at or below it, one approval is final. */
const needsSecondPerson = (limit: number | undefined, amount: number): boolean => limit !== undefined && amount > limit;

/**
 * Approve with the amount granted (as the caseworker's language writes numbers), or reject with a
 * reason. An approval above the form's approval limit is only proposed: it waits in pending
 * approval for a supervisor other than the caseworker, and nothing reaches the applicant yet.
 */
export function decide(s: Services, a: Acting, form: Form, decision: { outcome: unknown; amount?: unknown; reason?: string }): Promise<Result<ApplicationRecord>> {
  return act(s, a, async (now) => {
    const { outcome } = decision;
    if (outcome !== "approved" && outcome !== "rejected") return fail(422, a.lang, "staff.case.unknown_outcome", undefined, "/outcome");
    if (a.record.status === "pending_approval") return fail(409, a.lang, "review.pending_open");
    if (!canMove(a.record.status, outcome)) return refusedMove(a.lang, a.record.status, outcome);
    const refused = await notTheAssignee(s, a);
    if (refused) return refused;
    const reason = decision.reason?.trim() ?? "";
    if (outcome === "rejected" && !reason) return fail(422, a.lang, "staff.case.reason_required", undefined, "/reason");
    let amount: number | null = null;
    let checked: { estimate?: number; warning?: string } = {};
    if (outcome === "approved") {
      const raw = decision.amount;
      const reading = readTyped(AMOUNT, raw, { lang: a.lang, today: now });
      if (!reading.ok || typeof reading.value !== "number" || !(reading.value >= 0)) return fail(422, a.lang, "staff.case.amount_invalid", undefined, "/amount");
      amount = reading.value;
      const check = checkAmount(s, a, form, amount);
      if ("ok" in check) return check;
      checked = check;
    }
    const limit = approvalLimitOf(s, form);
    const proposed = amount !== null && needsSecondPerson(limit, amount);
    return {
      change: { status: proposed ? "pending_approval" : outcome, decision: { outcome, reason, amount, decidedAt: now.toISOString(), decidedBy: a.staff.id } },
      type: proposed ? "approval_proposed" : "decided",
      details: { outcome, amount, reason, ...checked, ...(proposed && { limit }) },
    };
  });
}

/** The approval waiting for its second person, if the one acting may be it: a supervisor, and not the one who proposed it. */
async function proposalFor(s: Services, a: Acting): Promise<Failure | Decision> {
  const proposal = a.record.decision;
  if (a.record.status !== "pending_approval" || !proposal) return fail(409, a.lang, "review.not_pending");
  if (a.staff.role !== "supervisor") return fail(403, a.lang, "approval.only_supervisor");
  if (proposal.decidedBy === a.staff.id) {
    const by = (await s.store.staffById(proposal.decidedBy))?.name ?? proposal.decidedBy;
    return fail(403, a.lang, "review.only_other_supervisor", { by });
  }
  return proposal;
}

/** The second person confirms the proposed approval: now it is final, with both names. */
export function confirmApproval(s: Services, a: Acting): Promise<Result<ApplicationRecord>> {
  return act(s, a, async (now) => {
    const proposal = await proposalFor(s, a);
    if ("ok" in proposal) return proposal;
    return {
      change: { status: "approved", decision: { ...proposal, confirmedBy: a.staff.id, confirmedAt: now.toISOString() } },
      type: "approval_confirmed",
      details: { outcome: "approved", amount: proposal.amount, reason: proposal.reason, proposedBy: proposal.decidedBy, approvedBy: a.staff.id },
    };
  });
}

/** The second person sends the proposed approval back to the caseworker, in review again, saying why. */
export function returnApproval(s: Services, a: Acting, message: string): Promise<Result<ApplicationRecord>> {
  return act(s, a, async () => {
    const proposal = await proposalFor(s, a);
    if ("ok" in proposal) return proposal;
    if (!message.trim()) return fail(422, a.lang, "approval.message_required", undefined, "/message");
    return {
      change: { status: "in_review", decision: null },
      type: "approval_returned",
      details: { amount: proposal.amount, proposedBy: proposal.decidedBy, message: message.trim() },
    };
  });
}

/**
 * An internal note changes nothing about the case, so it cannot overwrite a colleague's change
 * and needs no revision: it is only appended to the history, which the applicant never sees.
 */
export async function addNote(s: Services, staff: StaffRecord, record: ApplicationRecord, text: string, lang: Language): Promise<Result<EventRecord>> {
  if (!text.trim()) return fail(422, lang, "staff.case.note_required", undefined, "/text");
  const event = await s.store.appendEvent(record.id, { at: s.now().toISOString(), actor: staff.id, type: "note", data: { text: text.trim() } });
  return { ok: true, value: event };
}

/** What to offer as the amount of an approval: the form's estimate of the whole claim. */
export function estimateOf(form: Form, answers: Record<string, unknown>): number | undefined {
  const value = totalEstimate(form, answers)?.value;
  return typeof value === "number" ? value : undefined;
}

/**
 * A supervisor places a case under legal hold (a dispute, an audit, a court's order) or clears it:
 * while held, no retention period and no request erases it. Decided cases too, since that is when
 * retention reaches them.
 */
export function setLegalHold(s: Services, a: Acting, hold: boolean): Promise<Result<ApplicationRecord>> {
  return act(s, a, () => {
    if (a.staff.role !== "supervisor") return fail(403, a.lang, "privacy.only_supervisor_holds");
    if (a.record.legalHold === hold) return fail(409, a.lang, "privacy.hold_unchanged");
    return { change: { legalHold: hold }, type: hold ? "legal_hold_set" : "legal_hold_cleared" };
  });
}

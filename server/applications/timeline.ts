/**
 * What happened to a submitted application, as the applicant reads it: received, passed to the
 * department, who handles it, in review, more information asked for, resubmitted, decided.
 * Built from the audit events, but only from the kinds listed here: internal notes and every other
 * staff-only event, present or future, stay out because nothing maps them to an entry.
 */
import type { Form } from "../engine/form";
import { totalEstimate } from "../engine/derive";
import { templateOf } from "../engine/pointer";
import { headingsOf, titleOf } from "../engine/texts";
import { formatNumber, formatTimestamp } from "../engine/format";
import type { ApplicationRecord, EventRecord } from "../store/store";
import type { Language } from "../i18n/languages";
import { t } from "../i18n/translate";

export type TimelineKind = "received" | "department" | "caseworker" | "in_review" | "more_information" | "resubmitted" | "approved" | "rejected";

export interface TimelineEntry {
  kind: TimelineKind;
  /** ISO timestamp, for programs and `<time datetime>`. */
  at: string;
  /** The same time as the applicant's language writes it. */
  when: string;
  text: string;
  /** The caseworker's message, the amount granted, the reason for a rejection. */
  details: { label: string; value: string }[];
  /** The questions reopened for more information, by their titles. */
  questions: string[];
}

/** The amount granted in the currency of the form's estimate of the whole claim (a top-level money value), if it has one. */
export function amountText(form: Form, answers: Record<string, unknown>, amount: number, lang: Language): string {
  return formatNumber(amount, lang, totalEstimate(form, answers)?.unit);
}

/** A reopened question as the applicant knows it: under its section and item, as on the check-your-answers page. */
const questionTitle = (form: Form, lang: Language, pointer: string, answers: unknown): string =>
  [...headingsOf(form, lang, pointer, answers), titleOf(form, lang, templateOf(pointer))].join(" – ");

type Change = { status?: string; assigneeId?: string | null };
const changeOf = (event: EventRecord): { before: Change; after: Change } => ({
  before: (event.data.before ?? {}) as Change,
  after: (event.data.after ?? {}) as Change,
});

/** The staff members the timeline names: whoever a case was assigned to. */
export function namedStaff(events: EventRecord[]): string[] {
  const ids = events.filter((e) => e.type === "assigned").map((e) => changeOf(e).after.assigneeId);
  return [...new Set(ids.filter((id): id is string => typeof id === "string"))];
}

/** `staffNames` holds (at least) the names of `namedStaff(events)`. */
export function timelineOf(form: Form, record: ApplicationRecord, events: EventRecord[], staffNames: ReadonlyMap<string, string>): TimelineEntry[] {
  const lang = record.language;
  const answers = record.session.answers;
  const entry = (event: EventRecord, kind: TimelineKind, text: string, more: Partial<Pick<TimelineEntry, "details" | "questions">> = {}): TimelineEntry => ({
    kind, at: event.at, when: formatTimestamp(event.at, lang), text, details: [], questions: [], ...more,
  });
  let submissions = 0;

  const entriesOf = (event: EventRecord): TimelineEntry[] => {
    const { before, after } = changeOf(event);
    switch (event.type) {
      case "submitted":
        return [++submissions === 1 ? entry(event, "received", t(lang, "status.timeline.received")) : entry(event, "resubmitted", t(lang, "status.timeline.resubmitted"))];
      case "assigned": {
        // Assigning a new case both passes it to the department and names its caseworker; a later reassignment only names.
        const toDepartment = after.status === "assigned" && before.status !== "assigned";
        const assignee = after.assigneeId && after.assigneeId !== before.assigneeId ? after.assigneeId : null;
        const name = assignee ? staffNames.get(assignee) : undefined;
        return [
          ...(toDepartment ? [entry(event, "department", t(lang, "status.timeline.department", { authority: form.locales[lang].form.authority }))] : []),
          ...(assignee ? [entry(event, "caseworker", name ? t(lang, "status.timeline.caseworker", { name }) : t(lang, "status.timeline.caseworker_unnamed"))] : []),
        ];
      }
      case "status_changed":
        return after.status === "in_review" ? [entry(event, "in_review", t(lang, "status.timeline.in_review"))] : [];
      case "information_requested": {
        const pointers = Array.isArray(event.data.pointers) ? event.data.pointers.map(String) : [];
        return [entry(event, "more_information", t(lang, "status.timeline.more_information"), {
          details: [{ label: t(lang, "status.timeline.message"), value: String(event.data.message ?? "") }],
          questions: pointers.map((p) => questionTitle(form, lang, p, answers)),
        })];
      }
      // An approval above the form's limit becomes the decision when the second person confirms it; its proposal stays out.
      case "decided":
      case "approval_confirmed": {
        const { outcome, amount, reason } = event.data;
        if (outcome !== "approved" && outcome !== "rejected") return [];
        const details = [
          ...(typeof amount === "number" ? [{ label: t(lang, "status.timeline.amount"), value: amountText(form, answers, amount, lang) }] : []),
          ...(typeof reason === "string" && reason ? [{ label: t(lang, "status.timeline.reason"), value: reason }] : []),
        ];
        return [entry(event, outcome, t(lang, `status.timeline.${outcome}`), { details })];
      }
      default:
        return [];
    }
  };
  return events.flatMap(entriesOf);
}

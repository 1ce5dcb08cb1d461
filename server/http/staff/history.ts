/**
 * The case history as a caseworker reads it: who did what and when, what changed (status,
 * assignee: before → after), and the particulars (questions, message, amount, reason, note).
 */
import type { Form } from "../../engine/form";
import { templateOf } from "../../engine/pointer";
import { titleOf } from "../../engine/texts";
import { formatNumber } from "../../engine/format";
import type { ApplicationStatus, EventRecord } from "../../store/store";
import type { Language } from "../../i18n/languages";
import { catalogOf, t, type MessageKey } from "../../i18n/translate";
import { statusLabel } from "../../applications/cases";
import { formatWhen } from "./render";

/** A feature with events of its own keeps their labels in its own catalog, as `<area>.event.*` and `<area>.detail.*`. */
const LABEL_AREAS = ["staff", "callback", "review", "approval", "privacy"] as const;

/** The label of an event type or a detail's name, made at run time, or the raw name when no area has one. */
function labelOr(lang: Language, kind: "event" | "detail", name: string): string {
  const key = LABEL_AREAS.map((area) => `${area}.${kind}.${name}`).find((k) => Object.hasOwn(catalogOf(lang), k));
  return key ? t(lang, key as MessageKey) : name;
}

export interface Names {
  staff: (id: string | null) => string;
  question: (pointer: string) => string;
}

export const namesOf = (form: Form, lang: Language, staffNames: Map<string, string>): Names => ({
  staff: (id) => (id === null ? t(lang, "staff.queue.unassigned") : id === "applicant" ? t(lang, "staff.history.applicant") : (staffNames.get(id) ?? id)),
  question: (pointer) => `${titleOf(form, lang, templateOf(pointer))} (${pointer})`,
});

function detailValue(lang: Language, names: Names, key: string, value: unknown): string {
  if (key === "pointers" && Array.isArray(value)) return value.map((p) => names.question(String(p))).join("; ");
  if (key === "pointer") return names.question(String(value));
  if (key === "returnedTo" || key === "approvedBy" || key === "proposedBy") return names.staff(String(value));
  if (key === "outcome") return statusLabel(lang, value as ApplicationStatus);
  if (key === "contactKind" && (value === "phone" || value === "email")) return t(lang, `callback.kind.${value}`);
  if (typeof value === "string") return value;
  if (typeof value === "number") return formatNumber(value, lang);
  if (typeof value === "boolean") return t(lang, value ? "answer.yes" : "answer.no");
  return JSON.stringify(value);
}

function changesOf(lang: Language, names: Names, data: Record<string, unknown>) {
  const before = (data.before ?? {}) as Record<string, unknown>;
  const after = (data.after ?? {}) as Record<string, unknown>;
  const shown = {
    status: (v: unknown) => statusLabel(lang, v as ApplicationStatus),
    assigneeId: (v: unknown) => names.staff((v as string | null) ?? null),
  };
  return Object.entries(shown)
    .filter(([key]) => key in after && before[key] !== after[key])
    .map(([key, show]) => ({ label: t(lang, `staff.history.${key as keyof typeof shown}`), before: show(before[key]), after: show(after[key]) }));
}

export function historyView(events: EventRecord[], lang: Language, names: Names) {
  return events.map((event) => ({
    when: formatWhen(event.at, lang),
    who: names.staff(event.actor),
    what: labelOr(lang, "event", event.type),
    changes: changesOf(lang, names, event.data),
    details: Object.entries(event.data)
      .filter(([key, value]) => key !== "before" && key !== "after" && value !== undefined && value !== null && value !== "")
      .map(([key, value]) => ({ label: labelOr(lang, "detail", key), value: detailValue(lang, names, key, value) })),
  }));
}

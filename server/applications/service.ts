/**
 * The applicant's use cases, shared by the HTML pages and the JSON API: start, answer, go back,
 * change, remove an item, submit, fetch the PDF. Each loads the application, runs the pure engine,
 * and stores the result in one step; failures are values with an HTTP status and problems.
 */
import type { Form } from "../engine/form";
import type { Problem } from "../engine/problem";
import { newSession, type Session } from "../engine/session";
import { getAt, parsePointer } from "../engine/pointer";
import { createHash } from "node:crypto";
import { answer, answerMany, back, change, leaveUnansweredBlank, removeItem, type Outcome } from "../engine/flow";
import { completeness, pendingOf, stateOf, type State } from "../engine/present";
import { derive } from "../engine/derive";
import type { FormRegistry } from "../forms/registry";
import { isConflict, type ApplicationRecord, type Decision, type Declaration, type Store, type NewEvent } from "../store/store";
import { t } from "../i18n/translate";
import type { Language } from "../i18n/languages";
import { DRAFT_TOKEN_DAYS, draftTokenExpired, hashToken, newApplicationId, newToken, referencePrefixOf, tokenMatches } from "./tokens";
import { pdfInputOf } from "../pdf/build-input";
import type { ApplicationPdfInput } from "../pdf/input";
import { letterInputOf, renderDecisionLetter } from "../pdf/decision-letter";
import { namedStaff, timelineOf, type TimelineEntry } from "./timeline";
import { applicantStatus, finalDecision } from "./workflow";

export interface Services {
  registry: FormRegistry;
  store: Store;
  now: () => Date;
  renderPdf: (input: ApplicationPdfInput) => Promise<Buffer>;
  /** Days a draft's token stays valid after its last change; DRAFT_TOKEN_DAYS when not given. */
  draftTokenDays?: number;
  /** How far an amount granted may differ from the form's estimate, as a share of it, before the decision warns (0.2). */
  amountWarningShare?: number;
}

export type Failure = { ok: false; status: number; problems: Problem[] };
export type Done<T> = { ok: true; value: T };
export type Result<T> = Done<T> | Failure;

const failure = (status: number, lang: Language, code: Parameters<typeof problemOf>[1], pointer = ""): Failure => ({
  ok: false,
  status,
  problems: [problemOf(lang, code, pointer)],
});

function problemOf(lang: Language, code: "unknown_form" | "unknown_form_version" | "not_found" | "unauthorized" | "conflict" | "already_submitted" | "incomplete" | "not_submitted", pointer: string): Problem {
  return { code, pointer, message: t(lang, `service.${code}`) };
}

const declarationMissing = (lang: Language): Problem => ({ code: "declaration_required", pointer: "/declaration", message: t(lang, "submission.declaration_required") });

export interface ApplicationView extends State {
  id: string;
  formId: string;
  formVersion: string;
  status: ApplicationRecord["status"];
  language: Language;
  reference: string | null;
  submittedAt: string | null;
  answers: Record<string, unknown>;
  /** The open request for more information: what to do and which questions to answer again. */
  request: { message: string; pointers: string[] } | null;
  decision: { outcome: Decision["outcome"]; amount: number | null; reason: string; decidedAt: string } | null;
  timeline: TimelineEntry[];
  /** Whether submitting now (with the declaration) would be accepted: optional questions never answered count as left blank. */
  submittable: boolean;
}

/**
 * The session as it would be submitted: what the applicant never answered of the optional questions
 * is left blank, and the answers set aside in branches the applicant left are dropped: they are
 * not part of the application, and what is not needed is not kept.
 */
const asSubmitted = (form: Form, session: Session): Session => {
  const { readBack: _dropped, cursor: _moved, ...rest } = session;
  return leaveUnansweredBlank(form, { ...rest, stash: {} });
};

/** The answers caseworkers look the case up by (x-form.lookups), as text; unanswered lookups are left out. */
const lookupsOf = (form: Form, answers: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(form.lookups).flatMap(([name, pointer]) => {
      const value = getAt(answers, parsePointer(pointer));
      return typeof value === "string" || typeof value === "number" ? [[name, String(value)]] : [];
    }),
  );

const submittable = (form: Form, record: ApplicationRecord): boolean =>
  editable(record) && completeness(form, asSubmitted(form, record.session), record.language).complete;

/** Who decided and who asked stay out: the applicant reads the caseworker's name in the timeline, never a staff id. */
function viewOf(form: Form, record: ApplicationRecord, timeline: TimelineEntry[]): ApplicationView {
  const { request } = record;
  const decision = finalDecision(record);
  return {
    id: record.id,
    formId: record.formId,
    formVersion: record.formVersion,
    status: applicantStatus(record.status),
    language: record.language,
    reference: record.reference,
    submittedAt: record.submittedAt,
    answers: record.session.answers,
    ...stateOf(form, record.session, record.language),
    request: request && { message: request.message, pointers: request.pointers },
    decision: decision && { outcome: decision.outcome, amount: decision.amount, reason: decision.reason, decidedAt: decision.decidedAt },
    timeline,
    submittable: submittable(form, record),
  };
}

async function staffNames(s: Services, ids: string[]): Promise<Map<string, string>> {
  const found = await Promise.all(ids.map((id) => s.store.staffById(id)));
  return new Map(found.flatMap((staff) => (staff ? [[staff.id, staff.name] as const] : [])));
}

/** A draft has no timeline yet, so its (many) answer events are not even read. */
export async function timelineFor(s: Services, form: Form, record: ApplicationRecord): Promise<TimelineEntry[]> {
  if (record.reference === null) return [];
  const events = await s.store.events(record.id);
  return timelineOf(form, record, events, await staffNames(s, namedStaff(events)));
}

export async function applicationView(s: Services, form: Form, record: ApplicationRecord): Promise<ApplicationView> {
  return viewOf(form, record, await timelineFor(s, form, record));
}

export const event = (now: Date, type: string, data: Record<string, unknown> = {}): NewEvent => ({ at: now.toISOString(), actor: "applicant", type, data });

export async function startApplication(s: Services, formId: string, language: Language | undefined): Promise<Result<{ record: ApplicationRecord; token: string; form: Form }>> {
  const form = s.registry.get(formId);
  if (!form) return failure(404, language ?? "en", "unknown_form");
  const token = newToken();
  const now = s.now();
  const record = await s.store.createApplication(
    {
      id: newApplicationId(),
      formId,
      formVersion: form.version,
      language: language ?? form.defaultLanguage,
      session: newSession(),
      tokenHash: hashToken(token),
      createdAt: now.toISOString(),
    },
    event(now, "created", { formVersion: form.version }),
  );
  return { ok: true, value: { record, token, form } };
}

/** Unknown id and wrong token look the same from outside: nothing is revealed about either. */
export async function openApplication(s: Services, id: string, token: string | undefined, lang: Language = "en"): Promise<Result<{ record: ApplicationRecord; form: Form }>> {
  if (!token) return failure(401, lang, "unauthorized");
  const record = await s.store.getApplication(id);
  if (!record || !tokenMatches(token, record.tokenHash)) return failure(404, lang, "not_found");
  // Said only to whoever holds the right token: the others still learn nothing.
  const days = s.draftTokenDays ?? DRAFT_TOKEN_DAYS;
  if (draftTokenExpired(record, s.now(), days)) return { ok: false, status: 410, problems: [{ code: "token_expired", pointer: "", message: t(record.language, "session.expired", { days }) }] };
  const form = s.registry.get(record.formId, record.formVersion);
  if (!form) return failure(s.registry.get(record.formId) ? 409 : 404, record.language, s.registry.get(record.formId) ? "unknown_form_version" : "unknown_form");
  return { ok: true, value: { record, form } };
}

export const editable = (record: ApplicationRecord) => record.status === "draft" || record.status === "more_information";

/** Runs an engine move on a draft and saves it if the application was not changed meanwhile. */
export async function move(s: Services, form: Form, record: ApplicationRecord, run: (session: Session) => Outcome, type: string, data: Record<string, unknown>): Promise<Result<{ record: ApplicationRecord; outcome: Outcome }>> {
  if (!editable(record)) return failure(409, record.language, "already_submitted");
  // A reading waiting for "right?" is about the application as it was: whatever moves it, drops it.
  const { readBack: _dropped, ...session } = record.session;
  const outcome = run(session);
  if (outcome.problems.length > 0) return { ok: false, status: 422, problems: outcome.problems };
  const saved = await s.store.saveDraft(record.id, record.revision, { session: outcome.session }, event(s.now(), type, data));
  if (isConflict(saved)) return failure(409, record.language, "conflict");
  return { ok: true, value: { record: saved, outcome } };
}

export function answerOne(s: Services, form: Form, record: ApplicationRecord, pointer: string, value: unknown) {
  return move(s, form, record, (session) => answer(form, session, pointer, value, record.language, s.now()), "answered", { pointers: [pointer] });
}

/**
 * Holds a value the chat read from typed text until the applicant confirms it. It is checked as an
 * answer first, so that "right?" is never asked about a value that would then be refused.
 */
export function holdReading(s: Services, form: Form, record: ApplicationRecord, readBack: NonNullable<Session["readBack"]>) {
  return move(s, form, record, (session) => {
    const tried = answer(form, session, readBack.pointer, readBack.value, record.language, s.now());
    return tried.problems.length > 0 ? tried : { session: { ...session, readBack }, problems: [] };
  }, "reading_held", { pointer: readBack.pointer });
}

/** "Yes, that's right": stores exactly the value that was read back, if it is still the one waiting. */
export function confirmReading(s: Services, form: Form, record: ApplicationRecord, pointer: string) {
  const held = record.session.readBack;
  if (held?.pointer !== pointer) return Promise.resolve(failure(409, record.language, "conflict"));
  return answerOne(s, form, record, pointer, held.value);
}

/** "No": the reading is dropped and the question asked again. */
export function rejectReading(s: Services, form: Form, record: ApplicationRecord) {
  return move(s, form, record, (session) => ({ session, problems: [] }), "reading_rejected", {});
}

export function answerSeveral(s: Services, form: Form, record: ApplicationRecord, answers: unknown) {
  return move(s, form, record, (session) => answerMany(form, session, answers, record.language, s.now()), "answered", { bulk: true });
}

export function goBack(s: Services, form: Form, record: ApplicationRecord) {
  return move(s, form, record, (session) => ({ session: back(form, session), problems: [] }), "went_back", {});
}

export function changeAnswer(s: Services, form: Form, record: ApplicationRecord, pointer: string) {
  return move(s, form, record, (session) => change(form, session, pointer, record.language), "change_requested", { pointer });
}

export function removeGroupItem(s: Services, form: Form, record: ApplicationRecord, pointer: string) {
  return move(s, form, record, (session) => removeItem(form, session, pointer, record.language), "item_removed", { pointer });
}

export async function setPreferences(s: Services, record: ApplicationRecord, change: { language?: Language; email?: string | null }): Promise<Result<ApplicationRecord>> {
  const saved = await s.store.saveDraft(record.id, record.revision, { session: record.session, ...change }, event(s.now(), "preferences_changed", { language: change.language, email: change.email === undefined ? undefined : "changed" }));
  return isConflict(saved) ? failure(409, record.language, "conflict") : { ok: true, value: saved };
}

/** A new token for the application; the old one opens nothing from now on. The new one is shown once, like the first. */
export async function replaceToken(s: Services, record: ApplicationRecord): Promise<Result<{ record: ApplicationRecord; token: string }>> {
  const token = newToken();
  const saved = await s.store.replaceToken(record.id, record.revision, hashToken(token), event(s.now(), "token_replaced"));
  return isConflict(saved) ? failure(409, record.language, "conflict") : { ok: true, value: { record: saved, token } };
}

/** A resubmission's event says where the case went back to: in review, with the caseworker who asked. */
function resubmission(record: ApplicationRecord): Record<string, unknown> {
  if (record.status !== "more_information") return {};
  const { assigneeId } = record;
  return { before: { status: record.status, assigneeId }, after: { status: "in_review", assigneeId }, returnedTo: record.request?.requestedBy ?? null };
}

/** Which declaration text was confirmed: the form's version, the language, and a hash of the very words shown. */
export function declarationVersion(form: Form, lang: Language): string {
  const hash = createHash("sha256").update(form.locales[lang].form.declaration).digest("hex").slice(0, 12);
  return `${form.version}/${lang}/${hash}`;
}

/**
 * Submits, or resubmits after a request for more information, in one store transaction (see
 * `Store.submit`): the PDF is rendered there with the reference just taken, so a failure or a
 * crash anywhere leaves neither a half submission nor a burned number. `declared` is whether the
 * applicant confirmed the declaration in `channel` just now.
 */
export async function submitApplication(s: Services, form: Form, record: ApplicationRecord, declared: boolean, channel: Declaration["channel"]): Promise<Result<ApplicationRecord>> {
  const lang = record.language;
  if (!editable(record)) return failure(409, lang, "already_submitted");
  const session = asSubmitted(form, record.session);
  const { complete, problems } = completeness(form, session, lang);
  const refused = [
    ...(complete ? [] : [...pendingOf(form, session).map((pointer) => problemOf(lang, "incomplete", pointer)), ...problems]),
    ...(declared ? [] : [declarationMissing(lang)]),
  ];
  if (refused.length > 0) return { ok: false, status: 422, problems: refused };
  const now = s.now();
  const submittedAt = now.toISOString();
  const declaration: Declaration = { version: declarationVersion(form, lang), at: submittedAt, channel };
  const answers = session.answers;
  const saved = await s.store.submit(
    record.id,
    record.revision,
    {
      numbering: { prefix: referencePrefixOf(form.id), year: now.getUTCFullYear() },
      submittedAt,
      language: lang,
      declaration,
      session,
      lookups: lookupsOf(form, answers),
      render: async (reference) => ({
        answers,
        derived: derive(form, answers).result,
        pdf: await s.renderPdf(pdfInputOf(form, { answers, language: lang, reference, submittedAt, declared: declaration })),
      }),
    },
    event(now, "submitted", { declaration, ...resubmission(record) }),
  );
  return isConflict(saved) ? failure(409, lang, "conflict") : { ok: true, value: saved };
}

export async function submittedPdf(s: Services, record: ApplicationRecord): Promise<Result<Buffer>> {
  const submission = await s.store.getSubmission(record.id);
  return submission ? { ok: true, value: submission.pdf } : failure(404, record.language, "not_submitted");
}

/** Rendered from the stored decision on every request: the same decision always gives the same letter. */
export async function decisionLetter(s: Services, form: Form, record: ApplicationRecord): Promise<Result<Buffer>> {
  const decision = finalDecision(record);
  if (!decision) return { ok: false, status: 404, problems: [{ code: "not_decided", pointer: "", message: t(record.language, "status.not_decided") }] };
  const nameOf = async (id: string | undefined) => (id === undefined ? null : ((await s.store.staffById(id))?.name ?? null));
  const [caseworker, secondPerson] = await Promise.all([nameOf(decision.decidedBy), nameOf(decision.confirmedBy)]);
  return { ok: true, value: await renderDecisionLetter(letterInputOf(form, record, decision, caseworker, secondPerson)) };
}

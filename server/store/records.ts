/**
 * What both stores share: the rows as the schema names them, their mapping to the records of
 * store.ts, the queue's filters, orders and paging, a caseworker's change, reference numbers and
 * the events the stores write themselves. The SQL here is the portable part: `?` placeholders (the PostgreSQL connection
 * numbers them), and `stage`, a generated column in both schemas.
 */
import type { Session } from "../engine/session";
import type { Language } from "../i18n/languages";
import type {
  Declaration,
  ApplicationRecord,
  ApplicationStatus,
  CallbackRequest,
  CaseChange,
  ContactKind,
  Decision,
  EventRecord,
  FormVersionRecord,
  InformationRequest,
  NewCallbackRequest,
  NewEvent,
  QueueFilter,
  QueueItem,
  QueueSort,
  StaffRecord,
  StaffRole,
  StaffSessionRecord,
  SubmissionRecord,
} from "./store";
import type { OwnerFields, WrappedKey } from "./crypto/protector";

/** A numbered step of a schema; once released, never edited (see sqlite/migrations.ts). */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** A query parameter, as both drivers take it. */
export type Param = string | number | Buffer | null;

export interface ApplicationRow {
  id: string;
  form_id: string;
  form_version: string;
  status: ApplicationStatus;
  language: Language;
  session_json: string;
  token_hash: string;
  email: string | null;
  reference: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  revision: number;
  assignee_id: string | null;
  request_json: string | null;
  decision_json: string | null;
  /** The application's data key, wrapped by the KEK of `key_version`; null while its values are plain. */
  data_key: Buffer | null;
  key_version: number | null;
  legal_hold: number;
  erased_at: string | null;
}

export type QueueRow = Pick<ApplicationRow, "id" | "form_id" | "status" | "language" | "assignee_id" | "updated_at" | "revision"> & {
  reference: string;
  submitted_at: string;
};

export interface StaffRow {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  password_hash: string;
  created_at: string;
  /** The blind index the e-mail is found by at sign-in; the e-mail itself is sealed. */
  email_index: string | null;
  data_key: Buffer | null;
  key_version: number | null;
}

export interface StaffSessionRow {
  id_hash: string;
  staff_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface SubmissionRow {
  application_id: string;
  version: number;
  reference: string;
  submitted_at: string;
  language: Language;
  answers_json: string;
  derived_json: string;
  pdf: Buffer;
  declaration_json: string | null;
}

export interface EventRow {
  id: number;
  application_id: string;
  at: string;
  actor: string;
  type: string;
  data_json: string;
}

export interface CallbackRow {
  id: number;
  application_id: string;
  name: string;
  contact: string;
  contact_kind: ContactKind;
  message: string;
  language: Language;
  created_at: string;
  handled_at: string | null;
  handled_by: string | null;
}

export type OpenCallbackRow = CallbackRow & Pick<ApplicationRow, "reference" | "form_id" | "status" | "data_key" | "key_version" | "erased_at">;

export interface FormVersionRow {
  form_id: string;
  version: string;
  schema_json: string;
  locales_json: string;
  registered_at: string;
}

/** `undefined` (a form without derived values, say) has no JSON text; it is kept as null. */
export const toJson = (value: unknown): string => JSON.stringify(value ?? null);

/** The wrapped data key of a row that has one. */
export const storedKeyOf = (row: { data_key: Buffer | null; key_version: number | null }): WrappedKey | null =>
  row.data_key === null || row.key_version === null ? null : { wrapped: Buffer.from(row.data_key), version: row.key_version };

/**
 * The fields sealed under an application's key, by the name its additional data gives each: a
 * sealed value moved to another field or application does not open.
 */
export const SEALED = {
  session: "application.session",
  email: "application.email",
  request: "application.request",
  decision: "application.decision",
  answers: "submission.answers",
  derived: "submission.derived",
  pdf: "submission.pdf",
  event: "event.data",
  callbackName: "callback.name",
  callbackContact: "callback.contact",
  callbackMessage: "callback.message",
  staffEmail: "staff.email",
} as const;

/** JSON sealed as text, and back. */
export const sealJson = (fields: OwnerFields, field: string, value: unknown): string => fields.text(field, toJson(value));
export const openJson = <T>(fields: OwnerFields, field: string, stored: string): T => JSON.parse(fields.openText(field, stored)) as T;
const openOptional = <T>(fields: OwnerFields, field: string, stored: string | null): T | null => (stored === null ? null : openJson<T>(fields, field, stored));

export const applicationOf = (row: ApplicationRow, fields: OwnerFields): ApplicationRecord => ({
  id: row.id,
  formId: row.form_id,
  formVersion: row.form_version,
  status: row.status,
  language: row.language,
  session: openJson<Session>(fields, SEALED.session, row.session_json),
  tokenHash: row.token_hash,
  email: row.email === null ? null : fields.openText(SEALED.email, row.email),
  reference: row.reference,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  submittedAt: row.submitted_at,
  revision: row.revision,
  assigneeId: row.assignee_id,
  request: openOptional<InformationRequest>(fields, SEALED.request, row.request_json),
  decision: openOptional<Decision>(fields, SEALED.decision, row.decision_json),
  legalHold: row.legal_hold === 1,
  erasedAt: row.erased_at,
});

export const queueItemOf = (row: QueueRow): QueueItem => ({
  id: row.id,
  reference: row.reference,
  formId: row.form_id,
  status: row.status,
  language: row.language,
  assigneeId: row.assignee_id,
  submittedAt: row.submitted_at,
  updatedAt: row.updated_at,
  revision: row.revision,
});

export const staffOf = (row: StaffRow, fields: OwnerFields): StaffRecord => ({
  id: row.id,
  email: fields.openText(SEALED.staffEmail, row.email),
  name: row.name,
  role: row.role,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
});

export const staffSessionOf = (row: StaffSessionRow): StaffSessionRecord => ({
  idHash: row.id_hash,
  staffId: row.staff_id,
  csrfToken: row.csrf_token,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

export const submissionOf = (row: SubmissionRow, fields: OwnerFields): SubmissionRecord => ({
  applicationId: row.application_id,
  version: row.version,
  reference: row.reference,
  submittedAt: row.submitted_at,
  language: row.language,
  answers: openJson<Record<string, unknown>>(fields, SEALED.answers, row.answers_json),
  derived: openJson<unknown>(fields, SEALED.derived, row.derived_json),
  pdf: fields.openBytes(SEALED.pdf, Buffer.from(row.pdf)),
  declaration: row.declaration_json === null ? null : (JSON.parse(row.declaration_json) as Declaration),
});

export const eventOf = (row: EventRow, fields: OwnerFields): EventRecord => ({
  id: row.id,
  applicationId: row.application_id,
  at: row.at,
  actor: row.actor,
  type: row.type,
  data: openJson<Record<string, unknown>>(fields, SEALED.event, row.data_json),
});

export const callbackOf = (row: CallbackRow, fields: OwnerFields): CallbackRequest => ({
  id: row.id,
  applicationId: row.application_id,
  name: fields.openText(SEALED.callbackName, row.name),
  contact: fields.openText(SEALED.callbackContact, row.contact),
  contactKind: row.contact_kind,
  message: fields.openText(SEALED.callbackMessage, row.message),
  language: row.language,
  createdAt: row.created_at,
  handledAt: row.handled_at,
  handledBy: row.handled_by,
});

export const formVersionOf = (row: FormVersionRow): FormVersionRecord => ({
  formId: row.form_id,
  version: row.version,
  schema: JSON.parse(row.schema_json) as unknown,
  locales: JSON.parse(row.locales_json) as unknown,
  registeredAt: row.registered_at,
});

/** The most a page of the queue holds, whatever the caller asks. */
export const MAX_QUEUE_PAGE = 200;

/**
 * Each order ends in a unique column, so that pages never overlap or skip a case that ties with
 * another. `stage` is the status's place in the workflow (see migrations 2 and 5); references are unique.
 */
const QUEUE_ORDER: Readonly<Record<QueueSort, string>> = {
  submitted_desc: "submitted_at DESC, id DESC",
  submitted_asc: "submitted_at ASC, id ASC",
  reference: "reference ASC",
  status: "stage ASC, submitted_at DESC, id DESC",
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** The date part of an ISO date or timestamp (`2026-03-01`), checked to be a real day. */
function dayOf(value: string, field: string): { day: string; next: string } {
  const match = DAY.exec(value);
  const date = match && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (!match || !date || date.toISOString().slice(0, 10) !== match[0]) throw new RangeError(`${field} is not an ISO date: ${JSON.stringify(value)}`);
  return { day: match[0], next: new Date(date.getTime() + 86_400_000).toISOString().slice(0, 10) };
}

/**
 * The WHERE clause of the queue. It always says `status <> 'draft'` literally, which is what lets
 * the database use the queue's partial indexes. An empty string filters nothing: no form, staff member or
 * reference is called "". Dates are compared as text with submitted_at (ISO, UTC): `submittedTo`
 * 2026-03-01 means before 2026-03-02, so that the whole day is in.
 */
function queueWhere(filter: QueueFilter, options: { status: boolean }): { where: string; params: Param[] } {
  // Erased cases leave the queue: nothing of them is left to work on.
  const terms = ["status <> 'draft'", "erased_at IS NULL"];
  const params: Param[] = [];
  const given = (value: string | undefined): value is string => value !== undefined && value !== "";
  if (options.status && given(filter.status)) {
    terms.push("status = ?");
    params.push(filter.status);
  }
  if (given(filter.formId)) {
    terms.push("form_id = ?");
    params.push(filter.formId);
  }
  if (given(filter.assigneeId)) {
    if (filter.assigneeId === "none") terms.push("assignee_id IS NULL");
    else {
      terms.push("assignee_id = ?");
      params.push(filter.assigneeId);
    }
  }
  if (given(filter.submittedFrom)) {
    terms.push("submitted_at >= ?");
    params.push(dayOf(filter.submittedFrom, "submittedFrom").day);
  }
  if (given(filter.submittedTo)) {
    terms.push("submitted_at < ?");
    params.push(dayOf(filter.submittedTo, "submittedTo").next);
  }
  if (given(filter.reference)) {
    terms.push("reference = ?");
    params.push(filter.reference);
  }
  if (filter.ids !== undefined) {
    terms.push(filter.ids.length === 0 ? "1 = 0" : `id IN (${filter.ids.map(() => "?").join(", ")})`);
    params.push(...filter.ids);
  }
  return { where: terms.join(" AND "), params };
}

/** Offset from 0, limit from 0 to MAX_QUEUE_PAGE; anything else (negative, fractional, NaN) is brought into range. */
export function pageOf(page: { offset: number; limit: number }): { offset: number; limit: number } {
  const whole = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.trunc(n)) : 0);
  return { offset: whole(page.offset), limit: Math.min(MAX_QUEUE_PAGE, whole(page.limit)) };
}

/** The queue query with its parameters, exported for the test that checks it is served by an index. */
export function queueQuery(filter: QueueFilter, sort: QueueSort, page: { offset: number; limit: number }): { items: [string, Param[]]; total: [string, Param[]] } {
  const order = QUEUE_ORDER[sort];
  if (!order) throw new RangeError(`Unknown queue order ${JSON.stringify(sort)}`);
  const { where, params } = queueWhere(filter, { status: true });
  const { offset, limit } = pageOf(page);
  return {
    items: [
      `SELECT id, reference, form_id, status, language, assignee_id, submitted_at, updated_at, revision
         FROM applications WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    ],
    total: [`SELECT COUNT(*) AS total FROM applications WHERE ${where}`, params],
  };
}

export function countsQuery(filter: QueueFilter): [string, Param[]] {
  const { where, params } = queueWhere(filter, { status: false });
  return [`SELECT status, COUNT(*) AS count FROM applications WHERE ${where} GROUP BY status`, params];
}

/**
 * The SET list of a caseworker's change, with its parameters: the revision and time always, then
 * only the fields the change names; null is a value here (no assignee, the request answered).
 */
export function caseChangeSets(change: CaseChange, at: string, fields: OwnerFields): { sets: string; params: Param[] } {
  const sets = ["revision = revision + 1", "updated_at = ?"];
  const params: Param[] = [at];
  const set = (column: string, value: Param) => {
    sets.push(`${column} = ?`);
    params.push(value);
  };
  if (change.status !== undefined) set("status", change.status);
  if (change.assigneeId !== undefined) set("assignee_id", change.assigneeId);
  if (change.request !== undefined) set("request_json", change.request === null ? null : sealJson(fields, SEALED.request, change.request));
  if (change.decision !== undefined) {
    set("decision_json", change.decision === null ? null : sealJson(fields, SEALED.decision, change.decision));
    set("decided_at", change.decision === null ? null : (change.decision.confirmedAt ?? change.decision.decidedAt));
  }
  if (change.session !== undefined) set("session_json", sealJson(fields, SEALED.session, change.session));
  if (change.legalHold !== undefined) set("legal_hold", change.legalHold ? 1 : 0);
  return { sets: sets.join(", "), params };
}

/** `STW-2026-000042`: the prefix, the year and the counter, padded so that references sort as numbers. */
export const formatReference = (prefix: string, year: number, counter: number): string => `${prefix}-${year}-${String(counter).padStart(6, "0")}`;

/**
 * The events of callback requests name the request and how to reach the applicant (the kind, not
 * the number or address), so the history tells who asked and who answered without repeating them.
 */
export const callbackRequestedEvent = (request: NewCallbackRequest, callbackId: number): NewEvent => ({
  at: request.createdAt,
  actor: "applicant",
  type: "callback_requested",
  data: { callbackId, name: request.name, contactKind: request.contactKind },
});

export const callbackHandledEvent = (callbackId: number, staffId: string, at: string): NewEvent => ({ at, actor: staffId, type: "callback_handled", data: { callbackId } });

/**
 * Everything Formpilot keeps, behind one interface: SQLite for one process, PostgreSQL when several
 * processes share the load. Routes talk to this interface only.
 *
 * Concurrency: every record that can change carries a `revision`. A change names the revision it
 * was based on; when someone else changed the record in between, the store answers `conflict` and
 * changes nothing, so no change silently overwrites another.
 */
import type { Session } from "../engine/session";
import type { Language } from "../i18n/languages";

export type ApplicationStatus = "draft" | "submitted" | "assigned" | "in_review" | "more_information" | "pending_approval" | "approved" | "rejected";

export interface ApplicationRecord {
  id: string;
  formId: string;
  formVersion: string;
  status: ApplicationStatus;
  language: Language;
  session: Session;
  /** SHA-256 of the applicant's bearer token; the token itself is never stored. */
  tokenHash: string;
  email: string | null;
  reference: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  revision: number;
  /** The staff member handling the case. */
  assigneeId: string | null;
  /** The open request for more information, while the applicant has not resubmitted. */
  request: InformationRequest | null;
  decision: Decision | null;
  /** Set by a supervisor: the application is not erased, whatever its retention says, until the hold is cleared. */
  legalHold: boolean;
  /** When its data key was destroyed and its personal content removed; what is left is the tombstone. */
  erasedAt: string | null;
}

export interface InformationRequest {
  /** The questions reopened for the applicant (JSON pointers). */
  pointers: string[];
  message: string;
  requestedAt: string;
  requestedBy: string;
}

export interface Decision {
  outcome: "approved" | "rejected";
  /** Required for a rejection; optional for an approval. */
  reason: string;
  /** The amount granted, for an approval. */
  amount: number | null;
  decidedAt: string;
  decidedBy: string;
  /** The supervisor who confirmed an approval above the form's approval limit, as the second person. */
  confirmedBy?: string;
  confirmedAt?: string;
}

export type StaffRole = "caseworker" | "supervisor" | "admin";

export interface StaffRecord {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  /** bcrypt hash. */
  passwordHash: string;
  createdAt: string;
}

export interface StaffSessionRecord {
  /** SHA-256 of the session cookie's value; the value itself is never stored. */
  idHash: string;
  staffId: string;
  /** The synchronizer token every form post of this session must carry. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface QueueFilter {
  formId?: string;
  status?: ApplicationStatus;
  /** A staff id, or "none" for unassigned cases. */
  assigneeId?: string;
  /** ISO dates (inclusive), compared with submittedAt. */
  submittedFrom?: string;
  submittedTo?: string;
  /** Exact reference number. */
  reference?: string;
  /** Only these applications: what a look-up by blind index (`findByLookup`) found; none matches an empty list. */
  ids?: readonly string[];
}

export type QueueSort = "submitted_asc" | "submitted_desc" | "reference" | "status";

export interface QueueItem {
  id: string;
  reference: string;
  formId: string;
  status: ApplicationStatus;
  language: Language;
  assigneeId: string | null;
  submittedAt: string;
  updatedAt: string;
  revision: number;
}

/** What a caseworker's action changes on a case; absent fields stay as they are. */
export interface CaseChange {
  status?: ApplicationStatus;
  assigneeId?: string | null;
  request?: InformationRequest | null;
  decision?: Decision | null;
  /** Reopening questions changes the applicant's session too. */
  session?: Session;
  legalHold?: boolean;
}

/**
 * What is due for erasure under one form's retention: drafts last changed before `draftsBefore`,
 * cases decided before `decidedBefore` (ISO times; cases decided before the decision time was kept
 * count from their last change).
 */
export interface RetentionRule {
  formId: string;
  draftsBefore: string;
  decidedBefore: string;
}

export interface ErasureCandidate {
  id: string;
  formId: string;
  status: ApplicationStatus;
  reference: string | null;
  updatedAt: string;
}

export type Erasure = { ok: true; record: ApplicationRecord } | { ok: false; reason: "not_found" | "legal_hold" | "already_erased" };

/** How the applicant declared the application true and complete, as printed in its PDF. */
export interface Declaration {
  /** Which text was declared: the form version, the language, and a hash of the text itself. */
  version: string;
  at: string;
  channel: "pages" | "chat" | "api";
}

export interface SubmissionRecord {
  applicationId: string;
  /** 1 for the first submission, 2 after a resubmission, … Older versions stay on record. */
  version: number;
  reference: string;
  submittedAt: string;
  language: Language;
  answers: Record<string, unknown>;
  derived: unknown;
  pdf: Buffer;
  /** Null only for submissions stored before declarations were recorded. */
  declaration: Declaration | null;
}

/** What only the reference number completes: the PDF is printed with it. */
export type RenderedSubmission = Pick<SubmissionRecord, "answers" | "derived" | "pdf">;

/** A submission as the applicant makes it, before the store has given it a reference. */
export interface NewSubmission {
  /** The counter a first submission takes its reference from; a resubmission keeps the application's. */
  numbering: { prefix: string; year: number };
  submittedAt: string;
  language: Language;
  declaration: Declaration;
  /** The session as submitted (optional questions never answered left blank). */
  session: Session;
  /** Run inside the submission's transaction, once the reference is known. */
  render: (reference: string) => Promise<RenderedSubmission>;
  /** What caseworkers look the case up by, a value per lookup name (x-form.lookups); stored as blind indexes only. */
  lookups?: Readonly<Record<string, string>>;
}

export interface EventRecord {
  id: number;
  applicationId: string;
  at: string;
  /** "applicant", or a staff member's id. */
  actor: string;
  type: string;
  /** What changed: before and after, or whatever the event needs to be understood later. */
  data: Record<string, unknown>;
}

export type NewEvent = Omit<EventRecord, "id" | "applicationId">;

export interface FormVersionRecord {
  formId: string;
  version: string;
  /** schema.json and the locales as they were, so that old applications stay reproducible. */
  schema: unknown;
  locales: unknown;
  registeredAt: string;
}

export type ContactKind = "phone" | "email";

/** An applicant's request to be contacted by a person, attached to their application. */
export interface CallbackRequest {
  id: number;
  applicationId: string;
  name: string;
  contact: string;
  contactKind: ContactKind;
  message: string;
  /** The language the applicant wrote in and wants to be spoken to in. */
  language: Language;
  createdAt: string;
  /** Both null while the request is open; a request is handled once. */
  handledAt: string | null;
  handledBy: string | null;
}

export type NewCallbackRequest = Omit<CallbackRequest, "id" | "handledAt" | "handledBy">;

/** An open request as the staff list shows it: with what identifies its application (no reference while a draft). */
export interface OpenCallbackRequest extends CallbackRequest {
  reference: string | null;
  formId: string;
  status: ApplicationStatus;
}

export type Conflict = { conflict: true; current: ApplicationRecord };
export const isConflict = (value: unknown): value is Conflict =>
  typeof value === "object" && value !== null && (value as Conflict).conflict === true;

export interface NewApplication {
  id: string;
  formId: string;
  formVersion: string;
  language: Language;
  session: Session;
  tokenHash: string;
  createdAt: string;
}

/** A client's hits under one limit, in the window that ends at `resetAt` (ISO time). */
export interface HitCount {
  hits: number;
  resetAt: string;
}

/**
 * Counters of the request limits (new applications, failed sign-ins), kept in the database so
 * that every process sharing it counts the same hits, and a restart forgets none. `limit` names
 * the limit; `keyHash` is the caller's hash of the client's key: an address or an e-mail is never
 * stored as such. Times are ISO strings from the caller's clock.
 */
export interface HitCounters {
  /**
   * Counts one hit, atomically with the other processes': the window started by the first hit
   * ends at `resetAt`; a hit after a window ended starts a new one. Windows ended at `now` are removed.
   */
  countHit(limit: string, keyHash: string, now: string, resetAt: string): Promise<HitCount>;
  /** Takes one hit back (a request that turned out not to count), in the current window only. */
  uncountHit(limit: string, keyHash: string, now: string): Promise<void>;
  /** The current window's count, if one is running at `now`. */
  hitCount(limit: string, keyHash: string, now: string): Promise<HitCount | undefined>;
  /** Forgets the key's hits. */
  resetHits(limit: string, keyHash: string): Promise<void>;
}

export interface Store extends HitCounters {
  /** Records a form version; registering the same version again with other content is refused. */
  registerFormVersion(record: FormVersionRecord): Promise<{ ok: true } | { ok: false; reason: "version_changed" }>;
  getFormVersion(formId: string, version: string): Promise<FormVersionRecord | undefined>;

  createApplication(application: NewApplication, event: NewEvent): Promise<ApplicationRecord>;
  getApplication(id: string): Promise<ApplicationRecord | undefined>;
  /** The id of the application with this reference number, or with this id. */
  applicationIdOf(referenceOrId: string): Promise<string | undefined>;
  /** Saves a draft's session (and language, e-mail) if `revision` is still current. */
  saveDraft(
    id: string,
    revision: number,
    change: { session: Session; language?: Language; email?: string | null },
    event?: NewEvent,
  ): Promise<ApplicationRecord | Conflict>;

  /** Replaces the applicant's token hash (the old token stops working) if the application is still at `revision`. */
  replaceToken(id: string, revision: number, tokenHash: string, event: NewEvent): Promise<ApplicationRecord | Conflict>;

  /**
   * Submits the application if `revision` is still current and it is a draft or sent back for
   * more information, all in one transaction: a first submission takes the next reference number
   * (unique across forms, consecutive per prefix and year, e.g. `STW-2026-000042`), the submission
   * is rendered with it and stored with its declaration, and the event (with the reference in its
   * data) is appended. Whatever fails, nothing of it stays, the number included.
   */
  submit(id: string, revision: number, submission: NewSubmission, event: NewEvent): Promise<ApplicationRecord | Conflict>;
  getSubmission(applicationId: string, version?: number): Promise<SubmissionRecord | undefined>;
  /** The submitted applications whose last submission gave `value` for the lookup `name` (spaces, dashes and case aside), by the blind index. */
  findByLookup(name: string, value: string): Promise<string[]>;

  events(applicationId: string): Promise<EventRecord[]>;
  /** An event that changes nothing else (an internal note, a callback request). */
  appendEvent(applicationId: string, event: NewEvent): Promise<EventRecord>;

  /** Submitted cases only (never drafts), filtered, sorted and paged; `total` counts all matches. */
  queue(filter: QueueFilter, sort: QueueSort, page: { offset: number; limit: number }): Promise<{ items: QueueItem[]; total: number }>;
  /** How many submitted cases per status, under the same filter (its status ignored). */
  countsByStatus(filter: QueueFilter): Promise<Partial<Record<ApplicationStatus, number>>>;
  /** A caseworker's action on a case, if `revision` is still current, with its audit event. */
  updateCase(id: string, revision: number, change: CaseChange, event: NewEvent): Promise<ApplicationRecord | Conflict>;

  /**
   * Stores a callback request with its `callback_requested` event, in one transaction, unless the
   * application already has `maxOpen` open requests: counted in the same transaction, so that
   * requests sent at once cannot pass the limit together.
   */
  addCallbackRequest(request: NewCallbackRequest, limit: { maxOpen: number }): Promise<{ ok: true; request: CallbackRequest } | { ok: false; reason: "too_many_open" }>;
  /** Newest first. */
  callbackRequestsOf(applicationId: string): Promise<CallbackRequest[]>;
  /** Open requests of all applications, newest first, paged; `total` counts all open requests. */
  openCallbackRequests(page: { offset: number; limit: number }): Promise<{ items: OpenCallbackRequest[]; total: number }>;
  /** Marks an open request handled, with its `callback_handled` event; a request is handled once. */
  markCallbackHandled(id: number, staffId: string, at: string): Promise<{ ok: true; request: CallbackRequest } | { ok: false; reason: "not_found" | "already_handled" }>;

  createStaff(staff: StaffRecord): Promise<StaffRecord | { duplicate: true }>;
  staffByEmail(email: string): Promise<StaffRecord | undefined>;
  staffById(id: string): Promise<StaffRecord | undefined>;
  listStaff(): Promise<StaffRecord[]>;
  createStaffSession(session: StaffSessionRecord): Promise<void>;
  staffSession(idHash: string): Promise<StaffSessionRecord | undefined>;
  deleteStaffSession(idHash: string): Promise<void>;

  /** Applications due for erasure under the rules, never one under legal hold or erased already, oldest change first. */
  dueForErasure(rules: readonly RetentionRule[]): Promise<ErasureCandidate[]>;
  /**
   * Crypto-shredding, in one transaction: the application's data key is destroyed, its personal
   * content removed (session, e-mail, request, the decision's reason, submissions, blind indexes,
   * callback details), its token stops working, and `tombstone` (without personal data) is
   * appended. Its events stay, their data unreadable without the key. Refused under legal hold.
   */
  erase(id: string, tombstone: NewEvent): Promise<Erasure>;

  /** Wraps every data key not yet wrapped by the current key-encryption key with it; returns how many it re-wrapped. */
  rewrapDataKeys(): Promise<number>;
  /** The key-encryption key versions data keys are wrapped by, ascending: a version not among them can be retired. */
  keyVersionsInUse(): Promise<number[]>;

  close(): Promise<void>;
}

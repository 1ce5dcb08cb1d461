/**
 * The Store on one SQLite file: the embedded default for a single Formpilot process.
 * Every change runs in one transaction on the connection's queue, and carries the revision it was
 * based on; see store.ts for the contract.
 */
import type { Session } from "../../engine/session";
import type { Language } from "../../i18n/languages";
import type {
  ApplicationRecord,
  ApplicationStatus,
  Conflict,
  EventRecord,
  FormVersionRecord,
  NewApplication,
  NewEvent,
  Store,
  SubmissionRecord,
} from "../store";
import { openConnection, type Connection, type Queries } from "./connection";
import { migrate } from "./migrations";

interface ApplicationRow {
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
}

interface SubmissionRow {
  application_id: string;
  version: number;
  reference: string;
  submitted_at: string;
  language: Language;
  answers_json: string;
  derived_json: string;
  pdf: Buffer;
}

interface EventRow {
  id: number;
  application_id: string;
  at: string;
  actor: string;
  type: string;
  data_json: string;
}

interface FormVersionRow {
  form_id: string;
  version: string;
  schema_json: string;
  locales_json: string;
  registered_at: string;
}

/** `undefined` (a form without derived values, say) has no JSON text; it is kept as null. */
const toJson = (value: unknown): string => JSON.stringify(value ?? null);

const applicationOf = (row: ApplicationRow): ApplicationRecord => ({
  id: row.id,
  formId: row.form_id,
  formVersion: row.form_version,
  status: row.status,
  language: row.language,
  session: JSON.parse(row.session_json) as Session,
  tokenHash: row.token_hash,
  email: row.email,
  reference: row.reference,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  submittedAt: row.submitted_at,
  revision: row.revision,
});

const submissionOf = (row: SubmissionRow): SubmissionRecord => ({
  applicationId: row.application_id,
  version: row.version,
  reference: row.reference,
  submittedAt: row.submitted_at,
  language: row.language,
  answers: JSON.parse(row.answers_json) as Record<string, unknown>,
  derived: JSON.parse(row.derived_json) as unknown,
  pdf: row.pdf,
});

const eventOf = (row: EventRow): EventRecord => ({
  id: row.id,
  applicationId: row.application_id,
  at: row.at,
  actor: row.actor,
  type: row.type,
  data: JSON.parse(row.data_json) as Record<string, unknown>,
});

const formVersionOf = (row: FormVersionRow): FormVersionRecord => ({
  formId: row.form_id,
  version: row.version,
  schema: JSON.parse(row.schema_json) as unknown,
  locales: JSON.parse(row.locales_json) as unknown,
  registeredAt: row.registered_at,
});

async function findApplication(q: Queries, id: string): Promise<ApplicationRecord | undefined> {
  const row = await q.get<ApplicationRow>("SELECT * FROM applications WHERE id = ?", [id]);
  return row && applicationOf(row);
}

/** For callers that hold a revision of `id`: its absence is a bug in the caller, not a conflict. */
async function existingApplication(q: Queries, id: string): Promise<ApplicationRecord> {
  const record = await findApplication(q, id);
  if (!record) throw new Error(`No application ${id} in the store`);
  return record;
}

async function conflictWith(q: Queries, id: string): Promise<Conflict> {
  return { conflict: true, current: await existingApplication(q, id) };
}

async function appendEvent(q: Queries, applicationId: string, event: NewEvent): Promise<void> {
  await q.run("INSERT INTO events (application_id, at, actor, type, data_json) VALUES (?, ?, ?, ?, ?)", [
    applicationId,
    event.at,
    event.actor,
    event.type,
    toJson(event.data),
  ]);
}

function registerFormVersion(db: Connection): Store["registerFormVersion"] {
  return (record) =>
    db.transaction(async (tx) => {
      const schema = toJson(record.schema);
      const locales = toJson(record.locales);
      const existing = await tx.get<FormVersionRow>("SELECT * FROM form_versions WHERE form_id = ? AND version = ?", [record.formId, record.version]);
      if (existing) {
        // Compared as text, key order included: the order of properties is the order of questions.
        const same = existing.schema_json === schema && existing.locales_json === locales;
        return same ? { ok: true } : { ok: false, reason: "version_changed" };
      }
      await tx.run("INSERT INTO form_versions (form_id, version, schema_json, locales_json, registered_at) VALUES (?, ?, ?, ?, ?)", [
        record.formId,
        record.version,
        schema,
        locales,
        record.registeredAt,
      ]);
      return { ok: true };
    });
}

function createApplication(db: Connection): Store["createApplication"] {
  return (application, event) =>
    db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO applications (id, form_id, form_version, status, language, session_json, token_hash, email, reference, created_at, updated_at, submitted_at, revision)
         VALUES (?, ?, ?, 'draft', ?, ?, ?, NULL, NULL, ?, ?, NULL, 1)`,
        [application.id, application.formId, application.formVersion, application.language, toJson(application.session), application.tokenHash, application.createdAt, application.createdAt],
      );
      await appendEvent(tx, application.id, event);
      return existingApplication(tx, application.id);
    });
}

function saveDraft(db: Connection): Store["saveDraft"] {
  return (id, revision, change, event) =>
    db.transaction(async (tx) => {
      // An absent language or e-mail keeps the stored one; an e-mail of null removes it. The time
      // is the event's, taken from the caller's clock, so that both tell the same story.
      const { changes } = await tx.run(
        `UPDATE applications
            SET session_json = ?, language = COALESCE(?, language), email = CASE WHEN ? THEN ? ELSE email END,
                updated_at = ?, revision = revision + 1
          WHERE id = ? AND revision = ?`,
        [toJson(change.session), change.language ?? null, change.email === undefined ? 0 : 1, change.email ?? null, event?.at ?? new Date().toISOString(), id, revision],
      );
      if (changes === 0) return conflictWith(tx, id);
      if (event) await appendEvent(tx, id, event);
      return existingApplication(tx, id);
    });
}

function allocateReference(db: Connection): Store["allocateReference"] {
  return async (prefix, year) => {
    const row = await db.transaction((tx) =>
      tx.get<{ last: number }>(
        "INSERT INTO reference_counters (prefix, year, last) VALUES (?, ?, 1) ON CONFLICT (prefix, year) DO UPDATE SET last = last + 1 RETURNING last",
        [prefix, year],
      ),
    );
    if (!row) throw new Error(`No reference counter for ${prefix} ${year} after incrementing it`);
    return `${prefix}-${year}-${String(row.last).padStart(6, "0")}`;
  };
}

function submit(db: Connection): Store["submit"] {
  return (id, revision, submission, event) =>
    db.transaction(async (tx) => {
      // Only a draft, or an application sent back for more information, can be (re)submitted;
      // any other status means someone moved it on, which the caller learns as a conflict.
      const { changes } = await tx.run(
        `UPDATE applications
            SET status = 'submitted', reference = ?, submitted_at = ?, updated_at = ?, revision = revision + 1
          WHERE id = ? AND revision = ? AND status IN ('draft', 'more_information')`,
        [submission.reference, submission.submittedAt, event.at, id, revision],
      );
      if (changes === 0) return conflictWith(tx, id);
      const next = await tx.get<{ version: number }>("SELECT COALESCE(MAX(version), 0) + 1 AS version FROM submissions WHERE application_id = ?", [id]);
      await tx.run(
        `INSERT INTO submissions (application_id, version, reference, submitted_at, language, answers_json, derived_json, pdf)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, next?.version ?? 1, submission.reference, submission.submittedAt, submission.language, toJson(submission.answers), toJson(submission.derived), submission.pdf],
      );
      await appendEvent(tx, id, event);
      return existingApplication(tx, id);
    });
}

function getSubmission(db: Connection): Store["getSubmission"] {
  return async (applicationId, version) => {
    const row =
      version === undefined
        ? await db.get<SubmissionRow>("SELECT * FROM submissions WHERE application_id = ? ORDER BY version DESC LIMIT 1", [applicationId])
        : await db.get<SubmissionRow>("SELECT * FROM submissions WHERE application_id = ? AND version = ?", [applicationId, version]);
    return row && submissionOf(row);
  };
}

/** Opens the store on `file` (":memory:" for a private one), bringing its schema up to date. */
export async function openSqliteStore(file: string): Promise<Store> {
  const db = await openConnection(file);
  await migrate(db).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  return {
    registerFormVersion: registerFormVersion(db),
    getFormVersion: async (formId, version) => {
      const row = await db.get<FormVersionRow>("SELECT * FROM form_versions WHERE form_id = ? AND version = ?", [formId, version]);
      return row && formVersionOf(row);
    },
    createApplication: createApplication(db),
    getApplication: (id) => findApplication(db, id),
    saveDraft: saveDraft(db),
    allocateReference: allocateReference(db),
    submit: submit(db),
    getSubmission: getSubmission(db),
    events: async (applicationId) => (await db.all<EventRow>("SELECT * FROM events WHERE application_id = ? ORDER BY id", [applicationId])).map(eventOf),
    close: () => db.close(),
  };
}

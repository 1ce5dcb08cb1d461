/**
 * The SQLite schema as numbered steps. A step, once released, is never edited: a change to the
 * schema is a new step, so that every database in the field reaches the same schema by replaying
 * the steps it has not seen yet.
 */
import type { Migration } from "../records";
import type { Connection, Queries } from "./connection";
import { applyMigrations } from "../migrate";

export type { Migration };

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "form versions, applications, submissions, append-only events, reference counters",
    sql: `
      CREATE TABLE form_versions (
        form_id       TEXT NOT NULL,
        version       TEXT NOT NULL,
        schema_json   TEXT NOT NULL,
        locales_json  TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        PRIMARY KEY (form_id, version)
      );

      CREATE TABLE applications (
        id           TEXT PRIMARY KEY,
        form_id      TEXT NOT NULL,
        form_version TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'assigned', 'in_review', 'more_information', 'approved', 'rejected')),
        language     TEXT NOT NULL,
        session_json TEXT NOT NULL,
        token_hash   TEXT NOT NULL,
        email        TEXT,
        reference    TEXT UNIQUE,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        submitted_at TEXT,
        revision     INTEGER NOT NULL,
        -- An application can always be shown with the exact form it was started on.
        FOREIGN KEY (form_id, form_version) REFERENCES form_versions (form_id, version)
      );
      -- The caseworker queue: by status in order of arrival, and per form.
      CREATE INDEX applications_by_status ON applications (status, submitted_at);
      CREATE INDEX applications_by_form ON applications (form_id, status);

      CREATE TABLE submissions (
        application_id TEXT NOT NULL REFERENCES applications (id),
        version        INTEGER NOT NULL,
        reference      TEXT NOT NULL,
        submitted_at   TEXT NOT NULL,
        language       TEXT NOT NULL,
        answers_json   TEXT NOT NULL,
        derived_json   TEXT NOT NULL,
        pdf            BLOB NOT NULL,
        PRIMARY KEY (application_id, version)
      );

      CREATE TABLE events (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        application_id TEXT NOT NULL REFERENCES applications (id),
        at             TEXT NOT NULL,
        actor          TEXT NOT NULL,
        type           TEXT NOT NULL,
        data_json      TEXT NOT NULL
      );
      CREATE INDEX events_by_application ON events (application_id, id);
      -- The history is evidence: what happened stays as it was recorded.
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

      CREATE TABLE reference_counters (
        prefix TEXT NOT NULL,
        year   INTEGER NOT NULL,
        last   INTEGER NOT NULL,
        PRIMARY KEY (prefix, year)
      );
    `,
  },
  {
    version: 2,
    description: "case review: staff, staff sessions, assignee, information request and decision, queue indexes",
    sql: `
      CREATE TABLE staff (
        id            TEXT PRIMARY KEY,
        -- One account per address, however it is spelt (NOCASE folds ASCII letters).
        email         TEXT NOT NULL COLLATE NOCASE UNIQUE,
        name          TEXT NOT NULL,
        role          TEXT NOT NULL CHECK (role IN ('caseworker', 'supervisor', 'admin')),
        password_hash TEXT NOT NULL,
        created_at    TEXT NOT NULL
      );

      CREATE TABLE staff_sessions (
        id_hash    TEXT PRIMARY KEY,
        staff_id   TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX staff_sessions_by_expiry ON staff_sessions (expires_at);
      CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);

      ALTER TABLE applications ADD COLUMN assignee_id TEXT REFERENCES staff (id);
      ALTER TABLE applications ADD COLUMN request_json TEXT;
      ALTER TABLE applications ADD COLUMN decision_json TEXT;
      -- The position of a status in the workflow, for sorting the queue by status: computed, never stored.
      ALTER TABLE applications ADD COLUMN stage INTEGER GENERATED ALWAYS AS (
        CASE status WHEN 'draft' THEN 0 WHEN 'submitted' THEN 1 WHEN 'assigned' THEN 2 WHEN 'in_review' THEN 3
                    WHEN 'more_information' THEN 4 WHEN 'approved' THEN 5 WHEN 'rejected' THEN 6 END
      ) VIRTUAL;

      -- The caseworker queue. Drafts are never in it, so these indexes leave them out (a query uses
      -- them because it says status <> 'draft' word for word). Each ends in (submitted_at, id) in the
      -- order the queue shows, so that a page is read off the index without sorting, and a count is
      -- a range of one index.
      DROP INDEX applications_by_status;
      DROP INDEX applications_by_form;
      CREATE INDEX applications_queue ON applications (submitted_at DESC, id DESC, status) WHERE status <> 'draft';
      CREATE INDEX applications_queue_by_status ON applications (status, submitted_at DESC, id DESC) WHERE status <> 'draft';
      CREATE INDEX applications_queue_by_stage ON applications (stage, submitted_at DESC, id DESC) WHERE status <> 'draft';
      CREATE INDEX applications_queue_by_form ON applications (form_id, status, submitted_at DESC, id DESC) WHERE status <> 'draft';
      CREATE INDEX applications_queue_by_assignee ON applications (assignee_id, status, submitted_at DESC, id DESC) WHERE status <> 'draft';
    `,
  },
  {
    version: 3,
    description: "callback requests: an applicant asks to be contacted by a person",
    sql: `
      CREATE TABLE callback_requests (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        application_id TEXT NOT NULL REFERENCES applications (id),
        name           TEXT NOT NULL,
        contact        TEXT NOT NULL,
        contact_kind   TEXT NOT NULL CHECK (contact_kind IN ('phone', 'email')),
        message        TEXT NOT NULL,
        language       TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        handled_at     TEXT,
        handled_by     TEXT REFERENCES staff (id),
        CHECK ((handled_at IS NULL) = (handled_by IS NULL))
      );
      CREATE INDEX callback_requests_by_application ON callback_requests (application_id, id);
      -- The staff list of open requests, newest first, and its count.
      CREATE INDEX callback_requests_open ON callback_requests (id DESC) WHERE handled_at IS NULL;
      -- A request is evidence that the applicant asked: it is never removed, and once handled it stays as it was.
      CREATE TRIGGER callback_requests_no_delete BEFORE DELETE ON callback_requests
      BEGIN SELECT RAISE(ABORT, 'callback requests are kept'); END;
      CREATE TRIGGER callback_requests_handled_once BEFORE UPDATE ON callback_requests WHEN OLD.handled_at IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'a handled callback request stays as it is'); END;
    `,
  },
  {
    version: 4,
    description: "the applicant's declaration, recorded with each submission",
    // Submissions made before the declaration was recorded keep NULL: nothing is invented for them.
    sql: `ALTER TABLE submissions ADD COLUMN declaration_json TEXT;`,
  },
  {
    version: 5,
    description: "pending approval: an approval above the form's limit waits for a second person",
    // SQLite cannot change a CHECK constraint in place: the table is rebuilt as SQLite's documentation
    // describes (new table, copy, drop, rename), and its indexes are made again.
    sql: `
      CREATE TABLE applications_new (
        id           TEXT PRIMARY KEY,
        form_id      TEXT NOT NULL,
        form_version TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'assigned', 'in_review', 'more_information', 'pending_approval', 'approved', 'rejected')),
        language     TEXT NOT NULL,
        session_json TEXT NOT NULL,
        token_hash   TEXT NOT NULL,
        email        TEXT,
        reference    TEXT UNIQUE,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        submitted_at TEXT,
        revision     INTEGER NOT NULL,
        assignee_id  TEXT REFERENCES staff (id),
        request_json TEXT,
        decision_json TEXT,
        stage INTEGER GENERATED ALWAYS AS (
          CASE status WHEN 'draft' THEN 0 WHEN 'submitted' THEN 1 WHEN 'assigned' THEN 2 WHEN 'in_review' THEN 3
                      WHEN 'more_information' THEN 4 WHEN 'pending_approval' THEN 5 WHEN 'approved' THEN 6 WHEN 'rejected' THEN 7 END
        ) VIRTUAL,
        FOREIGN KEY (form_id, form_version) REFERENCES form_versions (form_id, version)
      );
      INSERT INTO applications_new (id, form_id, form_version, status, language, session_json, token_hash, email, reference,
                                    created_at, updated_at, submitted_at, revision, assignee_id, request_json, decision_json)
        SELECT id, form_id, form_version, status, language, session_json, token_hash, email, reference,
               created_at, updated_at, submitted_at, revision, assignee_id, request_json, decision_json FROM applications;
      DROP TABLE applications;
      ALTER TABLE applications_new RENAME TO applications;
      CREATE INDEX applications_queue ON applications (submitted_at DESC, id DESC, status) WHERE status <> 'draft';
      CREATE INDEX applications_queue_by_status ON applications (status, submitted_at DESC, id DESC) WHERE status <> 'draft';
      CREATE INDEX applications_queue_by_stage ON applications (stage, submitted_at DESC, id DESC) WHERE status <> 'draft';
      CREATE INDEX applications_queue_by_form ON applications (form_id, status, submitted_at DESC, id DESC) WHERE status <> 'draft';
      CREATE INDEX applications_queue_by_assignee ON applications (assignee_id, status, submitted_at DESC, id DESC) WHERE status <> 'draft';
    `,
  },
  {
    version: 6,
    description: "request limits: hits per limit and hashed client key, shared by every process",
    sql: `
      CREATE TABLE rate_limits (
        name     TEXT NOT NULL,
        key_hash TEXT NOT NULL,
        hits     INTEGER NOT NULL CHECK (hits >= 0),
        reset_at TEXT NOT NULL,
        PRIMARY KEY (name, key_hash)
      );
      -- Ended windows are removed by their reset time.
      CREATE INDEX rate_limits_by_reset ON rate_limits (reset_at);
    `,
  },
  {
    version: 7,
    description: "encryption at rest: a wrapped data key per application and staff member, blind indexes",
    // The values are sealed by the first start after this step (seal-existing.ts): a migration has no keys.
    sql: `
      ALTER TABLE applications ADD COLUMN data_key BLOB;
      ALTER TABLE applications ADD COLUMN key_version INTEGER;
      ALTER TABLE staff ADD COLUMN data_key BLOB;
      ALTER TABLE staff ADD COLUMN key_version INTEGER;
      -- Sign-in finds a staff member by the keyed digest of the e-mail, which is sealed.
      ALTER TABLE staff ADD COLUMN email_index TEXT;
      CREATE UNIQUE INDEX staff_by_email_index ON staff (email_index);
      -- Keyed digests of what caseworkers look cases up by (an IBAN, a company number, a name).
      CREATE TABLE search_index (
        application_id TEXT NOT NULL REFERENCES applications (id),
        field          TEXT NOT NULL,
        digest         TEXT NOT NULL,
        PRIMARY KEY (application_id, field, digest)
      );
      CREATE INDEX search_index_by_digest ON search_index (field, digest);
    `,
  },
  {
    version: 8,
    description: "retention: a legal hold a supervisor sets, and when an application was erased",
    sql: `
      ALTER TABLE applications ADD COLUMN legal_hold INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0, 1));
      ALTER TABLE applications ADD COLUMN erased_at TEXT;
      -- When the decision became final, in clear like the other dates: retention counts from it.
      ALTER TABLE applications ADD COLUMN decided_at TEXT;
    `,
  },
];

/** Whatever a step did to the tables, every reference between them must still hold when it commits. */
async function foreignKeysHold(tx: Queries): Promise<void> {
  const broken = await tx.all<{ table: string }>("PRAGMA foreign_key_check");
  if (broken.length > 0) throw new Error(`a migration left references that do not hold, in ${[...new Set(broken.map((b) => b.table))].join(", ")}`);
}

/**
 * Applies the steps not yet recorded in schema_migrations and returns their versions. Foreign keys
 * are off meanwhile, because a rebuilt table is dropped while others refer to it (and SQLite
 * switches them only outside a transaction); each step checks them before it commits instead.
 */
export async function migrate(db: Connection, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await db.exec("PRAGMA foreign_keys = OFF");
  try {
    return await applyMigrations(db, migrations, undefined, foreignKeysHold);
  } finally {
    await db.exec("PRAGMA foreign_keys = ON");
  }
}

/**
 * The PostgreSQL schema as numbered steps, the same steps as the SQLite schema in PostgreSQL's
 * types. A step, once released, is never edited. JSON is kept as the text it was written as (a
 * form version's content is compared as text, key order included), times as ISO text in UTC, and
 * the text columns that are compared or sorted use the "C" collation, so that ISO times and
 * references order by their characters whatever the database's locale.
 */
import type { Migration } from "../records";
import type { Connection } from "./connection";
import { applyMigrations } from "../migrate";

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
        id           TEXT COLLATE "C" PRIMARY KEY,
        form_id      TEXT NOT NULL,
        form_version TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'assigned', 'in_review', 'more_information', 'approved', 'rejected')),
        language     TEXT NOT NULL,
        session_json TEXT NOT NULL,
        token_hash   TEXT NOT NULL,
        email        TEXT,
        reference    TEXT COLLATE "C" UNIQUE,
        created_at   TEXT COLLATE "C" NOT NULL,
        updated_at   TEXT COLLATE "C" NOT NULL,
        submitted_at TEXT COLLATE "C",
        revision     INTEGER NOT NULL,
        -- An application can always be shown with the exact form it was started on.
        FOREIGN KEY (form_id, form_version) REFERENCES form_versions (form_id, version)
      );

      CREATE TABLE submissions (
        application_id TEXT NOT NULL REFERENCES applications (id),
        version        INTEGER NOT NULL,
        reference      TEXT NOT NULL,
        submitted_at   TEXT NOT NULL,
        language       TEXT NOT NULL,
        answers_json   TEXT NOT NULL,
        derived_json   TEXT NOT NULL,
        pdf            BYTEA NOT NULL,
        PRIMARY KEY (application_id, version)
      );

      CREATE TABLE events (
        id             INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications (id),
        at             TEXT NOT NULL,
        actor          TEXT NOT NULL,
        type           TEXT NOT NULL,
        data_json      TEXT NOT NULL
      );
      CREATE INDEX events_by_application ON events (application_id, id);
      -- The history is evidence: what happened stays as it was recorded.
      CREATE FUNCTION formpilot_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END
      $$;
      CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION formpilot_refuse('events are append-only');
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION formpilot_refuse('events are append-only');

      -- Incremented in the transaction that takes a number: the row lock orders processes that allocate at once.
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
        email         TEXT NOT NULL,
        name          TEXT NOT NULL,
        role          TEXT NOT NULL CHECK (role IN ('caseworker', 'supervisor', 'admin')),
        password_hash TEXT NOT NULL,
        created_at    TEXT NOT NULL
      );
      -- One account per address, however it is spelt: lower() under "C" folds ASCII letters, as SQLite's NOCASE.
      CREATE UNIQUE INDEX staff_by_email ON staff (lower(email COLLATE "C"));

      CREATE TABLE staff_sessions (
        id_hash    TEXT COLLATE "C" PRIMARY KEY,
        staff_id   TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        expires_at TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX staff_sessions_by_expiry ON staff_sessions (expires_at);
      CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);

      ALTER TABLE applications ADD COLUMN assignee_id TEXT REFERENCES staff (id);
      ALTER TABLE applications ADD COLUMN request_json TEXT;
      ALTER TABLE applications ADD COLUMN decision_json TEXT;
      -- The position of a status in the workflow, for sorting the queue by status.
      ALTER TABLE applications ADD COLUMN stage INTEGER GENERATED ALWAYS AS (
        CASE status WHEN 'draft' THEN 0 WHEN 'submitted' THEN 1 WHEN 'assigned' THEN 2 WHEN 'in_review' THEN 3
                    WHEN 'more_information' THEN 4 WHEN 'approved' THEN 5 WHEN 'rejected' THEN 6 END
      ) STORED;

      -- The caseworker queue, drafts left out (the queue's WHERE says status <> 'draft' word for word).
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
        id             INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
      CREATE INDEX callback_requests_open ON callback_requests (id DESC) WHERE handled_at IS NULL;
      -- A request is evidence that the applicant asked: it is never removed, and once handled it stays as it was.
      CREATE TRIGGER callback_requests_no_delete BEFORE DELETE ON callback_requests
        FOR EACH ROW EXECUTE FUNCTION formpilot_refuse('callback requests are kept');
      CREATE TRIGGER callback_requests_handled_once BEFORE UPDATE ON callback_requests
        FOR EACH ROW WHEN (OLD.handled_at IS NOT NULL) EXECUTE FUNCTION formpilot_refuse('a handled callback request stays as it is');
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
    // PostgreSQL changes the constraint and the generated column in place; the stage index follows the new column.
    sql: `
      ALTER TABLE applications DROP CONSTRAINT applications_status_check;
      ALTER TABLE applications ADD CONSTRAINT applications_status_check
        CHECK (status IN ('draft', 'submitted', 'assigned', 'in_review', 'more_information', 'pending_approval', 'approved', 'rejected'));
      ALTER TABLE applications DROP COLUMN stage;
      ALTER TABLE applications ADD COLUMN stage INTEGER GENERATED ALWAYS AS (
        CASE status WHEN 'draft' THEN 0 WHEN 'submitted' THEN 1 WHEN 'assigned' THEN 2 WHEN 'in_review' THEN 3
                    WHEN 'more_information' THEN 4 WHEN 'pending_approval' THEN 5 WHEN 'approved' THEN 6 WHEN 'rejected' THEN 7 END
      ) STORED;
      CREATE INDEX applications_queue_by_stage ON applications (stage, submitted_at DESC, id DESC) WHERE status <> 'draft';
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
      ALTER TABLE applications ADD COLUMN data_key BYTEA;
      ALTER TABLE applications ADD COLUMN key_version INTEGER;
      ALTER TABLE staff ADD COLUMN data_key BYTEA;
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

/** Any number, as long as no other part of Formpilot takes the same advisory lock. */
const MIGRATION_LOCK = 4_700_001;

/** Applies the steps not yet recorded in schema_migrations and returns their versions; processes starting at once wait for each other. */
export const migrate = (db: Connection, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> =>
  applyMigrations(db, migrations, async (tx) => {
    await tx.run("SELECT pg_advisory_xact_lock(?)", [MIGRATION_LOCK]);
  });

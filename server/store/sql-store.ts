/**
 * The Store in SQL, for SQLite and PostgreSQL alike: the same statements, with `?` placeholders,
 * on a connection that runs each change in one transaction. Every change carries the revision it
 * was based on (see store.ts for the contract). What several processes may do at the same moment
 * on PostgreSQL is settled by row locks: a conditional UPDATE waits for a concurrent one and then
 * sees its revision, reference counters and an application's callback requests are counted under
 * the lock of their row; SQLite has one writer at a time anyway. Where the two differ in words,
 * the `Dialect` says it.
 */
import type { ApplicationRecord, ApplicationStatus, Conflict, ErasureCandidate, EventRecord, HitCounters, NewCallbackRequest, NewEvent, StaffRecord, Store } from "./store";
import { ERASED, keyedFields, PLAIN, type OwnerFields, type Protector } from "./crypto/protector";
import { newSession } from "../engine/session";
import { sealExisting } from "./seal-existing";
import {
  applicationOf,
  SEALED,
  sealJson,
  storedKeyOf,
  callbackHandledEvent,
  callbackOf,
  callbackRequestedEvent,
  caseChangeSets,
  countsQuery,
  eventOf,
  formatReference,
  formVersionOf,
  pageOf,
  queueItemOf,
  queueQuery,
  staffOf,
  staffSessionOf,
  submissionOf,
  toJson,
  type ApplicationRow,
  type CallbackRow,
  type EventRow,
  type FormVersionRow,
  type OpenCallbackRow,
  type QueueRow,
  type StaffRow,
  type StaffSessionRow,
  type SubmissionRow,
  type Param,
} from "./records";

export type { Param };

export interface Queries {
  run(sql: string, params?: readonly Param[]): Promise<{ changes: number }>;
  get<Row>(sql: string, params?: readonly Param[]): Promise<Row | undefined>;
  all<Row>(sql: string, params?: readonly Param[]): Promise<Row[]>;
  /** Several statements without parameters, such as a migration. */
  exec(sql: string): Promise<void>;
}

export interface Connection extends Queries {
  /** Runs `work` in one transaction, rolling back and rethrowing if it fails; `work` uses the `Queries` it is given. */
  transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T>;
  /** Runs `work` in one read transaction: its queries all see the same state, a page and its count for instance. */
  snapshot<T>(work: (q: Queries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** What the two databases write differently. */
export interface Dialect {
  /** Appended to a SELECT of an application to lock its row until the transaction ends ("" where writers never overlap). */
  lockRow: string;
  /**
   * Runs `work` in the caller's transaction with the triggers of `table` that keep its rows as
   * they are set aside, for sealing rows written before encryption: their structure stays, only
   * their personal values become ciphertext.
   */
  unguarded<T>(tx: Queries, table: "events" | "callback_requests", work: () => Promise<T>): Promise<T>;
}

/** What the store functions work with: the connection and what seals the personal values. */
interface Context {
  db: Connection;
  p: Protector;
}

type KeyColumns = Pick<ApplicationRow, "data_key" | "key_version" | "erased_at">;

/** The fields of an application row: under its key, or those of an erased one. */
const fieldsFor = (p: Protector, id: string, row: KeyColumns): OwnerFields => (row.erased_at !== null ? ERASED : p.fields(id, storedKeyOf(row)));

/** The fields of an application (its key unwrapped), for the values stored in other tables. */
async function fieldsOf(q: Queries, p: Protector, id: string): Promise<OwnerFields> {
  const row = await q.get<KeyColumns>("SELECT data_key, key_version, erased_at FROM applications WHERE id = ?", [id]);
  if (!row) throw new Error(`No application ${id} in the store`);
  return fieldsFor(p, id, row);
}

const staffOwner = (id: string) => `staff/${id}`;
/** The blind index of a lookup is keyed apart from the staff e-mail's by its field name. */
const lookupField = (name: string) => `lookup.${name}`;

async function findApplication(q: Queries, p: Protector, id: string, lock = ""): Promise<ApplicationRecord | undefined> {
  const row = await q.get<ApplicationRow>(`SELECT * FROM applications WHERE id = ?${lock}`, [id]);
  return row && applicationOf(row, fieldsFor(p, row.id, row));
}

/** For callers that hold a revision of `id`: its absence is a bug in the caller, not a conflict. */
async function existingApplication(q: Queries, p: Protector, id: string, lock = ""): Promise<ApplicationRecord> {
  const record = await findApplication(q, p, id, lock);
  if (!record) throw new Error(`No application ${id} in the store`);
  return record;
}

async function conflictWith(q: Queries, p: Protector, id: string): Promise<Conflict> {
  return { conflict: true, current: await existingApplication(q, p, id) };
}

/** The event's type, time and actor stay readable (the history's structure); what it says is sealed with the application's key. */
async function appendEvent(q: Queries, fields: OwnerFields, applicationId: string, event: NewEvent): Promise<EventRecord> {
  const row = await q.get<EventRow>("INSERT INTO events (application_id, at, actor, type, data_json) VALUES (?, ?, ?, ?, ?) RETURNING *", [
    applicationId,
    event.at,
    event.actor,
    event.type,
    sealJson(fields, SEALED.event, event.data),
  ]);
  if (!row) throw new Error(`No event returned after appending one to ${applicationId}`);
  return eventOf(row, fields);
}

function registerFormVersion(db: Connection): Store["registerFormVersion"] {
  return (record) =>
    db.transaction(async (tx) => {
      const schema = toJson(record.schema);
      const locales = toJson(record.locales);
      // Processes starting at once register the same versions: the first insert wins, the others compare.
      await tx.run(
        "INSERT INTO form_versions (form_id, version, schema_json, locales_json, registered_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (form_id, version) DO NOTHING",
        [record.formId, record.version, schema, locales, record.registeredAt],
      );
      const stored = await tx.get<FormVersionRow>("SELECT * FROM form_versions WHERE form_id = ? AND version = ?", [record.formId, record.version]);
      // Compared as text, key order included: the order of properties is the order of questions.
      const same = stored?.schema_json === schema && stored.locales_json === locales;
      return same ? { ok: true } : { ok: false, reason: "version_changed" };
    });
}

function createApplication({ db, p }: Context): Store["createApplication"] {
  return (application, event) =>
    db.transaction(async (tx) => {
      const key = p.newKey(application.id);
      const fields = key ? keyedFields(application.id, key.key) : PLAIN;
      await tx.run(
        `INSERT INTO applications (id, form_id, form_version, status, language, session_json, token_hash, email, reference, created_at, updated_at, submitted_at, revision, data_key, key_version)
         VALUES (?, ?, ?, 'draft', ?, ?, ?, NULL, NULL, ?, ?, NULL, 1, ?, ?)`,
        [
          application.id,
          application.formId,
          application.formVersion,
          application.language,
          sealJson(fields, SEALED.session, application.session),
          application.tokenHash,
          application.createdAt,
          application.createdAt,
          key?.stored.wrapped ?? null,
          key?.stored.version ?? null,
        ],
      );
      await appendEvent(tx, fields, application.id, event);
      return existingApplication(tx, p, application.id);
    });
}

function saveDraft({ db, p }: Context): Store["saveDraft"] {
  return (id, revision, change, event) =>
    db.transaction(async (tx) => {
      const fields = await fieldsOf(tx, p, id);
      // An absent language or e-mail keeps the stored one; an e-mail of null removes it. The time
      // is the event's, taken from the caller's clock, so that both tell the same story.
      const { changes } = await tx.run(
        `UPDATE applications
            SET session_json = ?, language = COALESCE(CAST(? AS TEXT), language), email = CASE WHEN CAST(? AS INTEGER) = 1 THEN CAST(? AS TEXT) ELSE email END,
                updated_at = ?, revision = revision + 1
          WHERE id = ? AND revision = ?`,
        [
          sealJson(fields, SEALED.session, change.session),
          change.language ?? null,
          change.email === undefined ? 0 : 1,
          change.email == null ? null : fields.text(SEALED.email, change.email),
          event?.at ?? new Date().toISOString(),
          id,
          revision,
        ],
      );
      if (changes === 0) return conflictWith(tx, p, id);
      if (event) await appendEvent(tx, fields, id, event);
      return existingApplication(tx, p, id);
    });
}

function replaceToken({ db, p }: Context): Store["replaceToken"] {
  return (id, revision, tokenHash, event) =>
    db.transaction(async (tx) => {
      const { changes } = await tx.run("UPDATE applications SET token_hash = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?", [tokenHash, event.at, id, revision]);
      if (changes === 0) return conflictWith(tx, p, id);
      await appendEvent(tx, await fieldsOf(tx, p, id), id, event);
      return existingApplication(tx, p, id);
    });
}

/** The next number of a counter, inside the caller's transaction: rolled back with it, so no number is burned. */
async function nextReference(tx: Queries, prefix: string, year: number): Promise<string> {
  // The upsert locks the counter's row until the transaction ends: another process taking a
  // number at the same moment waits, then increments the value this one committed.
  const row = await tx.get<{ last: number }>(
    "INSERT INTO reference_counters (prefix, year, last) VALUES (?, ?, 1) ON CONFLICT (prefix, year) DO UPDATE SET last = reference_counters.last + 1 RETURNING last",
    [prefix, year],
  );
  if (!row) throw new Error(`No reference counter for ${prefix} ${year} after incrementing it`);
  return formatReference(prefix, year, row.last);
}

function submit({ db, p }: Context): Store["submit"] {
  return (id, revision, submission, event) =>
    db.transaction(async (tx) => {
      const fields = await fieldsOf(tx, p, id);
      // Only a draft, or an application sent back for more information, can be (re)submitted;
      // any other status means someone moved it on, which the caller learns as a conflict. The
      // UPDATE comes first: it takes the application's row lock, so a parallel submit of the same
      // application waits here and then fails on the revision before it touches the counter. A
      // resubmission goes back into review with the caseworker who asked (the assignee stays).
      const { changes } = await tx.run(
        `UPDATE applications
            SET status = CASE WHEN status = 'more_information' THEN 'in_review' ELSE 'submitted' END, session_json = ?, submitted_at = ?, updated_at = ?, revision = revision + 1, request_json = NULL
          WHERE id = ? AND revision = ? AND status IN ('draft', 'more_information')`,
        [sealJson(fields, SEALED.session, submission.session), submission.submittedAt, event.at, id, revision],
      );
      if (changes === 0) return conflictWith(tx, p, id);
      const kept = (await existingApplication(tx, p, id)).reference;
      const reference = kept ?? (await nextReference(tx, submission.numbering.prefix, submission.numbering.year));
      if (!kept) await tx.run("UPDATE applications SET reference = ? WHERE id = ?", [reference, id]);
      const rendered = await submission.render(reference);
      // The row lock is held, so no other submission of it counts versions meanwhile.
      const next = await tx.get<{ version: number }>("SELECT COALESCE(MAX(version), 0) + 1 AS version FROM submissions WHERE application_id = ?", [id]);
      await tx.run(
        `INSERT INTO submissions (application_id, version, reference, submitted_at, language, answers_json, derived_json, pdf, declaration_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          next?.version ?? 1,
          reference,
          submission.submittedAt,
          submission.language,
          sealJson(fields, SEALED.answers, rendered.answers),
          sealJson(fields, SEALED.derived, rendered.derived),
          fields.bytes(SEALED.pdf, rendered.pdf),
          toJson(submission.declaration),
        ],
      );
      // The last submission's values are the ones looked up by: a resubmission replaces them.
      await tx.run("DELETE FROM search_index WHERE application_id = ?", [id]);
      for (const [name, value] of Object.entries(submission.lookups ?? {})) {
        await tx.run("INSERT INTO search_index (application_id, field, digest) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", [id, name, p.index(lookupField(name), value)]);
      }
      await appendEvent(tx, fields, id, { ...event, data: { ...event.data, reference } });
      return existingApplication(tx, p, id);
    });
}

function getSubmission({ db, p }: Context): Store["getSubmission"] {
  return (applicationId, version) =>
    db.snapshot(async (q) => {
      const row =
        version === undefined
          ? await q.get<SubmissionRow>("SELECT * FROM submissions WHERE application_id = ? ORDER BY version DESC LIMIT 1", [applicationId])
          : await q.get<SubmissionRow>("SELECT * FROM submissions WHERE application_id = ? AND version = ?", [applicationId, version]);
      return row && submissionOf(row, await fieldsOf(q, p, applicationId));
    });
}

function queue(db: Connection): Store["queue"] {
  return async (filter, sort, page) => {
    const query = queueQuery(filter, sort, page);
    // One snapshot: the total counts exactly the cases the pages are cut from.
    return db.snapshot(async (q) => {
      const rows = await q.all<QueueRow>(...query.items);
      const total = await q.get<{ total: number }>(...query.total);
      return { items: rows.map(queueItemOf), total: total?.total ?? 0 };
    });
  };
}

function countsByStatus(db: Connection): Store["countsByStatus"] {
  return async (filter) => {
    const rows = await db.all<{ status: ApplicationStatus; count: number }>(...countsQuery(filter));
    return Object.fromEntries(rows.map((row) => [row.status, row.count]));
  };
}

function updateCase({ db, p }: Context): Store["updateCase"] {
  return (id, revision, change, event) =>
    db.transaction(async (tx) => {
      const fields = await fieldsOf(tx, p, id);
      const { sets, params } = caseChangeSets(change, event.at, fields);
      const { changes } = await tx.run(`UPDATE applications SET ${sets} WHERE id = ? AND revision = ?`, [...params, id, revision]);
      if (changes === 0) return conflictWith(tx, p, id);
      await appendEvent(tx, fields, id, event);
      return existingApplication(tx, p, id);
    });
}

/** Callback requests, each with its event (see records.ts for what the events say). */
function callbackRequests({ db, p }: Context, dialect: Dialect): Pick<Store, "addCallbackRequest" | "callbackRequestsOf" | "openCallbackRequests" | "markCallbackHandled"> {
  return {
    addCallbackRequest: (request: NewCallbackRequest, limit) =>
      db.transaction(async (tx) => {
        // The application's row lock makes requests for it, from any process, count one after another.
        await existingApplication(tx, p, request.applicationId, dialect.lockRow);
        const fields = await fieldsOf(tx, p, request.applicationId);
        const open = await tx.get<{ open: number }>("SELECT COUNT(*) AS open FROM callback_requests WHERE application_id = ? AND handled_at IS NULL", [request.applicationId]);
        if ((open?.open ?? 0) >= limit.maxOpen) return { ok: false, reason: "too_many_open" } as const;
        const row = await tx.get<CallbackRow>(
          `INSERT INTO callback_requests (application_id, name, contact, contact_kind, message, language, created_at, handled_at, handled_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL) RETURNING *`,
          [
            request.applicationId,
            fields.text(SEALED.callbackName, request.name),
            fields.text(SEALED.callbackContact, request.contact),
            request.contactKind,
            fields.text(SEALED.callbackMessage, request.message),
            request.language,
            request.createdAt,
          ],
        );
        if (!row) throw new Error(`No callback request returned after inserting one for ${request.applicationId}`);
        await appendEvent(tx, fields, request.applicationId, callbackRequestedEvent(request, row.id));
        return { ok: true, request: callbackOf(row, fields) } as const;
      }),
    callbackRequestsOf: (applicationId) =>
      db.snapshot(async (q) => {
        const fields = await fieldsOf(q, p, applicationId);
        return (await q.all<CallbackRow>("SELECT * FROM callback_requests WHERE application_id = ? ORDER BY id DESC", [applicationId])).map((row) => callbackOf(row, fields));
      }),
    openCallbackRequests: (page) => {
      const { offset, limit } = pageOf(page);
      // One snapshot: the total counts exactly the requests the page is cut from.
      return db.snapshot(async (q) => {
        const rows = await q.all<OpenCallbackRow>(
          `SELECT c.*, a.reference, a.form_id, a.status, a.data_key, a.key_version, a.erased_at FROM callback_requests c JOIN applications a ON a.id = c.application_id
            WHERE c.handled_at IS NULL ORDER BY c.id DESC LIMIT ? OFFSET ?`,
          [limit, offset],
        );
        const total = await q.get<{ total: number }>("SELECT COUNT(*) AS total FROM callback_requests WHERE handled_at IS NULL");
        const items = rows.map((row) => ({ ...callbackOf(row, fieldsFor(p, row.application_id, row)), reference: row.reference, formId: row.form_id, status: row.status }));
        return { items, total: total?.total ?? 0 };
      });
    },
    markCallbackHandled: (id, staffId, at) =>
      db.transaction(async (tx) => {
        const handled = await tx.get<CallbackRow>("UPDATE callback_requests SET handled_at = ?, handled_by = ? WHERE id = ? AND handled_at IS NULL RETURNING *", [at, staffId, id]);
        if (!handled) {
          const exists = await tx.get("SELECT 1 FROM callback_requests WHERE id = ?", [id]);
          return { ok: false, reason: exists ? "already_handled" : "not_found" } as const;
        }
        const fields = await fieldsOf(tx, p, handled.application_id);
        await appendEvent(tx, fields, handled.application_id, callbackHandledEvent(id, staffId, at));
        return { ok: true, request: callbackOf(handled, fields) } as const;
      }),
  };
}

/** Staff members, their e-mails sealed under a key of their own and found by the e-mail's blind index. */
function staff({ db, p }: Context): Pick<Store, "createStaff" | "staffByEmail" | "staffById" | "listStaff"> {
  const staffOf_ = (row: StaffRow): StaffRecord => staffOf(row, p.fields(staffOwner(row.id), storedKeyOf(row)));
  return {
    createStaff: async (staff) => {
      const key = p.newKey(staffOwner(staff.id));
      const fields = key ? keyedFields(staffOwner(staff.id), key.key) : PLAIN;
      // The unique index on the e-mail's blind index settles two processes adding the same address at once.
      const inserted = await db.get(
        `INSERT INTO staff (id, email, name, role, password_hash, created_at, email_index, data_key, key_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
        [
          staff.id,
          fields.text(SEALED.staffEmail, staff.email),
          staff.name,
          staff.role,
          staff.passwordHash,
          staff.createdAt,
          p.index(SEALED.staffEmail, staff.email, "email"),
          key?.stored.wrapped ?? null,
          key?.stored.version ?? null,
        ],
      );
      return inserted ? { ...staff } : ({ duplicate: true } as const);
    },
    staffByEmail: async (email) => {
      const row = await db.get<StaffRow>("SELECT * FROM staff WHERE email_index = ?", [p.index(SEALED.staffEmail, email, "email")]);
      return row && staffOf_(row);
    },
    staffById: async (id) => {
      const row = await db.get<StaffRow>("SELECT * FROM staff WHERE id = ?", [id]);
      return row && staffOf_(row);
    },
    // By name without case, then e-mail: sorted once opened, since the database holds e-mails sealed.
    listStaff: async () =>
      (await db.all<StaffRow>("SELECT * FROM staff")).map(staffOf_).sort((a, b) => compare(a.name.toLowerCase(), b.name.toLowerCase()) || compare(a.email, b.email)),
  };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sessions count only until they expire; expired ones are swept when a new one begins. */
function staffSessions(db: Connection): Pick<Store, "createStaffSession" | "staffSession" | "deleteStaffSession"> {
  return {
    createStaffSession: async (session) => {
      await db.transaction(async (tx) => {
        await tx.run("DELETE FROM staff_sessions WHERE expires_at <= ?", [session.createdAt]);
        await tx.run("INSERT INTO staff_sessions (id_hash, staff_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)", [
          session.idHash,
          session.staffId,
          session.csrfToken,
          session.createdAt,
          session.expiresAt,
        ]);
      });
    },
    staffSession: async (idHash: string, now: Date = new Date()) => {
      const row = await db.get<StaffSessionRow>("SELECT * FROM staff_sessions WHERE id_hash = ? AND expires_at > ?", [idHash, now.toISOString()]);
      return row && staffSessionOf(row);
    },
    deleteStaffSession: async (idHash) => {
      await db.run("DELETE FROM staff_sessions WHERE id_hash = ?", [idHash]);
    },
  };
}

/**
 * One row per limit and key. The upsert counts in one statement, so hits from processes at the
 * same moment each add one (on PostgreSQL the second waits for the first's row lock); the CASEs
 * read the row as it was, so an ended window starts over at 1 with the new reset time.
 */
function hitCounters(db: Connection): HitCounters {
  return {
    countHit: async (limit, keyHash, now, resetAt) => {
      const row = await db.get<{ hits: number; reset_at: string }>(
        `INSERT INTO rate_limits (name, key_hash, hits, reset_at) VALUES (?, ?, 1, ?)
         ON CONFLICT (name, key_hash) DO UPDATE
            SET hits = CASE WHEN rate_limits.reset_at <= ? THEN 1 ELSE rate_limits.hits + 1 END,
                reset_at = CASE WHEN rate_limits.reset_at <= ? THEN excluded.reset_at ELSE rate_limits.reset_at END
         RETURNING hits, reset_at`,
        [limit, keyHash, resetAt, now, now],
      );
      if (!row) throw new Error(`No hit count returned for the limit ${limit}`);
      // Ended windows are swept when a window starts, not on every hit: a client's repeated hits stay
      // one write each. The row just counted runs past `now`, so only other keys' ended windows go.
      if (row.hits === 1) await db.run("DELETE FROM rate_limits WHERE reset_at <= ?", [now]);
      return { hits: row.hits, resetAt: row.reset_at };
    },
    uncountHit: async (limit, keyHash, now) => {
      await db.run("UPDATE rate_limits SET hits = hits - 1 WHERE name = ? AND key_hash = ? AND reset_at > ? AND hits > 0", [limit, keyHash, now]);
    },
    hitCount: async (limit, keyHash, now) => {
      const row = await db.get<{ hits: number; reset_at: string }>("SELECT hits, reset_at FROM rate_limits WHERE name = ? AND key_hash = ? AND reset_at > ?", [limit, keyHash, now]);
      return row && { hits: row.hits, resetAt: row.reset_at };
    },
    resetHits: async (limit, keyHash) => {
      await db.run("DELETE FROM rate_limits WHERE name = ? AND key_hash = ?", [limit, keyHash]);
    },
  };
}

/** The Store over a connection whose schema is up to date, in the database's own dialect. */
export function sqlStore(db: Connection, dialect: Dialect, p: Protector): Store {
  const context: Context = { db, p };
  return {
    registerFormVersion: registerFormVersion(db),
    getFormVersion: async (formId, version) => {
      const row = await db.get<FormVersionRow>("SELECT * FROM form_versions WHERE form_id = ? AND version = ?", [formId, version]);
      return row && formVersionOf(row);
    },
    createApplication: createApplication(context),
    getApplication: (id) => findApplication(db, p, id),
    applicationIdOf: async (which) => (await db.get<{ id: string }>("SELECT id FROM applications WHERE reference = ? OR id = ?", [which, which]))?.id,
    saveDraft: saveDraft(context),
    replaceToken: replaceToken(context),
    submit: submit(context),
    getSubmission: getSubmission(context),
    findByLookup: async (name, value) =>
      (await db.all<{ application_id: string }>("SELECT application_id FROM search_index WHERE field = ? AND digest = ? ORDER BY application_id", [name, p.index(lookupField(name), value)])).map(
        (row) => row.application_id,
      ),
    events: (applicationId) =>
      db.snapshot(async (q) => {
        const rows = await q.all<EventRow>("SELECT * FROM events WHERE application_id = ? ORDER BY id", [applicationId]);
        if (rows.length === 0) return [];
        const fields = await fieldsOf(q, p, applicationId);
        return rows.map((row) => eventOf(row, fields));
      }),
    // The application is checked first, so that a wrong id is named as such rather than as a foreign key.
    appendEvent: (applicationId, event) =>
      db.transaction(async (tx) => {
        await existingApplication(tx, p, applicationId);
        return appendEvent(tx, await fieldsOf(tx, p, applicationId), applicationId, event);
      }),
    queue: queue(db),
    countsByStatus: countsByStatus(db),
    updateCase: updateCase(context),
    ...callbackRequests(context, dialect),
    ...staff(context),
    ...dataKeys(context),
    ...erasure(context, dialect),
    ...staffSessions(db),
    ...hitCounters(db),
    close: () => db.close(),
  };
}

/** Retention's part: what is due, and crypto-shredding one application (see store.ts). */
function erasure({ db, p }: Context, dialect: Dialect): Pick<Store, "dueForErasure" | "erase"> {
  return {
    dueForErasure: async (rules) => {
      const due: ErasureCandidate[] = [];
      for (const rule of rules) {
        const rows = await db.all<Pick<ApplicationRow, "id" | "form_id" | "status" | "reference" | "updated_at">>(
          `SELECT id, form_id, status, reference, updated_at FROM applications
            WHERE form_id = ? AND erased_at IS NULL AND legal_hold = 0
              AND ((status = 'draft' AND updated_at < ?) OR (status IN ('approved', 'rejected') AND COALESCE(decided_at, updated_at) < ?))
            ORDER BY updated_at, id`,
          [rule.formId, rule.draftsBefore, rule.decidedBefore],
        );
        due.push(...rows.map((row) => ({ id: row.id, formId: row.form_id, status: row.status, reference: row.reference, updatedAt: row.updated_at })));
      }
      return due.sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0));
    },
    erase: (id, tombstone) =>
      db.transaction(async (tx) => {
        const before = await findApplication(tx, p, id, dialect.lockRow);
        if (!before) return { ok: false, reason: "not_found" } as const;
        if (before.erasedAt !== null) return { ok: false, reason: "already_erased" } as const;
        if (before.legalHold) return { ok: false, reason: "legal_hold" } as const;
        // A decided case keeps what its outcome was, not why: the reason may speak of people.
        const decision = before.decision && { ...before.decision, reason: "" };
        await tx.run(
          `UPDATE applications SET session_json = ?, email = NULL, request_json = NULL, decision_json = ?, token_hash = '', data_key = NULL, key_version = NULL,
                  erased_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ?`,
          [toJson(newSession()), decision && toJson(decision), tombstone.at, tombstone.at, id],
        );
        await tx.run("DELETE FROM submissions WHERE application_id = ?", [id]);
        await tx.run("DELETE FROM search_index WHERE application_id = ?", [id]);
        // The requests stay as evidence that someone asked, without who or how to reach them.
        await dialect.unguarded(tx, "callback_requests", () => tx.run("UPDATE callback_requests SET name = '', contact = '', message = '' WHERE application_id = ?", [id]));
        await appendEvent(tx, ERASED, id, tombstone);
        return { ok: true, record: await existingApplication(tx, p, id) } as const;
      }),
  };
}

/**
 * Key rotation's part in the store: data keys wrapped by an older KEK are wrapped again by the
 * current one, a batch at a time and each row only if no one re-wrapped it meanwhile, while the
 * store serves; the values sealed under the data keys stay as they are.
 */
function dataKeys({ db, p }: Context): Pick<Store, "rewrapDataKeys" | "keyVersionsInUse"> {
  const BATCH = 200;
  const tables = [
    { table: "applications", owner: (id: string) => id },
    { table: "staff", owner: staffOwner },
  ] as const;
  return {
    rewrapDataKeys: async () => {
      let rewrapped = 0;
      for (const { table, owner } of tables) {
        for (;;) {
          const current = p.currentVersion();
          const rows = await db.all<{ id: string; data_key: Buffer; key_version: number }>(
            `SELECT id, data_key, key_version FROM ${table} WHERE data_key IS NOT NULL AND key_version <> ? ORDER BY id LIMIT ?`,
            [current, BATCH],
          );
          if (rows.length === 0) break;
          await db.transaction(async (tx) => {
            for (const row of rows) {
              const stored = storedKeyOf(row)!;
              const next = p.rewrap(owner(row.id), stored);
              if (!next) continue;
              const { changes } = await tx.run(`UPDATE ${table} SET data_key = ?, key_version = ? WHERE id = ? AND key_version = ?`, [next.wrapped, next.version, row.id, stored.version]);
              rewrapped += changes;
            }
          });
        }
      }
      return rewrapped;
    },
    keyVersionsInUse: async () => {
      const rows = await db.all<{ key_version: number }>("SELECT DISTINCT key_version FROM applications WHERE key_version IS NOT NULL UNION SELECT DISTINCT key_version FROM staff WHERE key_version IS NOT NULL");
      return rows.map((row) => Number(row.key_version)).sort((a, b) => a - b);
    },
  };
}

/**
 * The Store once `migrate` brought the connection's schema up to date and the rows written before
 * encryption are sealed; a failed migration closes the connection.
 */
export async function migratedStore(db: Connection, migrate: (db: Connection) => Promise<unknown>, dialect: Dialect, p: Protector): Promise<Store> {
  try {
    await migrate(db);
    await sealExisting(db, dialect, p);
  } catch (error) {
    await db.close();
    throw error;
  }
  return sqlStore(db, dialect, p);
}

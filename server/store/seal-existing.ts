/**
 * Sealing what was stored before encryption, on the first start after the upgrade: every
 * application and staff member without a data key gets one, and its personal values, in every
 * table, are sealed under it in the same transaction, so that no owner is ever half sealed. Runs
 * at every start and finds nothing once done; does nothing while encryption is off.
 */
import { keyedFields, type Protector } from "./crypto/protector";
import { SEALED, type ApplicationRow, type CallbackRow, type EventRow, type StaffRow, type SubmissionRow } from "./records";
import type { Connection, Dialect, Queries } from "./sql-store";

/** Owners per transaction: SQLite syncs each commit to disk, one per owner would take long on a large database. */
const BATCH = 200;

const seal = (key: Buffer, owner: string) => keyedFields(owner, key);

async function sealApplication(tx: Queries, p: Protector, row: ApplicationRow): Promise<void> {
  const key = p.newKey(row.id)!;
  const fields = seal(key.key, row.id);
  const text = (field: string, value: string | null) => (value === null ? null : fields.text(field, value));
  // Another process starting at once may have sealed it first: only a row still without key is sealed.
  const { changes } = await tx.run(
    "UPDATE applications SET session_json = ?, email = ?, request_json = ?, decision_json = ?, data_key = ?, key_version = ? WHERE id = ? AND data_key IS NULL",
    [fields.text(SEALED.session, row.session_json), text(SEALED.email, row.email), text(SEALED.request, row.request_json), text(SEALED.decision, row.decision_json), key.stored.wrapped, key.stored.version, row.id],
  );
  if (changes === 0) return;
  for (const s of await tx.all<SubmissionRow>("SELECT * FROM submissions WHERE application_id = ?", [row.id])) {
    await tx.run("UPDATE submissions SET answers_json = ?, derived_json = ?, pdf = ? WHERE application_id = ? AND version = ?", [
      fields.text(SEALED.answers, s.answers_json),
      fields.text(SEALED.derived, s.derived_json),
      fields.bytes(SEALED.pdf, Buffer.from(s.pdf)),
      row.id,
      s.version,
    ]);
  }
  for (const c of await tx.all<CallbackRow>("SELECT * FROM callback_requests WHERE application_id = ?", [row.id])) {
    await tx.run("UPDATE callback_requests SET name = ?, contact = ?, message = ? WHERE id = ?", [
      fields.text(SEALED.callbackName, c.name),
      fields.text(SEALED.callbackContact, c.contact),
      fields.text(SEALED.callbackMessage, c.message),
      c.id,
    ]);
  }
  for (const e of await tx.all<EventRow>("SELECT id, data_json FROM events WHERE application_id = ?", [row.id])) {
    await tx.run("UPDATE events SET data_json = ? WHERE id = ?", [fields.text(SEALED.event, e.data_json), e.id]);
  }
}

async function sealStaff(tx: Queries, p: Protector, row: StaffRow): Promise<void> {
  const owner = `staff/${row.id}`;
  const key = p.newKey(owner)!;
  await tx.run("UPDATE staff SET email = ?, email_index = ?, data_key = ?, key_version = ? WHERE id = ? AND data_key IS NULL", [
    seal(key.key, owner).text(SEALED.staffEmail, row.email),
    p.index(SEALED.staffEmail, row.email, "email"),
    key.stored.wrapped,
    key.stored.version,
    row.id,
  ]);
}

/** Returns how many owners it sealed. */
export async function sealExisting(db: Connection, dialect: Dialect, p: Protector): Promise<number> {
  if (!p.encrypts) return 0;
  let sealed = 0;
  for (;;) {
    const rows = await db.all<ApplicationRow>("SELECT * FROM applications WHERE data_key IS NULL AND erased_at IS NULL ORDER BY id LIMIT ?", [BATCH]);
    if (rows.length === 0) break;
    // The rows of events and callback requests keep their structure; only their values are sealed.
    await db.transaction((tx) => dialect.unguarded(tx, "events", () => dialect.unguarded(tx, "callback_requests", async () => {
      for (const row of rows) await sealApplication(tx, p, row);
    })));
    sealed += rows.length;
  }
  for (;;) {
    const rows = await db.all<StaffRow>("SELECT * FROM staff WHERE data_key IS NULL ORDER BY id LIMIT ?", [BATCH]);
    if (rows.length === 0) break;
    await db.transaction(async (tx) => {
      for (const row of rows) await sealStaff(tx, p, row);
    });
    sealed += rows.length;
  }
  return sealed;
}

import { expect } from "chai";
import { isConflict, type ApplicationRecord, type Conflict } from "../../server/store/store";
import { openConnection, type Connection } from "../../server/store/sqlite/connection";

/** The error a promise is rejected with; fails the test when it is not rejected. */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the promise to be rejected");
}

export function expectRecord(value: ApplicationRecord | Conflict): ApplicationRecord {
  if (isConflict(value)) expect.fail(`unexpected conflict at revision ${value.current.revision}`);
  return value;
}

/** A second connection to the same SQLite file, for what the Store interface rightly does not offer. */
export async function withDirectSql<T>(file: string, work: (db: Connection) => Promise<T>): Promise<T> {
  const db = await openConnection(file);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

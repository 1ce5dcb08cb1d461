/**
 * Staff accounts and sign-in. Passwords are kept as bcrypt hashes; a signed-in browser holds a
 * random session id whose SHA-256 alone is stored (as for applicant tokens), together with the
 * synchronizer token its forms must carry and an expiry after one working day.
 */
import { randomUUID, timingSafeEqual } from "node:crypto";
import bcrypt from "bcryptjs";
import type { StaffRecord, StaffRole, StaffSessionRecord, Store } from "../store/store";
import type { Language } from "../i18n/languages";
import { t } from "../i18n/translate";
import type { Failure, Result } from "./service";
import { hashToken, newToken } from "./tokens";
import { hashPassword, passwordMatches } from "./password-hash";

export const STAFF_ROLES: readonly StaffRole[] = ["caseworker", "supervisor", "admin"];
export const isStaffRole = (value: unknown): value is StaffRole => STAFF_ROLES.includes(value as StaffRole);

export const MIN_PASSWORD_LENGTH = 12;
export const SESSION_HOURS = 8;
/** About 0.4 s per hash or check in pure JS, in a worker thread: slow enough to make guessing costly, fast enough for one sign-in. */
const BCRYPT_COST = 12;

/** Stored and looked up in one spelling, so that `Anna@Amt.de` and `anna@amt.de` are one account. */
export const normalEmail = (email: string) => email.trim().toLowerCase();

const refused = (status: number, pointer: string, message: string): Failure => ({ ok: false, status, problems: [{ code: "invalid", pointer, message }] });

export interface NewStaff {
  email: string;
  name?: string;
  role: string;
  password: string;
}

export async function addStaff(store: Store, now: Date, input: NewStaff, lang: Language = "en"): Promise<Result<StaffRecord>> {
  const email = normalEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return refused(422, "/email", t(lang, "staff.user.bad_email"));
  if (!isStaffRole(input.role)) return refused(422, "/role", t(lang, "staff.user.bad_role", { role: input.role, roles: STAFF_ROLES.join(", ") }));
  if ([...input.password].length < MIN_PASSWORD_LENGTH) return refused(422, "/password", t(lang, "staff.user.short_password", { min: MIN_PASSWORD_LENGTH }));
  // bcrypt reads only the first 72 bytes: a longer password would silently mean less than it says.
  if (bcrypt.truncates(input.password)) return refused(422, "/password", t(lang, "staff.user.long_password"));
  const created = await store.createStaff({
    id: randomUUID(),
    email,
    name: input.name?.trim() || email,
    role: input.role,
    passwordHash: await hashPassword(input.password, BCRYPT_COST),
    createdAt: now.toISOString(),
  });
  return "duplicate" in created ? refused(409, "/email", t(lang, "staff.user.duplicate", { email })) : { ok: true, value: created };
}

let unknownUserHash: Promise<string> | undefined;

export interface SignedIn {
  staff: StaffRecord;
  /** The cookie's value; only its hash is stored. */
  sessionId: string;
  session: StaffSessionRecord;
}

/** An unknown e-mail costs the same bcrypt check as a wrong password, so timing does not tell which accounts exist. */
export async function signIn(store: Store, now: Date, email: string, password: string): Promise<SignedIn | undefined> {
  const staff = await store.staffByEmail(normalEmail(email));
  unknownUserHash ??= hashPassword(newToken(), BCRYPT_COST);
  const matches = await passwordMatches(password, staff?.passwordHash ?? (await unknownUserHash));
  if (!staff || !matches) return undefined;
  const sessionId = newToken();
  const session: StaffSessionRecord = {
    idHash: hashToken(sessionId),
    staffId: staff.id,
    csrfToken: newToken(),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
  };
  await store.createStaffSession(session);
  return { staff, sessionId, session };
}

/** The staff member a session cookie belongs to, while the session is current; an expired one is removed. */
export async function staffOfSession(store: Store, now: Date, sessionId: string | undefined): Promise<{ staff: StaffRecord; session: StaffSessionRecord } | undefined> {
  if (!sessionId) return undefined;
  const session = await store.staffSession(hashToken(sessionId));
  if (!session) return undefined;
  if (Date.parse(session.expiresAt) <= now.getTime()) {
    await store.deleteStaffSession(session.idHash);
    return undefined;
  }
  const staff = await store.staffById(session.staffId);
  return staff && { staff, session };
}

export const signOut = (store: Store, sessionId: string): Promise<void> => store.deleteStaffSession(hashToken(sessionId));

/** Compared in constant time, like the applicant's token; hashing first gives both sides the same length. */
export const csrfMatches = (session: StaffSessionRecord, given: string): boolean =>
  timingSafeEqual(Buffer.from(hashToken(given), "hex"), Buffer.from(hashToken(session.csrfToken), "hex"));

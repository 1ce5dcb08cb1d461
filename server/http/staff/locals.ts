/** What the staff routes know about a request, kept in res.locals by `loadStaff`. */
import type { Response } from "express";
import type { StaffRecord, StaffRole, StaffSessionRecord } from "../../store/store";
import type { Language } from "../../i18n/languages";

export interface SignedInStaff {
  staff: StaffRecord;
  session: StaffSessionRecord;
}

export interface StaffLocals {
  lang: Language;
  who?: SignedInStaff;
}

export const localsOf = (res: Response): StaffLocals => res.locals as StaffLocals;

/** For handlers behind `allow`, which has made sure someone is signed in. */
export function signedIn(res: Response): SignedInStaff {
  const { who } = localsOf(res);
  if (!who) throw new Error("a staff route is missing its allow()");
  return who;
}

/** Where a role starts: the queue, or for an admin, who has no cases, the accounts. */
export const homeOf = (role: StaffRole): string => (role === "admin" ? "/staff/users" : "/staff");

/**
 * The applicant's bearer token: long and random, shown once, stored only as a hash, and compared
 * in constant time so that response times reveal nothing about a guess.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

export const newToken = (): string => randomBytes(32).toString("base64url");
export const newApplicationId = (): string => randomUUID();
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export function tokenMatches(token: string | undefined, storedHash: string): boolean {
  const given = Buffer.from(hashToken(token ?? ""), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored) && token !== undefined;
}

/** How long a draft's token opens it after its last change, unless FORMPILOT_DRAFT_TOKEN_DAYS says otherwise (ADR 11). */
export const DRAFT_TOKEN_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A link to an unfinished application that nobody touched for `days` opens nothing: a forgotten
 * link in a browser history or a mailbox stops being a way in. Once submitted, the link is how the
 * applicant follows the case, so it lives on.
 */
export const draftTokenExpired = (record: { status: string; updatedAt: string }, now: Date, days: number): boolean =>
  record.status === "draft" && now.getTime() - Date.parse(record.updatedAt) > days * DAY_MS;

/** `short-time-work` → `STW`: the prefix of a form's reference numbers. */
export const referencePrefixOf = (formId: string): string =>
  formId
    .split("-")
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase())
    .join("");

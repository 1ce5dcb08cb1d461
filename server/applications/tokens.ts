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

/** `short-time-work` → `STW`: the prefix of a form's reference numbers. */
export const referencePrefixOf = (formId: string): string =>
  formId
    .split("-")
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase())
    .join("");

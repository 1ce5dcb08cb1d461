/**
 * Blind indexes, pure: a keyed HMAC-SHA256 of a normalised value, so that equal values can be
 * found (a staff member's e-mail at sign-in, an IBAN seen before) without the value being stored.
 * Without the index key the digests cannot be tested against guesses; the field name is part of
 * the message, so that equal values in different fields do not match.
 */
import { createHmac } from "node:crypto";

/** Identifiers and names: case, width and the separators people type (spaces, dashes, dots, slashes) make no difference. */
export const identifierForm = (value: string): string => value.normalize("NFKC").toLowerCase().replace(/[\s\-./]+/g, "");
/** E-mail addresses: case and surrounding spaces only (a dot can tell two mailboxes apart). */
export const emailForm = (value: string): string => value.normalize("NFKC").trim().toLowerCase();

export const blindIndex = (indexKey: Buffer, field: string, value: string, form: (value: string) => string = identifierForm): string =>
  createHmac("sha256", indexKey).update(`${field}\0${form(value)}`, "utf8").digest("base64url");

/**
 * Keyed pseudonyms for exports: HMAC-SHA256 of an application's id under the export key. The same
 * key gives the same pseudonym in every export, so that exports can be joined; without the key
 * nobody can go from a pseudonym back to an application, nor from an application to its pseudonym.
 */
import { createHmac } from "node:crypto";

/** FORMPILOT_EXPORT_KEY, or a key of its own derived from the server's secret (never the secret itself, which signs cookies). */
export const exportKeyOf = (env: { FORMPILOT_EXPORT_KEY?: string }, secret: string): string =>
  env.FORMPILOT_EXPORT_KEY || createHmac("sha256", secret).update("formpilot export pseudonyms").digest("base64url");

/** 80 bits: distinct for any number of applications an agency files, short enough to read. */
export const pseudonymOf = (key: string, applicationId: string): string =>
  createHmac("sha256", key).update(applicationId).digest("hex").slice(0, 20);

/** Reading posted form fields and address parameters: a field may be missing, given once, or (checkboxes) several times. */
import type { Request } from "express";
import type { Problem } from "../../engine/problem";
import type { Language } from "../../i18n/languages";
import { t } from "../../i18n/translate";

const raw = (req: Request, name: string): unknown => (req.body as Record<string, unknown> | undefined)?.[name];

export function fieldOf(req: Request, name: string): string {
  const value = raw(req, name);
  return typeof value === "string" ? value : "";
}

export function fieldsOf(req: Request, name: string): string[] {
  const value = raw(req, name);
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
}

/** The revision the page showed; a form without one is treated as stale. */
export function revisionOf(req: Request): number {
  const revision = fieldOf(req, "revision");
  return /^\d+$/.test(revision) ? Number(revision) : -1;
}

/** A value read from the address, or the problem with it. */
export type Read<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const queryText = (req: Request, name: string): string => (typeof req.query[name] === "string" ? (req.query[name] as string).trim() : "");

/** No list has this many pages; a larger number would only overflow the store's offset. */
const MAX_PAGE = 1_000_000;

/** `?page=`: page 1 when not given; anything but a whole number from 1 is refused, not guessed at. */
export function pageOf(req: Request, lang: Language): Read<number> {
  const given = queryText(req, "page");
  if (given === "") return { ok: true, value: 1 };
  const page = /^\d{1,7}$/.test(given) ? Number(given) : 0;
  return page >= 1 && page <= MAX_PAGE ? { ok: true, value: page } : { ok: false, problem: { code: "invalid", pointer: "/page", message: t(lang, "request.bad_page", { value: given }) } };
}

/** A date filter such as `?from=`: "" when not given; otherwise a day of the calendar (2026-02-30 is none). */
export function dateOf(req: Request, name: string, lang: Language): Read<string> {
  const given = queryText(req, name);
  if (given === "") return { ok: true, value: "" };
  const real = /^\d{4}-\d{2}-\d{2}$/.test(given) && !Number.isNaN(Date.parse(given)) && new Date(given).toISOString().slice(0, 10) === given;
  return real ? { ok: true, value: given } : { ok: false, problem: { code: "invalid", pointer: `/${name}`, message: t(lang, "request.bad_date", { value: given }) } };
}

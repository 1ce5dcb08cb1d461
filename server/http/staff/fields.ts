/** Reading posted form fields: a field may be missing, given once, or (checkboxes) several times. */
import type { Request } from "express";

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

/**
 * The operator's site configuration: who runs the service (imprint), whom applicants write to about
 * their data, and the accessibility statement. Read once at start from FORMPILOT_SITE_FILE
 * (data/site.json by default); without that file the bundled demo's example details serve, and
 * every page showing them says they are examples.
 */
import { readFile } from "node:fs/promises";
import { createAjv } from "../engine/ajv";
import type { Language } from "../i18n/languages";
import siteSchema from "./site.schema.json" with { type: "json" };
import demoSite from "./demo-site.json" with { type: "json" };

export type Localized = Record<Language, string>;

export interface Contact {
  email: string;
  phone?: string;
}

export interface Site {
  demo: boolean;
  operator: { name: Localized; address: Localized; contact: Contact; responsible: Localized; register?: Localized };
  dataProtectionOfficer: { name: Localized; address: Localized; contact: Contact };
  accessibility: {
    status: "full" | "partial" | "none";
    standard: Localized;
    /** YYYY-MM-DD. */
    assessedOn: string;
    method: Localized;
    limitations: Localized[];
    feedback: Contact;
    enforcement: Localized;
  };
}

const checkSite = createAjv().compile<Site>(siteSchema);

/** The bundled demo's details, marked `demo: true`. */
export const DEMO_SITE = demoSite as Site;

/** The problems of a parsed site file, each with its JSON pointer; empty when it is a site configuration. */
export function siteProblems(value: unknown): string[] {
  return checkSite(value) ? [] : (checkSite.errors ?? []).map((e) => `${e.instancePath || "the file"} ${e.message}`);
}

/** The site file, or the demo's details when there is none; a file that is not valid is an error, never silently the demo. */
export async function loadSite(file: string): Promise<{ ok: true; site: Site } | { ok: false; message: string }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { ok: true, site: DEMO_SITE };
    return { ok: false, message: `${file} cannot be read: ${(error as Error).message}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${file} is not valid JSON: ${(error as Error).message}` };
  }
  const problems = siteProblems(value);
  if (problems.length > 0) return { ok: false, message: `${file} is not a site configuration (see "Operator details" in README.md): ${problems.join("; ")}` };
  return { ok: true, site: value as Site };
}

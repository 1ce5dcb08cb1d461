/**
 * The forms the server offers, by id: loaded once at start, each with its current version and every
 * archived version (forms/<id>/versions/<version>/), so an application stays on the version it started with.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Form } from "../engine/form";
import { loadPackage, loadPackages, formatProblems, type LoadedPackage } from "./load";

export interface FormRegistry {
  /** The current version, or the given one (current or archived). */
  get(formId: string, version?: string): Form | undefined;
  /** Current versions only. */
  all(): Form[];
  /** Every version of a form the server knows, the current one included. */
  versions(formId: string): string[];
}

export function registryOf(forms: Form[], archived: Form[] = []): FormRegistry {
  const byId = new Map(forms.map((f) => [f.id, f]));
  const byVersion = new Map<string, Map<string, Form>>();
  for (const f of [...archived, ...forms]) {
    const versions = byVersion.get(f.id) ?? new Map<string, Form>();
    versions.set(f.version, f);
    byVersion.set(f.id, versions);
  }
  return {
    get: (id, version) => (version === undefined ? byId.get(id) : byVersion.get(id)?.get(version)),
    all: () => [...byId.values()],
    versions: (id) => [...(byVersion.get(id)?.keys() ?? [])].sort(),
  };
}

/** The archived versions of the package in `dir`, each loaded under the form's own id. */
export async function loadArchived(dir: string): Promise<LoadedPackage[]> {
  const versionsDir = path.join(dir, "versions");
  const entries = await readdir(versionsDir, { withFileTypes: true }).catch(() => []);
  const id = path.basename(dir);
  const loaded = await Promise.all(
    entries.filter((e) => e.isDirectory()).map((e) => loadPackage(path.join(versionsDir, e.name), id)),
  );
  return loaded;
}

/**
 * Loads every package under `root`. A broken package stops the start with its problem report:
 * serving a form that cannot be checked would mean filing applications nobody can trust.
 */
export async function loadRegistry(root: string): Promise<{ ok: true; registry: FormRegistry } | { ok: false; report: string }> {
  const packages = await loadPackages(root);
  const archived = (await Promise.all(packages.map((p) => loadArchived(p.dir)))).flat();
  const broken = [...packages, ...archived].filter((p) => !p.form);
  if (broken.length > 0) return { ok: false, report: broken.map(formatProblems).join("\n") };
  return { ok: true, registry: registryOf(packages.map((p) => p.form!), archived.map((p) => p.form!)) };
}

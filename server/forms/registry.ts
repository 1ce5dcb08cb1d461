/** The forms the server offers, by id: loaded once at start, each with its current version. */
import type { Form } from "../engine/form";
import { loadPackages, formatProblems } from "./load";

export interface FormRegistry {
  get(formId: string): Form | undefined;
  all(): Form[];
}

export function registryOf(forms: Form[]): FormRegistry {
  const byId = new Map(forms.map((f) => [f.id, f]));
  return { get: (id) => byId.get(id), all: () => [...byId.values()] };
}

/**
 * Loads every package under `root`. A broken package stops the start with its problem report:
 * serving a form that cannot be checked would mean filing applications nobody can trust.
 */
export async function loadRegistry(root: string): Promise<{ ok: true; registry: FormRegistry } | { ok: false; report: string }> {
  const packages = await loadPackages(root);
  const broken = packages.filter((p) => !p.form);
  if (broken.length > 0) return { ok: false, report: broken.map(formatProblems).join("\n") };
  return { ok: true, registry: registryOf(packages.map((p) => p.form!)) };
}

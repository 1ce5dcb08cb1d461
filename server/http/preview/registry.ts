/**
 * What the applicant pages serve in preview mode: the packages that load. A package being edited
 * is often broken for a while; the preview shows its problems instead of refusing to start.
 */
import type { Logger } from "pino";
import { formatProblems, loadPackages, type LoadedPackage } from "../../forms/load";
import { loadArchived, registryOf, type FormRegistry } from "../../forms/registry";

export async function loadableRegistry(root: string, logger: Logger): Promise<{ ok: true; registry: FormRegistry }> {
  const packages = await loadPackages(root);
  const archived = (await Promise.all(packages.map((p) => loadArchived(p.dir)))).flat();
  const broken = [...packages, ...archived].filter((p) => !p.form);
  if (broken.length > 0) logger.warn({ problems: broken.map(formatProblems) }, "Some forms do not load: they are shown with their problems under /preview and not served");
  const forms = (list: LoadedPackage[]) => list.flatMap((p) => (p.form ? [p.form] : []));
  return { ok: true, registry: registryOf(forms(packages), forms(archived)) };
}

/**
 * The form packages as they are on disk now, for the preview: read on first use and read again
 * after any of their files changed, so that an author sees an edit on the next request without a
 * restart. Broken packages are kept with their problems: they are what the author needs to see.
 */
import { watch, type FSWatcher } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { lintPackage, type LintReport } from "../../authoring/lint";
import { loadPackage, type LoadedPackage } from "../../forms/load";
import { FORM_ID } from "../../authoring/package-files";
import { exploreRoutes, type Route } from "../../authoring/routes";

export interface PreviewPackage {
  loaded: LoadedPackage;
  lint: LintReport;
  errors: number;
  warnings: number;
  /** The distinct routes through the form (`formpilot paths`), none when it does not load. */
  routes: Route[];
}

export interface PackageSource {
  root: string;
  ids(): Promise<string[]>;
  /** Undefined when there is no such package folder. */
  get(id: string): Promise<PreviewPackage | undefined>;
  /** Goes up whenever a file of the package changes. */
  revision(id: string): number;
  close(): void;
}

async function read(dir: string): Promise<PreviewPackage> {
  const [loaded, lint] = await Promise.all([loadPackage(dir), lintPackage(dir)]);
  const count = (severity: string) => lint.findings.filter((f) => f.severity === severity).length;
  const routes = loaded.form ? exploreRoutes(loaded.form).routes : [];
  return { loaded, lint, errors: count("error"), warnings: count("warning"), routes };
}

export function packageSource(root: string): PackageSource {
  const cache = new Map<string, Promise<PreviewPackage>>();
  const revisions = new Map<string, number>();
  const changed = (id: string) => {
    cache.delete(id);
    revisions.set(id, (revisions.get(id) ?? 0) + 1);
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(root, { recursive: true }, (_event, file) => {
      const id = file?.toString().split(path.sep)[0];
      if (id) changed(id);
    });
    watcher.on("error", () => watcher?.close());
    // Watching must not keep a server that was asked to stop alive.
    watcher.unref();
  } catch {
    // Without a watcher the packages are read once; the page says how to reload after an edit.
  }
  const ids = async () =>
    (await readdir(root, { withFileTypes: true }).catch(() => []))
      .filter((e) => e.isDirectory() && FORM_ID.test(e.name))
      .map((e) => e.name)
      .sort();
  return {
    root,
    ids,
    async get(id) {
      if (!FORM_ID.test(id) || !(await ids()).includes(id)) return undefined;
      let entry = cache.get(id);
      if (!entry) {
        entry = read(path.join(root, id));
        cache.set(id, entry);
      }
      return entry;
    },
    revision: (id) => revisions.get(id) ?? 0,
    close: () => watcher?.close(),
  };
}

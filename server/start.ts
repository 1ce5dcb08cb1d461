/**
 * Starting Formpilot: load and check the forms, open the store, record the form versions, serve.
 * Used by `npm start`, the end-to-end tests and the benchmark alike.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { protectorOf, type Config } from "./config";
import { loadRegistry, type FormRegistry } from "./forms/registry";
import { formsRoot } from "./forms/paths";
import { openStore } from "./store/open";
import type { Store } from "./store/store";
import { createApp } from "./http/app";
import { renderApplicationPdf } from "./pdf/application-pdf";
import { loadableRegistry } from "./http/preview/registry";
import { loadSite } from "./site/site";
import { scheduleRetention } from "./applications/retention";

export interface Running {
  url: string;
  server: Server;
  store: Store;
  registry: FormRegistry;
  close(): Promise<void>;
}

export type StartFailure = { ok: false; message: string };

/**
 * A form version is recorded with its schema and texts the first time it is served. Serving
 * changed content under a recorded version would make earlier applications irreproducible.
 */
async function recordFormVersions(store: Store, registry: FormRegistry, now: Date): Promise<string[]> {
  const changed: string[] = [];
  for (const form of registry.all()) {
    const result = await store.registerFormVersion({ formId: form.id, version: form.version, schema: form.schema, locales: form.locales, registeredAt: now.toISOString() });
    if (!result.ok) changed.push(`${form.id} ${form.version}: schema.json or the texts changed since this version was first served. Raise "x-form".version in forms/${form.id}/schema.json.`);
  }
  return changed;
}

export async function start(config: Config, logger: Logger, root = formsRoot): Promise<{ ok: true; running: Running } | StartFailure> {
  const loaded = config.preview ? await loadableRegistry(root, logger) : await loadRegistry(root);
  if (!loaded.ok) return { ok: false, message: `Some forms do not load:\n${loaded.report}` };
  const { registry } = loaded;
  const site = await loadSite(config.siteFile);
  if (!site.ok) return { ok: false, message: site.message };
  const store = await openStore(config.databaseUrl, protectorOf(config));
  const changed = await recordFormVersions(store, registry, new Date());
  // An author previewing edits the texts of the version being written: said, not refused.
  if (changed.length > 0 && config.preview) logger.warn({ changed }, "Form versions changed since first served; previewing them anyway");
  else if (changed.length > 0) {
    await store.close();
    return { ok: false, message: changed.join("\n") };
  }
  const app = createApp({ registry, store, now: () => new Date(), renderPdf: renderApplicationPdf, draftTokenDays: config.draftTokenDays, amountWarningShare: config.amountWarningShare }, { logger, secret: config.secret, createPerMinute: config.createPerMinute, signInFailures: config.signInFailures, signInFailuresPerAddress: config.signInFailuresPerAddress, trustProxy: config.trustProxy, publicUrl: config.publicUrl, preview: config.preview ? { root } : undefined, site: site.site });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.port, () => resolve(s));
  });
  // Longer than the idle timeout of the proxies in front (commonly 60 s): with Node's 5 s a client
  // reusing a connection the server is just closing gets a reset instead of its page.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const { port } = server.address() as AddressInfo;
  // Counts only, never ids or references: the log is not a record of whose application was erased.
  const retention =
    config.retentionMinutes > 0
      ? scheduleRetention({ store, registry }, {
          intervalMs: config.retentionMinutes * 60_000,
          now: () => new Date(),
          onRun: (erased) => erased.length > 0 && logger.info({ erased: erased.length }, "Erased applications whose retention period ended"),
          onError: (error) => logger.error({ err: error }, "The retention job failed; it runs again at the next interval"),
        })
      : undefined;
  return {
    ok: true,
    running: {
      url: `http://localhost:${port}`,
      server,
      store,
      registry,
      async close() {
        retention?.stop();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await closed;
        await store.close();
      },
    },
  };
}

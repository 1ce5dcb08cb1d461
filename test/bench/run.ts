/**
 * `npm run bench`: speed figures measured on this machine in one run, each next to a baseline
 * measured in the same run, so that the ratios mean something on any machine.
 *
 * - answered steps per second over HTTP with persistence (autocannon, 50 connections, each on its
 *   own application), p50/p99 latency, next to a bare express "hello" route;
 * - the median time to render the PDF of a 20-employee short-time-work application.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { loadPackage } from "../../server/forms/load";
import { formsRoot } from "../../server/forms/paths";
import { pdfInputOf } from "../../server/pdf/build-input";
import { renderApplicationPdf } from "../../server/pdf/application-pdf";

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const tsx = path.resolve("node_modules/.bin/tsx");

/** Starts a server in its own process (the load generator gets the other core) and waits for its port. */
function serve(script: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [script], { env: { ...process.env, PORT: "0", LOG_LEVEL: "info", ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split("\n")) {
        const port = /"port":(\d+)/.exec(line)?.[1] ?? /"url":"http:\/\/localhost:(\d+)"/.exec(line)?.[1];
        if (port) {
          child.stdout!.removeAllListeners("data");
          child.stdout!.resume();
          resolve({ child, url: `http://127.0.0.1:${port}` });
        }
      }
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

async function load(options: autocannon.Options): Promise<autocannon.Result> {
  return autocannon({ duration: DURATION, connections: CONNECTIONS, ...options });
}

const summary = (r: autocannon.Result) => ({
  requestsPerSecond: Math.round(r.requests.average),
  p50ms: r.latency.p50,
  p99ms: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors,
});

async function benchHttp() {
  const hello = await serve("test/bench/hello-server.ts", {});
  const baseline = await load({ url: hello.url });
  await stop(hello.child);

  const dataDir = await mkdtemp(path.join(os.tmpdir(), "formpilot-bench-"));
  const app = await serve("server/main.ts", { FORMPILOT_DATA: dataDir, FORMPILOT_CREATE_PER_MINUTE: "100000" });
  try {
    const applications: { id: string; token: string }[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const res = await fetch(`${app.url}/api/forms/short-time-work/applications`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      applications.push((await res.json()) as { id: string; token: string });
    }
    let next = 0;
    const steps = await load({
      url: app.url,
      requests: [
        {
          // Each connection answers on its own application (kept in its context), as 50 applicants at once would.
          setupRequest: (req, context) => {
            const mine = context as { application?: { id: string; token: string } };
            mine.application ??= applications[next++ % applications.length]!;
            const { id, token } = mine.application;
            return {
              ...req,
              method: "POST",
              path: `/api/applications/${id}/answers`,
              headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
              body: JSON.stringify({ pointer: "/employer/name", value: `Bäckerei ${next % 97}` }),
            };
          },
        },
      ],
    });
    return { baseline: summary(baseline), answeredSteps: summary(steps) };
  } finally {
    await stop(app.child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function benchPdf() {
  const pkg = await loadPackage(path.join(formsRoot, "short-time-work"));
  const form = pkg.form!;
  const example = JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples/economic-eligible.json"), "utf8"));
  const first = example.answers.employees[0];
  const answers = { ...example.answers, employees: Array.from({ length: 20 }, (_, i) => ({ ...first, name: `${first.name} ${i + 1}` })) };
  const input = pdfInputOf(form, { answers, language: "de", reference: "STW-2026-000001", submittedAt: "2026-03-01T10:00:00.000Z" });
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    bytes = (await renderApplicationPdf(input)).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { employees: 20, runs: times.length, medianMs: Math.round(times[Math.floor(times.length / 2)]!), pdfBytes: bytes };
}

const http = await benchHttp();
const pdf = await benchPdf();
const report = {
  machine: { cpus: os.cpus().length, node: process.version },
  durationSeconds: DURATION,
  connections: CONNECTIONS,
  ...http,
  stepsVsHello: Number((http.answeredSteps.requestsPerSecond / http.baseline.requestsPerSecond).toFixed(3)),
  pdf,
};
console.log(JSON.stringify(report, null, 2));

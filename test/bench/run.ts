/**
 * `npm run bench`: speed figures measured on this machine in one run, each next to a baseline
 * measured in the same run, so that the ratios mean something on any machine.
 *
 * - answered steps per second over HTTP with persistence (autocannon, 50 connections, each on its
 *   own application), p50/p99 latency, next to a bare express "hello" route, and next to the same
 *   server with encryption at rest off (FORMPILOT_ENCRYPTION=off, which exists for this figure only);
 * - the median time to render the PDF of a 20-employee short-time-work application, and to seal
 *   and open it under an application's data key;
 * - the caseworker queue over 100,000 submitted applications in SQLite: median and p95 per query,
 *   next to a primary-key look-up through the same store;
 * - an applicant's GET while eight failed staff sign-ins run at once, next to the same GET on an
 *   idle server: bcrypt must not hold up the event loop;
 * - importing a 1,000-row employee list from a CSV file, next to posting the same 1,000 employees
 *   as JSON answers in one call, each on a fresh application of the same server.
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
import { seedApplications } from "../../server/store/sqlite/seed";
import { openSqliteStore } from "../../server/store/sqlite/sqlite-store";
import { keyedFields, protector } from "../../server/store/crypto/protector";
import { newDataKey } from "../../server/store/crypto/envelope";
import { SEALED } from "../../server/store/records";
import { TEST_KEYS } from "../support/keys";

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
  const plain = await answeredSteps({ FORMPILOT_ENCRYPTION: "off" });
  const sealed = await answeredSteps({});
  return {
    baseline: summary(baseline),
    answeredSteps: summary(sealed),
    answeredStepsWithoutEncryption: summary(plain),
    encryptedVsPlainSteps: Number((sealed.requests.average / plain.requests.average).toFixed(3)),
  };
}

/** Answered steps per second on a server of its own, with `env` added to its environment. */
async function answeredSteps(env: Record<string, string>): Promise<autocannon.Result> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "formpilot-bench-"));
  const app = await serve("server/main.ts", { FORMPILOT_DATA: dataDir, FORMPILOT_CREATE_PER_MINUTE: "100000", ...env });
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
    return steps;
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
  const sealing: number[] = [];
  const opening: number[] = [];
  const fields = keyedFields("bench-application", newDataKey());
  let bytes = 0;
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const pdf = await renderApplicationPdf(input);
    const t1 = performance.now();
    const sealed = fields.bytes(SEALED.pdf, pdf);
    const t2 = performance.now();
    fields.openBytes(SEALED.pdf, sealed);
    opening.push(performance.now() - t2);
    sealing.push(t2 - t1);
    times.push(t1 - t0);
    bytes = pdf.length;
  }
  const ms = (n: number) => Number(n.toFixed(3));
  return { employees: 20, runs: times.length, medianMs: Math.round(median(times)), sealMedianMs: ms(median(sealing)), openMedianMs: ms(median(opening)), pdfBytes: bytes };
}

const SIGN_INS = 8;
const GETS = 40;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function benchSignIns() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "formpilot-bench-"));
  const app = await serve("server/main.ts", { FORMPILOT_DATA: dataDir, FORMPILOT_SIGNIN_FAILURES: "100000", FORMPILOT_SIGNIN_FAILURES_PER_ADDRESS: "100000" });
  try {
    const { id, token } = (await (await fetch(`${app.url}/api/forms/short-time-work/applications`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).json()) as { id: string; token: string };
    /** GETs one after another, at least GETS of them and for as long as `busy` says. */
    const gets = async (busy = () => false) => {
      const times: number[] = [];
      while (times.length < GETS || busy()) {
        const t0 = performance.now();
        await (await fetch(`${app.url}/api/applications/${id}`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return { medianMs: Number(median(times).toFixed(1)), p95Ms: Number(times[Math.ceil(times.length * 0.95) - 1]!.toFixed(1)) };
    };
    await gets(); // warms up the route, the store and the connection
    const idle = await gets();
    let running = true;
    let failed = 0;
    // Unknown accounts cost the same bcrypt check as a wrong password: no account needs to exist.
    const failing = Array.from({ length: SIGN_INS }, async (_, n) => {
      while (running) {
        await (await fetch(`${app.url}/staff/login`, { method: "POST", body: new URLSearchParams({ email: `guess${n}@amt.example`, password: "not the password" }) })).arrayBuffer();
        failed++;
      }
    });
    // Measured over three rounds of eight sign-ins, so that every GET meets hashing under way.
    const during = await gets(() => failed < SIGN_INS * 3);
    running = false;
    await Promise.all(failing);
    return { parallelFailedSignIns: SIGN_INS, failedSignIns: failed, idle, during, p95DuringVsIdle: Number((during.p95Ms / idle.p95Ms).toFixed(1)) };
  } finally {
    await stop(app.child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

const IMPORT_ROWS = 1000;
const IMPORT_RUNS = 7;

async function benchImport() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "formpilot-bench-"));
  const app = await serve("server/main.ts", { FORMPILOT_DATA: dataDir, FORMPILOT_CREATE_PER_MINUTE: "100000" });
  try {
    const people = Array.from({ length: IMPORT_ROWS }, (_, i) => ({ name: `Person ${i}`, insuranceNumber: `12150385W${String(i).padStart(3, "0")}`, taxClass: (i % 6) + 1, hasChild: i % 2 === 1, pay: 2500 + (i % 40) * 50 }));
    // As German payroll software exports it: `;`, a byte order mark, German words and decimal commas.
    const csv = "\uFEFFName;SV-Nummer;Beschäftigung;Steuerklasse;Kind;Soll-Entgelt;Ist-Entgelt\r\n" +
      people.map((p) => [p.name, p.insuranceNumber, "regulär", p.taxClass, p.hasChild ? "ja" : "nein", `${p.pay},00`, `${p.pay / 2},00`].join(";")).join("\r\n");
    const json = JSON.stringify({ answers: { employees: people.map((p) => ({ name: p.name, insuranceNumber: p.insuranceNumber, employmentType: "regular", taxClass: p.taxClass, hasChild: p.hasChild, grossTarget: p.pay, grossActual: p.pay / 2 })) } });
    const timed = async (path: (id: string) => string, type: string, body: string) => {
      const { id, token } = (await (await fetch(`${app.url}/api/forms/short-time-work/applications`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"language":"de"}' })).json()) as { id: string; token: string };
      const t0 = performance.now();
      const res = await fetch(`${app.url}${path(id)}`, { method: "POST", headers: { "content-type": type, authorization: `Bearer ${token}` }, body });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path(id)}: ${res.status}`);
      return performance.now() - t0;
    };
    const times = { import: [] as number[], jsonAnswers: [] as number[] };
    // The first round of each warms up the routes and the store and is not counted.
    for (let round = -1; round < IMPORT_RUNS; round++) {
      const imported = await timed((id) => `/api/applications/${id}/import?pointer=/employees`, "text/csv", csv);
      const answered = await timed((id) => `/api/applications/${id}/answers`, "application/json", json);
      if (round >= 0) times.import.push(imported), times.jsonAnswers.push(answered);
    }
    const importMs = Number(median(times.import).toFixed(1));
    const jsonMs = Number(median(times.jsonAnswers).toFixed(1));
    return { rows: IMPORT_ROWS, runs: IMPORT_RUNS, importMedianMs: importMs, jsonAnswersMedianMs: jsonMs, importVsJsonAnswers: Number((importMs / jsonMs).toFixed(2)) };
  } finally {
    await stop(app.child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

const QUEUE_CASES = 100_000;
const QUEUE_RUNS = 30;

async function benchQueue() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "formpilot-queue-"));
  const file = path.join(dir, "queue.sqlite");
  try {
    const seedStart = performance.now();
    const seeded = await seedApplications(file, QUEUE_CASES);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    // The queue reads only what stays in clear; the seeded rows are left unsealed rather than sealed for minutes first.
    const store = await openSqliteStore(file, protector(TEST_KEYS, { encrypt: false }));
    try {
      const page = { offset: 0, limit: 50 };
      const newest = (await store.queue({}, "submitted_desc", { offset: 0, limit: 1 })).items[0]!;
      const queries: Record<string, () => Promise<unknown>> = {
        baselineByPrimaryKey: () => store.getApplication(newest.id),
        defaultPage: () => store.queue({}, "submitted_desc", page),
        byStatus: () => store.queue({ status: "in_review" }, "submitted_desc", page),
        byFormAndStatus: () => store.queue({ formId: seeded.formIds[0]!, status: "submitted" }, "submitted_desc", page),
        byAssignee: () => store.queue({ assigneeId: seeded.staffIds[0]! }, "submitted_desc", page),
        byReference: () => store.queue({ reference: seeded.references[0]! }, "submitted_desc", page),
        countsByStatus: () => store.countsByStatus({}),
      };
      const times: Record<string, number[]> = Object.fromEntries(Object.keys(queries).map((name) => [name, []]));
      // Round after round through all queries, so that whatever else the machine does falls on each alike; the first round warms the cache.
      for (let round = -1; round < QUEUE_RUNS; round++) {
        for (const [name, query] of Object.entries(queries)) {
          const t0 = performance.now();
          await query();
          if (round >= 0) times[name]!.push(performance.now() - t0);
        }
      }
      const ms = (n: number) => Number(n.toFixed(3));
      const stats = (runs: number[]) => {
        const sorted = [...runs].sort((a, b) => a - b);
        return { medianMs: ms(sorted[Math.floor(sorted.length / 2)]!), p95Ms: ms(sorted[Math.ceil(sorted.length * 0.95) - 1]!) };
      };
      const baseline = stats(times.baselineByPrimaryKey!);
      const results = Object.fromEntries(
        Object.entries(times).map(([name, runs]) => {
          const s = stats(runs);
          return [name, name === "baselineByPrimaryKey" ? s : { ...s, medianVsBaseline: Number((s.medianMs / baseline.medianMs).toFixed(1)) }];
        }),
      );
      return { applications: QUEUE_CASES, runs: QUEUE_RUNS, pageSize: page.limit, seedSeconds: Number(seedSeconds.toFixed(1)), ...results };
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const http = await benchHttp();
const pdf = await benchPdf();
const queue = await benchQueue();
const signIns = await benchSignIns();
const listImport = await benchImport();
const report = {
  machine: { cpus: os.cpus().length, node: process.version },
  durationSeconds: DURATION,
  connections: CONNECTIONS,
  ...http,
  stepsVsHello: Number((http.answeredSteps.requestsPerSecond / http.baseline.requestsPerSecond).toFixed(3)),
  pdf,
  queue,
  applicantGetDuringFailedSignIns: signIns,
  listImport,
};
console.log(JSON.stringify(report, null, 2));

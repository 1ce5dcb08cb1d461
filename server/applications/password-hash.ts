/**
 * bcrypt off the event loop. bcryptjs is pure JS, and even its async API computes on the main
 * thread in slices: eight failed sign-ins at once held every applicant's request for seconds.
 * Here each hash runs in one of a few worker threads, so the main thread only waits for answers.
 * The hashes are the same bcrypt hashes as before: existing accounts still verify.
 */
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";

type Job = { op: "hash"; password: string; cost: number } | { op: "compare"; password: string; hash: string };
type Answer = { id: number; value?: string | boolean; error?: string };

/**
 * The worker is plain CommonJS given as source: a worker thread does not inherit the TypeScript
 * loader, and bcryptjs is handed over as the resolved file so that it is found from anywhere.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const bcrypt = require(workerData.bcryptjs);
parentPort.on("message", ({ id, job }) => {
  try {
    const value = job.op === "hash" ? bcrypt.hashSync(job.password, job.cost) : bcrypt.compareSync(job.password, job.hash);
    parentPort.postMessage({ id, value });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

const bcryptjsPath = createRequire(import.meta.url).resolve("bcryptjs");

/** One thread fewer than the machine has, so that the event loop keeps a core; at least one. */
const POOL_SIZE = Math.max(1, Math.min(4, availableParallelism() - 1));

interface Pending {
  resolve(value: string | boolean): void;
  reject(error: Error): void;
}

class HashPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  run(job: Job): Promise<string | boolean> {
    const id = this.nextId++;
    const worker = this.worker(id);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Only waiting jobs keep the process alive: an idle pool never holds up a shutdown.
      worker.ref();
      worker.postMessage({ id, job });
    });
  }

  /** Jobs go round the threads in turn; a thread is started the first time it is needed. */
  private worker(id: number): Worker {
    const slot = id % POOL_SIZE;
    const existing = this.workers[slot];
    if (existing) return existing;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptjs: bcryptjsPath } });
    worker.unref();
    worker.on("message", (answer: Answer) => this.settle(answer));
    // A thread that dies takes its jobs with it: they fail, and the next job starts a new thread.
    worker.on("error", (error) => this.fail(slot, worker, error));
    this.workers[slot] = worker;
    return worker;
  }

  private settle({ id, value, error }: Answer): void {
    const job = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) for (const worker of this.workers) worker?.unref();
    if (!job) return;
    if (error !== undefined || value === undefined) job.reject(new Error(error ?? "no answer from the hashing thread"));
    else job.resolve(value);
  }

  private fail(slot: number, worker: Worker, error: Error): void {
    if (this.workers[slot] === worker) delete this.workers[slot];
    for (const [id, job] of this.pending) {
      if (id % POOL_SIZE === slot) {
        this.pending.delete(id);
        job.reject(error);
      }
    }
  }
}

const pool = new HashPool();

export const hashPassword = async (password: string, cost: number): Promise<string> => String(await pool.run({ op: "hash", password, cost }));

export const passwordMatches = async (password: string, hash: string): Promise<boolean> => (await pool.run({ op: "compare", password, hash })) === true;

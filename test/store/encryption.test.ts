/**
 * Encryption at rest, as someone holding only the database sees it: applications submitted
 * through a real server, on either store, leave none of their personal values readable in the
 * SQLite file and its write-ahead log, or in a dump of the PostgreSQL database; the applicant
 * still reads everything back.
 */
import { expect } from "chai";
import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { call, walkOverApi } from "../support/api";
import { binDir, testPostgres, withoutPostgres } from "../support/postgres";
import { startServer, tempDataDir } from "../support/server";
import { formsRoot } from "../../server/forms/paths";
import type { Running } from "../../server/start";

const run = promisify(execFile);
const example = async (name: string) => JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples", name), "utf8"));

const CALLBACK = { name: "Hannelore Quast", contact: "hannelore.quast@example.org", message: "Bitte rufen Sie wegen Frau Demir zurück." };
const STAFF_EMAIL = "sachbearbeitung.ziegler@amt.example";

/** The form's own texts, stored with its version: the example values they show as hints are public. */
async function publishedTexts(): Promise<string> {
  const dir = path.join(formsRoot, "short-time-work");
  const files = ["schema.json", "locales/de.json", "locales/en.json", "locales/ko.json"];
  return (await Promise.all(files.map((file) => readFile(path.join(dir, file), "utf8")))).join("\n");
}

/** What must not be readable: the names, numbers and pay of the answers, the callback request, a staff e-mail. */
async function personalValues(answers: any): Promise<string[]> {
  const published = await publishedTexts();
  const employees = answers.employees as { name: string; insuranceNumber: string; grossTarget: number; grossActual: number }[];
  return [
    answers.employer.name,
    answers.employer.companyNumber,
    answers.employer.iban,
    answers.employer.contactPerson,
    answers.employer.address.street,
    ...employees.flatMap((e) => [e.name, e.insuranceNumber, `"grossTarget":${e.grossTarget}`, `"grossActual":${e.grossActual}`]),
    CALLBACK.name,
    CALLBACK.contact,
    STAFF_EMAIL,
  ].filter((value) => !published.includes(value));
}

/** Submits the example through `server` with a callback request, and adds a staff member; returns the application's id and token. */
async function fileApplication(server: Running, answers: Record<string, unknown>): Promise<{ id: string; token: string }> {
  const created = await call(server.url, "POST", "/api/forms/short-time-work/applications", { body: { language: "de" } });
  const { id, token } = created.body as { id: string; token: string };
  expect((await walkOverApi(server.url, id, token, answers)).state.step).to.deep.include({ kind: "review", complete: true });
  expect((await call(server.url, "POST", `/api/applications/${id}/callback-requests`, { token, body: CALLBACK })).status).to.equal(201);
  expect((await call(server.url, "POST", `/api/applications/${id}/submit`, { token, body: { declaration: true } })).status).to.equal(200);
  await server.store.createStaff({ id: "staff-1", email: STAFF_EMAIL, name: "Ziegler", role: "caseworker", passwordHash: "!", createdAt: new Date().toISOString() });
  return { id, token };
}

/** The applicant reads back their answers, their PDF and their callback request, as before. */
async function expectReadable(server: Running, { id, token }: { id: string; token: string }, answers: any): Promise<void> {
  const state = await call(server.url, "GET", `/api/applications/${id}`, { token });
  expect(JSON.stringify(state.body)).to.include(answers.employer.iban).and.include(answers.employees[0].name);
  const pdf = await call(server.url, "GET", `/api/applications/${id}/pdf`, { token });
  expect(pdf.headers.get("content-type")).to.equal("application/pdf");
  expect((pdf.body as Buffer).subarray(0, 5).toString()).to.equal("%PDF-");
  const callbacks = await call(server.url, "GET", `/api/applications/${id}/callback-requests`, { token });
  expect(callbacks.body.requests[0]).to.include({ name: CALLBACK.name, contact: CALLBACK.contact });
  expect((await server.store.staffByEmail(STAFF_EMAIL.toUpperCase()))?.email).to.equal(STAFF_EMAIL);
  // Caseworkers find the case by what the form marks for look-up, typed as people type it, through the blind index.
  const iban = (answers.employer.iban as string).replace(/(.{4})/g, "$1 ").toLowerCase();
  expect(await server.store.findByLookup("iban", iban)).to.deep.equal([id]);
  expect(await server.store.findByLookup("companyNumber", answers.employer.companyNumber)).to.deep.equal([id]);
  expect(await server.store.findByLookup("iban", "DE02120300000000202051")).to.deep.equal([]);
}

/** The personal values of `answers` found in `haystack`; there are many to look for, the IBAN and the names among them. */
async function found(haystack: Buffer, answers: any): Promise<string[]> {
  const needles = await personalValues(answers);
  expect(needles).to.include(answers.employer.iban).and.include(answers.employees[0].name).and.have.length.greaterThan(12);
  return needles.filter((needle) => haystack.includes(Buffer.from(needle, "utf8")));
}

describe("encryption at rest", () => {
  it("SQLite: the database file and its write-ahead log hold none of the personal values, and the applicant reads them all", async function () {
    this.timeout(60_000);
    const { answers } = await example("economic-eligible.json");
    const dir = await tempDataDir();
    const server = await startServer(dir);
    try {
      const filed = await fileApplication(server, answers);
      await expectReadable(server, filed, answers);
      const file = path.join(dir, "formpilot.sqlite");
      // While the server runs, the latest writes are in the log, not yet in the file.
      const wal = await readFile(`${file}-wal`);
      expect(wal.length).to.be.greaterThan(0);
      expect(await found(Buffer.concat([await readFile(file), wal]), answers)).to.deep.equal([]);
    } finally {
      await server.close();
    }
    // Closing folds the log into the file.
    expect(await found(await readFile(path.join(dir, "formpilot.sqlite")), answers)).to.deep.equal([]);
    await rm(dir, { recursive: true, force: true });
  });

  it("PostgreSQL: a dump of the database holds none of the personal values, and the applicant reads them all", async function () {
    this.timeout(60_000);
    const postgres = await testPostgres();
    if (typeof postgres === "string") return withoutPostgres(this, postgres);
    const bin = await binDir();
    if (!bin) return withoutPostgres(this, "pg_dump is not installed");
    const url = await postgres.createDatabase();
    const { answers } = await example("economic-eligible.json");
    const server = await startServer(undefined, { DATABASE_URL: url });
    try {
      const filed = await fileApplication(server, answers);
      await expectReadable(server, filed, answers);
      const { stdout } = await run(path.join(bin, "pg_dump"), ["--dbname", url], { maxBuffer: 64 * 1024 * 1024, encoding: "buffer" });
      expect(stdout.includes(Buffer.from(filed.id))).to.equal(true);
      expect(await found(stdout, answers)).to.deep.equal([]);
    } finally {
      await server.close();
      await postgres.dropDatabase(url);
    }
  });
});

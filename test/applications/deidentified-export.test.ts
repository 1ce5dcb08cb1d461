/** The de-identified export: what a statistician receives of submitted applications, and what never leaves. */
import { expect } from "chai";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadRegistry } from "../../server/forms/registry";
import { formsRoot } from "../../server/forms/paths";
import { answerSeveral, startApplication, submitApplication, type Services } from "../../server/applications/service";
import { openSqliteStore } from "../../server/store/sqlite/sqlite-store";
import { exportCommand } from "../../server/cli/export";
import type { Store } from "../../server/store/store";
import { formatTable } from "../../server/applications/table-formats";
import { TEST_KEY, TEST_PROTECTOR } from "../support/keys";

const employee = (i: number, more: Record<string, unknown> = {}) => ({
  name: `Beschäftigte Nummer${i}`,
  insuranceNumber: `12${String(150000 + i)}W${String(100 + i).slice(-3)}`,
  employmentType: "regular",
  taxClass: 1,
  hasChild: false,
  grossTarget: 3210 + i,
  grossActual: 1920,
  ...more,
});

function claim(n: number, change: { sector?: string; employees?: unknown[] } = {}) {
  return {
    employer: {
      name: `Geheimfirma ${n} GmbH`,
      companyNumber: String(40000000 + n),
      address: { street: `Verschwiegene Gasse ${n}`, postcode: `7056${n % 10}`, city: "Stuttgart" },
      employmentAgency: "Agentur für Arbeit Stuttgart",
      contactPerson: `Kontakt Person${n}`,
      phone: `0711 55500${n}`,
      iban: "DE89370400440532013000",
      sector: change.sector ?? "manufacturing",
      hasWorksCouncil: false,
    },
    workforce: { totalEmployees: 12, affectedEmployees: 5 },
    lossOfWork: { cause: "economic", economicReason: "lackOfOrders", explanation: `Vertrauliche Begründung Nummer ${n}: der Kunde hat gekürzt.` },
    avoidance: { overtimeUsed: true, leaveUsed: true },
    period: { claimMonth: "2025-03", start: `2025-03-0${1 + (n % 9)}`, expectedEnd: "2025-08-31", normalWeeklyHours: 40, reducedWeeklyHours: 24 },
    employees: change.employees ?? [employee(n)],
  };
}

describe("the de-identified export", function () {
  this.timeout(60000);
  let dir: string;
  let file: string;
  let store: Store;
  const ids: string[] = [];
  const references: string[] = [];

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "formpilot-export-"));
    file = path.join(dir, "formpilot.sqlite");
    store = await openSqliteStore(file, TEST_PROTECTOR);
    const loaded = await loadRegistry(formsRoot);
    if (!loaded.ok) throw new Error(loaded.report);
    for (const form of loaded.registry.all()) await store.registerFormVersion({ formId: form.id, version: form.version, schema: form.schema, locales: form.locales, registeredAt: "2026-03-01T00:00:00Z" });
    const s: Services = { registry: loaded.registry, store, now: () => new Date("2026-03-10T10:00:00Z"), renderPdf: async () => Buffer.from("%PDF-") };
    const file_ = async (answers: unknown, submit = true) => {
      const started = await startApplication(s, "short-time-work", "de");
      if (!started.ok) throw new Error(JSON.stringify(started.problems));
      const answered = await answerSeveral(s, started.value.form, started.value.record, answers);
      if (!answered.ok) throw new Error(JSON.stringify(answered.problems));
      if (!submit) return;
      const submitted = await submitApplication(s, started.value.form, answered.value.record, true, "api");
      if (!submitted.ok) throw new Error(JSON.stringify(submitted.problems));
      ids.push(submitted.value.id);
      references.push(submitted.value.reference!);
    };
    // Five firms alike in everything the export shows: a cell of exactly five cases.
    for (let n = 1; n <= 5; n++) await file_(claim(n));
    // One firm alike but for one employee's pay band: alone in its cell.
    await file_(claim(6, { employees: [employee(6, { grossTarget: 4800 })] }));
    // One construction firm with six employees alike: six rows, but one case.
    await file_(claim(7, { sector: "construction", employees: [1, 2, 3, 4, 5, 6].map((i) => employee(70 + i)) }));
    // A draft is not exported.
    await file_({ employer: { name: "Entwurf Unsichtbar GmbH" } }, false);
  });

  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function run(args: string[], env: Record<string, string> = {}) {
    let out = "";
    const err: string[] = [];
    const code = await exportCommand(args, { DATABASE_URL: file, FORMPILOT_DATA: dir, FORMPILOT_SECRET: "export-test-secret", FORMPILOT_KEY: TEST_KEY, ...env }, { out: (t) => (out += t), err: (l) => err.push(l) });
    return { code, out, err: err.join("\n") };
  }

  const rowsOf = async (env: Record<string, string> = {}) => {
    const { code, out } = await run(["--form", "short-time-work", "--deidentified", "--format", "json"], env);
    expect(code).to.equal(0);
    return JSON.parse(out) as Record<string, unknown>[];
  };

  it("leaves out every identifier, name, contact and free text, and the ids and references", async () => {
    const csv = (await run(["--form", "short-time-work", "--deidentified"])).out;
    const header = csv.split("\r\n")[0]!.split(",");
    for (const dropped of ["employer/name", "employer/companyNumber", "employer/address/street", "employer/address/city", "employer/contactPerson", "employer/phone", "employer/iban", "lossOfWork/explanation", "employees/*/name", "employees/*/insuranceNumber", "employees/*/taxClass"])
      expect(header).to.not.include(dropped);
    expect(header).to.include.members(["application", "employer/sector", "employees/*/grossTarget", "period/start"]);
    for (const secret of ["Geheimfirma", "4000000", "Verschwiegene", "Kontakt", "0711", "DE89370400440532013000", "Vertrauliche", "Beschäftigte", "12150001W", "Entwurf", ...ids, ...references])
      expect(csv).to.not.include(secret);
  });

  it("names each application by a pseudonym that the same key repeats and another key changes", async () => {
    const first = await rowsOf({ FORMPILOT_EXPORT_KEY: "statistics-2026" });
    const again = await rowsOf({ FORMPILOT_EXPORT_KEY: "statistics-2026" });
    const other = await rowsOf({ FORMPILOT_EXPORT_KEY: "another-key" });
    const fromSecret = await rowsOf();
    expect(again).to.deep.equal(first);
    const pseudonyms = (rows: Record<string, unknown>[]) => [...new Set(rows.map((r) => r.application as string))];
    expect(pseudonyms(first)).to.have.length(7);
    expect(pseudonyms(first).every((p) => /^[0-9a-f]{20}$/.test(p))).to.equal(true);
    for (const p of pseudonyms(other)) expect(pseudonyms(first)).to.not.include(p);
    for (const p of pseudonyms(fromSecret)) expect(pseudonyms(first)).to.not.include(p);
    expect(other.map((r) => ({ ...r, application: "" }))).to.deep.equal(first.map((r) => ({ ...r, application: "" })));
  });

  it("exports one row per employee and coarsens pay, dates, counts and postcodes as the form marks them", async () => {
    const rows = await rowsOf();
    expect(rows).to.have.length(5 + 1 + 6);
    const alike = rows.filter((r) => r["employer/sector"] === "manufacturing" && r["employees/*/grossTarget"] === "3000–3500");
    expect(alike).to.have.length(5);
    expect(alike[0]).to.include({
      "period/start": "2025-03",
      "period/claimMonth": "2025-03",
      "employer/address/postcode": "70",
      "workforce/totalEmployees": "10–20",
      "employees/*/grossActual": "1500–2000",
      "period/normalWeeklyHours": 40,
      submittedMonth: "2026-03",
      status: "submitted",
      formVersion: "1.2.0",
    });
  });

  it("suppresses the quasi-identifiers of rows whose combination fewer than five applications share", async () => {
    const rows = await rowsOf();
    const suppressed = rows.filter((r) => r["employer/sector"] === "*");
    // The firm with another pay band, and the six employees of the one construction firm.
    expect(suppressed).to.have.length(1 + 6);
    expect(new Set(suppressed.map((r) => r.application)).size).to.equal(2);
    for (const row of suppressed) {
      expect(row).to.include({ "employees/*/grossTarget": "*", "period/start": "*", status: "*", "employer/address/postcode": "*" });
      // Exact numbers are the measures, not part of the cell: they stay.
      expect(row["period/normalWeeklyHours"]).to.equal(40);
    }
    expect(rows.filter((r) => r["employer/sector"] === "construction")).to.deep.equal([]);
  });

  it("writes a file readable only by its owner, and refuses the full export, unknown forms and wrong flags with exit code 2", async () => {
    const out = path.join(dir, "export.csv");
    const written = await run(["--form", "short-time-work", "--deidentified", "--out", out]);
    expect(written.code).to.equal(0);
    expect(written.err).to.include("12 rows").and.include("7 of them");
    expect((await readFile(out, "utf8")).split("\r\n")[0]).to.match(/^application,/);
    expect((await stat(out)).mode & 0o777).to.equal(0o600);

    const full = await run(["--form", "short-time-work"]);
    expect(full).to.deep.include({ code: 2, out: "" });
    expect(full.err).to.include("Only the de-identified export is offered");
    const unknown = await run(["--form", "no-such-form", "--deidentified"]);
    expect(unknown.code).to.equal(2);
    expect(unknown.err).to.include('"no-such-form" is not a form').and.include("short-time-work");
    expect((await run(["--form", "short-time-work", "--deidentified", "--format", "xlsx"])).err).to.include('"xlsx" is not an export format');
    expect((await run(["--form", "short-time-work", "--deidentified", "--everything"])).code).to.equal(2);
    expect((await run(["--deidentified"])).err).to.include("Usage: npm run export");
  });

  it("quotes CSV fields as RFC 4180 says, and keeps a spreadsheet from running a text as a formula", () => {
    const table = { columns: ["a", "b"], rows: [["=HYPERLINK(\"x\")", 'Müller, "Sohn"'], [-3, null]] };
    expect(formatTable(table, "csv")).to.equal('a,b\r\n"\'=HYPERLINK(""x"")","Müller, ""Sohn"""\r\n-3,\r\n');
    expect(JSON.parse(formatTable(table, "json"))).to.deep.equal([{ a: '=HYPERLINK("x")', b: 'Müller, "Sohn"' }, { a: -3, b: null }]);
  });
});

import { expect } from "chai";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { brokenFixture, editJson, formpilot, removeTemps } from "./helpers";
import { loadRegistry } from "../../server/forms/registry";
import { pino } from "pino";
import { loadConfig } from "../../server/config";
import { start } from "../../server/start";
import { tempDataDir } from "../support/server";
import { call, walkOverApi } from "../support/api";
import { pdfText } from "../support/pdf-text";
import { fixturesRoot } from "../support/forms";

async function serve(dataDir: string, root: string) {
  const config = await loadConfig({ FORMPILOT_DATA: dataDir, PORT: "0", FORMPILOT_SECRET: "test-secret", FORMPILOT_CREATE_PER_MINUTE: "1000" });
  const started = await start(config, pino({ level: "silent" }), root);
  if (!started.ok) throw new Error(started.message);
  return started.running;
}

/** Archives 1.0.0 and publishes 1.1.0: adds /phone, removes /tags, and makes emailConsent depend on iban instead of email. */
async function publishSecondVersion(dir: string): Promise<void> {
  const archived = await formpilot("archive", dir);
  expect(archived.code, archived.err.join("\n")).to.equal(0);
  await editJson(path.join(dir, "schema.json"), (s) => {
    s["x-form"].version = "1.1.0";
    s.properties.phone = { type: "string" };
    delete s.properties.tags;
    s.properties.applicant.dependentRequired = { iban: ["emailConsent"] };
  });
  for (const lang of ["en", "de", "ko"]) {
    await editJson(path.join(dir, "locales", `${lang}.json`), (l) => {
      l.fields["/phone"] = { title: "Phone" };
      delete l.fields["/tags"];
    });
  }
  const types = await formpilot("types", path.dirname(dir));
  expect(types.code, types.err.join("\n")).to.equal(0);
}

async function twoVersions(): Promise<string> {
  return brokenFixture(async (dir) => {
    await rm(path.join(dir, "examples"), { recursive: true, force: true });
    await publishSecondVersion(dir);
  });
}

describe("form versions", () => {
  afterEach(removeTemps);

  it("archive copies the package into versions/<version>/ and refuses a changed copy of the same version", async () => {
    const dir = await brokenFixture(async () => {});
    expect((await formpilot("archive", dir)).code).to.equal(0);
    const archivedSchema = JSON.parse(await readFile(path.join(dir, "versions/1.0.0/schema.json"), "utf8"));
    expect(archivedSchema["x-form"].version).to.equal("1.0.0");
    expect((await formpilot("archive", dir)).code).to.equal(0);
    await writeFile(path.join(dir, "versions/1.0.0/schema.json"), JSON.stringify({ ...archivedSchema, title: "changed" }));
    const again = await formpilot("archive", dir);
    expect(again.code).to.equal(1);
    expect(again.err.join("\n")).to.include("already archived with different content");
  });

  it("diff reports exactly the added, removed and changed questions", async () => {
    const dir = await twoVersions();
    const run = await formpilot("diff", dir, "1.0.0", "--json");
    expect(run.code, run.err.join("\n")).to.equal(0);
    const diff = JSON.parse(run.out.join("\n"));
    expect(diff.from).to.equal("1.0.0");
    expect(diff.to).to.equal("1.1.0");
    expect(diff.added.map((q: { template: string }) => q.template)).to.deep.equal(["/phone"]);
    expect(diff.removed.map((q: { template: string }) => q.template)).to.deep.equal(["/tags"]);
    expect(diff.changed).to.deep.equal([
      { template: "/applicant/emailConsent", field: "conditions", from: ["when email is answered"], to: ["when iban is answered"] },
    ]);
    const text = await formpilot("diff", dir, "1.0.0");
    expect(text.out.join("\n")).to.include("+ /phone").and.include("- /tags").and.include("~ /applicant/emailConsent");
  });

  it("the registry serves the current and every archived version", async () => {
    const dir = await twoVersions();
    const loaded = await loadRegistry(path.dirname(dir));
    if (!loaded.ok) throw new Error(loaded.report);
    expect(loaded.registry.versions("branching")).to.deep.equal(["1.0.0", "1.1.0"]);
    expect(loaded.registry.get("branching")?.version).to.equal("1.1.0");
    expect(loaded.registry.get("branching", "1.0.0")?.nodes.has("/tags")).to.equal(true);
    expect(loaded.registry.get("branching", "1.1.0")?.nodes.has("/tags")).to.equal(false);
    expect(loaded.registry.get("branching", "0.9.0")).to.equal(undefined);
    expect(loaded.registry.all().map((f) => f.version)).to.deep.equal(["1.1.0"]);
  });

  it("an application started on 1.0.0 stays on 1.0.0 after a restart on 1.1.0, and submits with 1.0.0's questions", async () => {
    const shop = JSON.parse(await readFile(path.join(fixturesRoot, "branching/examples/shop.json"), "utf8"));
    const dir = await brokenFixture(async (d) => {
      await rm(path.join(d, "examples"), { recursive: true, force: true });
    });
    const root = path.dirname(dir);
    const dataDir = await tempDataDir();
    let server = await serve(dataDir, root);
    const created = (await call(server.url, "POST", "/api/forms/branching/applications", { body: { language: "en" } })).body;
    expect(created.formVersion).to.equal("1.0.0");
    await server.close();

    // The author archives 1.0.0 and publishes 1.1.0.
    await publishSecondVersion(dir);

    server = await serve(dataDir, root);
    try {
      const fresh = (await call(server.url, "POST", "/api/forms/branching/applications", { body: { language: "en" } })).body;
      expect(fresh.formVersion).to.equal("1.1.0");
      const { state, asked } = await walkOverApi(server.url, created.id, created.token, shop.answers);
      expect(state.formVersion).to.equal("1.0.0");
      expect(asked).to.deep.equal(shop.expect.asked);
      expect(asked).to.include("/tags").and.not.include("/phone");
      expect((await call(server.url, "POST", `/api/applications/${created.id}/submit`, { token: created.token, body: { declaration: true } })).status).to.equal(200);
      const pdf = await call(server.url, "GET", `/api/applications/${created.id}/pdf`, { token: created.token });
      expect(pdf.status).to.equal(200);
      const text = await pdfText(pdf.body as Buffer);
      // emailConsent is asked under 1.0.0 because the e-mail is answered (under 1.1.0 only with an IBAN, left blank here).
      expect(asked).to.include("/applicant/emailConsent");
      expect(text).to.include("May we write to you?").and.not.include("Phone");
    } finally {
      await server.close();
    }
  });
});

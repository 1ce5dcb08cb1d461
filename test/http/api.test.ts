/**
 * The JSON API end to end, as a mobile app or messenger bot uses it: a real server, a real SQLite
 * file, the bundled short-time-work form walked question by question, submitted, and its PDF read.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { startServer, tempDataDir } from "../support/server";
import { call, walkOverApi } from "../support/api";
import { responseProblem } from "../support/openapi";
import { pdfText } from "../support/pdf-text";
import { formsRoot } from "../../server/forms/paths";
import { standardSchema } from "../../server/http/api/openapi";
import { ANNOTATIONS } from "../../server/engine/ajv";
import type { Running } from "../../server/start";

const example = async (name: string) => JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples", name), "utf8"));

describe("the JSON API", () => {
  let server: Running;
  let base: string;
  before(async () => {
    server = await startServer();
    base = server.url;
  });
  after(() => server.close());

  async function create(language = "en") {
    const res = await call(base, "POST", "/api/forms/short-time-work/applications", { body: { language } });
    expect(res.status).to.equal(201);
    return res.body as { id: string; token: string; [k: string]: any };
  }

  it("walks short-time-work through every branch, submits it and serves its PDF with the answers and the estimate", async () => {
    const { answers, expect: want } = await example("unavoidable-event-every-branch.json");
    const created = await create("de");
    expect(created).to.include({ formId: "short-time-work", status: "draft", language: "de" });
    expect(created.token).to.have.length.greaterThan(40);
    expect(created.step).to.include({ kind: "question", pointer: "/employer/name" });

    const { state, asked } = await walkOverApi(base, created.id, created.token, answers);
    expect(asked).to.deep.equal(want.asked);
    expect(state.step).to.deep.equal({ kind: "review", complete: true, problems: [] });
    expect(state.answers).to.deep.equal(answers);
    const total = state.derived.values.find((v: any) => v.pointer === "/allowanceTotal");
    expect(total.value).to.be.closeTo(want.derived["/allowanceTotal"], 0.005);

    const submitted = await call(base, "POST", `/api/applications/${created.id}/submit`, { token: created.token, body: { declaration: true } });
    expect(submitted.status).to.equal(200);
    expect(submitted.body.reference).to.match(/^STW-\d{4}-\d{6}$/);
    expect(submitted.body.status).to.equal("submitted");

    const pdf = await call(base, "GET", `/api/applications/${created.id}/pdf`, { token: created.token });
    expect(pdf.status).to.equal(200);
    expect(pdf.headers.get("content-type")).to.equal("application/pdf");
    const text = (await pdfText(pdf.body)).replace(/\s+/g, " ");
    for (const needle of ["Landgasthof Ahrblick GmbH & Co. KG", "Katrin Schmitz", "Marco Rossi", submitted.body.reference, total.display.replace(/\s+/g, " ")]) {
      expect(text).to.include(needle);
    }
  });

  it("takes several answers at once, with the same checks", async () => {
    const { id, token } = await create();
    const res = await call(base, "POST", `/api/applications/${id}/answers`, { token, body: { answers: { employer: { name: "Bäckerei Kim", companyNumber: "12345678" } } } });
    expect(res.status).to.equal(200);
    expect(res.body.step.pointer).to.equal("/employer/address/street");
    const bad = await call(base, "POST", `/api/applications/${id}/answers`, { token, body: { answers: { employer: { companyNumber: "12" } } } });
    expect(bad.status).to.equal(422);
    expect(bad.body.errors[0]).to.include({ code: "pattern", pointer: "/employer/companyNumber" });
  });

  it("reads a typed answer as its question's kind and says how it read it", async () => {
    const { id, token } = await create("de");
    const res = await call(base, "POST", `/api/applications/${id}/answers`, { token, body: { pointer: "/workforce/totalEmployees", value: "etwa 20" } });
    expect(res.status).to.equal(200);
    expect(res.body.interpreted).to.deep.equal({ pointer: "/workforce/totalEmployees", value: 20 });
    expect(res.body.answers.workforce).to.deep.equal({ totalEmployees: 20 });
  });

  it("goes back to the previous question asked", async () => {
    const { id, token } = await create();
    await call(base, "POST", `/api/applications/${id}/answers`, { token, body: { pointer: "/employer/name", value: "Kim" } });
    const back = await call(base, "POST", `/api/applications/${id}/back`, { token });
    expect(back.status).to.equal(200);
    expect(back.body.step).to.include({ pointer: "/employer/name", value: "Kim" });
  });

  describe("checks across answers", () => {
    const post = (id: string, token: string, body: unknown) => call(base, "POST", `/api/applications/${id}/answers`, { token, body });

    it("refuses an expected end before the start with the rule's figures and the other answer, in the application's language; a later end is taken", async () => {
      const messages = {
        de: "Ihre Antwort auf „Bis wann wird voraussichtlich kurzgearbeitet?“ (1. März 2026) liegt vor Ihrer Antwort auf „Ab wann wird kurzgearbeitet?“ (15. März 2026). Ändern Sie eine der beiden Antworten.",
        en: "Your answer to “When is short-time work expected to end?” (1 March 2026) is before your answer to “When does short-time work start?” (15 March 2026). Change one of them.",
      };
      for (const [language, message] of Object.entries(messages)) {
        const { id, token } = await create(language);
        expect((await post(id, token, { answers: { period: { start: "2026-03-15" } } })).status).to.equal(200);
        const refused = await post(id, token, { pointer: "/period/expectedEnd", value: "2026-03-01" });
        expect(refused.status).to.equal(422);
        expect(refused.body.errors).to.deep.equal([
          { code: "formatMinimum", pointer: "/period/expectedEnd", message, params: { limit: "2026-03-15", comparison: ">=" }, related: ["/period/start"] },
        ]);
        expect((await call(base, "GET", `/api/applications/${id}`, { token })).body.answers.period).to.deep.equal({ start: "2026-03-15" });
        expect((await post(id, token, { pointer: "/period/expectedEnd", value: "2026-03-31" })).status).to.equal(200);
      }
    });

    it("refuses more affected employees than employees, and a start moved after the end; changing the other answer fixes each", async () => {
      const { id, token } = await create("en");
      expect((await post(id, token, { answers: { workforce: { totalEmployees: 20 }, period: { start: "2026-03-01", expectedEnd: "2026-03-31" } } })).status).to.equal(200);
      const affected = await post(id, token, { pointer: "/workforce/affectedEmployees", value: 21 });
      expect(affected.status).to.equal(422);
      expect(affected.body.errors[0]).to.deep.include({ code: "maximum", pointer: "/workforce/affectedEmployees", related: ["/workforce/totalEmployees"], params: { limit: 20, comparison: "<=" } });
      expect(affected.body.errors[0].message).to.include("(21 persons)").and.include("(20 persons)");
      expect((await post(id, token, { answers: { workforce: { totalEmployees: 21, affectedEmployees: 21 } } })).status).to.equal(200);

      const start = await post(id, token, { answers: { period: { start: "2026-04-01" } } });
      expect(start.status).to.equal(422);
      expect(start.body.errors[0]).to.deep.include({ code: "formatMinimum", pointer: "/period/start", related: ["/period/expectedEnd"] });
      expect((await post(id, token, { answers: { period: { start: "2026-04-01", expectedEnd: "2026-04-30" } } })).status, "both moved at once").to.equal(200);
    });

    it("refuses the last day of a measure before its first in employment-retention-kr, in Korean", async () => {
      const created = await call(base, "POST", "/api/forms/employment-retention-kr/applications", { body: { language: "ko" } });
      const { id, token } = created.body;
      const refused = await post(id, token, { answers: { measure: { type: "leave", start: "2026-03-01", end: "2026-02-01" } } });
      expect(refused.status).to.equal(422);
      expect(refused.body.errors).to.deep.equal([
        {
          code: "formatMinimum",
          pointer: "/measure/end",
          message: "“조치 종료일”의 답(2026년 2월 1일)이 “조치 시작일”의 답(2026년 3월 1일)보다 앞섭니다. 둘 중 하나를 고쳐 주세요.",
          params: { limit: "2026-03-01", comparison: ">=" },
          related: ["/measure/start"],
        },
      ]);
      expect((await post(id, token, { answers: { measure: { type: "leave", start: "2026-01-01", end: "2026-02-01" } } })).status).to.equal(200);
    });
  });

  describe("bad input gets a clear error and changes nothing stored", () => {
    let id: string;
    let token: string;
    let before: any;
    beforeEach(async () => {
      ({ id, token } = await create("de"));
      await call(base, "POST", `/api/applications/${id}/answers`, { token, body: { pointer: "/employer/name", value: "Kim GmbH" } });
      before = (await call(base, "GET", `/api/applications/${id}`, { token })).body;
    });
    const unchanged = async () => expect((await call(base, "GET", `/api/applications/${id}`, { token })).body).to.deep.equal(before);

    it("an unknown form", async () => {
      const res = await call(base, "POST", "/api/forms/no-such-form/applications", { body: {} });
      expect(res.status).to.equal(404);
      expect(res.body.errors[0]).to.include({ code: "unknown_form" });
    });

    it("no token, an unknown id, or another application's token: 401/404 and nothing revealed", async () => {
      expect((await call(base, "GET", `/api/applications/${id}`)).status).to.equal(401);
      const unknown = await call(base, "GET", "/api/applications/00000000-0000-0000-0000-000000000000", { token });
      const other = await create();
      const foreign = await call(base, "GET", `/api/applications/${id}`, { token: other.token });
      expect(unknown.status).to.equal(404);
      expect(foreign.status).to.equal(404);
      expect(foreign.body).to.deep.equal(unknown.body);
      expect((await call(base, "POST", `/api/applications/${id}/answers`, { token: other.token, body: { pointer: "/employer/companyNumber", value: "12345678" } })).status).to.equal(404);
      await unchanged();
    });

    it("an answer of the wrong type, in the application's language", async () => {
      const res = await call(base, "POST", `/api/applications/${id}/answers`, { token, body: { pointer: "/employer/companyNumber", value: "zwölf" } });
      expect(res.status).to.equal(422);
      expect(res.body.errors).to.have.length(1);
      expect(res.body.errors[0]).to.include({ pointer: "/employer/companyNumber" });
      expect(res.body.errors[0].message).to.match(/Betriebsnummer|muss/);
      await unchanged();
    });

    it("an answer to a question that does not exist or is not active", async () => {
      const unknown = await call(base, "POST", `/api/applications/${id}/answers`, { token, body: { pointer: "/employer/shoeSize", value: 42 } });
      expect(unknown.status).to.equal(422);
      expect(unknown.body.errors[0]).to.include({ code: "unknown_question", pointer: "/employer/shoeSize" });
      const inactive = await call(base, "POST", `/api/applications/${id}/answers`, { token, body: { pointer: "/lossOfWork/economicReason", value: "lackOfOrders" } });
      expect(inactive.status).to.equal(422);
      expect(inactive.body.errors[0]).to.include({ code: "not_active" });
      await unchanged();
    });

    it("a body that is not an answer, malformed JSON, an oversized body", async () => {
      expect((await call(base, "POST", `/api/applications/${id}/answers`, { token, body: { value: 1 } })).status).to.equal(422);
      const malformed = await call(base, "POST", `/api/applications/${id}/answers`, { token, raw: '{"pointer": "/employer/name", ' });
      expect(malformed.status).to.equal(400);
      expect(malformed.body.errors[0]).to.include({ code: "malformed_json" });
      const huge = await call(base, "POST", `/api/applications/${id}/answers`, { token, body: { pointer: "/employer/name", value: "x".repeat(600_000) } });
      expect(huge.status).to.equal(413);
      expect(huge.body.errors[0]).to.include({ code: "too_large" });
      await unchanged();
    });

    it("submitting an incomplete application", async () => {
      const res = await call(base, "POST", `/api/applications/${id}/submit`, { token, body: { declaration: true } });
      expect(res.status).to.equal(422);
      expect(res.body.errors[0]).to.include({ code: "incomplete", pointer: "/employer/companyNumber" });
      expect((await call(base, "GET", `/api/applications/${id}/pdf`, { token })).status).to.equal(404);
      await unchanged();
    });

    it("an unknown language", async () => {
      const res = await call(base, "POST", "/api/forms/short-time-work/applications", { body: { language: "fr" } });
      expect(res.status).to.equal(422);
      expect(res.body.errors[0]).to.include({ pointer: "/language" });
    });
  });

  it("refuses a resubmission and any change after submitting, keeping the submitted PDF", async () => {
    const { answers } = await example("economic-eligible.json");
    const { id, token } = await create();
    expect((await call(base, "POST", `/api/applications/${id}/answers`, { token, body: { answers } })).status).to.equal(200);
    const done = await walkOverApi(base, id, token, answers);
    expect(done.state.complete).to.equal(true);
    expect((await call(base, "POST", `/api/applications/${id}/submit`, { token, body: { declaration: true } })).status).to.equal(200);
    const pdf = (await call(base, "GET", `/api/applications/${id}/pdf`, { token })).body as Buffer;
    const again = await call(base, "POST", `/api/applications/${id}/submit`, { token, body: { declaration: true } });
    expect(again.status).to.equal(409);
    expect(again.body.errors[0]).to.include({ code: "already_submitted" });
    expect((await call(base, "POST", `/api/applications/${id}/answers`, { token, body: { pointer: "/employer/name", value: "Other" } })).status).to.equal(409);
    expect((await call(base, "POST", `/api/applications/${id}/back`, { token })).status).to.equal(409);
    expect(((await call(base, "GET", `/api/applications/${id}/pdf`, { token })).body as Buffer).equals(pdf)).to.equal(true);
  });

  it("describes itself in OpenAPI 3.1, with each form's own schema for its answers", async () => {
    const res = await call(base, "GET", "/openapi.json");
    expect(res.status).to.equal(200);
    expect(res.body.openapi).to.equal("3.1.0");
    expect(Object.keys(res.body.paths)).to.include.members([
      "/api/forms/{formId}/applications", "/api/applications/{id}", "/api/applications/{id}/answers",
      "/api/applications/{id}/back", "/api/applications/{id}/submit", "/api/applications/{id}/pdf",
    ]);
    const schema = JSON.parse(await readFile(path.join(formsRoot, "short-time-work/schema.json"), "utf8"));
    expect(res.body.components.schemas["Answers.short-time-work"].properties).to.deep.equal(standardSchema(schema).properties);

    // The document is not only prose: every response in these tests is checked against it (test/support/api.ts), and the check catches drift.
    const created = await create();
    const state = (await call(base, "GET", `/api/applications/${created.id}`, { token: created.token })).body;
    const document = JSON.stringify(res.body);
    const check = (status: number, body: unknown) => responseProblem(document, "GET", `/api/applications/${created.id}`, status, "application/json", body);
    expect(check(200, state)).to.equal(undefined);
    expect(check(200, { ...state, surprise: 1 })).to.match(/additional properties/);
    expect(check(200, { ...state, step: { ...state.step, hint: "new" } })).to.match(/additional properties/);
    const { progress: _progress, ...withoutProgress } = state;
    expect(check(200, withoutProgress)).to.match(/progress/);
    expect(check(302, {})).to.match(/status is not documented/);
    expect(check(418, { errors: [] }), "a client mistake names at least one problem").to.match(/fewer than 1/);
    const crossed = await call(base, "POST", `/api/applications/${created.id}/answers`, { token: created.token, body: { answers: { period: { start: "2026-03-15", expectedEnd: "2026-03-01" } } } });
    expect(crossed.body.errors[0].related).to.deep.equal(["/period/start"]);
  });

  it("publishes the forms' schemas without Ajv's $data and formatMinimum, which standard tools reject, and says what the server also checks", async () => {
    const res = await call(base, "GET", "/openapi.json");
    const document = JSON.stringify(res.body);
    for (const keyword of ["$data", "formatMinimum", "formatMaximum", "formatExclusiveMinimum", "formatExclusiveMaximum"]) {
      expect(document, keyword).to.not.include(`"${keyword}":`);
    }
    const stw = res.body.components.schemas["Answers.short-time-work"].properties;
    expect(stw.period.properties.expectedEnd.description).to.equal("Also checked by the server, with Ajv extensions left out here: formatMinimum from the answer at 1/start.");
    expect(stw.workforce.properties.affectedEmployees).to.include({ minimum: 1, description: "Also checked by the server, with Ajv extensions left out here: maximum from the answer at 1/totalEmployees." });
    // A standard validator in strict mode takes every published schema as it is.
    const strict = new Ajv2020({ strict: true, strictRequired: false, strictTypes: false, validateFormats: false });
    // Formpilot's own annotations (documented in forms/README.md) are a vocabulary it declares.
    strict.addVocabulary([...ANNOTATIONS, "components"]);
    strict.addSchema({ $id: "openapi.json", components: res.body.components });
    for (const name of Object.keys(res.body.components.schemas).filter((n) => n.startsWith("Answers."))) {
      expect(() => strict.getSchema(`openapi.json#/components/schemas/${name}`), name).to.not.throw();
    }
  });

  it("sends security headers and forbids caching of applications", async () => {
    const { id, token } = await create();
    const res = await call(base, "GET", `/api/applications/${id}`, { token });
    expect(res.headers.get("cache-control")).to.equal("no-store");
    expect(res.headers.get("content-security-policy")).to.include("script-src 'self'");
    expect(res.headers.get("x-content-type-options")).to.equal("nosniff");
  });
});

describe("the JSON API across a restart", () => {
  it("keeps every acknowledged answer, and the application continues where it was", async () => {
    const dir = await tempDataDir();
    let server = await startServer(dir);
    const created = (await call(server.url, "POST", "/api/forms/short-time-work/applications", { body: { language: "ko" } })).body;
    await call(server.url, "POST", `/api/applications/${created.id}/answers`, { token: created.token, body: { answers: { employer: { name: "김밥천국", companyNumber: "12345678" } } } });
    await server.close();
    server = await startServer(dir);
    try {
      const state = (await call(server.url, "GET", `/api/applications/${created.id}`, { token: created.token })).body;
      expect(state.answers).to.deep.equal({ employer: { name: "김밥천국", companyNumber: "12345678" } });
      expect(state.language).to.equal("ko");
      expect(state.step.pointer).to.equal("/employer/address/street");
    } finally {
      await server.close();
    }
  });
});

describe("limits on starting applications", () => {
  it("answers 429 in the shared error shape past the per-client limit", async () => {
    const server = await startServer(undefined, { FORMPILOT_CREATE_PER_MINUTE: "3" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(server.url, "POST", "/api/forms/short-time-work/applications", { body: {} })).status);
      expect(statuses).to.deep.equal([201, 201, 201, 429]);
      const res = await call(server.url, "POST", "/api/forms/short-time-work/applications", { body: {}, headers: { "accept-language": "de" } });
      expect(res.body.errors[0].code).to.equal("rate_limited");
      expect(res.body.errors[0].message).to.match(/Anträge/);
    } finally {
      await server.close();
    }
  });
});

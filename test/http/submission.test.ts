/**
 * Submitting over the API: a worked example's answers in one call, then the declaration; the
 * declaration refused when missing, and printed in the PDF with its channel and version.
 */
import { expect } from "chai";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Running } from "../../server/start";
import { formsRoot } from "../../server/forms/paths";
import { startServer } from "../support/server";
import { call } from "../support/api";
import { pdfText } from "../support/pdf-text";

interface Example {
  answers: Record<string, unknown>;
  expect: { complete: boolean };
}

async function completeExamples(formId: string): Promise<{ file: string; answers: Record<string, unknown> }[]> {
  const dir = path.join(formsRoot, formId, "examples");
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  const examples = await Promise.all(files.map(async (file) => ({ file, ...(JSON.parse(await readFile(path.join(dir, file), "utf8")) as Example) })));
  return examples.filter((e) => e.expect.complete);
}

describe("submitting over the API", () => {
  let server: Running;
  let base: string;

  before(async () => {
    server = await startServer();
    base = server.url;
  });
  after(() => server.close());

  async function answered(formId: string, answers: Record<string, unknown>): Promise<{ id: string; token: string; body: any }> {
    const created = await call(base, "POST", `/api/forms/${formId}/applications`, { body: { language: "en" } });
    expect(created.status).to.equal(201);
    expect(created.body.submittable).to.equal(false);
    const posted = await call(base, "POST", `/api/applications/${created.body.id}/answers`, { token: created.body.token, body: { answers } });
    expect(posted.status, JSON.stringify(posted.body)).to.equal(200);
    return { id: created.body.id, token: created.body.token, body: posted.body };
  }

  for (const formId of ["short-time-work", "employment-retention-kr"]) {
    it(`takes every complete worked example of ${formId} in two calls: all answers, then submit with the declaration`, async () => {
      const examples = await completeExamples(formId);
      expect(examples).to.not.be.empty;
      for (const example of examples) {
        const { id, token, body } = await answered(formId, example.answers);
        expect(body.submittable, example.file).to.equal(true);
        const submitted = await call(base, "POST", `/api/applications/${id}/submit`, { token, body: { declaration: true } });
        expect(submitted.status, `${example.file}: ${JSON.stringify(submitted.body)}`).to.equal(200);
        expect(submitted.body.reference).to.match(/^[A-Z]+-\d{4}-\d{6}$/);
        expect(submitted.body).to.include({ status: "submitted", submittable: false });
      }
    });
  }

  it("keeps no answers of a branch the applicant left once the application is submitted", async () => {
    const [economic, unavoidable] = await Promise.all(["economic-eligible.json", "unavoidable-event-every-branch.json"].map(async (file) => JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples", file), "utf8")).answers));
    const { id, token } = await answered("short-time-work", economic);
    // The applicant changes the cause: the economic reason is set aside, in case they change back.
    const changed = await call(base, "POST", `/api/applications/${id}/answers`, { token, body: { answers: { lossOfWork: unavoidable.lossOfWork } } });
    expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
    const stash = (await server.store.getApplication(id))!.session.stash;
    expect(JSON.stringify(stash)).to.include("lackOfOrders");
    expect((await call(base, "POST", `/api/applications/${id}/submit`, { token, body: { declaration: true } })).status).to.equal(200);
    const submitted = (await server.store.getApplication(id))!.session;
    expect(submitted.stash).to.deep.equal({});
    expect(JSON.stringify(submitted)).to.not.include("lackOfOrders");
  });

  it("refuses a submit without the declaration with 422 at /declaration, and submits nothing", async () => {
    const [example] = await completeExamples("short-time-work");
    const { id, token } = await answered("short-time-work", example!.answers);
    for (const body of [undefined, {}, { declaration: false }, { declaration: "yes" }]) {
      const refused = await call(base, "POST", `/api/applications/${id}/submit`, { token, body });
      expect(refused.status, JSON.stringify(body)).to.equal(422);
      expect(refused.body.errors).to.deep.equal([{ code: "declaration_required", pointer: "/declaration", message: "Please confirm the declaration before sending the application." }]);
    }
    const state = await call(base, "GET", `/api/applications/${id}`, { token });
    expect(state.body).to.include({ status: "draft", reference: null, submittable: true });
    expect((await call(base, "GET", `/api/applications/${id}/pdf`, { token })).status).to.equal(404);
  });

  it("names the required questions still open when an application is submitted unfinished", async () => {
    const { id, token, body } = await answered("short-time-work", { employer: { name: "Muster GmbH" } });
    expect(body.submittable).to.equal(false);
    const refused = await call(base, "POST", `/api/applications/${id}/submit`, { token, body: { declaration: true } });
    expect(refused.status).to.equal(422);
    const pointers = refused.body.errors.filter((e: { code: string }) => e.code === "incomplete").map((e: { pointer: string }) => e.pointer);
    expect(pointers).to.include("/employer/companyNumber");
    expect(pointers).to.not.include("/employer/payrollOffice");
  });

  it("prints the declaration with its time, channel and text version in the PDF", async () => {
    const [example] = await completeExamples("short-time-work");
    const { id, token } = await answered("short-time-work", example!.answers);
    const submitted = await call(base, "POST", `/api/applications/${id}/submit`, { token, body: { declaration: true } });
    expect(submitted.status).to.equal(200);
    const text = (await pdfText((await call(base, "GET", `/api/applications/${id}/pdf`, { token })).body as Buffer)).replace(/\s+/g, " ");
    expect(text).to.match(/Declared by the applicant on .+ in an app through the API \(declaration text 1\.\d+\.\d+\/en\/[0-9a-f]{12}\)/);
  });
});

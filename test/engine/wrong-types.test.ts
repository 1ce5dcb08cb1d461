/**
 * An answer of the wrong type is refused with its question's pointer, never an exception (which
 * the HTTP layer would turn into a 500): objects, arrays, deep nesting and scalars of the other
 * types, sent to every question of every kind the bundled forms ask on their worked examples' paths,
 * through the engine and through the JSON API.
 */
import { expect } from "chai";
import type { Form } from "../../server/engine/form";
import { answer, entriesFor } from "../../server/engine/flow";
import { replay } from "../../server/engine/replay";
import type { Session } from "../../server/engine/session";
import type { Running } from "../../server/start";
import { call } from "../support/api";
import { bundledForms } from "../support/forms";
import { startServer } from "../support/server";

const HOSTILE: unknown[] = [{ toString: 1 }, { valueOf: 2, length: 3 }, [[["deep"]]], { a: { b: { c: [{ d: {} }] } } }, [{}], [null]];

/** What of the other types a kind does not take: a string where a number goes, a number where text goes. */
const OTHER_TYPES: unknown[] = [true, 12, "twelve", ["a", "b"]];

/** Every worked example's path: the questions an applicant of that kind is asked. */
const examplePaths = (form: Form): Session[] => form.examples.map((e) => replay(form, e.answers).session);

describe("answers of the wrong type", function () {
  this.timeout(60_000);
  let forms: Form[];
  before(async () => {
    forms = await bundledForms();
  });

  it("are refused by the engine with the question's pointer, for every question and kind on the examples' paths", async () => {
    const kinds = new Set<string>();
    for (const form of forms) {
      for (const session of examplePaths(form)) {
        for (const entry of entriesFor(form, session)) {
          if (entry.kind === "question") kinds.add(entry.node.answerKind);
          for (const value of HOSTILE) {
            const outcome = answer(form, session, entry.pointer, value, "de");
            expect(outcome.session, `${form.id} ${entry.pointer} ${JSON.stringify(value)}`).to.equal(session);
            expect(outcome.problems.map((p) => p.pointer)).to.deep.equal([entry.pointer]);
            expect(outcome.problems[0]!.message).to.be.a("string").and.not.to.equal("");
          }
          for (const value of OTHER_TYPES) {
            // Of these, the ones the kind takes are answers; the others must be refused as cleanly.
            const outcome = answer(form, session, entry.pointer, value, "ko");
            if (outcome.problems.length > 0) expect(outcome.problems.every((p) => p.pointer === entry.pointer), `${entry.pointer} ${JSON.stringify(value)}`).to.equal(true);
          }
        }
      }
    }
    expect([...kinds].sort(), "the examples ask every kind the forms use").to.include.members(["choice", "date", "identifier", "money", "month", "number", "text", "yesno"]);
  });

  describe("over the JSON API", () => {
    let server: Running;
    before(async () => {
      server = await startServer();
    });
    after(() => server.close());

    it("are a 422 naming the pointer, and change nothing", async () => {
      const created = await call(server.url, "POST", "/api/forms/short-time-work/applications", { body: { language: "en" } });
      const { id, token } = created.body;
      const path = `/api/applications/${id}`;
      await call(server.url, "POST", `${path}/answers`, { token, body: { pointer: "/employer/name", value: "Kim GmbH" } });
      const before = (await call(server.url, "GET", path, { token })).body;
      for (const pointer of ["/employer/companyNumber", "/employer/name"]) {
        for (const value of HOSTILE) {
          const res = await call(server.url, "POST", `${path}/answers`, { token, body: { pointer, value } });
          expect(res.status, `${pointer} ${JSON.stringify(value)}: ${JSON.stringify(res.body)}`).to.equal(422);
          expect(res.body.errors[0]).to.include({ pointer });
        }
      }
      expect((await call(server.url, "GET", path, { token })).body).to.deep.equal(before);
    });
  });
});

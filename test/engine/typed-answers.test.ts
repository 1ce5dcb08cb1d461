/**
 * The shared table of typed answers (test/fixtures/typed-answers.json): each row is something an
 * applicant typed for a question of a bundled form, with the answers given before, and what must
 * come of it. Every row is checked twice: through the engine, as the pages and the API answer,
 * and through the chat's interpreter; both must read it the same way.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ruleInterpreter } from "../../server/chat/interpret";
import type { Form } from "../../server/engine/form";
import { answer, answerMany, entriesFor } from "../../server/engine/flow";
import { getAt, parsePointer } from "../../server/engine/pointer";
import { questionStep } from "../../server/engine/present";
import { dateContextOf } from "../../server/engine/reading";
import { newSession, type Session } from "../../server/engine/session";
import { formsRoot } from "../../server/forms/paths";
import type { Language } from "../../server/i18n/languages";
import { loadForm } from "../support/forms";

interface Row {
  form: string;
  pointer: string;
  lang: Language;
  before?: Record<string, unknown>;
  today?: string;
  text: string;
  expect: { value: unknown } | { blank: true } | { ask: unknown[] } | { retry: string };
  note?: string;
}

const TABLE = path.resolve(import.meta.dirname, "../fixtures/typed-answers.json");
const rows = JSON.parse(await readFile(TABLE, "utf8")) as Row[];

const sorted = (values: unknown[]) => values.map((v) => JSON.stringify(v)).sort();

describe("the typed-answer table: pages, API and chat read each answer alike", () => {
  const forms = new Map<string, Form>();
  before(async () => {
    for (const id of new Set(rows.map((r) => r.form))) forms.set(id, await loadForm(path.join(formsRoot, id)));
  });

  it("has at least 200 rows, at least 50 in each language", () => {
    expect(rows.length).to.be.at.least(200);
    for (const lang of ["en", "de", "ko"]) expect(rows.filter((r) => r.lang === lang).length, lang).to.be.at.least(50);
  });

  for (const row of rows) {
    const today = new Date(`${row.today ?? "2026-12-03"}T09:00:00Z`);
    const title = `${row.form} ${row.pointer} (${row.lang}): ${JSON.stringify(row.text)} → ${JSON.stringify(row.expect)}`;
    const setUp = (): { form: Form; session: Session } => {
      const form = forms.get(row.form)!;
      const given = answerMany(form, newSession(), row.before ?? {}, row.lang, today);
      expect(given.problems, "the answers given before").to.deep.equal([]);
      return { form, session: given.session };
    };

    it(`engine: ${title}`, () => {
      const { form, session } = setUp();
      const outcome = answer(form, session, row.pointer, row.text, row.lang, today);
      const stored = getAt(outcome.session.answers, parsePointer(row.pointer));
      if ("value" in row.expect) {
        expect(outcome.problems).to.deep.equal([]);
        expect(stored).to.deep.equal(row.expect.value);
      } else if ("blank" in row.expect) {
        expect(outcome.problems).to.deep.equal([]);
        expect(stored).to.equal(undefined);
        expect(outcome.session.skipped).to.include(row.pointer);
      } else {
        // Nothing typed on a page is the schema's "required", as it is for an answer never given.
        const code = "ask" in row.expect ? "ambiguous" : row.expect.retry === "empty" ? "required" : row.expect.retry;
        expect(outcome.problems.map((p) => p.code)).to.deep.equal([code]);
        expect(outcome.session).to.equal(session);
      }
    });

    it(`chat: ${title}`, async () => {
      const { form, session } = setUp();
      const entry = entriesFor(form, session).find((e) => e.pointer === row.pointer);
      expect(entry, `${row.pointer} is asked`).to.not.equal(undefined);
      const step = questionStep(form, row.lang, entry!, session);
      const reading = await ruleInterpreter.interpret(step, row.text, { lang: row.lang, today, ...dateContextOf(form, session.answers, row.pointer) });
      if ("value" in row.expect) expect(reading).to.deep.include({ ok: true, value: row.expect.value });
      else if ("blank" in row.expect) expect(reading).to.deep.include({ ok: true, value: null });
      else if ("ask" in row.expect) {
        expect(reading.ok).to.equal(false);
        expect(!reading.ok && sorted((reading.options ?? []).map((o) => o.value))).to.deep.equal(sorted(row.expect.ask));
      } else expect(reading).to.include({ ok: false, code: row.expect.retry });
    });
  }
});

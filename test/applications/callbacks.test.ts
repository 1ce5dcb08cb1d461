/**
 * Callback requests as the service takes them: what counts as a name, a phone number or an e-mail
 * address and a message, the problems an applicant reads in their language, and the limit of open
 * requests per application.
 */
import { expect } from "chai";
import { newSession } from "../../server/engine/session";
import { registryOf } from "../../server/forms/registry";
import { openSqliteStore } from "../../server/store/sqlite/sqlite-store";
import type { ApplicationRecord, Store } from "../../server/store/store";
import type { Services } from "../../server/applications/service";
import { MAX_OPEN_PER_APPLICATION, markCallbackHandled, requestCallback } from "../../server/applications/callbacks";
import { newSubmission } from "../support/submission";
import { LANGUAGES, type Language } from "../../server/i18n/languages";
import { TEST_PROTECTOR } from "../support/keys";

const NOW = new Date("2026-03-01T09:00:00.000Z");
const AT = NOW.toISOString();
const VALID = { name: "Kim Minji", contact: "+49 (30) 123-45/67", message: "Which income counts?" };

/** Each bad input with the problems it gets: code and pointer, and a word the English message must contain. */
const BAD: { case: string; input: Record<string, unknown>; problems: [code: string, pointer: string, english: string][] }[] = [
  { case: "nothing at all", input: {}, problems: [["required", "/name", "Enter your name"], ["required", "/contact", "phone number or an e-mail"]] },
  { case: "only spaces", input: { ...VALID, name: "   ", contact: " " }, problems: [["required", "/name", "Enter your name"], ["required", "/contact", "phone number or an e-mail"]] },
  { case: "a name of 101 characters", input: { ...VALID, name: "가".repeat(101) }, problems: [["too_long", "/name", "at most 100"]] },
  { case: "a contact that is neither", input: { ...VALID, contact: "call me maybe" }, problems: [["invalid_contact", "/contact", "at least 6 digits"]] },
  { case: "a phone number of 5 digits", input: { ...VALID, contact: "123-45" }, problems: [["invalid_contact", "/contact", "at least 6 digits"]] },
  { case: "letters in a phone number", input: { ...VALID, contact: "030 12345 ext 6" }, problems: [["invalid_contact", "/contact", "name@example.com"]] },
  { case: "an e-mail without a domain", input: { ...VALID, contact: "kim@localhost" }, problems: [["invalid_contact", "/contact", "name@example.com"]] },
  { case: "a contact that is a number, not text", input: { ...VALID, contact: 301234567 }, problems: [["required", "/contact", "phone number or an e-mail"]] },
  { case: "a message of 1001 characters", input: { ...VALID, message: "a".repeat(1001) }, problems: [["too_long", "/message", "1001 characters"]] },
  { case: "a message that is not text", input: { ...VALID, message: { text: "hi" } }, problems: [["type", "/message", "as text"]] },
];

describe("callback requests, the service", () => {
  let store: Store;
  let services: Services;
  let record: ApplicationRecord;

  beforeEach(async () => {
    store = await openSqliteStore(":memory:", TEST_PROTECTOR);
    services = { store, registry: registryOf([]), now: () => NOW, renderPdf: async () => Buffer.alloc(0) };
    await store.registerFormVersion({ formId: "short-time-work", version: "1.0.0", schema: {}, locales: {}, registeredAt: AT });
    record = await store.createApplication(
      { id: "app-1", formId: "short-time-work", formVersion: "1.0.0", language: "de", session: newSession(), tokenHash: "ab".repeat(32), createdAt: AT },
      { at: AT, actor: "applicant", type: "created", data: {} },
    );
  });
  afterEach(() => store.close());

  it("takes a phone number or an e-mail address, trimmed, and tells which it is; the message is optional", async () => {
    const phone = await requestCallback(services, record, { ...VALID, name: "  Kim Minji ", contact: " +49 (30) 123-45/67 " }, "ko");
    expect(phone.ok && phone.value).to.include({ name: "Kim Minji", contact: "+49 (30) 123-45/67", contactKind: "phone", message: "Which income counts?", language: "ko", createdAt: AT, handledAt: null });
    const email = await requestCallback(services, record, { name: "Kim", contact: "kim.minji@example.co.kr", message: undefined }, "en");
    expect(email.ok && email.value).to.include({ contact: "kim.minji@example.co.kr", contactKind: "email", message: "" });
    expect(await store.callbackRequestsOf(record.id)).to.have.length(2);
  });

  it("takes exactly 100 characters of name and 1000 of message, counted as a reader counts them", async () => {
    const result = await requestCallback(services, record, { name: "김".repeat(100), contact: "010-1234-5678", message: "😀".repeat(1000) }, "ko");
    expect(result.ok).to.equal(true);
  });

  for (const bad of BAD) {
    it(`refuses ${bad.case} with 400, a problem per field in each language, and stores nothing`, async () => {
      const messages = new Map<Language, string[]>();
      for (const lang of LANGUAGES) {
        const result = await requestCallback(services, record, bad.input as { name: unknown; contact: unknown; message: unknown }, lang);
        if (result.ok) expect.fail("accepted");
        expect(result.status).to.equal(400);
        expect(result.problems.map((p) => [p.code, p.pointer])).to.deep.equal(bad.problems.map(([code, pointer]) => [code, pointer]));
        messages.set(lang, result.problems.map((p) => p.message));
      }
      messages.get("en")!.forEach((message, i) => expect(message).to.include(bad.problems[i]![2]));
      // Each language reads its own sentence, never an English fallback or a bare key.
      for (const lang of ["de", "ko"] as const) {
        messages.get(lang)!.forEach((message, i) => {
          expect(message).to.not.equal(messages.get("en")![i]);
          expect(message).to.not.match(/^callback\./);
        });
      }
      expect(await store.callbackRequestsOf(record.id)).to.deep.equal([]);
    });
  }

  it("says the numbers in every language: the limit and how long the message is", async () => {
    for (const lang of LANGUAGES) {
      const result = await requestCallback(services, record, { ...VALID, message: "x".repeat(1234) }, lang);
      expect(!result.ok && result.problems[0]!.message).to.include("1234").and.include("1000");
    }
  });

  it(`allows ${MAX_OPEN_PER_APPLICATION} open requests per application, then refuses with 409 and a clear message until one is handled`, async () => {
    for (let i = 0; i < MAX_OPEN_PER_APPLICATION; i++) expect((await requestCallback(services, record, VALID, "en")).ok).to.equal(true);
    for (const lang of LANGUAGES) {
      const refused = await requestCallback(services, record, VALID, lang);
      if (refused.ok) expect.fail("accepted past the limit");
      expect(refused.status).to.equal(409);
      expect(refused.problems.map((p) => [p.code, p.pointer])).to.deep.equal([["too_many_open", ""]]);
      expect(refused.problems[0]!.message).to.include(String(MAX_OPEN_PER_APPLICATION));
    }
    expect(await store.callbackRequestsOf(record.id)).to.have.length(MAX_OPEN_PER_APPLICATION);

    const staff = { id: "staff-1", email: "ana@amt.example", name: "Ana", role: "caseworker" as const, passwordHash: "x", createdAt: AT };
    await store.createStaff(staff);
    const [newest] = await store.callbackRequestsOf(record.id);
    expect((await markCallbackHandled(services, staff, newest!.id, "en")).ok).to.equal(true);
    expect((await requestCallback(services, record, VALID, "en")).ok).to.equal(true);
  });

  it("is open to a submitted application as much as to a draft", async () => {
    const submitted = await store.submit(record.id, record.revision, newSubmission({ answers: {}, derived: {}, pdf: Buffer.from("%PDF") }, { submittedAt: AT }), { at: AT, actor: "applicant", type: "submitted", data: {} });
    expect("status" in submitted && submitted.status).to.equal("submitted");
    expect((await requestCallback(services, submitted as ApplicationRecord, VALID, "de")).ok).to.equal(true);
  });

  it("marking handled: an unknown or malformed id is 404, a second time is 409", async () => {
    const staff = { id: "staff-1", email: "ana@amt.example", name: "Ana", role: "caseworker" as const, passwordHash: "x", createdAt: AT };
    await store.createStaff(staff);
    const made = await requestCallback(services, record, VALID, "en");
    if (!made.ok) expect.fail("refused");
    expect((await markCallbackHandled(services, staff, 4242, "en")) as unknown).to.deep.include({ ok: false, status: 404 });
    expect((await markCallbackHandled(services, staff, Number.NaN, "en")) as unknown).to.deep.include({ ok: false, status: 404 });
    const done = await markCallbackHandled(services, staff, made.value.id, "en");
    expect(done.ok && done.value).to.include({ handledAt: AT, handledBy: staff.id });
    const again = await markCallbackHandled(services, staff, made.value.id, "de");
    expect(!again.ok && [again.status, again.problems[0]!.code]).to.deep.equal([409, "already_handled"]);
  });
});

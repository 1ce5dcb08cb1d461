import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadForm } from "../support/forms";
import { formsRoot } from "../../server/forms/paths";
import type { Form } from "../../server/engine/form";
import { answer, change } from "../../server/engine/flow";
import { replay } from "../../server/engine/replay";
import { newSession, type Session } from "../../server/engine/session";
import type { ApplicationRecord } from "../../server/store/store";
import { continuation, conversationOf, type ChatMessage } from "../../server/http/chat/conversation";

const recordOf = (session: Session, more: Partial<ApplicationRecord> = {}) =>
  ({ id: "app-1", formId: "short-time-work", language: "en", session, reference: null, submittedAt: null, status: "draft", ...more }) as ApplicationRecord;

const ids = (messages: ChatMessage[]) => messages.map((m) => m.id);

function answered(form: Form, session: Session, pointer: string, value: unknown): Session {
  const outcome = answer(form, session, pointer, value, "en");
  expect(outcome.problems, pointer).to.deep.equal([]);
  return outcome.session;
}

describe("the chat's conversation, read off the stored answers", () => {
  let form: Form;
  let example: Record<string, unknown>;
  before(async () => {
    form = await loadForm(path.join(formsRoot, "short-time-work"));
    example = JSON.parse(await readFile(path.join(formsRoot, "short-time-work/examples/economic-eligible.json"), "utf8")).answers;
  });

  it("greets, says what to have at hand and how long it takes, then asks the first question", () => {
    const { messages, prompt } = conversationOf(form, recordOf(newSession()), true);
    expect(messages[0]!.text).to.contain(form.locales.en.form.title);
    expect(messages[1]!.text).to.contain(`${form.minutes} minutes`);
    expect(messages[1]!.details).to.deep.equal(form.locales.en.form.needs);
    expect(messages.at(-1)).to.include({ id: "q:/employer/name", from: "assistant" });
    expect(messages.at(-1)!.text).to.contain("What is the name of your establishment?");
    expect(prompt).to.include({ pointer: "/employer/name", input: "text", label: "What is the name of your establishment?" });
  });

  it("offers the choices of a choice question as quick replies that answer it", () => {
    const { sector: _asked, ...before } = example.employer as Record<string, unknown>;
    const { session } = replay(form, { employer: before });
    const { prompt } = conversationOf(form, recordOf(session), true);
    expect(prompt.pointer).to.equal("/employer/sector");
    expect(prompt.replies.map((r) => r.turn)).to.deep.include({ kind: "answer", pointer: "/employer/sector", value: "trade" });
  });

  it("shows every answered question once, asked and answered, each answer with a way to change it", () => {
    const { session } = replay(form, example);
    const { messages, prompt } = conversationOf(form, recordOf(session), true);
    const answers = messages.filter((m) => m.from === "applicant");
    expect(new Set(ids(answers)).size).to.equal(answers.length);
    const questions = ids(messages).filter((id) => id.startsWith("q:"));
    expect(questions.map((id) => id.replace(/^q:/, "a:"))).to.deep.equal(ids(answers));
    expect(answers.find((m) => m.id === "a:/workforce/totalEmployees")).to.include({ text: `${(example.workforce as { totalEmployees: number }).totalEmployees} persons` });
    expect(answers.find((m) => m.id === "a:/employer/companyNumber")!.change).to.deep.equal({ kind: "change", pointer: "/employer/companyNumber" });
    // Each employee after the first came in through "add another?": yes, and the list was closed with no.
    const employees = (example.employees as unknown[]).length;
    const group = form.nodes.get("/employees") as { minItems: number };
    expect(answers.filter((m) => m.id.startsWith("a:/employees#")).map((m) => m.text)).to.deep.equal([...Array(employees - group.minItems).fill("Yes"), "No"]);
    expect(messages.some((m) => m.id === "review" && m.summary!.length > 0)).to.equal(true);
    expect(prompt.replies.map((r) => r.turn)).to.deep.equal([{ kind: "submit", declaration: true }]);
  });

  it("adds only the answer and the next question when a question is answered", () => {
    const first = newSession();
    const next = answered(form, first, "/employer/name", "Brandt Möbelhandel e. K.");
    const change = continuation(conversationOf(form, recordOf(first), true).messages, conversationOf(form, recordOf(next), true).messages);
    expect(change.reset).to.equal(false);
    expect(change.removed).to.deep.equal([]);
    expect(ids(change.messages)).to.deep.equal(["a:/employer/name", "q:/employer/companyNumber"]);
    expect(change.messages[0]!.text).to.equal("Brandt Möbelhandel e. K.");
  });

  it("takes the conversation back to a changed answer and goes on from there with the branch the new answer chooses", () => {
    const { session } = replay(form, example);
    const before = conversationOf(form, recordOf(session), true).messages;
    const changing = change(form, session, "/lossOfWork/cause", "en").session;
    const during = conversationOf(form, recordOf(changing), true);
    const step = continuation(before, during.messages);
    expect(step.reset).to.equal(false);
    expect(step.removed).to.include.members(["a:/lossOfWork/cause", "q:/lossOfWork/economicReason", "a:/employees#2", "review"]);
    expect(during.prompt.pointer).to.equal("/lossOfWork/cause");
    const after = conversationOf(form, recordOf(answered(form, changing, "/lossOfWork/cause", "unavoidableEvent")), true);
    const next = continuation(during.messages, after.messages);
    expect(next.reset).to.equal(false);
    expect(ids(next.messages)[0]).to.equal("a:/lossOfWork/cause");
    expect(after.prompt.pointer).to.not.equal("/lossOfWork/economicReason");
    expect(ids(after.messages)).to.not.include("q:/lossOfWork/economicReason");
  });

  it("after submitting, gives the reference, the PDF and the status page", () => {
    const { session } = replay(form, example);
    const { messages, prompt } = conversationOf(form, recordOf(session, { status: "submitted", reference: "KUG-2026-000042", submittedAt: "2026-11-26T10:00:00.000Z" }), false);
    const last = messages.at(-1)!;
    expect(last.text).to.contain("KUG-2026-000042");
    expect(last.links!.map((l) => l.href)).to.deep.equal(["/applications/app-1/pdf", "/applications/app-1/status"]);
    expect(prompt.input).to.equal("none");
  });
});

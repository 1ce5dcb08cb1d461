/** The decision letter from a hand-made input: what it says, and that the decision alone fixes its bytes. */
import { expect } from "chai";
import { decisionBlocks, renderDecisionLetter, type DecisionLetterInput } from "../../server/pdf/decision-letter";
import { pdfInfo, pdfText } from "../support/pdf-text";

const flat = (text: string) => text.replace(/[\s\u00a0]+/g, " ").trim();

const approval: DecisionLetterInput = {
  language: "en",
  authority: "Federal Employment Agency (Bundesagentur für Arbeit)",
  title: "Short-time work allowance: notification and application",
  reference: "STW-2026-000123",
  applicant: "Müller Metallbau GmbH",
  outcome: "approved",
  amount: "€1,421.06",
  reason: "",
  decidedAt: "2026-04-02T14:30:00.000Z",
  caseworker: "Clara Weber",
  secondPerson: null,
};

describe("the decision letter", () => {
  it("says who decided what on which application, and carries the decision's date as its own", async () => {
    const pdf = await renderDecisionLetter(approval);
    const text = flat(await pdfText(pdf));
    for (const needle of ["Decision on your application", "Reference number STW-2026-000123", "Applicant Müller Metallbau GmbH", "Date of decision 2 April 2026", "Outcome Approved", "Amount granted €1,421.06", "Kind regards Clara Weber", "Page 1 of 1"]) {
      expect(text).to.include(needle);
    }
    expect(text).to.not.include("Reason");
    const info = await pdfInfo(pdf);
    expect(info).to.include({ Author: approval.authority, Subject: approval.reference, CreationDate: "2026-04-02T14:30:00Z" });
  });

  it("gives a rejection its reason, and leaves out what is not known", async () => {
    const blocks = await decisionBlocks({ ...approval, outcome: "rejected", amount: null, reason: "Too few employees are affected.", applicant: null, caseworker: null });
    const rows = blocks.flatMap((b) => (b.type === "row" ? [[b.label, b.value]] : []));
    expect(rows).to.deep.include(["Outcome", "Rejected"]).and.deep.include(["Reason", "Too few employees are affected."]);
    expect(rows.map(([label]) => label)).to.not.include.members(["Applicant", "Amount granted", "Caseworker"]);
    // Without a caseworker's name the authority signs.
    expect(blocks.at(-1)).to.deep.equal({ type: "paragraph", text: `Kind regards\n${approval.authority}` });
  });

  it("gives the same bytes for the same decision", async () => {
    const first = await renderDecisionLetter(approval);
    expect((await renderDecisionLetter(approval)).equals(first)).to.equal(true);
    expect((await renderDecisionLetter({ ...approval, decidedAt: "2026-04-03T08:00:00.000Z" })).equals(first)).to.equal(false);
  });
});

/**
 * The German form's figures are parameters: its texts state the figure in force in the claimed
 * month, each in its language's writing, and the rule texts of an estimate read the figures the
 * estimate used.
 */
import { expect } from "chai";
import path from "node:path";
import { loadForm } from "../support/forms";
import { formsRoot } from "../../server/forms/paths";
import { newSession } from "../../server/engine/session";
import { answerMany } from "../../server/engine/flow";
import { stateOf } from "../../server/engine/present";
import { fieldText } from "../../server/engine/texts";
import { parametersDateOf } from "../../server/engine/parameter-texts";

const stw = path.join(formsRoot, "short-time-work");

describe("short-time-work parameters", () => {
  it("state the pension ceiling of the claimed month's year, and the newest one before the month is known", async () => {
    const form = await loadForm(stw);
    const ceiling = (lang: "de" | "en" | "ko", claimMonth?: string) =>
      fieldText(form, lang, "/employees/*/grossTarget", parametersDateOf(form.parametersDate, claimMonth ? { period: { claimMonth } } : {}))?.description;
    expect(ceiling("de", "2025-03")).to.contain("(8.050,00\u00a0€ im Monat)");
    expect(ceiling("de", "2026-03")).to.contain("(8.450,00\u00a0€ im Monat)");
    expect(ceiling("en", "2025-11")).to.contain("(€8,050.00 a month)");
    expect(ceiling("ko", "2026-01")).to.contain("€8,450.00");
    expect(ceiling("de")).to.contain("8.450,00\u00a0€");
  });

  it("state the rates, the quorum and the durations in each language", async () => {
    const form = await loadForm(stw);
    expect(fieldText(form, "de", "/employees/*/hasChild", "2025-03-01")?.why).to.equal(
      "Mit Kind beträgt das Kurzarbeitergeld 67\u00a0% der Nettoentgeltdifferenz (Leistungssatz 1), sonst 60\u00a0% (Leistungssatz 2).",
    );
    expect(fieldText(form, "en", "/workforce/affectedEmployees", "2025-03-01")?.description).to.contain("At least 1/3 of the employees").and.contain("10% was enough");
    expect(fieldText(form, "ko", "/period/expectedEnd", "2025-03-01")?.description).to.contain("최대 12개월").and.contain("최대 24개월");
    expect(fieldText(form, "de", "/period/firstReceiptMonth", "2021-01-01")?.description).to.contain("wenn bereits 3 Monate und 6 Monate Kurzarbeitergeld bezogen wurde");
  });

  it("fill the rule texts of the estimate with the figures it used, the raised rate included", async () => {
    const form = await loadForm(stw);
    const answers = {
      period: { claimMonth: "2021-01", firstReceiptMonth: "2020-04" },
      employees: [{ name: "Jonas Weber", insuranceNumber: "12150385W012", employmentType: "regular", taxClass: 1, hasChild: true, grossTarget: 3200, grossActual: 1920 }],
    };
    const session = answerMany(form, newSession(), answers, "en").session;
    const rate = stateOf(form, session, "en").derived.values.find((v) => v.pointer === "/employees/0/rate");
    expect(rate?.explanation).to.contain("after 3 months of receipt to 77% with a child").and.contain("month 10 of receipt");
    expect(rate?.explanation).not.to.contain("{parameters.");
  });
});

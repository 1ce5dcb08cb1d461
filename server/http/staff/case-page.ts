/**
 * The case page: the submitted PDF, the answers by section and the derived values with how they
 * were computed, all in the caseworker's language; the history; and the forms for the actions the
 * case's status allows. Also shown, with the problems, when an action was refused.
 */
import type { Response, Router } from "express";
import type { Form } from "../../engine/form";
import type { Problem } from "../../engine/problem";
import { newSession } from "../../engine/session";
import { derivedView, summaryOf } from "../../engine/present";
import { formatNumber } from "../../engine/format";
import { amountText } from "../../applications/timeline";
import type { Services } from "../../applications/service";
import { approvalLimitOf, estimateOf, openCase, plainMoves, statusLabel } from "../../applications/cases";
import { canMove, isDecided } from "../../applications/workflow";
import type { ApplicationRecord, StaffRecord, SubmissionRecord } from "../../store/store";
import { submissionDiff, type DiffRow } from "../../applications/submission-diff";
import { LOCALE_TAG, type Language } from "../../i18n/languages";
import { t } from "../../i18n/translate";
import { localsOf, signedIn } from "./locals";
import { formatWhen, languageLabel, option, renderMessage, renderPage } from "./render";
import { allow, CASE_ROLES } from "./session";
import { historyView, namesOf, type Names } from "./history";
import { callbackRow } from "./callbacks";

function derivedOf(form: Form, answers: Record<string, unknown>, lang: Language) {
  const view = derivedView(form, { ...newSession(), answers }, lang);
  const passed = (p: boolean | null) => t(lang, p === null ? "staff.case.rule_open" : p ? "staff.case.rule_met" : "staff.case.rule_not_met");
  return {
    values: view.values.map((v) => ({
      title: v.title,
      display: v.display,
      rule: v.rule,
      ruleText: v.explanation || v.rule,
      inputs: Object.entries(v.inputs).map(([name, value]) => ({ name, value: typeof value === "number" ? formatNumber(value, lang) : String(value ?? "–") })),
    })),
    eligible: view.eligible === null ? undefined : passed(view.eligible),
    rules: view.rules.map((r) => ({ rule: r.rule, message: r.message, status: passed(r.passed) })),
  };
}

/**
 * The action forms the status allows; only a supervisor gets to pick a colleague. An approval
 * waiting for its second person offers confirm and send back to the supervisors who may give it.
 */
function actionsOf(record: ApplicationRecord, form: Form, me: StaffRecord, staff: StaffRecord[], answers: Record<string, unknown>, lang: Language) {
  // A supervisor holds or releases a case at any stage, decided ones included: retention reaches those.
  const legalHold = me.role === "supervisor" && { held: record.legalHold };
  if (isDecided(record.status)) return { note: true, legalHold };
  const pending = record.status === "pending_approval";
  const estimate = estimateOf(form, answers);
  return {
    note: true,
    legalHold,
    assignToMe: record.assigneeId !== me.id && me.id,
    colleagues: me.role === "supervisor" && staff.filter((s) => s.role !== "admin").map((s) => option(s.id, s.name, s.id === record.assigneeId)),
    moves: plainMoves(record.status).map((s) => option(s, statusLabel(lang, s))),
    requestInformation: canMove(record.status, "more_information"),
    secondPerson: pending && me.role === "supervisor" && record.decision?.decidedBy !== me.id,
    decide: !pending && canMove(record.status, "approved") && {
      // Without grouping, so that the number reads back the same however the caseworker's language groups digits.
      amount: estimate === undefined ? "" : new Intl.NumberFormat(LOCALE_TAG[lang], { useGrouping: false, maximumFractionDigits: 2 }).format(estimate),
    },
  };
}

function diffOf(form: Form, older: SubmissionRecord, newer: SubmissionRecord, lang: Language) {
  const { answers, derived } = submissionDiff(form, older, newer, lang);
  const shown = (rows: DiffRow[]) => rows.map((r) => ({ ...r, kind: t(lang, `review.diff.${r.kind}`) }));
  return { from: older.version, to: newer.version, answers: shown(answers), derived: shown(derived) };
}

function requestOf(record: ApplicationRecord, names: Names, lang: Language) {
  const { request } = record;
  return request && { message: request.message, questions: request.pointers.map(names.question), by: names.staff(request.requestedBy), at: formatWhen(request.requestedAt, lang) };
}

/** The decision, or the approval waiting for its second person (who proposed it, and why the wait), or nothing. */
function decisionOf(record: ApplicationRecord, form: Form, limit: number | undefined, me: StaffRecord, names: Names, lang: Language) {
  const { decision } = record;
  if (!decision) return undefined;
  const money = (n: number) => amountText(form, record.session.answers, n, lang);
  const amount = decision.amount === null ? undefined : money(decision.amount);
  const first = names.staff(decision.decidedBy);
  const at = formatWhen(decision.decidedAt, lang);
  if (record.status === "pending_approval") {
    return {
      pending: {
        text: t(lang, "review.pending_text", { by: first, amount: amount ?? "", at, limit: limit === undefined ? "" : money(limit) }),
        own: decision.decidedBy === me.id,
        notSupervisor: me.role !== "supervisor",
      },
      reason: decision.reason,
    };
  }
  return {
    outcome: statusLabel(lang, decision.outcome),
    amount,
    reason: decision.reason,
    // Above the limit, both people who approved are named, with the time the second one made it final.
    who: decision.confirmedBy
      ? [t(lang, "review.approved_by", { first, second: names.staff(decision.confirmedBy) }), formatWhen(decision.confirmedAt ?? decision.decidedAt, lang)]
      : [t(lang, "staff.case.by_at", { by: first, at })],
  };
}

export async function renderCase(services: Services, res: Response, status: number, record: ApplicationRecord, form: Form, problems: Problem[] = []): Promise<void> {
  const { lang } = localsOf(res);
  const { staff: me } = signedIn(res);
  const [submission, events, staff, callbacks] = await Promise.all([
    services.store.getSubmission(record.id),
    services.store.events(record.id),
    services.store.listStaff(),
    services.store.callbackRequestsOf(record.id),
  ]);
  if (!submission) throw new Error(`case ${record.id} is ${record.status} but has no submission`);
  const previous = submission.version > 1 ? await services.store.getSubmission(record.id, submission.version - 1) : undefined;
  const names = namesOf(form, lang, new Map(staff.map((s) => [s.id, s.name])));
  const pdf = (version: number) => `/staff/cases/${record.id}/pdf?version=${version}`;
  renderPage(res, status, "case", {
    title: `${record.reference} – ${form.locales[lang].form.title}`,
    problems: problems.map((p) => p.message),
    revision: record.revision,
    case: {
      id: record.id,
      reference: record.reference,
      form: form.locales[lang].form.title,
      formVersion: record.formVersion,
      status: statusLabel(lang, record.status),
      language: languageLabel(lang, record.language),
      assignee: names.staff(record.assigneeId),
      submittedAt: record.submittedAt && formatWhen(record.submittedAt, lang),
      legalHold: record.legalHold,
    },
    pdf: {
      src: pdf(submission.version),
      download: `${pdf(submission.version)}&download=1`,
      versions: Array.from({ length: submission.version }, (_, i) => ({ n: i + 1, href: pdf(i + 1), current: i + 1 === submission.version })).reverse(),
    },
    sections: summaryOf(form, { ...newSession(), answers: submission.answers }, lang, { answeredOnly: true }),
    derived: derivedOf(form, submission.answers, lang),
    diff: previous && diffOf(form, previous, submission, lang),
    request: requestOf(record, names, lang),
    decision: decisionOf(record, form, approvalLimitOf(services, form), me, names, lang),
    callbacks: callbacks.map((c) => callbackRow(c, lang, names.staff)),
    history: historyView(events, lang, names).reverse(),
    actions: actionsOf(record, form, me, staff, submission.answers, lang),
  });
}

export function caseRoutes(router: Router, services: Services): void {
  router.get("/cases/:id", allow(...CASE_ROLES), async (req, res) => {
    const opened = await openCase(services, req.params.id as string, localsOf(res).lang);
    if (!opened.ok) return renderMessage(res, 404, "staff.not_found", "staff.not_found_text");
    await renderCase(services, res, 200, opened.value.record, opened.value.form);
  });

  /** The PDF of one submission, the latest unless `version` names another; `download=1` saves it instead of showing it. */
  router.get("/cases/:id/pdf", allow(...CASE_ROLES), async (req, res) => {
    const opened = await openCase(services, req.params.id as string, localsOf(res).lang);
    const version = req.query.version === undefined ? undefined : Number(req.query.version);
    const submission = opened.ok && (version === undefined || Number.isInteger(version)) ? await services.store.getSubmission(opened.value.record.id, version) : undefined;
    if (!submission) return renderMessage(res, 404, "staff.not_found", "staff.not_found_text");
    const disposition = req.query.download === "1" ? "attachment" : "inline";
    res.type("application/pdf").set("Content-Disposition", `${disposition}; filename="${submission.reference}-v${submission.version}.pdf"`).send(submission.pdf);
  });
}

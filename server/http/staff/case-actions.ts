/**
 * The action forms of the case page. Each posts the revision its page showed; a success goes back
 * to the case page (post/redirect/get), a refusal shows the case as it is now with the reason:
 * 409 when the workflow or a colleague's change stands in the way, 422 for missing input.
 */
import type { Request, Router } from "express";
import type { Form } from "../../engine/form";
import type { Result, Services } from "../../applications/service";
import { addNote, assign, confirmApproval, decide, moveStatus, openCase, requestInformation, returnApproval, setLegalHold, type Acting } from "../../applications/cases";
import { localsOf, signedIn } from "./locals";
import { renderMessage } from "./render";
import { allow, CASE_ROLES } from "./session";
import { checkCsrf } from "./csrf";
import { fieldOf, fieldsOf, revisionOf } from "./fields";
import { renderCase } from "./case-page";

type Action = (services: Services, req: Request, acting: Acting, form: Form) => Promise<Result<unknown>>;

/** By the last segment of the form's address, /staff/cases/{id}/…. */
const ACTIONS: Record<string, Action> = {
  assign: (s, req, a) => assign(s, a, fieldOf(req, "assigneeId")),
  status: (s, req, a) => moveStatus(s, a, fieldOf(req, "status")),
  "request-information": (s, req, a, form) => requestInformation(s, a, form, fieldsOf(req, "pointers"), fieldOf(req, "message")),
  decision: (s, req, a, form) => decide(s, a, form, { outcome: fieldOf(req, "outcome"), amount: fieldOf(req, "amount"), reason: fieldOf(req, "reason") }),
  "confirm-approval": (s, _req, a) => confirmApproval(s, a),
  "return-approval": (s, req, a) => returnApproval(s, a, fieldOf(req, "message")),
  notes: (s, req, a) => addNote(s, a.staff, a.record, fieldOf(req, "text"), a.lang),
  "legal-hold": (s, req, a) => setLegalHold(s, a, fieldOf(req, "hold") === "on"),
};

export function caseActionRoutes(router: Router, services: Services): void {
  for (const [name, action] of Object.entries(ACTIONS)) {
    router.post(`/cases/:id/${name}`, allow(...CASE_ROLES), checkCsrf, async (req, res) => {
      const { lang } = localsOf(res);
      const id = req.params.id as string;
      const opened = await openCase(services, id, lang);
      if (!opened.ok) return renderMessage(res, 404, "staff.not_found", "staff.not_found_text");
      const result = await action(services, req, { staff: signedIn(res).staff, record: opened.value.record, seen: revisionOf(req), lang }, opened.value.form);
      if (result.ok) return res.redirect(303, `/staff/cases/${id}`);
      // Nothing was changed; the case is read again so that the page shows what stands now.
      const current = await openCase(services, id, lang);
      if (!current.ok) return renderMessage(res, 404, "staff.not_found", "staff.not_found_text");
      await renderCase(services, res, result.status, current.value.record, current.value.form, result.problems);
    });
  }
}

/**
 * The review workflow of a submitted application, as data: which status may follow which.
 * received (submitted) → assigned → in review → more information requested → (resubmitted) in review → …
 * → approved or rejected. An approval above the form's approval limit waits in pending approval
 * until a second person confirms it (approved) or sends it back (in review).
 * Anything else is refused with a clear error.
 */
import type { ApplicationRecord, ApplicationStatus, Decision } from "../store/store";

export const TRANSITIONS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  draft: ["submitted"],
  submitted: ["assigned", "in_review"],
  assigned: ["assigned", "in_review"],
  in_review: ["more_information", "pending_approval", "approved", "rejected"],
  more_information: ["in_review"],
  pending_approval: ["approved", "in_review"],
  approved: [],
  rejected: [],
};

export const canMove = (from: ApplicationStatus, to: ApplicationStatus): boolean => TRANSITIONS[from].includes(to);

export const isDecided = (status: ApplicationStatus): boolean => status === "approved" || status === "rejected";

/** The decision as the applicant may know it: an approval waiting for its second person is not one yet. */
export const finalDecision = (record: ApplicationRecord): Decision | null => (isDecided(record.status) ? record.decision : null);

/** The status as the applicant reads it: an approval waiting for its second person is still being reviewed. */
export const applicantStatus = (status: ApplicationStatus): ApplicationStatus => (status === "pending_approval" ? "in_review" : status);

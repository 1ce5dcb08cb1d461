/**
 * The review workflow of a submitted application, as data: which status may follow which.
 * received (submitted) → assigned → in review → more information requested → (resubmitted) in review → …
 * → approved or rejected. Anything else is refused with a clear error.
 */
import type { ApplicationStatus } from "../store/store";

export const TRANSITIONS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  draft: ["submitted"],
  submitted: ["assigned", "in_review"],
  assigned: ["assigned", "in_review"],
  in_review: ["more_information", "approved", "rejected"],
  more_information: ["in_review"],
  approved: [],
  rejected: [],
};

export const canMove = (from: ApplicationStatus, to: ApplicationStatus): boolean => TRANSITIONS[from].includes(to);

export const isDecided = (status: ApplicationStatus): boolean => status === "approved" || status === "rejected";

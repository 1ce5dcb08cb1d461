/** Everything the engine needs to know about one application in progress: plain data, stored as is. */
export interface Session {
  answers: Record<string, unknown>;
  /** Answers of branches that no longer apply, by pointer, restored when they apply again. */
  stash: Record<string, unknown>;
  /** Optional questions left blank and groups closed ("add another?" answered no). */
  skipped: string[];
  /** Pointers of the questions answered, in the order they were answered: the path Back follows. */
  history: string[];
  /** A question the applicant went back to, or chose to change from the review. */
  cursor?: { pointer: string; mode: "back" | "change" };
  /** Questions a caseworker reopened for more information: asked again before anything else. */
  reopened?: string[];
  /**
   * While more information is requested: the questions (and "add another?" of groups) that were
   * part of the application and not reopened. They stay as submitted; only the reopened questions
   * and what their answers bring in may change.
   */
  frozen?: string[];
  /**
   * A typed answer the chat read and asked "So that is … — right?" about, not stored yet: the
   * confirmation stores exactly this value. Any move on the application drops it.
   */
  readBack?: { pointer: string; value: unknown; reading: string };
}

export const newSession = (): Session => ({ answers: {}, stash: {}, skipped: [], history: [] });

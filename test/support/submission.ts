/** A submission for store tests: the store gives it its reference; what is rendered is fixed. */
import { newSession } from "../../server/engine/session";
import type { Language } from "../../server/i18n/languages";
import type { NewSubmission, RenderedSubmission } from "../../server/store/store";

export function newSubmission(rendered: RenderedSubmission, more: { submittedAt: string; prefix?: string; language?: Language; render?: NewSubmission["render"] }): NewSubmission {
  return {
    numbering: { prefix: more.prefix ?? "STW", year: 2026 },
    submittedAt: more.submittedAt,
    language: more.language ?? "de",
    declaration: { version: "1.0.0/de/000000000000", at: more.submittedAt, channel: "api" },
    session: { ...newSession(), answers: rendered.answers },
    render: more.render ?? (() => Promise.resolve(rendered)),
  };
}

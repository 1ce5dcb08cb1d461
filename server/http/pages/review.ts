/** Check your answers: every answer on the applicant's path with a way to change it, then the declaration. */
import type { Form } from "../../engine/form";
import type { Problem } from "../../engine/problem";
import { summaryOf, type State } from "../../engine/present";
import { entriesFor } from "../../engine/flow";
import { titleOf } from "../../engine/texts";
import type { ApplicationRecord } from "../../store/store";
import { t } from "../../i18n/translate";
import { estimateOf } from "./estimate";
import { applicationPaths } from "./paths";
import { errorLink } from "./error-links";
import type { ErrorLink, Page } from "./render";

export interface ReviewShown {
  /** Problems of a refused submission, shown in the error summary. */
  problems?: Problem[];
  declarationMissing?: boolean;
}

export function reviewPage(form: Form, record: ApplicationRecord, state: State, shown: ReviewShown = {}): Page {
  const lang = record.language;
  const paths = applicationPaths(record.id);
  const sections = summaryOf(form, record.session, lang).map((s) => ({
    heading: s.heading,
    rows: s.rows,
  }));
  const asked = new Set(sections.flatMap((s) => s.rows.map((r) => r.pointer)));
  const linked = (p: Problem): ErrorLink => errorLink(form, lang, paths, p, asked.has(p.pointer) ? paths.change(p.pointer) : undefined);
  // Lists can still take or lose items after the review: their "add another?" is where that happens.
  const lists = entriesFor(form, record.session).flatMap((e) =>
    e.kind === "more" && e.count > 0 ? [{ title: titleOf(form, lang, e.node.template), value: t(lang, "page.review.count", { count: e.count }), pointer: e.pointer }] : [],
  );
  const declarationError = shown.declarationMissing ? t(lang, "page.review.declaration_required") : undefined;
  const errors = [...(shown.problems ?? []).map(linked), ...(declarationError ? [{ message: declarationError, href: "#declaration" }] : [])];
  return {
    view: "review",
    lang,
    title: t(lang, "page.review.title"),
    returnTo: paths.show,
    errors,
    sections,
    lists,
    complete: state.complete,
    problems: state.step.kind === "review" ? state.step.problems.map(linked) : [],
    estimate: estimateOf(form, lang, state.derived, record.session.answers),
    declaration: form.locales[lang].form.declaration,
    declarationError,
    canGoBack: record.session.history.length > 0,
    paths,
  };
}

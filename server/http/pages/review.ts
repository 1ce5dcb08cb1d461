/** Check your answers: every answer on the applicant's path with a way to change it, then the declaration. */
import type { Form } from "../../engine/form";
import type { Problem } from "../../engine/problem";
import { summaryOf, type State, type SummarySection } from "../../engine/present";
import { formatPointer, parsePointer } from "../../engine/pointer";
import type { Language } from "../../i18n/languages";
import { entriesFor } from "../../engine/flow";
import { titleOf } from "../../engine/texts";
import type { ApplicationRecord } from "../../store/store";
import { t } from "../../i18n/translate";
import { estimateOf } from "./estimate";
import { applicationPaths } from "./paths";
import { pageOf, type Paging } from "./paging";
import { errorLink } from "./error-links";
import type { ErrorLink, Page } from "./render";

export interface ReviewShown {
  /** Problems of a refused submission, shown in the error summary. */
  problems?: Problem[];
  declarationMissing?: boolean;
  /** Which page of the lists' items to show (1-based). */
  page?: number;
}

interface ReviewSection extends SummarySection {
  /** Before a list's first item shown, and after its last: the way through its pages. */
  pagingBefore?: Paging;
  pagingAfter?: Paging;
}

/** `/employees/3/name` → `/employees` and 3: the outermost list an answer's section belongs to. */
function listItemOf(pointer: string): { list: string; index: number } | undefined {
  const path = parsePointer(pointer);
  const at = path.findIndex((part) => typeof part === "number");
  return at < 0 ? undefined : { list: formatPointer(path.slice(0, at)), index: path[at] as number };
}

/**
 * The answers of each list's items, a page of items at a time: a claim with a thousand employees
 * stays a page an applicant can read. The other sections are always shown whole.
 */
function pagedSections(sections: SummarySection[], page: number, lang: Language, href: (page: number) => string): ReviewSection[] {
  const items = sections.map((section) => section.rows[0] && listItemOf(section.rows[0].pointer));
  const byList = new Map<string, Set<number>>();
  for (const item of items) if (item) byList.set(item.list, (byList.get(item.list) ?? new Set()).add(item.index));
  const shown = new Map([...byList].map(([list, indexes]) => [list, pageOf([...indexes], page, lang, href)]));
  const kept = sections.map((section, i) => ({ section, item: items[i] })).filter(({ item }) => !item || shown.get(item.list)!.items.includes(item.index));
  return kept.map(({ section, item }, i): ReviewSection => {
    const paging = item && shown.get(item.list)!.paging;
    if (!item || !paging) return section;
    const sameList = (other: (typeof kept)[number] | undefined) => other?.item?.list === item.list;
    return { ...section, ...(!sameList(kept[i - 1]) && { pagingBefore: paging }), ...(!sameList(kept[i + 1]) && { pagingAfter: paging }) };
  });
}

export function reviewPage(form: Form, record: ApplicationRecord, state: State, shown: ReviewShown = {}): Page {
  const lang = record.language;
  const paths = applicationPaths(record.id);
  const summary = summaryOf(form, record.session, lang);
  const sections = pagedSections(summary, shown.page ?? 1, lang, (n) => `${paths.show}?page=${n}`);
  const asked = new Set(summary.flatMap((s) => s.rows.map((r) => r.pointer)));
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

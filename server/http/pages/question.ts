/** The page of one question: what it asks, why, how far along the applicant is, and the estimate. */
import type { Form } from "../../engine/form";
import type { Problem } from "../../engine/problem";
import type { QuestionStep, State } from "../../engine/present";
import { entriesFor } from "../../engine/flow";
import { getAt, isPointer, parsePointer, templateOf } from "../../engine/pointer";
import { itemTitle, titleOf } from "../../engine/texts";
import { displayValue } from "../../engine/kinds/asked";
import type { ApplicationRecord } from "../../store/store";
import { t } from "../../i18n/translate";
import { estimateOf } from "./estimate";
import { questionField } from "./fields";
import { applicationPaths } from "./paths";
import { errorLink } from "./error-links";
import { CHAT_LINK } from "./forms";
import { pageOf } from "./paging";
import { importPaths, importableGroup } from "./import";
import type { Page } from "./render";

export interface Shown {
  problems?: Problem[];
  /** What was posted, kept as typed when its question is shown again with errors. */
  entered?: { pointer: string; value: unknown };
  /** The pointer of an answer just read from what was typed ("1.250,5" → 1,250.50), to show back. */
  read?: string;
  /** Which page of a long list to show (1-based). */
  page?: number;
}

/** The question's place among those the current answers bring in, so "about" stays honest as branches change. */
function progressText(form: Form, record: ApplicationRecord, state: State, pointer: string): string {
  if (record.status === "more_information") return t(record.language, "review.progress", { n: state.progress.total - state.progress.answered });
  const entries = entriesFor(form, record.session);
  const before = entries.slice(0, entries.findIndex((e) => e.pointer === pointer)).filter((e) => e.kind === "question").length;
  const total = state.progress.total;
  return t(record.language, "page.progress", { n: Math.min(before + 1, total), total });
}

function readBack(form: Form, record: ApplicationRecord, pointer: string | undefined): string | undefined {
  if (!isPointer(pointer) || pointer === "") return undefined;
  const node = form.nodes.get(templateOf(pointer));
  const value = getAt(record.session.answers, parsePointer(pointer));
  if (!node || value === undefined) return undefined;
  const lang = record.language;
  return t(lang, "page.interpreted", { question: titleOf(form, lang, node.template), value: displayValue(form, lang, node, value) });
}

export function questionPage(form: Form, record: ApplicationRecord, state: State, step: QuestionStep, shown: Shown): Page {
  const lang = record.language;
  const paths = applicationPaths(record.id);
  const messages = (shown.problems ?? []).map((p) => p.message);
  const field = questionField(step, lang, messages, shown.entered?.pointer === step.pointer ? shown.entered : undefined);
  const list = step.answerKind === "addAnother" ? getAt(record.session.answers, parsePointer(step.pointer)) : undefined;
  const listed = pageOf(Array.isArray(list) ? list : [], shown.page ?? 1, lang, (n) => `${paths.show}?page=${n}`);
  const items = listed.items.map((_, i) => {
    const pointer = `${step.pointer}/${listed.offset + i}`;
    return { pointer, title: itemTitle(form, lang, pointer, record.session.answers) };
  });
  // With items listed, the group is the page's heading and "add another?" a question below the list.
  const heading = items.length > 0 ? step.headings[step.headings.length - 1] : undefined;
  if (heading) field.heading = false;
  const caption = (heading ? step.headings.slice(0, -1) : step.headings).join(" – ");
  const importGroup = importableGroup(form, step);
  return {
    view: "question",
    lang,
    title: heading ?? step.title,
    returnTo: paths.show,
    errors: (shown.problems ?? []).map((p) => errorLink(form, lang, paths, p, "#value")),
    pointer: step.pointer,
    caption,
    heading,
    items,
    itemsPaging: listed.paging,
    field,
    why: [step.why, step.reason].filter((text) => text),
    progress: progressText(form, record, state, step.pointer),
    request: record.status === "more_information" ? record.request?.message : undefined,
    interpreted: readBack(form, record, shown.read),
    estimate: estimateOf(form, lang, state.derived, record.session.answers),
    canGoBack: record.session.history.length > 0,
    importList: importGroup && importPaths(record.id, importGroup),
    startPage: `/forms/${encodeURIComponent(form.id)}`,
    scripts: [CHAT_LINK],
    paths,
  };
}

/**
 * The work queue: submitted cases, filtered, sorted and paged (the filters live in the address, so
 * a view can be bookmarked or shared), with how many cases there are in each status.
 */
import type { Request, Router } from "express";
import type { Services } from "../../applications/service";
import { statusLabel } from "../../applications/cases";
import { TRANSITIONS } from "../../applications/workflow";
import type { ApplicationStatus, QueueFilter, QueueSort, StaffRecord } from "../../store/store";
import { t } from "../../i18n/translate";
import { localsOf, signedIn } from "./locals";
import { formatWhen, languageLabel, option, renderPage, renderRefusal } from "./render";
import { dateOf, pageOf, type Read } from "./fields";
import type { Language } from "../../i18n/languages";
import { allow, CASE_ROLES } from "./session";
import { CALLBACKS_PATH } from "./callbacks";

const PAGE_SIZE = 50;
const SORTS: readonly QueueSort[] = ["submitted_asc", "submitted_desc", "reference", "status"];
/** Oldest first: cases are worked through in the order they came in. */
const DEFAULT_SORT: QueueSort = "submitted_asc";
const CASE_STATUSES = (Object.keys(TRANSITIONS) as ApplicationStatus[]).filter((s) => s !== "draft");

/** The queue's address parameters, as given when valid (so that the filter form shows them again), else empty. */
interface QueueQuery {
  form: string;
  status: string;
  /** "", "me", "none" or a staff id. */
  assignee: string;
  from: string;
  to: string;
  reference: string;
  /** A company number, business name or account, looked up by the forms' blind indexes. */
  find: string;
  sort: QueueSort;
  page: number;
}

function queryOf(req: Request, lang: Language): Read<QueueQuery> {
  const text = (name: string) => (typeof req.query[name] === "string" ? (req.query[name] as string).trim() : "");
  const sort = text("sort") as QueueSort;
  const [from, to, page] = [dateOf(req, "from", lang), dateOf(req, "to", lang), pageOf(req, lang)];
  if (!from.ok) return from;
  if (!to.ok) return to;
  if (!page.ok) return page;
  return {
    ok: true,
    value: {
      form: text("form"),
      status: (CASE_STATUSES as string[]).includes(text("status")) ? text("status") : "",
      assignee: text("assignee"),
      from: from.value,
      to: to.value,
      reference: text("reference").toUpperCase(),
      find: text("find"),
      sort: SORTS.includes(sort) ? sort : DEFAULT_SORT,
      page: page.value,
    },
  };
}

/**
 * The cases whose submitted answers give `find` for any lookup a form declares (x-form.lookups):
 * the personal values are stored sealed, so the queue searches their keyed digests, never the values.
 */
async function foundBy(services: Services, find: string): Promise<string[]> {
  const names = [...new Set(services.registry.all().flatMap((form) => Object.keys(form.lookups)))];
  const found = await Promise.all(names.map((name) => services.store.findByLookup(name, find)));
  return [...new Set(found.flat())];
}

function filterOf(q: QueueQuery, me: StaffRecord, ids: string[] | undefined): QueueFilter {
  const filter: QueueFilter = ids === undefined ? {} : { ids };
  if (q.form) filter.formId = q.form;
  if (q.status) filter.status = q.status as ApplicationStatus;
  if (q.assignee) filter.assigneeId = q.assignee === "me" ? me.id : q.assignee;
  if (q.from) filter.submittedFrom = q.from;
  if (q.to) filter.submittedTo = q.to;
  if (q.reference) filter.reference = q.reference;
  return filter;
}

/** The queue's address with some parameters changed; empty and default ones are left out, to keep it short. */
function linkTo(q: QueueQuery, change: Partial<QueueQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...q, ...change })) {
    if (value !== "" && !(key === "sort" && value === DEFAULT_SORT) && !(key === "page" && value === 1)) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/staff?${search}` : "/staff";
}

/** The first and last page, and two either side of the current one; `null` marks a gap. */
function pageNumbers(current: number, last: number): (number | null)[] {
  const shown = [...new Set([1, last, ...[-2, -1, 0, 1, 2].map((d) => current + d)])].filter((n) => n >= 1 && n <= last).sort((a, b) => a - b);
  return shown.flatMap((n, i) => (i > 0 && n - shown[i - 1]! > 1 ? [null, n] : [n]));
}

export function queueRoutes(router: Router, services: Services): void {
  router.get("/", allow(...CASE_ROLES), async (req, res) => {
    const { lang } = localsOf(res);
    const { staff: me } = signedIn(res);
    const read = queryOf(req, lang);
    if (!read.ok) return renderRefusal(res, read.problem);
    const q = read.value;
    const filter = filterOf(q, me, q.find ? await foundBy(services, q.find) : undefined);
    const [{ items, total }, counts, staff, callbacks] = await Promise.all([
      services.store.queue(filter, q.sort, { offset: (q.page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
      services.store.countsByStatus(filter),
      services.store.listStaff(),
      services.store.openCallbackRequests({ offset: 0, limit: 0 }),
    ]);
    const names = new Map(staff.map((s) => [s.id, s.name]));
    const formTitle = (formId: string) => services.registry.get(formId)?.locales[lang].form.title ?? formId;
    const last = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const any = (current: string) => option("", t(lang, "staff.queue.any"), current === "");
    renderPage(res, 200, "queue", {
      title: t(lang, "staff.queue.title"),
      query: q,
      callbacks: { count: callbacks.total, href: CALLBACKS_PATH },
      total,
      forms: [any(q.form), ...services.registry.all().map((f) => option(f.id, formTitle(f.id), f.id === q.form))],
      statuses: [any(q.status), ...CASE_STATUSES.map((s) => option(s, statusLabel(lang, s), s === q.status))],
      assignees: [
        any(q.assignee),
        option("me", t(lang, "staff.queue.me"), q.assignee === "me"),
        option("none", t(lang, "staff.queue.unassigned"), q.assignee === "none"),
        ...staff.filter((s) => s.role !== "admin").map((s) => option(s.id, s.name, s.id === q.assignee)),
      ],
      sorts: SORTS.map((s) => option(s, t(lang, `staff.queue.sort.${s}`), s === q.sort)),
      counts: CASE_STATUSES.map((s) => ({ label: statusLabel(lang, s), count: counts[s] ?? 0, href: linkTo(q, { status: s, page: 1 }), current: s === q.status })),
      rows: items.map((item) => ({
        href: `/staff/cases/${item.id}`,
        reference: item.reference,
        form: formTitle(item.formId),
        status: statusLabel(lang, item.status),
        language: languageLabel(lang, item.language),
        assignee: item.assigneeId ? (names.get(item.assigneeId) ?? item.assigneeId) : t(lang, "staff.queue.unassigned"),
        submittedAt: formatWhen(item.submittedAt, lang),
      })),
      pages: last > 1 && {
        previous: q.page > 1 && linkTo(q, { page: q.page - 1 }),
        next: q.page < last && linkTo(q, { page: q.page + 1 }),
        links: pageNumbers(q.page, last).map((n) => (n === null ? { gap: true } : { n, href: linkTo(q, { page: n }), current: n === q.page })),
      },
    });
  });
}

/**
 * Long lists on applicant pages (a claim may list up to a thousand employees) are shown a page at a
 * time. The page is a query parameter of a GET, so it only shows: a bookmark or a mistyped number
 * opens the nearest page instead of an error.
 */
import type { Language } from "../../i18n/languages";
import { t } from "../../i18n/translate";
import { formatNumber } from "../../engine/format";

/** Entries per page: enough to scan on a phone, few enough that the page stays quick to load. */
export const PAGE_SIZE = 50;

export interface Paging {
  /** "51–100 of 1,000". */
  range: string;
  previous?: string;
  next?: string;
}

export interface Paged<T> {
  items: T[];
  /** The 0-based position of the first item shown in the whole list. */
  offset: number;
  /** Absent when everything fits on one page. */
  paging?: Paging;
}

/** The requested 1-based page, clamped to the pages there are; anything that is not a whole number is page 1. */
export function requestedPage(query: unknown): number {
  return typeof query === "string" && /^[1-9][0-9]{0,5}$/.test(query) ? Number(query) : 1;
}

export function pageOf<T>(items: T[], page: number, lang: Language, href: (page: number) => string, size = PAGE_SIZE): Paged<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, page), pages);
  const offset = (current - 1) * size;
  const shown = items.slice(offset, offset + size);
  if (pages === 1) return { items: shown, offset };
  return {
    items: shown,
    offset,
    paging: {
      range: t(lang, "page.paging.range", { from: formatNumber(offset + 1, lang), to: formatNumber(offset + shown.length, lang), total: formatNumber(items.length, lang) }),
      ...(current > 1 && { previous: href(current - 1) }),
      ...(current < pages && { next: href(current + 1) }),
    },
  };
}

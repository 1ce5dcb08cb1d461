/**
 * The items of a list (the employees of a claim) as one table instead of a section each: a claim
 * with a thousand employees then takes pages, not a ream.
 */
import type { SummaryRow, SummarySection } from "../engine/present";

export interface ItemTable {
  /** "#", then the items' questions in the order they first come. */
  columns: string[];
  /** The item's number, then its answer to each question; empty where it was not asked. */
  rows: string[][];
}

/** A section of the PDF; `rows` stays complete with a table too, for a form's own template that prints only rows. */
export interface PdfSection extends SummarySection {
  table?: ItemTable;
}

/** The sections' headings are joined with this, the last part naming the item (see summaryOf). */
const HEADING_JOIN = " – ";

interface ItemOf {
  /** The list's pointer, e.g. "/employees". */
  list: string;
  index: number;
  /** The question within the item, e.g. "/name". */
  question: string;
}

/**
 * `/employees/3/name` is the question /name of item 3 of /employees; in a list within an item, the
 * innermost position counts, as the heading names that item. A pointer with no position in a list is no item's.
 */
function itemOf(row: SummaryRow): ItemOf | undefined {
  const match = /^(\/.+)\/(0|[1-9]\d*)(\/.+)$/.exec(row.pointer);
  return match ? { list: match[1]!, index: Number(match[2]), question: match[3]! } : undefined;
}

interface ItemSection {
  section: SummarySection;
  list: string;
  index: number;
  /** The heading without the item's own part. */
  heading: string;
  questions: Map<string, SummaryRow>;
}

/** A section whose rows are all questions of one and the same item, under a heading that names it. */
function itemSection(section: SummarySection): ItemSection | undefined {
  const cut = section.heading.lastIndexOf(HEADING_JOIN);
  const items = section.rows.map(itemOf);
  const first = items[0];
  if (cut < 0 || !first || items.some((item) => item?.list !== first.list || item.index !== first.index)) return undefined;
  return {
    section,
    list: first.list,
    index: first.index,
    heading: section.heading.slice(0, cut),
    questions: new Map(section.rows.map((row, i) => [items[i]!.question, row])),
  };
}

function tableOf(run: ItemSection[]): PdfSection {
  const titles = new Map<string, string>();
  for (const item of run) for (const [question, row] of item.questions) if (!titles.has(question)) titles.set(question, row.title);
  const questions = [...titles.keys()];
  return {
    heading: run[0]!.heading,
    rows: run.flatMap((item) => item.section.rows),
    table: {
      columns: ["#", ...titles.values()],
      rows: run.map((item) => [String(item.index + 1), ...questions.map((question) => item.questions.get(question)?.value ?? "")]),
    },
  };
}

/** Consecutive sections of items of the same list, one after another, become one section with a table. */
export function withItemTables(sections: SummarySection[]): PdfSection[] {
  const out: PdfSection[] = [];
  let run: ItemSection[] = [];
  const close = () => {
    if (run.length > 0) out.push(tableOf(run));
    run = [];
  };
  for (const section of sections) {
    const item = itemSection(section);
    const last = run.at(-1);
    if (last && !(item && item.list === last.list && item.heading === last.heading && item.index !== last.index)) close();
    if (item) run.push(item);
    else out.push(section);
  }
  close();
  return out;
}

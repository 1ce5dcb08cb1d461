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

interface Item {
  list: string;
  index: number;
  /** The heading of the item's first section: the list's headings, then the item's own title. */
  heading: string;
  sections: SummarySection[];
  questions: Map<string, SummaryRow>;
}

/** The item a section is of: when all its rows are questions of one and the same item. */
function itemOfSection(section: SummarySection): ItemOf | undefined {
  const items = section.rows.map(itemOf);
  const first = items[0];
  return first && items.every((item) => item?.list === first.list && item.index === first.index) ? first : undefined;
}

/**
 * The items' common heading: the parts all of them share, never the last one, which names the
 * item. Compared across the items, so that an item's name with " – " in it does not count as a part.
 */
function commonHeading(items: Item[]): string {
  const [first, ...rest] = items.map((item) => item.heading.split(HEADING_JOIN));
  let shared = first!.length - 1;
  for (const parts of rest) while (shared > 0 && parts.slice(0, shared).join(HEADING_JOIN) !== first!.slice(0, shared).join(HEADING_JOIN)) shared--;
  return shared > 0 ? first!.slice(0, shared).join(HEADING_JOIN) : items[0]!.heading;
}

function tableOf(items: Item[]): PdfSection {
  const titles = new Map<string, string>();
  for (const item of items) for (const [question, row] of item.questions) if (!titles.has(question)) titles.set(question, row.title);
  const questions = [...titles.keys()];
  return {
    heading: commonHeading(items),
    rows: items.flatMap((item) => item.sections.flatMap((section) => section.rows)),
    table: {
      columns: ["#", ...titles.values()],
      rows: items.map((item) => [String(item.index + 1), ...questions.map((question) => item.questions.get(question)?.value ?? "")]),
    },
  };
}

/**
 * Consecutive sections of the items of one list become one section with a table; consecutive
 * sections of the same item (its own sub-headings) give one row.
 */
export function withItemTables(sections: SummarySection[]): PdfSection[] {
  const out: PdfSection[] = [];
  let run: Item[] = [];
  const close = () => {
    if (run.length > 0) out.push(tableOf(run));
    run = [];
  };
  for (const section of sections) {
    const of = itemOfSection(section);
    if (!of) {
      close();
      out.push(section);
      continue;
    }
    if (run.length > 0 && run[0]!.list !== of.list) close();
    let item = run.at(-1);
    if (item?.index !== of.index) run.push((item = { list: of.list, index: of.index, heading: section.heading, sections: [], questions: new Map() }));
    item.sections.push(section);
    for (const row of section.rows) item.questions.set(itemOf(row)!.question, row);
  }
  close();
  return out;
}

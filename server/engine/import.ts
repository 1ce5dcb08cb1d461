/**
 * A list from a file (a payroll program's export) imported into a repeatable group: columns are
 * matched to the item's questions by name, and every row is answered as if its cells were typed
 * one by one into the questions its own answers bring in, with the same readers and checks. The
 * session that comes out is the one typing would leave: the same answers, the same history.
 */
import type { Form } from "./form";
import type { Problem } from "./problem";
import type { Session } from "./session";
import type { Language } from "../i18n/languages";
import { LANGUAGES } from "../i18n/languages";
import { t } from "../i18n/translate";
import { askedOf } from "./kinds/asked";
import type { Asked } from "./kinds/kind";
import { readTyped } from "./kinds/read";
import { dateContextOf } from "./reading";
import { itemEntriesOf } from "./evaluate";
import { contextOf, settle } from "./flow";
import { crossAnswerProblems, engineProblem, validateAnswer } from "./validate";
import { fieldText } from "./texts";
import { formatPointer, getAt, isPlainObject, parsePointer, setAt, templateOf } from "./pointer";
import type { GroupNode, QuestionNode, SectionNode } from "./model";

/** A column of the file and the question it was matched to (none: the column is not used). */
export interface ColumnMatch {
  header: string;
  /** The question's pointer with `*` for the item, as in the form's texts. */
  question: string | null;
}

/** A problem with one cell: where it is in the file and in the answers. */
export interface CellProblem extends Problem {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  column: string;
  value: string;
}

export interface ImportOutcome {
  session: Session;
  problems: CellProblem[];
  /** Rows stored (all, or with `cleanRowsOnly` the clean ones). */
  imported: number;
  /** Rows of the file (by spreadsheet number) that had problems. */
  rejectedRows: number[];
  /** Cells given for a question their row does not ask (a tax class for a minijob): not stored, as a page would never ask them. */
  ignored: { row: number; column: string; pointer: string }[];
  /** The clean rows' items as they are stored, for a preview. */
  items: { row: number; pointer: string; answers: Record<string, unknown> }[];
}

/** Header text compared loosely: case, spaces, dashes, brackets and the like do not matter. */
export const columnKey = (name: string): string => name.normalize("NFKC").toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/** The group's item questions (in sections of the item too, not in groups within it), in the form's order. */
export function itemQuestions(group: GroupNode): QuestionNode[] {
  const out: QuestionNode[] = [];
  const walk = (section: SectionNode) => section.children.forEach((c) => (c.kind === "question" ? out.push(c) : c.kind === "section" ? walk(c) : undefined));
  walk(group.item);
  return out;
}

/** The heading of a question's column in `lang`: the locale's first column name, else the question's title. */
export function columnHeader(form: Form, lang: Language, node: QuestionNode): string {
  const texts = fieldText(form, lang, node.template);
  return texts?.columns?.[0] ?? texts?.title ?? node.name;
}

/** Every name a column may have for a question: its property name, the form's `x-columns`, and its titles and columns in every language. */
function namesOf(form: Form, node: QuestionNode): string[] {
  const declared = Array.isArray(node.schema["x-columns"]) ? (node.schema["x-columns"] as string[]) : [];
  const texts = LANGUAGES.flatMap((lang) => {
    const field = form.locales[lang]?.fields[node.template];
    return field ? [field.title, ...(field.columns ?? [])] : [];
  });
  return [node.name, ...declared, ...texts];
}

/** Matches the file's headers to the questions; a header no question is called stays unused. The first question of the form to claim a name keeps it. */
export function matchColumns(form: Form, group: GroupNode, headers: string[]): ColumnMatch[] {
  const byName = new Map<string, string>();
  for (const node of itemQuestions(group)) for (const name of namesOf(form, node)) if (!byName.has(columnKey(name))) byName.set(columnKey(name), node.template);
  const taken = new Set<string>();
  return headers.map((header) => {
    const question = byName.get(columnKey(header));
    // A second column for the same question is not used: which one is meant cannot be known.
    if (question === undefined || taken.has(question)) return { header, question: null };
    taken.add(question);
    return { header, question };
  });
}

interface ImportRequest {
  group: string;
  headers: string[];
  rows: string[][];
  lang: Language;
  today: Date;
  cleanRowsOnly?: boolean;
}

const blankRow = (row: string[]) => row.every((cell) => cell.trim() === "");

const without = (list: string[], items: ReadonlySet<string>) => list.filter((x) => !items.has(x));

/** Items already in the list, without the empty one "add another? yes" leaves at the end. */
function existingItems(session: Session, path: (string | number)[]): unknown[] {
  const list = getAt(session.answers, path);
  const items = Array.isArray(list) ? [...list] : [];
  while (items.length > 0 && isPlainObject(items[items.length - 1]) && Object.keys(items[items.length - 1] as object).length === 0) items.pop();
  return items;
}

/**
 * Imports rows into the group at `group`. Nothing changes when a row has a problem, unless
 * `cleanRowsOnly`: then the clean rows are stored and the others reported.
 */
export function importRows(form: Form, session: Session, request: ImportRequest): ImportOutcome {
  const { group, headers, rows, lang, today } = request;
  const node = form.nodes.get(templateOf(group));
  const nothing = (problems: CellProblem[]): ImportOutcome => ({ session, problems, imported: 0, rejectedRows: [], ignored: [], items: [] });
  if (node?.kind !== "group") return nothing([{ ...engineProblem(lang, "not_a_list", group), row: 0, column: "", value: "" }]);
  // While more information is requested, a list that was not reopened stays as submitted.
  if (session.frozen?.includes(group)) return nothing([{ ...engineProblem(lang, "not_reopened", group), row: 0, column: "", value: "" }]);
  const groupPath = parsePointer(group);
  const columns = matchColumns(form, node, headers);
  const columnOf = new Map(columns.flatMap((c, i) => (c.question ? [[c.question, i] as const] : [])));
  const ctx = contextOf(form, session);
  const asked = new Map<string, Asked>();
  const askedFor = (q: QuestionNode, required: boolean) => {
    const key = `${q.template}|${required}`;
    if (!asked.has(key)) asked.set(key, askedOf(form, lang, q, required));
    return asked.get(key)!;
  };
  // A list repeats its words and figures ("regulär", "ja", "3.200,00"): each is read once per
  // question. Dates are read near other answers, so each date cell is read on its own.
  const readings = new Map<string, ReturnType<typeof readTyped>>();
  const readCell = (q: QuestionNode, required: boolean, pointer: string, text: string) => {
    const read = () => readTyped(askedFor(q, required), text, { lang, today, ...dateContextOf(form, answers, pointer) });
    if (q.answerKind === "date" || q.answerKind === "month") return read();
    const key = `${q.template}|${required}|${text}`;
    let reading = readings.get(key);
    if (!reading) readings.set(key, (reading = read()));
    return reading;
  };
  // A rule across answers (`$data`) touching the item is checked per cell, as when typed; without one, validating the whole list per cell would be wasted.
  const itemSchema = `${node.schemaPath}/items`;
  const crossRules = [...form.dataRules.keys()].some((path) => path.startsWith(itemSchema));

  const list = existingItems(session, groupPath);
  const before = list.length;
  const given = rows.filter((row) => !blankRow(row)).length;
  const tooMany = (): ImportOutcome => nothing([{ code: "maxItems", pointer: group, message: t(lang, "import.too_many", { limit: node.maxItems }), params: { limit: node.maxItems }, row: 0, column: "", value: "" }]);
  if (before + given > node.maxItems && !request.cleanRowsOnly) return tooMany();
  const answers = setAt(session.answers, groupPath, list) as Record<string, unknown>;
  const problems: CellProblem[] = [];
  const rejectedRows: number[] = [];
  const ignored: ImportOutcome["ignored"] = [];
  const history: string[][] = [];
  const items: ImportOutcome["items"] = [];
  const skipped: string[] = [];
  rows.forEach((row, r) => {
    if (blankRow(row)) return;
    const rowNumber = r + 2;
    const index = list.length;
    const itemPointer = formatPointer([...groupPath, index]);
    let item: Record<string, unknown> = {};
    list.push(item);
    const answered: string[] = [];
    const blank: string[] = [];
    const left = new Set<string>();
    const rowProblems: CellProblem[] = [];
    const cellAt = (template: string) => {
      const i = columnOf.get(template);
      return i === undefined ? { column: "", text: "" } : { column: headers[i]!, text: (row[i] ?? "").trim() };
    };
    // Question by question in the order the page asks them: what the row's answers bring in is asked next.
    for (;;) {
      const entry = itemEntriesOf(ctx, node, item, itemPointer).find((e) => e.kind === "question" && !e.answered && !left.has(e.pointer));
      if (entry?.kind !== "question") break;
      left.add(entry.pointer);
      const { column, text } = cellAt(entry.node.template);
      const cell = (p: Problem): CellProblem => ({ ...p, row: rowNumber, column, value: text });
      if (text === "") {
        if (entry.required) rowProblems.push(cell(engineProblem(lang, "required", entry.pointer)));
        else blank.push(entry.pointer);
        continue;
      }
      const reading = readCell(entry.node, entry.required, entry.pointer, text);
      if (!reading.ok) {
        rowProblems.push(cell({ code: reading.code, pointer: entry.pointer, message: reading.message }));
        continue;
      }
      if (reading.value === null) {
        blank.push(entry.pointer);
        continue;
      }
      const found = validateAnswer(form, entry.node.schemaPath, entry.pointer, reading.value, lang);
      const relative = parsePointer(entry.pointer).slice(groupPath.length + 1);
      const next = setAt(item, relative, reading.value) as Record<string, unknown>;
      list[index] = next;
      if (crossRules) found.push(...crossAnswerProblems(form, answers, entry.pointer, lang));
      if (found.length > 0) {
        list[index] = item;
        rowProblems.push(...found.map(cell));
        continue;
      }
      item = next;
      answered.push(entry.pointer);
    }
    const active = new Set(itemEntriesOf(ctx, node, item, itemPointer).map((e) => e.pointer));
    for (const [template, i] of columnOf) {
      const pointer = template.replace("/*/", `/${index}/`);
      if (!active.has(pointer) && (row[i] ?? "").trim() !== "") ignored.push({ row: rowNumber, column: headers[i]!, pointer });
    }
    if (rowProblems.length === 0) {
      history.push(answered);
      skipped.push(...blank);
      items.push({ row: rowNumber, pointer: itemPointer, answers: item });
      return;
    }
    problems.push(...rowProblems);
    rejectedRows.push(rowNumber);
    // Importing the clean rows only, a rejected row takes no place in the list; otherwise each
    // problem's pointer is where the row would be once the file is corrected.
    if (request.cleanRowsOnly) list.pop();
  });
  const imported = history.length;
  if (problems.length > 0 && !request.cleanRowsOnly) return { ...nothing(problems), rejectedRows, ignored, items };
  if (list.length > node.maxItems) return tooMany();
  if (imported === 0) return { ...nothing(problems), rejectedRows, ignored, items };
  // As typed: each item's answers in order, and before each item at or past the group's minItems
  // an "add another? yes", which moves the group's pointer to the end of the history each time.
  const lastYes = before + history.length - 1 >= node.minItems ? history.length - 1 : -1;
  const newPointers = new Set([...history.flat(), ...(lastYes >= 0 ? [group] : [])]);
  const typed = [...without(session.history, newPointers), ...history.flatMap((pointers, i) => (i === lastYes ? [group, ...pointers] : pointers))];
  const settled = settle(form, session, answers, [...without(session.skipped, new Set([group, ...skipped])), ...skipped], lang);
  if (settled.problems.length > 0) return nothing(settled.problems.map((p) => ({ ...p, row: 0, column: "", value: "" })));
  const reopened = session.reopened?.filter((p) => !newPointers.has(p));
  const next = { ...settled.session, history: typed, reopened: reopened?.length ? reopened : undefined, cursor: undefined };
  return { session: next, problems, imported, rejectedRows, ignored, items };
}

/**
 * The de-identified export of a form's submitted applications, for statisticians. What leaves is
 * decided by the form's privacy classes (engine/privacy.ts): identifiers and personal or financial
 * answers without a coarsening are dropped, the others kept or coarsened. Each row is one item of
 * the form's repeatable group (one employee), with its application's answers beside it and the
 * application named by a keyed pseudonym; then small cells are suppressed (small-cells.ts).
 *
 * Everything is read through the Store interface (the queue and each latest submission), so the
 * export reads what the store gives back whatever the store keeps on disk.
 */
import { coarsen, type CoarseningSpec } from "../engine/coarsenings";
import type { Form } from "../engine/form";
import { allNodes, type GroupNode, type QuestionNode } from "../engine/model";
import { getAt, parsePointer } from "../engine/pointer";
import { exportTreatment } from "../engine/privacy";
import type { QueueItem, Store } from "../store/store";
import { pseudonymOf } from "./pseudonyms";
import { suppressSmallCells, type Cell } from "./small-cells";

/** A cell (a combination of the quasi-identifiers) seen in fewer applications than this is suppressed. */
export const MIN_CASES_PER_CELL = 5;

export interface DeidentifiedTable {
  columns: string[];
  rows: Cell[][];
}

interface Column {
  name: string;
  /** Part of the combination that makes a cell: every column but the pseudonym and exact numbers, which are the measures. */
  quasiIdentifier: boolean;
  value(row: RowSource): Cell;
}

/** What one row is read from: the case, its latest submission's answers, and the group item of the row. */
interface RowSource {
  item: QueueItem;
  formVersion: string | undefined;
  answers: unknown;
  groupItem: unknown;
}

const SUBMISSION_MONTH: CoarseningSpec = { name: "month", parameter: undefined };
const PAGE = 500;

/** A multiple choice leaves as its values joined, so that a CSV cell holds it. */
const asCell = (value: unknown): Cell =>
  value === undefined ? null : Array.isArray(value) ? value.join(";") : (value as Cell);

/** The repeatable group whose items are the rows: the first one not inside another. */
const rowGroupOf = (form: Form): GroupNode | undefined =>
  [...allNodes(form.root)].find((n): n is GroupNode => n.kind === "group" && !n.template.includes("*"));

function answerColumn(question: QuestionNode, group: GroupNode | undefined): Column | undefined {
  const treatment = exportTreatment(question);
  if (treatment.kind === "drop") return undefined;
  const inGroup = group !== undefined && question.template.startsWith(`${group.template}/*/`);
  // Answers in a nested group, or in a group other than the rows', have no row to go in.
  if (!inGroup && question.template.includes("*")) return undefined;
  const path = parsePointer(inGroup ? question.template.slice(group.template.length + 2) : question.template);
  const read = (row: RowSource) => getAt(inGroup ? row.groupItem : row.answers, path);
  const isNumber = question.valueType === "number" || question.valueType === "integer";
  return {
    name: question.template.slice(1),
    quasiIdentifier: treatment.kind === "coarsen" || !isNumber,
    value: (row) => {
      const value = read(row);
      return treatment.kind === "coarsen" ? (value === undefined ? null : coarsen(treatment.coarsening, value) ?? null) : asCell(value);
    },
  };
}

async function* submittedOf(store: Store, formId: string): AsyncGenerator<QueueItem> {
  for (let offset = 0; ; offset += PAGE) {
    const { items } = await store.queue({ formId }, "reference", { offset, limit: PAGE });
    yield* items;
    if (items.length < PAGE) return;
  }
}

/**
 * The answers are read by the current version's questions and classes: an answer of an older
 * version that the current one no longer asks has no class, and so does not leave.
 */
export async function deidentifiedExport(store: Store, form: Form, key: string, minCases = MIN_CASES_PER_CELL): Promise<DeidentifiedTable> {
  const group = rowGroupOf(form);
  const columns: Column[] = [
    { name: "application", quasiIdentifier: false, value: ({ item }) => pseudonymOf(key, item.id) },
    { name: "formVersion", quasiIdentifier: true, value: ({ formVersion }) => formVersion ?? null },
    { name: "status", quasiIdentifier: true, value: ({ item }) => item.status },
    { name: "submittedMonth", quasiIdentifier: true, value: ({ item }) => coarsen(SUBMISSION_MONTH, item.submittedAt) ?? null },
    ...[...allNodes(form.root)].flatMap((n) => (n.kind === "question" ? (answerColumn(n, group) ?? []) : [])),
  ];
  const rows: Cell[][] = [];
  for await (const item of submittedOf(store, form.id)) {
    const [submission, application] = await Promise.all([store.getSubmission(item.id), store.getApplication(item.id)]);
    if (!submission) continue;
    const groupItems = group ? (getAt(submission.answers, parsePointer(group.template)) as unknown[] | undefined) : undefined;
    for (const groupItem of groupItems?.length ? groupItems : [undefined]) {
      const source: RowSource = { item, formVersion: application?.formVersion, answers: submission.answers, groupItem };
      rows.push(columns.map((c) => c.value(source)));
    }
  }
  const quasiIdentifiers = columns.flatMap((c, i) => (c.quasiIdentifier ? [i] : []));
  return { columns: columns.map((c) => c.name), rows: suppressSmallCells(rows, quasiIdentifiers, 0, minCases) };
}

/**
 * Small-cell suppression, k-anonymity style: a cell is one combination of the values of the
 * quasi-identifier columns; its size is the number of distinct applications among its rows (the
 * employees of one firm are one case, not many). In a row whose cell has fewer than `k` cases,
 * every quasi-identifier is replaced by SUPPRESSED, so that no combination seen in fewer than `k`
 * applications leaves the export.
 */
export const SUPPRESSED = "*";

export type Cell = string | number | boolean | null;

export function suppressSmallCells(rows: Cell[][], quasiIdentifiers: readonly number[], caseColumn: number, k: number): Cell[][] {
  const keyOf = (row: Cell[]) => JSON.stringify(quasiIdentifiers.map((i) => row[i]));
  const cases = new Map<string, Set<Cell>>();
  for (const row of rows) {
    const key = keyOf(row);
    cases.set(key, (cases.get(key) ?? new Set()).add(row[caseColumn]!));
  }
  return rows.map((row) =>
    cases.get(keyOf(row))!.size >= k ? row : row.map((value, i) => (quasiIdentifiers.includes(i) ? SUPPRESSED : value)),
  );
}

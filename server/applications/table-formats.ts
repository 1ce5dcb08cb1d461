/** A table as CSV (RFC 4180, a header row, CRLF) or as JSON (one object per row, by column name). */
import type { Cell } from "./small-cells";

export const TABLE_FORMATS = ["csv", "json"] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];
export const isTableFormat = (value: string): value is TableFormat => (TABLE_FORMATS as readonly string[]).includes(value);

/** A text a spreadsheet would run as a formula (`=HYPERLINK(…)`) is exported with a leading apostrophe, which spreadsheets show as text. */
const FORMULA = /^[=+\-@\t\r]/;

const csvField = (value: Cell | string): string => {
  const text = value === null ? "" : typeof value === "string" && FORMULA.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function formatTable(table: { columns: string[]; rows: Cell[][] }, format: TableFormat): string {
  if (format === "json") return JSON.stringify(table.rows.map((row) => Object.fromEntries(table.columns.map((c, i) => [c, row[i]])))) + "\n";
  return [table.columns, ...table.rows].map((row) => row.map(csvField).join(",") + "\r\n").join("");
}

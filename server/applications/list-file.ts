/**
 * A list as a file: read from CSV (csv-parse) or an Excel workbook (exceljs) into a header row
 * and rows of text, and written as a template with only the header row. Cells come out as text,
 * because each is then read as if typed into its question; a workbook's numbers and dates are
 * written plainly (3200.5, 2026-03-01), which every language's readers take.
 */
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

export const CSV = "text/csv";
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const LIST_MEDIA_TYPES = [CSV, XLSX] as const;
export type ListMediaType = (typeof LIST_MEDIA_TYPES)[number];

/** What a list file may weigh: 1,000 rows of a payroll export are far below it. */
export const LIST_FILE_LIMIT = 5 * 1024 * 1024;

export interface Table {
  headers: string[];
  rows: string[][];
}

export type TableReading = { ok: true; table: Table } | { ok: false; code: "empty_file" | "unreadable" | "no_rows" };

/** The media type a file is sent as, or the one its name says for a browser that sends none (or `application/octet-stream`). */
export function listMediaType(declared: string | undefined, fileName = ""): ListMediaType | undefined {
  const type = (declared ?? "").split(";")[0]!.trim().toLowerCase();
  if ((LIST_MEDIA_TYPES as readonly string[]).includes(type)) return type as ListMediaType;
  // Browsers on Windows send a CSV file as Excel's own type; text/plain is a CSV from an editor.
  if (["application/vnd.ms-excel", "text/plain", "application/csv"].includes(type)) return CSV;
  if (type === "" || type === "application/octet-stream") {
    if (/\.csv$/i.test(fileName)) return CSV;
    if (/\.xlsx$/i.test(fileName)) return XLSX;
  }
  return undefined;
}

/** UTF-8 as exported today, else Windows-1252, as older German Excel saves CSV. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** The delimiter of the header row: German Excel writes `;`, most other programs `,`, some a tab. */
function delimiterOf(text: string): string {
  const first = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const unquoted = first.replace(/"[^"]*"/g, "");
  const counts = [";", ",", "\t"].map((d) => [d, unquoted.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

function tableOf(records: string[][]): TableReading {
  const nonBlank = records.filter((r) => r.some((c) => c.trim() !== ""));
  if (nonBlank.length === 0) return { ok: false, code: "empty_file" };
  const [headers, ...rows] = nonBlank as [string[], ...string[][]];
  if (rows.length === 0) return { ok: false, code: "no_rows" };
  return { ok: true, table: { headers: headers.map((h) => h.trim()), rows } };
}

function readCsv(bytes: Buffer): TableReading {
  const text = decode(bytes);
  try {
    const records = parse(text, { bom: true, delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: true, relax_quotes: true }) as string[][];
    return tableOf(records);
  } catch {
    return { ok: false, code: "unreadable" };
  }
}

/** A cell of a workbook as text: a formula's result, a rich text's characters, a date as its ISO day. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    return "";
  }
  return String(value);
}

async function readXlsx(bytes: Buffer): Promise<TableReading> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, code: "unreadable" };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, code: "empty_file" };
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    records.push(cells);
  });
  return tableOf(records);
}

export async function readTable(bytes: Buffer, type: ListMediaType): Promise<TableReading> {
  if (bytes.length === 0) return { ok: false, code: "empty_file" };
  return type === XLSX ? readXlsx(bytes) : readCsv(bytes);
}

/** A CSV field quoted when it holds the delimiter, a quote or a line break. */
const csvField = (text: string, delimiter: string) => (text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * The template's CSV: the header row, with a byte order mark so that Excel reads the Korean and
 * German letters as UTF-8, and `;` where the language writes decimal commas, as Excel there expects.
 */
export function csvTemplate(headers: string[], delimiter: "," | ";"): Buffer {
  return Buffer.from("\uFEFF" + headers.map((h) => csvField(h, delimiter)).join(delimiter) + "\r\n", "utf8");
}

export async function xlsxTemplate(headers: string[], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // Sheet names are at most 31 characters and cannot hold some signs.
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31));
  sheet.addRow(headers).font = { bold: true };
  sheet.columns.forEach((column) => (column.width = 24));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

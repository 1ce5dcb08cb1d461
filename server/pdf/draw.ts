/** Draws layout blocks with pdfkit: A4, one column, rows kept whole, tables with their header on every page, a footer on every page. */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { Block } from "./template";

/** Noto Sans KR covers Hangul, Latin with umlauts and €; pdfkit embeds only the glyphs used. */
const FONT_FILES = {
  regular: "@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf",
};

type FontName = keyof typeof FONT_FILES;

let fontData: Promise<Record<FontName, Buffer>> | undefined;

/** Read once per process: the files are 6 MB each. */
function fonts(): Promise<Record<FontName, Buffer>> {
  const { resolve } = createRequire(import.meta.url);
  fontData ??= Promise.all([readFile(resolve(FONT_FILES.regular)), readFile(resolve(FONT_FILES.bold))]).then(([regular, bold]) => ({ regular, bold }));
  return fontData;
}

interface TextStyle {
  font: FontName;
  size: number;
  color: string;
}

const STYLES = {
  title: { font: "bold", size: 18, color: "#000000" },
  heading: { font: "bold", size: 13, color: "#000000" },
  paragraph: { font: "regular", size: 10.5, color: "#000000" },
  label: { font: "bold", size: 9, color: "#555555" },
  value: { font: "regular", size: 10.5, color: "#000000" },
  footer: { font: "regular", size: 8, color: "#555555" },
  /** Smaller than a row's value: a table of a thousand items should take pages, not a ream. */
  columnHeader: { font: "bold", size: 7.5, color: "#000000" },
  cell: { font: "regular", size: 7.5, color: "#000000" },
} satisfies Record<string, TextStyle>;

const MARGINS = { top: 56, bottom: 72, left: 56, right: 56 };
const FOOTER_GAP = 28;
const LINE_GAP = 1.5;
/** Space after a block of each kind. */
const AFTER = { title: 10, heading: 8, paragraph: 6, row: 7, table: 10 };
const LABEL_GAP = 1;
/** A table's columns: the space between two of them, the narrowest one, the space above and below a cell's text. */
const CELL_GAP = 5;
const MIN_COLUMN = 16;
const CELL_PAD = 2;
/** A column header may wrap over about this many lines before its column grows for it. */
const HEADER_LINES = 3;

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  lang: string;
  created: Date;
  /** Left in every footer, so that a loose page can be put back with its application. */
  footerLeft: string;
  footerRight: (page: number, pages: number) => string;
}

type Doc = PDFKit.PDFDocument;

function contentWidth(doc: Doc): number {
  return doc.page.width - MARGINS.left - MARGINS.right;
}

function useStyle(doc: Doc, style: TextStyle): Doc {
  return doc.font(style.font).fontSize(style.size).fillColor(style.color);
}

function textHeight(doc: Doc, style: TextStyle, text: string): number {
  return text ? useStyle(doc, style).heightOfString(text, { width: contentWidth(doc), lineGap: LINE_GAP }) : 0;
}

function drawText(doc: Doc, style: TextStyle, text: string): void {
  if (text) useStyle(doc, style).text(text, MARGINS.left, doc.y, { width: contentWidth(doc), lineGap: LINE_GAP });
}

type Table = Extract<Block, { type: "table" }>;

interface TableLayout {
  /** Left edge and width of each column's text. */
  columns: { x: number; width: number }[];
  headerHeight: number;
  rowHeights: number[];
}

/**
 * How wide each column is: as wide as its widest cell, or its header wrapped over a few lines,
 * where the page allows. Narrow columns get all they want first, so that a number or a "yes" never
 * wraps; the columns that want more than their fair share then share what is left in proportion
 * to what they want, each at least as wide as the longest word of its cells, so that no answer has
 * a word broken. A header's long word may break: the answers come first.
 */
function columnWidths(doc: Doc, table: Table): number[] {
  const measure = (style: TextStyle) => {
    const font = useStyle(doc, style);
    return (text: string) => font.widthOfString(text);
  };
  // Only spaces break a line: an amount's no-break space before "€" does not. pdfkit fits a word with
  // the space after it, or that space starts the next line.
  const longestWord = (width: (text: string) => number, text: string) => Math.max(0, ...text.split(/[ \t\n\r]+/).map((word) => width(`${word} `)));
  const header = measure(STYLES.columnHeader);
  const cell = measure(STYLES.cell);
  const least = table.columns.map((_, c) => table.rows.reduce((most, row) => Math.max(most, longestWord(cell, row[c]!)), MIN_COLUMN));
  const wanted = table.columns.map((title, c) =>
    table.rows.reduce((most, row) => Math.max(most, cell(row[c]!)), Math.max(least[c]!, longestWord(header, title), header(title) / HEADER_LINES)),
  );
  const sum = (columns: number[], of: number[]) => columns.reduce((total, c) => total + of[c]!, 0);
  let available = contentWidth(doc) - CELL_GAP * (table.columns.length - 1);
  const widths: number[] = [];
  const rest = table.columns.map((_, c) => c).sort((a, b) => wanted[a]! - wanted[b]!);
  while (rest.length > 0 && wanted[rest[0]!]! <= available / rest.length) {
    const c = rest.shift()!;
    widths[c] = wanted[c]!;
    available -= wanted[c]!;
  }
  if (rest.length === 0) {
    // Room to spare: every column a little wider, so that the table spans the page.
    const spare = available / sum(widths.map((_, c) => c), widths);
    return widths.map((w) => w * (1 + spare));
  }
  // Words too long for the page all together: those columns shrink alike, and pdfkit breaks the words.
  const leastTotal = sum(rest, least);
  if (leastTotal >= available) {
    for (const c of rest) widths[c] = (least[c]! * available) / leastTotal;
    return widths;
  }
  // A column whose share would break one of its words gets just that word's width, and the others share the rest.
  for (;;) {
    const share = available / sum(rest, wanted);
    const tooNarrow = rest.filter((c) => wanted[c]! * share < least[c]!);
    if (tooNarrow.length === 0) {
      for (const c of rest) widths[c] = wanted[c]! * share;
      break;
    }
    for (const c of tooNarrow) {
      widths[c] = least[c]!;
      available -= least[c]!;
      rest.splice(rest.indexOf(c), 1);
    }
  }
  return widths;
}

/** Worked out once per table: the space it needs is asked for before it is drawn. */
const layouts = new WeakMap<Table, TableLayout>();

function tableLayout(doc: Doc, table: Table): TableLayout {
  let layout = layouts.get(table);
  if (layout) return layout;
  let x = MARGINS.left;
  const columns = columnWidths(doc, table).map((width) => {
    const column = { x, width };
    x += width + CELL_GAP;
    return column;
  });
  // Most cells fit on one line: measuring their width is much quicker than wrapping them, which a thousand rows feel.
  const height = (style: TextStyle, cells: string[]) => {
    const font = useStyle(doc, style);
    const oneLine = font.currentLineHeight(true) + LINE_GAP;
    const heights = cells.map((text, c) => {
      if (!text) return 0;
      const { width } = columns[c]!;
      return !/\n|\r/.test(text) && font.widthOfString(text) <= width ? oneLine : font.heightOfString(text, { width, lineGap: LINE_GAP });
    });
    return 2 * CELL_PAD + Math.max(...heights);
  };
  layout = { columns, headerHeight: height(STYLES.columnHeader, table.columns), rowHeights: table.rows.map((row) => height(STYLES.cell, row)) };
  layouts.set(table, layout);
  return layout;
}

function rule(doc: Doc, y: number, width: number, color: string): void {
  doc.moveTo(MARGINS.left, y).lineTo(MARGINS.left + contentWidth(doc), y).lineWidth(width).strokeColor(color).stroke();
}

function drawCells(doc: Doc, layout: TableLayout, style: TextStyle, cells: string[], height: number): void {
  const top = doc.y;
  cells.forEach((text, c) => {
    const { x, width } = layout.columns[c]!;
    if (text) useStyle(doc, style).text(text, x, top + CELL_PAD, { width, lineGap: LINE_GAP });
  });
  doc.y = top + height;
}

function drawHeader(doc: Doc, table: Table, layout: TableLayout): void {
  drawCells(doc, layout, STYLES.columnHeader, table.columns, layout.headerHeight);
  rule(doc, doc.y, 0.75, "#000000");
}

/** Row by row: a row that does not fit goes on a new page, under the header drawn again. */
function drawTable(doc: Doc, table: Table): void {
  const layout = tableLayout(doc, table);
  drawHeader(doc, table, layout);
  table.rows.forEach((row, r) => {
    const height = layout.rowHeights[r]!;
    if (doc.y + height > doc.page.height - MARGINS.bottom) {
      doc.addPage();
      drawHeader(doc, table, layout);
    }
    drawCells(doc, layout, STYLES.cell, row, height);
    if (r < table.rows.length - 1) rule(doc, doc.y, 0.25, "#cccccc");
  });
  doc.y += AFTER.table;
}

function headingStyle(block: Extract<Block, { type: "heading" }>): TextStyle {
  return block.level === 1 ? STYLES.title : STYLES.heading;
}

function blockHeight(doc: Doc, block: Block): number {
  switch (block.type) {
    case "heading":
      return textHeight(doc, headingStyle(block), block.text) + (block.level === 1 ? AFTER.title : AFTER.heading);
    case "paragraph":
      return textHeight(doc, STYLES.paragraph, block.text) + AFTER.paragraph;
    case "row":
      return textHeight(doc, STYLES.label, block.label) + LABEL_GAP + textHeight(doc, STYLES.value, block.value) + AFTER.row;
    case "spacer":
      return block.height;
    case "table": {
      const layout = tableLayout(doc, block);
      return layout.headerHeight + layout.rowHeights.reduce((sum, h) => sum + h, 0) + AFTER.table;
    }
  }
}

function atPageTop(doc: Doc): boolean {
  return doc.y <= MARGINS.top;
}

/** A new page unless `height` fits below; a block taller than a page still starts on a fresh one. */
function keepTogether(doc: Doc, height: number): void {
  if (!atPageTop(doc) && doc.y + height > doc.page.height - MARGINS.bottom) doc.addPage();
}

/** The part of a block that must go on the page it starts on: a paragraph may flow on after two lines, a table after its header and first row. */
function leadHeight(doc: Doc, block: Block): number {
  if (block.type === "spacer") return 0;
  if (block.type === "table") {
    const layout = tableLayout(doc, block);
    return layout.headerHeight + (layout.rowHeights[0] ?? 0);
  }
  if (block.type !== "paragraph") return blockHeight(doc, block);
  const twoLines = 2 * (useStyle(doc, STYLES.paragraph).currentLineHeight(true) + LINE_GAP);
  return Math.min(blockHeight(doc, block), twoLines);
}

/** A heading takes the start of the next block with it, so that it never ends a page. */
function keepHeight(doc: Doc, blocks: Block[], index: number): number {
  const block = blocks[index]!;
  if (block.type !== "heading") return leadHeight(doc, block);
  const next = blocks.findIndex((b, i) => i > index && b.type !== "spacer");
  return blockHeight(doc, block) + (next < 0 ? 0 : keepHeight(doc, blocks, next));
}

function drawBlock(doc: Doc, block: Block): void {
  switch (block.type) {
    case "heading": {
      drawText(doc, headingStyle(block), block.text);
      if (block.level === 2) {
        const y = doc.y + 1;
        doc.moveTo(MARGINS.left, y).lineTo(MARGINS.left + contentWidth(doc), y).lineWidth(0.5).strokeColor("#999999").stroke();
      }
      doc.y += block.level === 1 ? AFTER.title : AFTER.heading;
      return;
    }
    case "paragraph":
      drawText(doc, STYLES.paragraph, block.text);
      doc.y += AFTER.paragraph;
      return;
    case "row":
      drawText(doc, STYLES.label, block.label);
      doc.y += LABEL_GAP;
      drawText(doc, STYLES.value, block.value);
      doc.y += AFTER.row;
      return;
    case "spacer":
      if (!atPageTop(doc)) doc.y += block.height;
      return;
    case "table":
      drawTable(doc, block);
      return;
  }
}

/** Written after the content, when the number of pages is known; the bottom margin is lifted so that pdfkit does not flow it onto a new page. */
function drawFooters(doc: Doc, meta: DocumentMeta): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGINS.bottom + FOOTER_GAP;
    const options = { width: contentWidth(doc), lineBreak: false };
    useStyle(doc, STYLES.footer).text(meta.footerLeft, MARGINS.left, y, options);
    doc.text(meta.footerRight(i - start + 1, count), MARGINS.left, y, { ...options, align: "right" });
    doc.page.margins.bottom = MARGINS.bottom;
  }
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

export async function drawDocument(blocks: Block[], meta: DocumentMeta): Promise<Buffer> {
  const { regular, bold } = await fonts();
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGINS,
    bufferPages: true,
    lang: meta.lang,
    displayTitle: true,
    // pdfkit derives the document /ID from these entries, CreationDate included, so fixed entries give a fixed ID.
    info: { Title: meta.title, Author: meta.author, Subject: meta.subject, Creator: "Formpilot", CreationDate: meta.created, ModDate: meta.created },
  });
  const done = collect(doc);
  doc.registerFont("regular", regular).registerFont("bold", bold);
  blocks.forEach((block, index) => {
    keepTogether(doc, keepHeight(doc, blocks, index));
    drawBlock(doc, block);
  });
  drawFooters(doc, meta);
  doc.end();
  return done;
}

/** Draws layout blocks with pdfkit: A4, one column, rows kept whole, a footer on every page. */
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
} satisfies Record<string, TextStyle>;

const MARGINS = { top: 56, bottom: 72, left: 56, right: 56 };
const FOOTER_GAP = 28;
const LINE_GAP = 1.5;
/** Space after a block of each kind. */
const AFTER = { title: 10, heading: 8, paragraph: 6, row: 7 };
const LABEL_GAP = 1;

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
  }
}

function atPageTop(doc: Doc): boolean {
  return doc.y <= MARGINS.top;
}

/** A new page unless `height` fits below; a block taller than a page still starts on a fresh one. */
function keepTogether(doc: Doc, height: number): void {
  if (!atPageTop(doc) && doc.y + height > doc.page.height - MARGINS.bottom) doc.addPage();
}

/** The part of a block that must go on the page it starts on: a paragraph may flow on after two lines. */
function leadHeight(doc: Doc, block: Block): number {
  if (block.type === "spacer") return 0;
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

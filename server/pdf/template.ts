/**
 * Handlebars templates that turn a document (an application, a decision letter) into layout
 * blocks, one JSON object per line (the format is described at the top of templates/application-pdf.hbs).
 */
import { readFile } from "node:fs/promises";
import Handlebars from "handlebars";

export type Block =
  | { type: "heading"; text: string; level: 1 | 2 }
  | { type: "paragraph"; text: string }
  | { type: "row"; label: string; value: string }
  | { type: "spacer"; height: number }
  /** `rows` are the `{{cells}}` lines that follow the `{{table}}` line, each as long as `columns`. */
  | { type: "table"; columns: string[]; rows: string[][] };

/** A line of template output: a block, or one row of the table the lines above started. */
type Line = Exclude<Block, { type: "table" }> | { type: "table"; columns: string[] } | { type: "cells"; cells: string[] };

export class TemplateError extends Error {
  override name = "TemplateError";
}

/** The block helpers, with their positional arguments; options such as `level=1` come as hash arguments. */
const BLOCK_FIELDS: Record<Line["type"], string[]> = { heading: ["text"], paragraph: ["text"], row: ["label", "value"], spacer: [], table: ["columns"], cells: ["cells"] };

const CONTROL_HELPERS = new Set(["each", "if", "unless", "with"]);

/** Its own environment, so that only the block helpers are there and nobody else's helpers leak in. */
const handlebars = Handlebars.create();
for (const [type, fields] of Object.entries(BLOCK_FIELDS)) {
  handlebars.registerHelper(type, (...args: unknown[]) => {
    const options = args.pop() as Handlebars.HelperOptions;
    if (args.length !== fields.length) throw new TemplateError(`{{${type}}} takes ${fields.length ? fields.join(" and ") : "no text"}`);
    const block = { type, ...options.hash, ...Object.fromEntries(fields.map((field, i) => [field, args[i]])) };
    // JSON.stringify escapes quotes, backslashes and newlines, so no answer can end its block or start another.
    return new handlebars.SafeString(`${JSON.stringify(block)}\n`);
  });
}

function refuse(node: hbs.AST.Node, what: string): never {
  throw new TemplateError(`template line ${node.loc.start.line}: ${what}`);
}

/**
 * Only the block helpers may write: HTML escaping (`{{x}}`) would show `&lt;` for `<`, and
 * `{{{x}}}` or bare text would let an answer, or a slip of the template, write a block of its own.
 */
function checkOutputs(program: hbs.AST.Program): void {
  for (const node of program.body) {
    switch (node.type) {
      case "CommentStatement":
        break;
      case "ContentStatement":
        if ((node as hbs.AST.ContentStatement).value.trim()) refuse(node, 'text outside a block; write it as {{paragraph "…"}}');
        break;
      case "MustacheStatement": {
        const { path } = node as hbs.AST.MustacheStatement;
        const name = path.type === "PathExpression" ? (path as hbs.AST.PathExpression).original : "";
        if (!Object.hasOwn(BLOCK_FIELDS, name)) refuse(node, "write only {{heading …}}, {{paragraph …}}, {{row …}}, {{spacer}}, {{table …}} and {{cells …}}");
        break;
      }
      case "BlockStatement": {
        const b = node as hbs.AST.BlockStatement;
        if (!CONTROL_HELPERS.has(b.path.original)) refuse(node, `{{#${b.path.original}}} is not one of #each, #if, #unless, #with`);
        checkOutputs(b.program);
        if (b.inverse) checkOutputs(b.inverse);
        break;
      }
      default:
        refuse(node, `${node.type} is not supported`);
    }
  }
}

export type CompiledTemplate = (data: object) => Block[];

export function compileTemplate(source: string): CompiledTemplate {
  let ast: hbs.AST.Program;
  try {
    ast = handlebars.parse(source);
  } catch (error) {
    throw new TemplateError(`template does not parse: ${(error as Error).message}`);
  }
  checkOutputs(ast);
  const render = handlebars.compile(ast);
  return (data) => {
    let output: string;
    try {
      output = render(data);
    } catch (error) {
      throw new TemplateError(`template failed: ${(error as Error).message}`);
    }
    return parseBlocks(output);
  };
}

/** A template file, read and compiled on first use and then kept: templates do not change while the server runs. */
export function templateFile(url: URL): () => Promise<CompiledTemplate> {
  let compiled: Promise<CompiledTemplate> | undefined;
  return () => (compiled ??= readFile(url, "utf8").then(compileTemplate));
}

export function parseBlocks(output: string): Block[] {
  const blocks: Block[] = [];
  output.split(/\r\n|\n|\r/).forEach((line, index) => {
    if (!line.trim()) return;
    const fail = failure(line, index + 1);
    const parsed = parseBlock(line, fail);
    if (parsed.type === "table") blocks.push({ ...parsed, rows: [] });
    else if (parsed.type !== "cells") blocks.push(parsed);
    else {
      // Checked here, not when drawing: a row that does not fit its table is the template's mistake.
      const table = blocks.at(-1);
      if (table?.type !== "table") fail("{{cells}} must follow a {{table}} or another {{cells}}");
      else if (parsed.cells.length !== table.columns.length) fail(`a row of ${parsed.cells.length} cells in a table of ${table.columns.length} columns`);
      else table.rows.push(parsed.cells);
    }
  });
  return blocks;
}

function failure(line: string, lineNo: number): (what: string) => never {
  return (what) => {
    throw new TemplateError(`template output line ${lineNo}: ${what}: ${line.slice(0, 80)}`);
  };
}

function parseBlock(line: string, fail: (what: string) => never): Line {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    fail("not a JSON object");
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return fail("not a JSON object");
  const block = raw as Record<string, unknown>;
  const text = (key: string): string => (typeof block[key] === "string" ? (block[key] as string) : fail(`"${key}" must be a text`));
  const texts = (key: string): string[] => {
    const value = block[key];
    return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string") ? (value as string[]) : fail(`"${key}" must be a list of texts`);
  };
  const only = (...keys: string[]) => {
    const extra = Object.keys(block).find((key) => key !== "type" && !keys.includes(key));
    if (extra) fail(`"${extra}" is not a field of a ${String(block.type)}`);
  };
  switch (block.type) {
    case "heading": {
      only("text", "level");
      const level = block.level ?? 2;
      if (level !== 1 && level !== 2) fail(`"level" must be 1 or 2`);
      return { type: "heading", text: text("text"), level: level as 1 | 2 };
    }
    case "paragraph":
      only("text");
      return { type: "paragraph", text: text("text") };
    case "row":
      only("label", "value");
      return { type: "row", label: text("label"), value: text("value") };
    case "spacer": {
      only("height");
      const height = block.height ?? 12;
      if (typeof height !== "number" || !(height >= 0 && height <= 200)) fail(`"height" must be a number from 0 to 200`);
      return { type: "spacer", height: height as number };
    }
    case "table":
      only("columns");
      return { type: "table", columns: texts("columns") };
    case "cells":
      only("cells");
      return { type: "cells", cells: texts("cells") };
    default:
      return fail(`"type" must be heading, paragraph, row, spacer, table or cells`);
  }
}

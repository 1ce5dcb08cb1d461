/**
 * A form's own PDF template (pdf.hbs) naming data the template does not get. Handlebars prints
 * nothing for an unknown name inside #each or #if, so a misspelt `{{row titel value}}` would
 * silently drop every row; this follows the template's scopes (#each, #with, ../) instead.
 */
import Handlebars from "handlebars";
import { compileTemplate } from "../pdf/template";
import type { Finding } from "./finding";

type Shape = "text" | "any" | { fields: Record<string, Shape> } | { list: Shape };

const fields = (names: string[], shape: Shape = "text"): Record<string, Shape> => Object.fromEntries(names.map((n) => [n, shape]));

/**
 * What a template sees: the DATA listed at the top of templates/application-pdf.hbs, as
 * server/pdf/application-pdf.ts builds it (with the fields it passes beyond that list).
 */
const TEMPLATE_DATA: Shape = {
  fields: {
    ...fields(["authority", "title", "reference", "submittedAt", "formId", "formVersion", "language", "declaration", "declared"]),
    sections: {
      list: {
        fields: {
          heading: "text",
          rows: { list: { fields: fields(["pointer", "title", "value"]) } },
          table: { fields: { columns: { list: "text" }, rows: { list: { list: "text" } } } },
        },
      },
    },
    estimate: { list: { fields: { ...fields(["pointer", "title", "display", "description", "unit", "rule", "explanation"]), value: "any", inputs: "any" } } },
    payable: "any",
    unmet: { list: "text" },
    rules: { list: { fields: { ...fields(["rule", "message", "status"]), passed: "any", params: "any" } } },
    labels: { fields: fields(["reference", "submittedAt", "estimate", "estimateNote", "notPayable", "eligibility", "declaration"]) },
  },
};

/** The shape at `parts` below `shape`, or the part that names nothing. */
function resolve(shape: Shape, parts: string[]): { shape: Shape } | { unknown: string } {
  let here = shape;
  for (const part of parts) {
    if (here === "any") return { shape: "any" };
    if (part === "length" && (here === "text" || "list" in here)) here = "any";
    else if (here !== "text" && "list" in here && /^\d+$/.test(part)) here = here.list;
    else if (here !== "text" && "fields" in here && Object.hasOwn(here.fields, part)) here = here.fields[part]!;
    else return { unknown: part };
  }
  return { shape: here };
}

type Node = hbs.AST.Node;

export function templateReferenceFindings(source: string): Finding[] {
  try {
    // The renderer's own checks first: syntax, and that only the block helpers write.
    compileTemplate(source);
  } catch (error) {
    return [{ severity: "error", code: "invalid_template", file: "pdf.hbs", pointer: "", message: (error as Error).message.replace(/\s+/g, " "),
      fix: "See the comment at the top of templates/application-pdf.hbs for what a template may contain." }];
  }
  const ast = Handlebars.parse(source);
  const findings: Finding[] = [];
  /** Checks a data path in the innermost scope (`scopes` is innermost last); returns its shape. */
  const check = (expr: Node, scopes: Shape[], blockParams: Set<string>): Shape => {
    if (expr.type === "SubExpression") {
      const sub = expr as hbs.AST.SubExpression;
      sub.params.forEach((p) => check(p, scopes, blockParams));
      return "any";
    }
    if (expr.type !== "PathExpression") return "any";
    const path = expr as hbs.AST.PathExpression;
    // @index, @first, @key are Handlebars' own; @root.x is the top of the data.
    if (path.data && path.parts[0] !== "root") return "any";
    if (!path.data && blockParams.has(path.parts[0] ?? "")) return "any";
    const found = path.data ? resolve(scopes[0]!, path.parts.slice(1)) : resolve(scopes[Math.max(0, scopes.length - 1 - path.depth)]!, path.parts);
    if ("shape" in found) return found.shape;
    findings.push({
      severity: "error",
      code: "unknown_name_in_template",
      file: "pdf.hbs",
      pointer: `${path.loc.start.line}:${path.loc.start.column + 1}`,
      message: `"${path.original}": there is no "${found.unknown}" in the template's data at this place`,
      fix: "Use a name from the DATA list at the top of templates/application-pdf.hbs, inside the #each or #with it belongs to.",
    });
    return "any";
  };
  const walk = (program: hbs.AST.Program, scopes: Shape[], blockParams: Set<string>): void => {
    for (const node of program.body) {
      if (node.type !== "MustacheStatement" && node.type !== "BlockStatement") continue;
      // The path of a mustache or block is a helper (row, each, …); its arguments are data.
      const call = node as hbs.AST.MustacheStatement | hbs.AST.BlockStatement;
      const shapes = call.params.map((p) => check(p, scopes, blockParams));
      call.hash?.pairs.forEach((pair) => check(pair.value, scopes, blockParams));
      if (node.type !== "BlockStatement") continue;
      const block = node as hbs.AST.BlockStatement;
      const helper = block.path.original;
      const given = shapes[0] ?? "any";
      const inner = helper === "with" ? given : helper === "each" ? (given !== "any" && given !== "text" && "list" in given ? given.list : "any") : undefined;
      walk(block.program, inner === undefined ? scopes : [...scopes, inner], new Set([...blockParams, ...(block.program.blockParams ?? [])]));
      if (block.inverse) walk(block.inverse, scopes, blockParams);
    }
  };
  walk(ast, [TEMPLATE_DATA], new Set());
  return findings;
}

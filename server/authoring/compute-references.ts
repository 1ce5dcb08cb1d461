/**
 * compute.ts reading an answer the schema does not have. The types catch most of these, but only
 * while schema.types.ts is fresh; this reads the source itself. It is a textual scan of member
 * chains on `answers` (`answers.employer?.name`, `answers.people?.[0]?.pay`): an alias
 * (`const a = answers.employer; a.nmae`) or a destructuring is not followed.
 */
import type { FormNode, SectionNode } from "../engine/model";
import type { Finding } from "./finding";
import { positionAt } from "./source-position";

const CHAIN_START = /\banswers\b/g;
/** One link: `.name`, `?.name`, `[…]` or `?.[…]`. */
const LINK = /^(?:\??\.([A-Za-z_$][\w$]*)|(?:\?\.)?\[([^\]]*)\])/;

type Link = { name: string } | { index: true };

function linksAt(source: string, from: number): Link[] {
  const links: Link[] = [];
  let rest = source.slice(from);
  for (let m = LINK.exec(rest); m; m = LINK.exec(rest)) {
    const quoted = m[2] !== undefined ? /^\s*["'`]([^"'`]+)["'`]\s*$/.exec(m[2]) : null;
    links.push(m[1] !== undefined ? { name: m[1] } : quoted ? { name: quoted[1]! } : { index: true });
    rest = rest.slice(m[0].length);
  }
  return links;
}

/** The first link that names nothing in the model, with the object it was looked up in. */
function unknownLink(root: SectionNode, links: Link[]): { at: number; section: SectionNode; name: string } | undefined {
  let node: FormNode = root;
  for (const [i, link] of links.entries()) {
    if (node.kind === "question") return undefined;
    if (node.kind === "group") {
      // Anything but an index on a group is the array's own (`.length`, `.map`).
      if (!("index" in link)) return undefined;
      node = node.item;
      continue;
    }
    if ("index" in link) return undefined;
    const child: FormNode | undefined = node.children.find((c) => c.name === link.name);
    if (!child) return { at: i, section: node, name: link.name };
    node = child;
  }
  return undefined;
}

const show = (links: Link[]) => links.map((l) => ("index" in l ? "[…]" : `.${l.name}`)).join("");

export function computeReferenceFindings(source: string, root: SectionNode): Finding[] {
  const findings: Finding[] = [];
  for (const start of source.matchAll(CHAIN_START)) {
    const links = linksAt(source, start.index + start[0].length);
    const unknown = unknownLink(root, links);
    if (!unknown) continue;
    const known = unknown.section.children.map((c) => c.name);
    const where = unknown.section.template || "the root";
    findings.push({
      severity: "error",
      code: "unknown_answer_in_compute",
      file: "compute.ts",
      pointer: positionAt(source, start.index),
      message: `answers${show(links.slice(0, unknown.at + 1))} is not an answer of this form: ${where} has no property "${unknown.name}"`,
      fix: known.length > 0 ? `Use one of ${known.join(", ")}, or add the property to schema.json.` : "Add the property to schema.json.",
    });
  }
  return findings;
}

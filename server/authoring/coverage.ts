/**
 * Which routes the form's worked examples already take. An example with several items in a group
 * takes the route of each item: it is replayed once per item, with that item alone (as many copies
 * as minItems asks for), and each replay's questions are compared with the routes.
 */
import type { Example, Form } from "../engine/form";
import { allNodes } from "../engine/model";
import { getAt, parsePointer, setAt } from "../engine/pointer";
import { replay } from "../engine/replay";
import type { Route } from "./routes";

/** Past this many item combinations an example is replayed as written only. */
const MAX_VARIANTS = 256;

function singleItemVariants(form: Form, answers: Record<string, unknown>): Record<string, unknown>[] {
  let variants = [answers];
  // Groups inside items are left as they are: their routes are explored with the outer item.
  for (const node of allNodes(form.root)) {
    if (node.kind !== "group" || node.template.includes("*")) continue;
    const path = parsePointer(node.template);
    const items = getAt(answers, path);
    if (!Array.isArray(items) || items.length < 2) continue;
    const copies = Math.max(1, node.minItems);
    const next = variants.flatMap((v) => items.map((item) => setAt(v, path, Array(copies).fill(item)) as Record<string, unknown>));
    if (next.length > MAX_VARIANTS) return [answers];
    variants = next;
  }
  return variants;
}

export interface Coverage {
  /** Per route (same order), the example files that take it. */
  byRoute: string[][];
  /** Examples that take no route (an incomplete one stops before the end). */
  offRoute: Example[];
}

export function coverageOf(form: Form, routes: Route[]): Coverage {
  const index = new Map(routes.map((r, i) => [r.asked.join("\n"), i]));
  const byRoute: string[][] = routes.map(() => []);
  const offRoute: Example[] = [];
  for (const example of form.examples) {
    const lang = example.language ?? form.defaultLanguage;
    const hits = new Set(singleItemVariants(form, example.answers).flatMap((v) => index.get(replay(form, v, lang).asked.join("\n")) ?? []));
    if (hits.size === 0) offRoute.push(example);
    for (const i of hits) byRoute[i]!.push(example.file);
  }
  return { byRoute, offRoute };
}

/**
 * After every change the application is brought back in line with its branches: answers in
 * branches that no longer apply are taken out and kept aside, answers kept aside for branches that
 * apply again come back. A finished application therefore never carries stale data.
 */
import { activeNames, type Context } from "./evaluate";
import type { SectionNode } from "./model";
import { formatPointer, isPlainObject } from "./pointer";

/** Settled answers, or the answers that were still switching on and off when the rounds ran out. */
export type Reconciled = { settled: true; answers: Record<string, unknown>; stash: Record<string, unknown> } | { settled: false; unsettled: string[] };

/** Conditions can depend on each other; a handful of rounds settles any sensible form, more means they feed each other. */
const MAX_ROUNDS = 16;

function reconcileSection(ctx: Context, section: SectionNode, data: Record<string, unknown>, prefix: string, stash: Record<string, unknown>): Record<string, unknown> {
  const active = activeNames(ctx, section, data, prefix);
  const out: Record<string, unknown> = {};
  for (const node of section.children) {
    const pointer = prefix + formatPointer([node.name]);
    const activation = active.get(node.name);
    let value = data[node.name];
    if (!activation) {
      if (value !== undefined) stash[pointer] = value;
      continue;
    }
    if (value === undefined && pointer in stash) value = stash[pointer];
    delete stash[pointer];
    if (value === undefined) continue;
    if (node.kind === "section" && isPlainObject(value)) value = reconcileSection(ctx, node, value, pointer, stash);
    if (node.kind === "group" && Array.isArray(value)) {
      value = value.map((item, i) => (isPlainObject(item) ? reconcileSection(ctx, node.item, item, `${pointer}/${i}`, stash) : item));
    }
    out[node.name] = value;
  }
  return out;
}

/** The pointers of the top-level values, and of everything below, that differ between two rounds. */
function differing(a: unknown, b: unknown, prefix: string, out: string[]): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return out;
  if (!isPlainObject(a) || !isPlainObject(b)) out.push(prefix);
  else for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) differing(a[key], b[key], prefix + formatPointer([key]), out);
  return out;
}

export function reconcile(ctx: Context, answers: Record<string, unknown>, stash: Record<string, unknown>): Reconciled {
  let current = answers;
  const kept = { ...stash };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = reconcileSection(ctx, ctx.form.root, current, "", kept);
    if (JSON.stringify(next) === JSON.stringify(current)) return { settled: true, answers: next, stash: kept };
    current = next;
  }
  // Another run of rounds, on a copy, collects every answer that takes part in the switching.
  const unsettled = new Set<string>();
  for (let round = 0, trial = { ...kept }; round < MAX_ROUNDS; round++) {
    const next = reconcileSection(ctx, ctx.form.root, current, "", trial);
    differing(current, next, "", []).forEach((p) => unsettled.add(p));
    current = next;
  }
  return { settled: false, unsettled: [...unsettled].sort() };
}

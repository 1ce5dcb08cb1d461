/**
 * The live estimate beside the questions: derived values and the eligibility rules the answers so
 * far do not meet. Not meeting a rule is information, not an error: answers can still change.
 */
import type { Form } from "../../engine/form";
import type { DerivedView } from "../../engine/present";
import { itemTitle } from "../../engine/texts";
import { formatPointer, parsePointer } from "../../engine/pointer";
import type { Language } from "../../i18n/languages";

interface Row {
  title: string;
  display: string;
}

export interface Estimate {
  totals: Row[];
  /** Each item's own values ("Employee 2: Marco Rossi – Estimated allowance"): many, so shown folded. */
  items: Row[];
  unmet: string[];
}

/** `/employees/2/allowance` → `/employees/2`: the item a per-item value belongs to, if any. */
function itemOf(pointer: string): string | undefined {
  const path = parsePointer(pointer);
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === "number") return formatPointer(path.slice(0, i + 1));
  return undefined;
}

export function estimateOf(form: Form, lang: Language, derived: DerivedView, answers: unknown): Estimate | undefined {
  const totals: Row[] = [];
  const items: Row[] = [];
  for (const v of derived.values.filter((v) => v.value !== null)) {
    const item = itemOf(v.pointer);
    if (item) items.push({ title: `${itemTitle(form, lang, item, answers)} – ${v.title}`, display: v.display });
    else totals.push({ title: v.title, display: v.display });
  }
  const unmet = derived.rules.filter((r) => r.passed === false).map((r) => r.message);
  return totals.length + items.length + unmet.length > 0 ? { totals, items, unmet } : undefined;
}

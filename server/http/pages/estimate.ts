/**
 * The live estimate beside the questions: each derived value with how it is worked out, and the
 * eligibility rules the answers so far do not meet. Not meeting a rule is information, not an
 * error: answers can still change. While a rule is not met no amount is payable, and the amounts
 * say so rather than look payable.
 */
import type { Form } from "../../engine/form";
import type { DerivedValueView, DerivedView } from "../../engine/present";
import { itemTitle } from "../../engine/texts";
import { isCurrency } from "../../engine/format";
import { formatPointer, parsePointer } from "../../engine/pointer";
import type { Language } from "../../i18n/languages";
import { t } from "../../i18n/translate";

export interface EstimateRow {
  title: string;
  display: string;
  /** The rule in words with its figures. */
  explanation?: string;
  description?: string;
}

export interface EstimateItem {
  title: string;
  rows: EstimateRow[];
}

export interface Estimate {
  totals: EstimateRow[];
  /** Each item's own values (an employee's net pays, difference, rate, allowance): many, so shown folded. */
  items: EstimateItem[];
  unmet: string[];
}

/** `/employees/2/allowance` → `/employees/2`: the item a per-item value belongs to, if any. */
function itemOf(pointer: string): string | undefined {
  const path = parsePointer(pointer);
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === "number") return formatPointer(path.slice(0, i + 1));
  return undefined;
}

function rowOf(v: DerivedValueView, lang: Language, payable: boolean): EstimateRow {
  const display = !payable && isCurrency(v.unit) ? t(lang, "page.estimate.not_payable", { amount: v.display }) : v.display;
  return { title: v.title, display, ...(v.explanation && { explanation: v.explanation }), ...(v.description && { description: v.description }) };
}

export function estimateOf(form: Form, lang: Language, derived: DerivedView, answers: unknown): Estimate | undefined {
  const payable = derived.eligible !== false;
  const totals: EstimateRow[] = [];
  const items = new Map<string, EstimateItem>();
  for (const v of derived.values.filter((v) => v.value !== null)) {
    const item = itemOf(v.pointer);
    if (!item) {
      totals.push(rowOf(v, lang, payable));
      continue;
    }
    const group = items.get(item) ?? { title: itemTitle(form, lang, item, answers), rows: [] };
    group.rows.push(rowOf(v, lang, payable));
    items.set(item, group);
  }
  const unmet = derived.rules.filter((r) => r.passed === false).map((r) => r.message);
  return totals.length + items.size + unmet.length > 0 ? { totals, items: [...items.values()], unmet } : undefined;
}

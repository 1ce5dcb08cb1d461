/** A month, stored as "YYYY-MM" (format "month"): "März 2026", "03/2026", "2026년 3월". */
import { formatMonth } from "../format";
import { exampleDay, readMonth } from "./dates";
import { WRONG_TYPE, type KindDefinition } from "./kind";

export const month: KindDefinition = {
  name: "month",
  read: (typed, _asked, ctx) => readMonth(typed, ctx),
  take: (value) => (typeof value === "string" ? { ok: true, value } : WRONG_TYPE),
  show: (value, _asked, lang) => formatMonth(String(value), lang),
  typed: (value, _asked, lang) => formatMonth(String(value), lang),
  input: () => ({ control: "text", short: true, hint: "page.month_hint" }),
  example: (_asked, lang, today) => formatMonth(exampleDay(today).slice(0, 7), lang),
  spellings: (value, _asked, lang) => {
    const ym = String(value);
    const [y, m] = ym.split("-");
    return [ym, formatMonth(ym, lang), `${m}/${y}`, `${Number(m)}.${y}`];
  },
  sample: () => "2025-01",
};

/**
 * Locale texts for derived values and rules against what compute.ts really produces. What it
 * produces depends on the answers, so compute runs on sample applications (every walk of the route
 * explorer and every worked example): a value only produced for answers none of them gives would be
 * reported as unused, which is why these are warnings.
 */
import type { Form } from "../engine/form";
import { derive } from "../engine/derive";
import { formatPointer, templateOf } from "../engine/pointer";
import { LANGUAGES } from "../i18n/languages";
import type { Finding } from "./finding";

const warning = (code: string, file: string, pointer: string, message: string, fix: string): Finding => ({ severity: "warning", code, file, pointer, message, fix });

export function derivedTextFindings(form: Form, applications: Record<string, unknown>[]): Finding[] {
  const values = new Set<string>();
  const rules = new Set<string>();
  const shownRules = new Set<string>();
  for (const answers of applications) {
    const { result } = derive(form, answers);
    for (const [pointer, v] of Object.entries(result.values)) {
      values.add(templateOf(pointer));
      rules.add(v.rule);
    }
    for (const r of result.eligibility ?? []) {
      rules.add(r.rule);
      shownRules.add(r.rule);
    }
  }
  const findings: Finding[] = [];
  for (const lang of LANGUAGES) {
    const file = `locales/${lang}.json`;
    const locale = form.locales[lang];
    for (const key of Object.keys(locale.derived ?? {}).filter((k) => !values.has(k))) {
      findings.push(warning("unused_derived_text", file, `/derived${formatPointer([key])}`, `compute.ts produces no derived value "${key}" for any sample application`,
        "Correct the key to the pointer compute.ts uses (with * for positions), or remove the entry."));
    }
    for (const key of Object.keys(locale.rules ?? {}).filter((k) => !rules.has(k))) {
      findings.push(warning("unused_rule_text", file, `/rules${formatPointer([key])}`, `compute.ts names no rule "${key}" for any sample application`,
        "Correct the name to the rule compute.ts uses, or remove the entry."));
    }
    for (const key of [...values].filter((k) => !locale.derived?.[k])) {
      findings.push(warning("missing_derived_text", file, "/derived", `The derived value "${key}" has no title in ${lang}: the applicant sees the pointer`,
        `Add derived["${key}"] with a title to ${file}.`));
    }
    for (const rule of [...shownRules].filter((r) => locale.rules?.[r] === undefined)) {
      findings.push(warning("missing_rule_text", file, "/rules", `The eligibility rule "${rule}" has no text in ${lang}: the applicant sees its name`,
        `Add rules["${rule}"] to ${file}.`));
    }
  }
  return findings;
}

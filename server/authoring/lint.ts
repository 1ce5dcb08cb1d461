/**
 * `formpilot lint`: what the engine reports when it loads the package, and what it cannot see by
 * itself: questions no answers reach, conditions that never or always hold, conditional questions
 * written before what decides them, conditions that decide each other, groups without bounds, compute.ts and pdf.hbs naming data
 * that does not exist, locale texts for derived values nobody produces, rules across answers whose
 * `$data` pointer names no question, keywords without an applicant message, figures of the
 * rules written into a text instead of their parameter, questions without a privacy class, and a
 * privacy notice missing or left to fill in.
 */
import type { Form } from "../engine/form";
import type { SchemaObject } from "../engine/model";
import { isPlainObject } from "../engine/pointer";
import { loadPackage } from "../forms/load";
import { computeReferenceFindings } from "./compute-references";
import { cycleFindings } from "./cycles";
import { dataReferenceFindings } from "./data-references";
import { derivedTextFindings } from "./derived-texts";
import { faqFindings } from "./faq-texts";
import { findingOf, type Finding, type Note } from "./finding";
import { groupFindings } from "./groups";
import { keywordTextFindings } from "./keyword-texts";
import { literalFigureFindings } from "./literal-figures";
import { LANGUAGES } from "../i18n/languages";
import { orderFindings } from "./order";
import { privacyClassFindings } from "./privacy-classes";
import { privacyNoticeFindings } from "./privacy-notice";
import { readOptional } from "./package-files";
import { reachabilityReport } from "./reachability";
import { exploreRoutes } from "./routes";
import { schemaLogic } from "./schema-logic";
import { templateReferenceFindings } from "./template-references";

export interface LintReport {
  id: string;
  dir: string;
  findings: Finding[];
  notes: Note[];
}

interface Sources {
  id: string;
  schema: unknown;
  compute?: string;
  template?: string;
  /** Only when the package loads: the derived texts are checked by running compute. */
  form?: Form;
  /** The locale and FAQ files as written, for figures that should be parameters. */
  texts: { file: string; content: unknown }[];
}

/** Everything beyond the engine's own checks; pure. */
function analyse(sources: Sources): { findings: Finding[]; notes: Note[] } {
  const findings: Finding[] = [];
  const notes: Note[] = [];
  const logic = isPlainObject(sources.schema) ? schemaLogic(sources.id, sources.schema as SchemaObject) : undefined;
  if (logic) {
    const reach = reachabilityReport(logic);
    const schema = sources.schema as SchemaObject;
    findings.push(...reach.findings, ...orderFindings(logic.root), ...cycleFindings(logic.root), ...groupFindings(logic.root), ...privacyClassFindings(logic.root), ...dataReferenceFindings(schema, logic.root), ...keywordTextFindings(schema));
    notes.push(...reach.notes);
    if (sources.compute !== undefined) findings.push(...computeReferenceFindings(sources.compute, logic.root));
  }
  if (sources.template !== undefined) findings.push(...templateReferenceFindings(sources.template));
  if (sources.form) {
    const samples = [...exploreRoutes(sources.form).walks.map((w) => w.answers), ...sources.form.examples.map((e) => e.answers)];
    findings.push(...derivedTextFindings(sources.form, samples), ...faqFindings(sources.form.faq), ...privacyNoticeFindings(sources.form.privacy), ...literalFigureFindings(sources.form.parameters, sources.texts));
  }
  return { findings, notes };
}

export async function lintPackage(dir: string): Promise<LintReport> {
  const pkg = await loadPackage(dir);
  let schema: unknown;
  try {
    schema = JSON.parse((await readOptional(dir, "schema.json")) ?? "null");
  } catch {
    // loadPackage has reported the syntax error.
  }
  const [compute, template] = await Promise.all([readOptional(dir, "compute.ts"), readOptional(dir, "pdf.hbs")]);
  const texts: Sources["texts"] = [];
  for (const file of LANGUAGES.flatMap((lang) => [`locales/${lang}.json`, `faq/${lang}.json`])) {
    try {
      const content: unknown = JSON.parse((await readOptional(dir, file)) ?? "null");
      if (content !== null) texts.push({ file, content });
    } catch {
      // loadPackage has reported the syntax error.
    }
  }
  const { findings, notes } = analyse({ id: pkg.id, schema, compute, template, form: pkg.form, texts });
  return { id: pkg.id, dir, findings: [...pkg.problems.map(findingOf), ...findings], notes };
}

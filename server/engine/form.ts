/**
 * A form package, checked and compiled: the model, the validators and the texts, ready for the
 * flow. Pure: the loader in server/forms reads the files and hands their contents in.
 */
import type { ValidateFunction } from "./ajv";
import { createAjv, schemaIdOf } from "./ajv";
import { buildModel, allNodes, type FormNode, type SchemaObject, type SectionNode } from "./model";
import type { Compute } from "./compute";
import type { Problem } from "./problem";
import { checkFaqFiles, type Faq } from "./faq";
import { checkPrivacyFiles, withRetention, type PrivacyNotice } from "./privacy-notice";
import { dataRulesOf, withoutDataRules, type DataRule } from "./cross-answer";
import { LANGUAGES, isLanguage, type Language } from "../i18n/languages";
import { checkParameterFiles, type Parameters } from "./parameters";
import { formatPointer } from "./pointer";
import { PARAMETER_PLACEHOLDER, filledPerLanguage, stringsIn } from "./parameter-texts";
import annotationsSchema from "./annotations.schema.json" with { type: "json" };
import { coarseningProblems } from "./coarsenings";
import localeSchema from "./locale.schema.json" with { type: "json" };
import exampleSchema from "./example.schema.json" with { type: "json" };

export interface FieldTexts {
  title: string;
  description?: string;
  why?: string;
  choices?: Record<string, string>;
  /** Other words an applicant may type for a choice (keyed like `choices`; `true`/`false` for yes/no). */
  synonyms?: Record<string, string[]>;
  /** Column names of an imported list for a question of a group's item; the first heads the template's column. */
  columns?: string[];
  errors?: Record<string, string>;
  item?: string;
  addAnother?: string;
}

export interface LocaleTexts {
  form: { title: string; purpose: string; authority: string; needs: string[]; declaration: string };
  fields: Record<string, FieldTexts>;
  derived?: Record<string, { title: string; description?: string }>;
  rules?: Record<string, string>;
}

export interface Example {
  file: string;
  description: string;
  language?: Language;
  answers: Record<string, unknown>;
  expect: {
    complete: boolean;
    eligible?: boolean | null;
    derived?: Record<string, unknown>;
    asked?: string[];
    pdfText?: string[];
  };
}

export interface Form {
  id: string;
  version: string;
  minutes: number;
  defaultLanguage: Language;
  /** Above this amount granted (in the currency of the estimate), an approval needs a second person, a supervisor; unset: one approval is final. */
  approvalLimit?: number;
  schema: SchemaObject;
  root: SectionNode;
  /** Nodes by their answer template (`/employees/*​/name`). */
  nodes: Map<string, FormNode>;
  validate: ValidateFunction;
  /** The validator of one answer (or one `if`), without the `$data` rules, which `validate` checks across answers. */
  validatorAt(schemaPath: string): ValidateFunction;
  /** The keywords whose limit is another answer, by the `schemaPath` Ajv's errors give them. */
  dataRules: ReadonlyMap<string, DataRule>;
  /** The texts with `{parameters.x}` filled in with the newest values. */
  locales: Record<Language, LocaleTexts>;
  /** The texts as written, for filling in the values in force on the claim's date (texts.ts). */
  localeSources: Record<Language, LocaleTexts>;
  compute?: Compute<never>;
  examples: Example[];
  /** The optional FAQ, the same entry ids in every language. */
  faq?: Faq;
  /** The privacy notice, every section in every language; undefined while the package has none (lint reports it). */
  privacy?: Record<Language, PrivacyNotice>;
  /** The figures of the rules, dated, from parameters/*.json (empty when the package has none). */
  parameters: Parameters;
  /** `x-form.parametersDate`: the answer whose date decides which parameter values the texts show. */
  parametersDate?: string;
  /** `x-form.retention`: a draft untouched for `draftDays`, a decided case `decidedYears` after its decision, is erased; unset: kept. */
  retention?: Retention;
  /** `x-form.lookups`: what caseworkers look cases up by, a name per question; kept as blind indexes. */
  lookups: Readonly<Record<string, string>>;
}

export interface Retention {
  draftDays: number;
  decidedYears: number;
}

/** What the loader read from a package folder; a file that did not parse is not here. */
export interface PackageContents {
  id: string;
  schema: unknown;
  locales: Partial<Record<Language, unknown>>;
  compute?: unknown;
  examples: { file: string; content: unknown }[];
  /** The parsed faq/<lang>.json files; undefined when the package has none. */
  faq?: Partial<Record<Language, unknown>>;
  /** The parsed privacy/<lang>.json files; undefined when the package has none. */
  privacy?: Partial<Record<Language, unknown>>;
  /** The parsed parameters/*.json files. */
  parameters?: { file: string; content: unknown }[];
}

const problem = (code: string, file: string, pointer: string, message: string, fix: string): Problem => ({
  code,
  file,
  pointer,
  message,
  fix,
  severity: "error",
});

const metaAjv = createAjv();
const checkAnnotations = metaAjv.compile(annotationsSchema);
const checkLocale = metaAjv.compile(localeSchema);
const checkExample = metaAjv.compile(exampleSchema);

/** Every `x-` annotation in the schema, with the JSON pointer of the object that carries it. */
function* annotationsIn(node: unknown, pointer = ""): Generator<[string, string, unknown]> {
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    const here = pointer + formatPointer([key]);
    if (key.startsWith("x-")) yield [pointer, key, value];
    else yield* annotationsIn(value, here);
  }
}

function annotationProblems(schema: SchemaObject): Problem[] {
  const out: Problem[] = [];
  for (const [pointer, key, value] of annotationsIn(schema)) {
    if (!(key in annotationsSchema.properties)) {
      out.push(problem("unknown_annotation", "schema.json", `${pointer}/${key}`, `"${key}" is not an annotation Formpilot knows`,
        `Use one of ${Object.keys(annotationsSchema.properties).join(", ")}, or remove it.`));
    } else if (!checkAnnotations({ [key]: value })) {
      for (const e of checkAnnotations.errors ?? []) {
        out.push(problem("invalid_annotation", "schema.json", `${pointer}${e.instancePath}`, `"${key}" ${e.message}`,
          "See the table of annotations in forms/README.md."));
      }
    }
  }
  if (!("x-form" in schema)) {
    out.push(problem("missing_form_annotation", "schema.json", "", "The schema has no \"x-form\" annotation",
      'Add "x-form": { "version": "1.0.0", "minutes": 10, "defaultLanguage": "en" } at the root.'));
  }
  return out;
}

/** Every text key a form needs in each language, with what it is for. */
export function requiredTextKeys(root: SectionNode): { key: string; field: keyof FieldTexts; choice?: string }[] {
  const keys: { key: string; field: keyof FieldTexts; choice?: string }[] = [];
  for (const node of allNodes(root)) {
    if (node === root || node.template.endsWith("/*")) continue;
    keys.push({ key: node.template, field: "title" });
    if (node.kind === "group") keys.push({ key: node.template, field: "addAnother" });
    if (node.kind === "question") {
      for (const c of node.choices ?? []) if (typeof c.value !== "boolean") keys.push({ key: node.template, field: "choices", choice: String(c.value) });
    }
  }
  return keys;
}

function localeProblems(root: SectionNode, locales: Partial<Record<Language, unknown>>): Problem[] {
  const out: Problem[] = [];
  const known = new Set([...allNodes(root)].map((n) => n.template));
  for (const lang of LANGUAGES) {
    const file = `locales/${lang}.json`;
    const texts = locales[lang];
    if (texts === undefined) {
      out.push(problem("missing_locale", file, "", `There is no ${file}`, `Create ${file} with the same keys as the other languages.`));
      continue;
    }
    if (!checkLocale(texts)) {
      for (const e of checkLocale.errors ?? []) {
        out.push(problem("invalid_locale", file, e.instancePath, `${e.instancePath || "the file"} ${e.message}`, "See section 2 of forms/README.md."));
      }
      continue;
    }
    const fields = (texts as unknown as LocaleTexts).fields;
    for (const key of Object.keys(fields)) {
      if (!known.has(key)) {
        out.push(problem("unknown_text_key", file, `/fields/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`,
          `"${key}" is not a question, section or group of schema.json`, "Correct the key or remove the entry."));
      }
    }
    for (const need of requiredTextKeys(root)) {
      const entry = fields[need.key];
      const present = need.choice !== undefined ? entry?.choices?.[need.choice] : entry?.[need.field];
      if (present === undefined) {
        const what = need.choice !== undefined ? `the label of choice "${need.choice}"` : `"${need.field}"`;
        out.push(problem("missing_translation", file, `/fields/${need.key.replace(/~/g, "~0").replace(/\//g, "~1")}`,
          `${what} of ${need.key} is missing in ${lang}`, `Add it under fields["${need.key}"] in ${file}.`));
      }
    }
  }
  return out;
}

/** A `{parameters.x}` in a text that names no parameter would be shown to the applicant as it is. */
function placeholderProblems(locales: Partial<Record<Language, unknown>>, faq: Partial<Record<Language, unknown>> | undefined, parameters: Parameters): Problem[] {
  const out: Problem[] = [];
  const files = [...LANGUAGES.map((l) => [`locales/${l}.json`, locales[l]] as const), ...LANGUAGES.map((l) => [`faq/${l}.json`, faq?.[l]] as const)];
  for (const [file, content] of files) {
    for (const [pointer, text] of stringsIn(content)) {
      for (const [, name] of text.matchAll(PARAMETER_PLACEHOLDER)) {
        if (name === undefined || !parameters[name]) {
          out.push(problem("unknown_parameter_in_text", file, pointer, `"{parameters.${name}}" names no parameter of the form`,
            `Define "${name}" in a file under parameters/, or correct the name to one of: ${Object.keys(parameters).join(", ") || "(none)"}.`));
        }
      }
    }
  }
  return out;
}

/**
 * A schema bound that is a figure of the rules (`"maximum": 180, "x-limits": { "maximum": "daysPerYear" }`)
 * must equal its parameter. The schema has one bound for every period, so a maximum must be the
 * largest value of all periods and a minimum the smallest (compute applies the one in force).
 */
function limitProblems(schema: SchemaObject, parameters: Parameters): Problem[] {
  const out: Problem[] = [];
  for (const [pointer, key, value] of annotationsIn(schema)) {
    if (key !== "x-limits" || value === null || typeof value !== "object") continue;
    let holder: unknown = schema;
    for (const seg of pointer.split("/").slice(1)) holder = (holder as Record<string, unknown>)[seg.replace(/~1/g, "/").replace(/~0/g, "~")];
    for (const [keyword, name] of Object.entries(value as Record<string, string>)) {
      const parameter = parameters[name];
      const at = `${pointer}/x-limits/${keyword}`;
      if (!parameter) {
        out.push(problem("unknown_parameter_in_limit", "schema.json", at, `"${name}" is not a parameter of the form`, "Name a parameter defined under parameters/, or remove the entry."));
        continue;
      }
      const figures = parameter.values.map((p) => (typeof p.value === "number" ? p.value : Number(p.value.split("/")[0]) / Number(p.value.split("/")[1])));
      const want = keyword.endsWith("aximum") ? Math.max(...figures) : Math.min(...figures);
      const actual = (holder as Record<string, unknown>)[keyword];
      if (actual !== want) {
        out.push(problem("limit_differs_from_parameter", "schema.json", `${pointer}/${keyword}`,
          `"${keyword}" is ${actual === undefined ? "missing" : String(actual)}, but the parameter "${name}" (${parameter.reference}) says ${want}`,
          `Write "${keyword}": ${want}, the ${keyword.endsWith("aximum") ? "largest" : "smallest"} value of "${name}" in ${parameter.file}.`));
      }
    }
  }
  return out;
}

function lookupProblems(lookups: Record<string, unknown> | undefined, nodes: Set<string>): Problem[] {
  return Object.entries(lookups ?? {})
    .filter(([, pointer]) => typeof pointer !== "string" || !nodes.has(pointer))
    .map(([name, pointer]) => problem("unknown_lookup", "schema.json", `/x-form/lookups/${name}`, `"${String(pointer)}" is not a question of the form`,
      'Name a question caseworkers look cases up by, e.g. "/employer/iban".'));
}

function parametersDateProblems(pointer: unknown, nodes: Set<string>): Problem[] {
  if (pointer === undefined || (typeof pointer === "string" && nodes.has(pointer))) return [];
  return [problem("unknown_parameters_date", "schema.json", "/x-form/parametersDate", `"${String(pointer)}" is not a question of the form`,
    'Name the date answer that dates the claim, e.g. "/measure/start".')];
}

function exampleProblems(examples: PackageContents["examples"]): Problem[] {
  return examples.flatMap(({ file, content }) =>
    checkExample(content)
      ? []
      : (checkExample.errors ?? []).map((e) =>
          problem("invalid_example", file, e.instancePath, `${e.instancePath || "the example"} ${e.message}`, "See section 4 of forms/README.md."),
        ),
  );
}

/** A `$data` rule inside an `if` would be decided on the if's object alone, where the other answer may be out of sight. */
const conditionProblems = (rules: DataRule[]): Problem[] =>
  rules.filter((r) => r.inCondition).map((r) =>
    problem("data_reference_in_condition", "schema.json", r.schemaPath.slice(1), `"${r.keyword}" in a condition takes its limit from another answer`,
      "Write the rule outside the if (in the properties or a then/else), where it is checked on the whole application."));

export function compileForm(pkg: PackageContents): { form?: Form; problems: Problem[] } {
  if (pkg.schema === null || typeof pkg.schema !== "object" || Array.isArray(pkg.schema)) {
    return { problems: [problem("invalid_schema", "schema.json", "", "schema.json is not a JSON object", "Write the form as one JSON Schema object.")] };
  }
  const schema = pkg.schema as SchemaObject;
  const problems: Problem[] = annotationProblems(schema);
  const ajv = createAjv();
  const id = schemaIdOf(pkg.id);
  // One answer is validated against the same schema without its `$data` rules: a relative pointer
  // cannot reach above the answer, so Ajv would refuse to compile the question's subschema.
  const answerId = id.replace(/schema\.json$/, "answer-schema.json");
  const dataRules = dataRulesOf(schema);
  problems.push(...conditionProblems(dataRules));
  let validate: ValidateFunction | undefined;
  try {
    const { $id: _ignored, ...rest } = schema;
    ajv.addSchema({ ...rest, $id: id });
    ajv.addSchema({ ...withoutDataRules(rest), $id: answerId });
    validate = ajv.getSchema(id);
  } catch (error) {
    problems.push(problem("schema_does_not_compile", "schema.json", "", `Ajv cannot compile the schema: ${(error as Error).message}`,
      "Correct the keyword Ajv names; the schema must be valid JSON Schema 2020-12."));
  }
  const model = buildModel(schema);
  problems.push(
    ...[...model.problems, ...coarseningProblems(allNodes(model.root))].map((p) => problem(p.code, "schema.json", p.schemaPath, p.message, p.fix)),
    ...localeProblems(model.root, pkg.locales),
    ...exampleProblems(pkg.examples),
  );
  const { parameters, problems: parameterProblems } = checkParameterFiles(pkg.parameters ?? []);
  const { faq, problems: faqProblems } = checkFaqFiles(pkg.faq && filledPerLanguage(pkg.faq, parameters));
  problems.push(...faqProblems);
  const meta = schema["x-form"] as
    | { version: string; minutes: number; defaultLanguage: string; approvalLimit?: number; parametersDate?: string; retention?: Retention; lookups?: Record<string, string> }
    | undefined;
  const checked = checkPrivacyFiles(pkg.privacy);
  const filled = checked.privacy && withRetention(checked.privacy, meta?.retention);
  const privacy = filled?.privacy;
  problems.push(...checked.problems, ...(filled?.problems ?? []));
  const templates = new Set([...allNodes(model.root)].map((n) => n.template));
  problems.push(...parameterProblems, ...placeholderProblems(pkg.locales, pkg.faq, parameters), ...limitProblems(schema, parameters),
    ...parametersDateProblems(meta?.parametersDate, templates), ...lookupProblems(meta?.lookups, templates));
  if (pkg.compute !== undefined && typeof pkg.compute !== "function") {
    problems.push(problem("invalid_compute", "compute.ts", "", "compute.ts does not export a function named compute",
      "Export it as: export const compute: Compute<YourForm> = (answers) => ({ values: {} })."));
  }
  if (problems.some((p) => p.severity === "error") || !validate) return { problems };

  const validators = new Map<string, ValidateFunction>();
  return {
    problems,
    form: {
      id: pkg.id,
      version: meta!.version,
      minutes: meta!.minutes,
      defaultLanguage: isLanguage(meta!.defaultLanguage) ? meta!.defaultLanguage : "en",
      ...(meta!.approvalLimit !== undefined && { approvalLimit: meta!.approvalLimit }),
      ...(meta!.retention !== undefined && { retention: meta!.retention }),
      lookups: meta!.lookups ?? {},
      schema,
      root: model.root,
      nodes: new Map([...allNodes(model.root)].map((n) => [n.template, n])),
      validate,
      dataRules: new Map(dataRules.map((r) => [r.schemaPath, r])),
      validatorAt(schemaPath) {
        let v = validators.get(schemaPath);
        if (!v) {
          v = ajv.getSchema(`${answerId}#${schemaPath}`);
          if (!v) throw new Error(`no sub-schema at ${schemaPath}`);
          validators.set(schemaPath, v);
        }
        return v;
      },
      locales: filledPerLanguage(pkg.locales, parameters) as Record<Language, LocaleTexts>,
      localeSources: pkg.locales as Record<Language, LocaleTexts>,
      compute: pkg.compute as Compute<never> | undefined,
      examples: pkg.examples.map(({ file, content }) => ({ file, ...(content as Omit<Example, "file">) })),
      faq,
      ...(privacy && { privacy }),
      parameters,
      ...(meta?.parametersDate ? { parametersDate: meta.parametersDate } : {}),
    },
  };
}

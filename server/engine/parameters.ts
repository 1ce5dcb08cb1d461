/**
 * The figures of a program's rules as dated data: each parameter has its legal reference, where it
 * is published, and the periods in which each value is in force. Pure: the loader reads the files
 * (forms/<id>/parameters/*.json), this checks them and looks a value up for a date.
 */
import { createAjv } from "./ajv";
import type { Problem } from "./problem";
import { formatPointer } from "./pointer";
import parametersSchema from "./parameters.schema.json" with { type: "json" };

export interface ParameterPeriod {
  from: string;
  /** The last day in force; open-ended when absent. */
  to?: string;
  /** A number, or for a ratio a fraction "2/3" that stays exact. */
  value: number | string;
}

export interface Parameter {
  unit: string;
  reference: string;
  source: string;
  values: ParameterPeriod[];
  /** The package file that defines it, for messages. */
  file: string;
}

export type Parameters = Readonly<Record<string, Parameter>>;

export interface ParameterInForce {
  name: string;
  value: number;
  /** The value as a fraction of integers, so that money is computed without floating-point drift. */
  exact: { num: number; den: number };
  unit: string;
  from: string;
  to?: string;
  reference: string;
}

export type ParameterLookup =
  | ({ ok: true } & ParameterInForce)
  | { ok: false; problem: Problem };

/** "2/3" → 2/3; 0.5 → 1/2 (by its decimal places); 66000 → 66000/1. */
function exactOf(value: number | string): { num: number; den: number } {
  if (typeof value === "string") {
    const [num = NaN, den = NaN] = value.split("/").map(Number);
    return { num, den };
  }
  let den = 1;
  while (!Number.isInteger(value * den) && den < 1e9) den *= 10;
  return { num: Math.round(value * den), den };
}

function inForce(name: string, parameter: Parameter, period: ParameterPeriod): ParameterInForce {
  const exact = exactOf(period.value);
  return { name, value: exact.num / exact.den, exact, unit: parameter.unit, from: period.from, ...(period.to ? { to: period.to } : {}), reference: parameter.reference };
}

/** ISO dates compare as strings. */
const inPeriod = (p: ParameterPeriod, date: string) => p.from <= date && (p.to === undefined || date <= p.to);

/** The value of `name` in force on `date` (YYYY-MM-DD), or a typed problem when none is. */
export function parameterAt(parameters: Parameters, name: string, date: string): ParameterLookup {
  const parameter = parameters[name];
  if (!parameter) {
    return { ok: false, problem: { code: "unknown_parameter", pointer: "", message: `There is no parameter "${name}"`, params: { name } } };
  }
  const period = parameter.values.find((p) => inPeriod(p, date));
  if (!period) {
    return { ok: false, problem: { code: "parameter_not_in_force", pointer: "", message: `No value of "${name}" is in force on ${date}`, params: { name, date } } };
  }
  return { ok: true, ...inForce(name, parameter, period) };
}

/** The newest period's value: what applies while the date of the claim is not known yet. */
export function latestParameter(parameters: Parameters, name: string): ParameterLookup {
  const parameter = parameters[name];
  const newest = parameter?.values.reduce((a, b) => (b.from > a.from ? b : a));
  if (!parameter || !newest) {
    return { ok: false, problem: { code: "unknown_parameter", pointer: "", message: `There is no parameter "${name}"`, params: { name } } };
  }
  return { ok: true, ...inForce(name, parameter, newest) };
}

/**
 * The value for a text: the one in force on `date`, else (no date known, or none in force then)
 * the newest period's, so that a help text never shows a placeholder.
 */
export function parameterForText(parameters: Parameters, name: string, date: string | undefined): ParameterInForce | undefined {
  if (date !== undefined) {
    const found = parameterAt(parameters, name, date);
    if (found.ok) return found;
  }
  const latest = latestParameter(parameters, name);
  return latest.ok ? latest : undefined;
}

const check = createAjv().compile(parametersSchema);

const problem = (code: string, file: string, pointer: string, message: string, fix: string): Problem => ({ code, file, pointer, message, fix, severity: "error" });

/** Every parameter file checked against the meta-schema, periods of one parameter not overlapping, names unique across files. */
export function checkParameterFiles(files: { file: string; content: unknown }[]): { parameters: Parameters; problems: Problem[] } {
  const problems: Problem[] = [];
  const parameters: Record<string, Parameter> = {};
  for (const { file, content } of files) {
    if (!check(content)) {
      for (const e of check.errors ?? []) {
        problems.push(problem("invalid_parameter", file, e.instancePath, `${e.instancePath || "the file"} ${e.message}`,
          'Each parameter needs "unit", "reference" (the legal provision), "source" (where it is published) and "values" ([{ "from": "YYYY-MM-DD", "to"?: …, "value": n }]): see forms/README.md.'));
      }
      continue;
    }
    for (const [name, raw] of Object.entries(content as Record<string, Omit<Parameter, "file">>)) {
      const at = formatPointer([name]);
      if (parameters[name]) {
        problems.push(problem("duplicate_parameter", file, at, `"${name}" is also defined in ${parameters[name].file}`, "Define each parameter in one file only."));
        continue;
      }
      raw.values.forEach((p, i) => {
        if (p.to !== undefined && p.to < p.from) {
          problems.push(problem("parameter_period_reversed", file, `${at}/values/${i}/to`, `"${name}": the period ends (${p.to}) before it starts (${p.from})`, "Correct \"from\" or \"to\"."));
        }
      });
      const sorted = raw.values.map((p, i) => ({ ...p, i })).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
      for (let k = 1; k < sorted.length; k++) {
        const before = sorted[k - 1]!;
        const after = sorted[k]!;
        if (before.to === undefined || before.to >= after.from) {
          problems.push(problem("parameter_periods_overlap", file, `${at}/values/${after.i}/from`,
            `"${name}": the period from ${after.from} overlaps the one from ${before.from}${before.to ? ` to ${before.to}` : " (open-ended)"}`,
            `End the earlier period ("to") before ${after.from}, or start this one after ${before.to ?? "it"}.`));
        }
      }
      parameters[name] = { ...raw, file };
    }
  }
  return { parameters, problems };
}

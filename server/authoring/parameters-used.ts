/**
 * Which parameter values a worked example used: compute runs with a view of the parameters that
 * notes each name it reads, and each is reported with the value in force on the claim's date, its
 * period and its legal reference, so the author sees which figures an expected amount rests on.
 */
import type { Form } from "../engine/form";
import { derive } from "../engine/derive";
import { parameterForText, type ParameterInForce, type Parameters } from "../engine/parameters";
import { parametersDateOf } from "../engine/parameter-texts";

export function parametersUsed(form: Form, answers: Record<string, unknown>): ParameterInForce[] {
  const read = new Set<string>();
  const recording = new Proxy(form.parameters, {
    get(target, name, receiver) {
      if (typeof name === "string" && name in target) read.add(name);
      return Reflect.get(target, name, receiver) as unknown;
    },
  }) as Parameters;
  derive(form, answers, recording);
  const date = parametersDateOf(form.parametersDate, answers);
  return [...read].sort().flatMap((name) => parameterForText(form.parameters, name, date) ?? []);
}

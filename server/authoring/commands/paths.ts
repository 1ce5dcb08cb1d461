/**
 * `formpilot paths <form> [--examples <dir>] [--coverage [--strict]]`: the distinct routes through
 * a form, optionally one generated example per route, and which routes the worked examples take.
 */
import { access, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Form } from "../../engine/form";
import { coverageOf } from "../coverage";
import { routeExample, routeExampleFile } from "../route-examples";
import { describeDecision, exploreRoutes, type Route } from "../routes";
import type { Command, Output } from "./io";
import { loadedForm } from "./loaded";

async function writeExamples(form: Form, routes: Route[], dir: string, io: Output): Promise<boolean> {
  const files = routes.map((_, i) => path.join(dir, routeExampleFile(i, routes.length)));
  const existing = (await Promise.all(files.map((f) => access(f).then(() => f, () => undefined)))).filter((f) => f !== undefined);
  if (existing.length > 0) {
    io.err(`not writing examples: ${existing.map((f) => path.relative(process.cwd(), f)).join(", ")} already exist${existing.length === 1 ? "s" : ""}`);
    return false;
  }
  await mkdir(dir, { recursive: true });
  let allComplete = true;
  for (const [i, route] of routes.entries()) {
    const example = routeExample(form, route, i, routes.length);
    await writeFile(files[i]!, `${JSON.stringify(example, null, 2)}\n`);
    io.out(`wrote ${path.relative(process.cwd(), files[i]!)}${example.expect.complete ? "" : " (not complete: a branch adds constraints the sample answers miss; edit its answers)"}`);
    allComplete &&= example.expect.complete;
  }
  return allComplete;
}

export const pathsCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    options: { examples: { type: "string" }, coverage: { type: "boolean", default: false }, strict: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  const { form } = await loadedForm(positionals[0], io);
  if (!form) return 1;
  const { routes, walks, unanswerable, truncated } = exploreRoutes(form);
  const coverage = values.coverage ? coverageOf(form, routes) : undefined;
  io.out(`${form.id}: ${routes.length} route${routes.length === 1 ? "" : "s"} (${walks.length} combinations of deciding answers walked)`);
  for (const [i, route] of routes.entries()) {
    const covered = coverage && (coverage.byRoute[i]!.length > 0 ? ` — covered by ${coverage.byRoute[i]!.join(", ")}` : " — NOT COVERED");
    io.out("");
    io.out(`Route ${i + 1}${covered ?? ""}`);
    io.out(`  decided by: ${route.decisions.map(describeDecision).join("; ") || "nothing (the form has no branches)"}`);
    io.out(`  asks (${route.asked.length}): ${route.asked.join(", ")}`);
  }
  let ok = true;
  if (truncated) {
    io.err(`stopped after ${walks.length} combinations: the form has more routes than listed`);
    ok = false;
  }
  for (const pointer of unanswerable) {
    io.err(`no valid sample answer for ${pointer}: routes through it are not listed. Add a worked example that answers it.`);
    ok = false;
  }
  if (coverage) {
    const uncovered = coverage.byRoute.filter((files) => files.length === 0).length;
    io.out("");
    for (const example of coverage.offRoute) io.out(`${example.file} takes none of these routes${example.expect.complete ? "" : " (it is incomplete)"}`);
    io.out(`coverage: ${routes.length - uncovered} of ${routes.length} routes taken by the worked examples`);
    if (values.strict && uncovered > 0) ok = false;
  }
  if (values.examples !== undefined) ok = (await writeExamples(form, routes, path.resolve(values.examples), io)) && ok;
  return ok ? 0 : 1;
};

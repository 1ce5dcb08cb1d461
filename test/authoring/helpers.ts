/** Runs the author toolkit in-process, and makes throwaway copies of a package to break. */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runFormpilot } from "../../server/authoring/commands";
import { fixturesRoot } from "../support/forms";

export interface Run {
  code: number;
  out: string[];
  err: string[];
}

export async function formpilot(...argv: string[]): Promise<Run> {
  const run: Run = { code: -1, out: [], err: [] };
  run.code = await runFormpilot(argv, { out: (line) => run.out.push(line), err: (line) => run.err.push(line) });
  return run;
}

const temps: string[] = [];

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "formpilot-authoring-"));
  temps.push(dir);
  return dir;
}

export const removeTemps = () => Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));

/** A copy of test/fixtures/forms/branching, changed by `edit`; returns its folder. */
export async function brokenFixture(edit: (dir: string) => Promise<void>): Promise<string> {
  const dir = path.join(await tempDir(), "branching");
  await cp(path.join(fixturesRoot, "branching"), dir, { recursive: true });
  await edit(dir);
  return dir;
}

export async function editJson(file: string, change: (json: any) => void): Promise<void> {
  const json = JSON.parse(await readFile(file, "utf8"));
  change(json);
  await writeFile(file, JSON.stringify(json, null, 2));
}

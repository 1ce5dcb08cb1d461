/**
 * `npm run types`: writes each form's `schema.types.ts` (of the folders named, by default forms/);
 * with `--check` it writes nothing and fails when a file is missing or stale, so that compute code
 * never runs against outdated types. The same as `formpilot types`.
 */
import { runFormpilot } from "../authoring/commands";

process.exitCode = await runFormpilot(["types", ...process.argv.slice(2)], { out: (line) => console.log(line), err: (line) => console.error(line) });

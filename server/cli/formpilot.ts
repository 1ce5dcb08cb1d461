/**
 * The form author's toolkit: `npm run forms -- <command> …` or `npx formpilot <command> …`.
 * The commands live in server/authoring/commands/, where the tests run them in-process.
 */
import { runFormpilot } from "../authoring/commands";

process.exitCode = await runFormpilot(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) });

#!/usr/bin/env node
// `npx formpilot …`: runs the TypeScript CLI with tsx (ADR 0003), with the same arguments and exit code.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const tsxPackage = require.resolve("tsx/package.json");
const tsx = path.join(path.dirname(tsxPackage), require(tsxPackage).bin);
const cli = fileURLToPath(new URL("../server/cli/formpilot.ts", import.meta.url));
const child = spawn(process.execPath, [tsx, cli, ...process.argv.slice(2)], { stdio: "inherit" });
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

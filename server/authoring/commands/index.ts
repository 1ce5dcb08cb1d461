/** `formpilot <command> …`: picks the command and turns a wrong command line into usage help. */
import { archiveCommand } from "./archive";
import { diffCommand } from "./diff";
import { lintCommand } from "./lint";
import { newCommand } from "./new";
import { pathsCommand } from "./paths";
import { testCommand } from "./test";
import { typesCommand } from "./types";
import type { Command, Output } from "./io";
import { UsageError } from "../package-files";

const COMMANDS: Record<string, Command> = { lint: lintCommand, paths: pathsCommand, test: testCommand, types: typesCommand, new: newCommand, archive: archiveCommand, diff: diffCommand };

const USAGE = `usage: formpilot <command> …   (<form> is a form id under forms/ or the path of a package folder)

  lint <form> [--json]                 check the package: engine problems and static analysis
  paths <form> [--examples <dir>]      list the distinct routes through the form; write one example per route
        [--coverage [--strict]]        say which routes the worked examples take (--strict: fail if one is not)
  test <form>                          replay the worked examples and show what differs
  types [--check] [<folder>…]          generate schema.types.ts of every form (or check they are current)
  new <form-id> [--root <dir>]         scaffold a working package in forms/<form-id>/
  archive <form>                       copy the current package into versions/<its version>/
  diff <form> <from> [<to>] [--json]   questions added, removed and changed between two versions (to: current)

See "The author toolkit" in forms/README.md.`;

/** Exit codes: 0 fine, 1 the form has a problem, 2 the command line was wrong. */
export async function runFormpilot(argv: string[], io: Output): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    if (name !== undefined && name !== "help" && name !== "--help") io.err(`unknown command "${name}"`);
    io.err(USAGE);
    return name === "help" || name === "--help" ? 0 : 2;
  }
  try {
    return await command(args, io);
  } catch (error) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown or malformed options.
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof UsageError || code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`formpilot ${name}: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}

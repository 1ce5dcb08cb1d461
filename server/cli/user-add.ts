/**
 * `npm run user:add -- <email> --role <caseworker|supervisor|admin> [--name "Full Name"]` adds a
 * staff account to the store DATABASE_URL names (the server's own configuration). The password
 * comes from FORMPILOT_PASSWORD, or is typed twice on the terminal without being shown.
 * Exit codes: 0 added; 1 refused (e-mail taken, password too short or the two differ); 2 wrong use.
 */
import { parseArgs } from "node:util";
import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { loadConfig, protectorOf } from "../config";
import { openStore } from "../store/open";
import { addStaff, isStaffRole, MIN_PASSWORD_LENGTH, STAFF_ROLES } from "../applications/staff-auth";
import { t } from "../i18n/translate";

export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Absent where nobody can type, as under CI. */
  askPassword?(prompt: string): Promise<string>;
}

/** Operators read English; the messages are the catalog's, as on the staff pages. */
const LANG = "en";

async function passwordOf(env: NodeJS.ProcessEnv, io: Io): Promise<{ password?: string; exit?: number }> {
  if (env.FORMPILOT_PASSWORD !== undefined) return { password: env.FORMPILOT_PASSWORD };
  if (!io.askPassword) {
    io.err(t(LANG, "staff.cli.no_password"));
    return { exit: 2 };
  }
  const password = await io.askPassword(t(LANG, "staff.cli.password_prompt", { min: MIN_PASSWORD_LENGTH }));
  if ((await io.askPassword(t(LANG, "staff.cli.password_repeat"))) !== password) {
    io.err(t(LANG, "staff.cli.password_mismatch"));
    return { exit: 1 };
  }
  return { password };
}

export async function userAdd(args: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { role: { type: "string" }, name: { type: "string" } }, allowPositionals: true });
  } catch {
    parsed = undefined;
  }
  const [email, ...extra] = parsed?.positionals ?? [];
  const role = parsed?.values.role;
  if (!parsed || !email || extra.length > 0 || role === undefined) {
    io.err(t(LANG, "staff.cli.usage"));
    return 2;
  }
  // Before the password is asked for, so that nobody types it for nothing.
  if (!isStaffRole(role)) {
    io.err(t(LANG, "staff.user.bad_role", { role, roles: STAFF_ROLES.join(", ") }));
    return 2;
  }
  const { password, exit } = await passwordOf(env, io);
  if (password === undefined) return exit!;
  const config = await loadConfig(env);
  const store = await openStore(config.databaseUrl, protectorOf(config));
  try {
    const added = await addStaff(store, new Date(), { email, name: parsed.values.name, role, password }, LANG);
    if (!added.ok) {
      for (const problem of added.problems) io.err(problem.message);
      return 1;
    }
    io.out(t(LANG, "staff.cli.created", { email: added.value.email, role: added.value.role }));
    return 0;
  } finally {
    await store.close();
  }
}

/** readline echoes what is typed to its output; an output that drops everything keeps the password off the screen. */
async function askHidden(prompt: string): Promise<string> {
  process.stdout.write(prompt);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  try {
    return await rl.question("");
  } finally {
    rl.close();
    process.stdout.write("\n");
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await userAdd(process.argv.slice(2), process.env, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    askPassword: process.stdin.isTTY ? askHidden : undefined,
  });
}

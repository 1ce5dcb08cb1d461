/** `formpilot archive <form>`: copies the current package into versions/<its version>/, so applications started on it stay on it. */
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { formDirOf } from "../package-files";
import type { Command } from "./io";

const SKIP = new Set(["versions", "examples"]);

/** Every file of the package to archive, relative to its folder, sorted. */
async function filesOf(dir: string, under = ""): Promise<string[]> {
  const entries = await readdir(path.join(dir, under), { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const e of entries) {
    const rel = path.join(under, e.name);
    if (under === "" && SKIP.has(e.name)) continue;
    if (e.isDirectory()) files.push(...(await filesOf(dir, rel)));
    else if (e.isFile()) files.push(rel);
  }
  return files.sort();
}

/** The archive sits two folders deeper: imports that leave the package (`"../…"`) get `../../` in front. */
const deeper = (source: string) => source.replace(/(from\s+|import\s*\(\s*)(["'])\.\.\//g, "$1$2../../../");

async function sameContent(a: string, b: string): Promise<boolean> {
  const [fa, fb] = [await filesOf(a), await filesOf(b)];
  if (fa.join("\n") !== fb.join("\n")) return false;
  for (const f of fa) {
    const original = await readFile(path.join(a, f));
    const expected = f.endsWith(".ts") ? Buffer.from(deeper(original.toString("utf8"))) : original;
    if (!expected.equals(await readFile(path.join(b, f)))) return false;
  }
  return true;
}

export const archiveCommand: Command = async (args, io) => {
  const dir = await formDirOf(args[0]);
  const schema = JSON.parse(await readFile(path.join(dir, "schema.json"), "utf8")) as { "x-form"?: { version?: unknown } };
  const version = schema["x-form"]?.version;
  if (typeof version !== "string" || !/^[0-9A-Za-z.+-]+$/.test(version)) {
    io.err(`${path.basename(dir)}: schema.json has no usable x-form.version`);
    return 1;
  }
  const target = path.join(dir, "versions", version);
  if ((await readdir(target).catch(() => undefined)) !== undefined) {
    if (await sameContent(dir, target)) {
      io.out(`${path.basename(dir)} ${version} is already archived in ${path.relative(process.cwd(), target)}`);
      return 0;
    }
    io.err(`${path.basename(dir)} ${version} is already archived with different content: raise x-form.version in schema.json before archiving again`);
    return 1;
  }
  await mkdir(target, { recursive: true });
  for (const f of await filesOf(dir)) {
    await mkdir(path.dirname(path.join(target, f)), { recursive: true });
    if (f.endsWith(".ts")) await writeFile(path.join(target, f), deeper(await readFile(path.join(dir, f), "utf8")));
    else await cp(path.join(dir, f), path.join(target, f));
  }
  io.out(`archived ${path.basename(dir)} ${version} in ${path.relative(process.cwd(), target)}`);
  return 0;
};

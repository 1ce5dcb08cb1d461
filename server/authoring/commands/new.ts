/** `formpilot new <form-id> [--root <dir>]`: scaffolds a working package in forms/<form-id>/. */
import path from "node:path";
import { parseArgs } from "node:util";
import { formsRoot } from "../../forms/paths";
import { createForm } from "../scaffold";
import { UsageError } from "../package-files";
import type { Command } from "./io";

export const newCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({ args, options: { root: { type: "string" } }, allowPositionals: true });
  const id = positionals[0];
  if (!id) throw new UsageError("name the new form: formpilot new <form-id>");
  const root = path.resolve(values.root ?? formsRoot);
  const files = await createForm(root, id);
  for (const file of files) io.out(`created ${path.relative(process.cwd(), file)}`);
  const form = path.relative(process.cwd(), path.join(root, id));
  const types = root === formsRoot ? "types" : `types ${path.relative(process.cwd(), root)}`;
  io.out(`Next: edit schema.json, the locales and the privacy notice in privacy/ (after each change to schema.json: \`npm run forms -- ${types}\`), then \`npm run forms -- lint ${form}\` and \`npm run forms -- test ${form}\`.`);
  return 0;
};

import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where the bundled form packages live; FORMPILOT_FORMS points elsewhere (tests, previews). */
export const formsRoot = process.env.FORMPILOT_FORMS
  ? path.resolve(process.env.FORMPILOT_FORMS)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../forms");

/** Reads generated PDFs back with poppler's tools (Debian's poppler-utils), as a caseworker's viewer would. */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

async function popplerOn(pdf: Buffer, tool: string, args: (file: string) => string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "formpilot-pdf-"));
  try {
    const file = path.join(dir, "document.pdf");
    await writeFile(file, pdf);
    const { stdout } = await run(tool, args(file), { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export { pdftotext as pdfText } from "../../server/authoring/pdf-text";

/** The document's info entries and page count as pdfinfo shows them, dates in ISO 8601. */
export async function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  const out = await popplerOn(pdf, "pdfinfo", (file) => ["-isodates", "-enc", "UTF-8", file]);
  return Object.fromEntries(out.split("\n").flatMap((line) => {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    return match ? [[match[1]!, match[2]!]] : [];
  }));
}

/**
 * A `multipart/form-data` post read with busboy, with limits: one file of at most `fileSize`
 * bytes and a few short fields. What goes over a limit is said as such, never cut off silently.
 */
import busboy from "busboy";
import type { Request } from "express";

export interface Upload {
  fields: Record<string, string>;
  file?: { name: string; type: string; bytes: Buffer };
}

export type UploadReading = { ok: true; upload: Upload } | { ok: false; code: "too_large" | "malformed" };

export function readUpload(req: Request, limits: { fileSize: number; fieldSize: number }): Promise<UploadReading> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 10, parts: 12, fileSize: limits.fileSize, fieldSize: limits.fieldSize } });
    } catch {
      return resolve({ ok: false, code: "malformed" });
    }
    const fields: Record<string, string> = {};
    let file: Upload["file"];
    let tooLarge = false;
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) tooLarge = true;
      fields[name] = value;
    });
    parser.on("file", (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => (tooLarge = true));
      stream.on("close", () => {
        // A file input left empty still sends a part: no name and no bytes is no file.
        const bytes = Buffer.concat(chunks);
        if (info.filename || bytes.length > 0) file = { name: info.filename ?? "", type: info.mimeType, bytes };
      });
    });
    parser.on("error", () => resolve({ ok: false, code: "malformed" }));
    parser.on("close", () => resolve(tooLarge ? { ok: false, code: "too_large" } : { ok: true, upload: { fields, file } }));
    req.pipe(parser);
  });
}

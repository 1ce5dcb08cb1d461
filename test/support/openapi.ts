/**
 * Checks a response of the JSON API against the OpenAPI document the same server serves: the
 * operation must document the status (or its 4XX range) and the media type, and a JSON body must
 * validate against the response's schema. OpenAPI 3.1 schemas are JSON Schema 2020-12, so Ajv reads
 * the document as it is; its response objects are closed, so a field the document lacks is caught.
 */
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { formatPointer } from "../../server/engine/pointer";

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

interface Checker {
  document: Document;
  ajv: Ajv2020;
  validators: Map<string, ValidateFunction>;
}

/** By the document's text: servers of different forms folders (or ports reused) serve different documents. */
const checkers = new Map<string, Checker>();

const DOCUMENT_ID = "openapi.json";

function checkerOf(text: string): Checker {
  let checker = checkers.get(text);
  if (!checker) {
    const document = JSON.parse(text) as Document;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(document, DOCUMENT_ID);
    checker = { document, ajv, validators: new Map() };
    checkers.set(text, checker);
  }
  return checker;
}

const templateMatches = (template: string, path: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path);

/** What is wrong with a response by the document, or undefined when it is right or the path is not in the document. */
export function responseProblem(documentText: string, method: string, url: string, status: number, mediaType: string, body: unknown): string | undefined {
  const checker = checkerOf(documentText);
  const path = url.split("?")[0]!;
  const template = Object.keys(checker.document.paths).find((t) => templateMatches(t, path));
  const verb = method.toLowerCase();
  const operation = template === undefined ? undefined : checker.document.paths[template]![verb];
  if (template === undefined || !operation) return undefined;
  const statusKey = [String(status), `${String(status)[0]}XX`, "default"].find((key) => key in operation.responses);
  const where = `${method} ${template} ${status}`;
  if (statusKey === undefined) return `${where}: the status is not documented`;
  if (!operation.responses[statusKey]!.content?.[mediaType]) return `${where}: ${mediaType || "no content type"} is not documented`;
  if (mediaType !== "application/json") return undefined;
  const pointer = "#" + formatPointer(["paths", template, verb, "responses", statusKey, "content", mediaType, "schema"]);
  let validate = checker.validators.get(pointer);
  if (!validate) {
    validate = checker.ajv.getSchema(DOCUMENT_ID + pointer)!;
    checker.validators.set(pointer, validate);
  }
  return validate(body) ? undefined : `${where}: the body does not match the document: ${(validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`).join("; ")} in ${JSON.stringify(body).slice(0, 500)}`;
}

/** The document each server serves, by its address; fetched again before a problem is reported, since a port may be reused by a server of other forms. */
const served = new Map<string, string>();

async function documentAt(base: string): Promise<string> {
  const text = await (await fetch(`${base}/openapi.json`)).text();
  served.set(base, text);
  return text;
}

/** The same, with the document the server at `base` serves. */
export async function checkResponse(base: string, method: string, url: string, status: number, mediaType: string, body: unknown): Promise<void> {
  const cached = served.get(base);
  if (cached !== undefined && responseProblem(cached, method, url, status, mediaType, body) === undefined) return;
  const problem = responseProblem(await documentAt(base), method, url, status, mediaType, body);
  if (problem) throw new Error(problem);
}

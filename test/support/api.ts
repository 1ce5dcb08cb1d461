/** A small client of the JSON API, as a mobile app would use it; every response is checked against the served OpenAPI document. */
import { getAt, parsePointer } from "../../server/engine/pointer";
import { checkResponse } from "./openapi";

export interface ApiResponse {
  status: number;
  body: any;
  headers: Headers;
}

/** `file` is sent as the body with its own media type (a list to import), `body` as JSON. */
export async function call(base: string, method: string, path: string, options: { token?: string; body?: unknown; raw?: string; file?: { bytes: Buffer; type?: string }; headers?: Record<string, string> } = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.raw !== undefined) headers["content-type"] = "application/json";
  if (options.file?.type) headers["content-type"] = options.file.type;
  const sent = options.file ? new Uint8Array(options.file.bytes) : (options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)));
  const res = await fetch(base + path, { method, headers, body: sent });
  const type = res.headers.get("content-type") ?? "";
  const body = type.includes("json") ? await res.json() : Buffer.from(await res.arrayBuffer());
  await checkResponse(base, method, path, res.status, type.split(";")[0]!.trim(), body);
  return { status: res.status, body, headers: res.headers };
}

/** Answers question after question as the API asks them, from a complete answers object. */
export async function walkOverApi(base: string, id: string, token: string, answers: Record<string, unknown>): Promise<{ state: any; asked: string[] }> {
  let state = (await call(base, "GET", `/api/applications/${id}`, { token })).body;
  const asked: string[] = [];
  for (let i = 0; i < 2000 && state.step.kind === "question"; i++) {
    const { pointer, widget } = state.step;
    const given = getAt(answers, parsePointer(pointer));
    const value = widget === "addAnother" ? Array.isArray(given) && given.length > (getAt(state.answers, parsePointer(pointer)) as unknown[] | undefined ?? []).length : (given ?? null);
    if (widget !== "addAnother") asked.push(pointer);
    const res = await call(base, "POST", `/api/applications/${id}/answers`, { token, body: { pointer, value } });
    if (res.status !== 200) throw new Error(`answering ${pointer}: ${res.status} ${JSON.stringify(res.body)}`);
    state = res.body;
  }
  return { state, asked };
}

/** JSON pointers (RFC 6901) into an application's answers. */

export type Segment = string | number;

export function parsePointer(pointer: string): Segment[] {
  if (pointer === "" || pointer === "/") return [];
  if (!pointer.startsWith("/")) throw new TypeError(`not a JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((seg) => (/^(0|[1-9][0-9]*)$/.test(seg) ? Number(seg) : seg));
}

export function formatPointer(segments: readonly Segment[]): string {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

export function isPointer(value: unknown): value is string {
  return typeof value === "string" && (value === "" || value.startsWith("/"));
}

/** `/employees/2/name` → `/employees/*​/name`: the key under which texts and rules are written. */
export function templateOf(pointer: string): string {
  return formatPointer(parsePointer(pointer).map((s) => (typeof s === "number" ? "*" : s)));
}

export function getAt(root: unknown, segments: readonly Segment[]): unknown {
  let node = root;
  for (const seg of segments) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[seg as string];
  }
  return node;
}

/** A copy of `root` with `value` at `segments`, creating objects and arrays on the way. */
export function setAt(root: unknown, segments: readonly Segment[], value: unknown): unknown {
  if (segments.length === 0) return value;
  const [head, ...rest] = segments as [Segment, ...Segment[]];
  if (typeof head === "number") {
    const list = Array.isArray(root) ? [...root] : [];
    while (list.length < head) list.push({});
    list[head] = setAt(list[head], rest, value);
    return list;
  }
  const obj = root !== null && typeof root === "object" && !Array.isArray(root) ? { ...(root as object) } : {};
  (obj as Record<string, unknown>)[head] = setAt((obj as Record<string, unknown>)[head], rest, value);
  return obj;
}

/** A copy of `root` without the value at `segments`; an array item is spliced out. */
export function deleteAt(root: unknown, segments: readonly Segment[]): unknown {
  if (segments.length === 0 || root === null || typeof root !== "object") return root;
  const [head, ...rest] = segments as [Segment, ...Segment[]];
  if (Array.isArray(root)) {
    if (typeof head !== "number" || head >= root.length) return root;
    if (rest.length === 0) return root.filter((_, i) => i !== head);
    return root.map((item, i) => (i === head ? deleteAt(item, rest) : item));
  }
  const obj = root as Record<string, unknown>;
  if (!(head in obj)) return root;
  if (rest.length === 0) {
    const { [head as string]: _removed, ...others } = obj;
    return others;
  }
  return { ...obj, [head]: deleteAt(obj[head as string], rest) };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars replace; `null` removes an answer. */
export function mergeAnswers(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch) || !isPlainObject(base)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergeAnswers(out[key], value);
  }
  return out;
}

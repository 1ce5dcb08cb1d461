/** `line:column` (both from 1) of an offset in a source text: the pointer of a finding in code. */
export function positionAt(source: string, offset: number): string {
  const before = source.slice(0, offset).split("\n");
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

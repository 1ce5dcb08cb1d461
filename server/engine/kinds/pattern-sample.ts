/**
 * The shortest string a regular expression accepts, for the small dialect form patterns use:
 * anchors, literals and escapes, character classes with ranges, groups with alternatives, and the
 * quantifiers ?, *, +, {n} and {n,m}. Anything else gives undefined, and the caller falls back to a
 * worked example's value. Each class gives its first character and each group its first
 * alternative, so `^[0-9]{4}-(0[1-9]|1[0-2])$` gives "0000-01". The caller validates the result.
 */
const CLASS_ESCAPES: Record<string, string> = { d: "0", w: "a", s: " " };

class Unsupported extends Error {}

function escaped(c: string | undefined): string {
  if (c === undefined) throw new Unsupported();
  if (c in CLASS_ESCAPES) return CLASS_ESCAPES[c]!;
  // \b, \p{…}, back references: not worth a generator of their own.
  if (/[A-Za-z0-9]/.test(c)) throw new Unsupported();
  return c;
}

export function patternSample(pattern: string): string | undefined {
  let i = 0;
  const atom = (): string => {
    const c = pattern[i++];
    if (c === "(") {
      if (pattern.startsWith("?:", i)) i += 2;
      const first = alternatives();
      if (pattern[i++] !== ")") throw new Unsupported();
      return first;
    }
    if (c === "[") {
      const end = pattern.indexOf("]", i + 1);
      // A negated class has no obvious first character.
      if (end < 0 || pattern[i] === "^") throw new Unsupported();
      const body = pattern.slice(i, end);
      i = end + 1;
      return body.startsWith("\\") ? escaped(body[1]) : body[0]!;
    }
    if (c === "\\") return escaped(pattern[i++]);
    if (c === ".") return "a";
    if (c === undefined || "*+?{|)".includes(c)) throw new Unsupported();
    return c;
  };
  /** How often the atom before it must at least repeat. */
  const quantifier = (): number => {
    const m = /^(?:[?*]|\+|\{(\d+)(?:,\d*)?\})/.exec(pattern.slice(i));
    if (!m) return 1;
    i += m[0].length;
    return m[0] === "+" ? 1 : m[1] !== undefined ? Number(m[1]) : 0;
  };
  const sequence = (): string => {
    let out = "";
    while (i < pattern.length && pattern[i] !== "|" && pattern[i] !== ")") {
      if (pattern[i] === "^" || pattern[i] === "$") i++;
      else {
        const text = atom();
        out += text.repeat(quantifier());
      }
    }
    return out;
  };
  const alternatives = (): string => {
    const first = sequence();
    while (pattern[i] === "|") {
      i++;
      sequence();
    }
    return first;
  };
  try {
    const result = alternatives();
    return i === pattern.length ? result : undefined;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

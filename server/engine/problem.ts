/**
 * Every problem the engine finds is a value, never a thrown string: a code a program can act on,
 * the JSON pointer of the answer (or, for a form package, of the schema) it is about, and a message
 * in the reader's language.
 */
export interface Problem {
  code: string;
  pointer: string;
  message: string;
  /** The figures of a broken rule, for programs: Ajv's `params` of the keyword (`limit`, `comparison`). */
  params?: Record<string, string | number | boolean | null>;
  /** For a rule across answers: the other answers it compares, so that a page can offer to change either. */
  related?: string[];
  /** Only for problems in a form package: the file, and how to fix it. */
  file?: string;
  fix?: string;
  severity?: "error" | "warning";
}

export type Result<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(problems: Problem[]): Result<T> => ({ ok: false, problems });

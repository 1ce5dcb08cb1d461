/** What a command writes to; the CLI passes the console, tests collect the lines. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export type Command = (args: string[], io: Output) => Promise<number>;

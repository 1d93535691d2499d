/**
 * What a `hinan` command is: its usage text and how it runs (`Command`), the terminal it is given
 * (`CliIo`) and the InputError it throws for bad input (exit 1). Kept apart from inputs.ts (which
 * pulls in the file readers and the road graph) so the command line's start — `hinan --help`, the
 * backup commands — loads none of that.
 */

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Directory relative file names are resolved against. */
  cwd: string;
}

/** Invalid input: the messages are printed to stderr and the command exits 1. */
export class InputError extends Error {
  readonly lines: string[];
  constructor(lines: string[]) {
    super(lines.join('\n'));
    this.lines = lines;
  }
}

/**
 * A `hinan` command: its usage text and how it runs with the words after its name (may throw
 * UsageError / InputError). The backup commands are asynchronous (key derivation, decryption).
 */
export interface Command {
  usage: string;
  run: (args: string[], io: CliIo) => number | Promise<number>;
}

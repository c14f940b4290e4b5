// What every command receives: where to write, whether to colour, global options, and a
// signal that fires on Ctrl-C. Commands return an exit code; they never call process.exit.
import type { ExitCode } from '../errors.js';

export interface GlobalOptions {
  readonly db?: string;
  readonly config?: string;
  readonly migrations?: string;
  readonly models?: string;
  readonly schema?: readonly string[];
  /** Every --db given, in order (more than one: a fleet run). */
  readonly dbs?: readonly string[];
  /** Fleet options (src/cli/fleet/). */
  readonly target?: readonly string[];
  readonly schemaPattern?: string;
  readonly concurrency?: string;
  readonly targetTimeout?: string;
  readonly failFast?: boolean;
  /** --env NAME: an entry of the config's `environments`. */
  readonly env?: string;
  /**
   * Not a flag: the database from DATABASE_URL, the config or PG* variables, for commands that
   * need one when --db/--env gave none (see cli/database.ts). `db` is what the user chose.
   */
  readonly defaultDb?: string;
}

export interface CommandContext {
  readonly global: GlobalOptions;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Colour on stdout: only on a TTY and never with NO_COLOR. */
  readonly color: boolean;
  /** Columns to lay terminal output out in: the terminal's width, else $COLUMNS, else 80. */
  readonly width: number;
  /** Aborted on the first SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
  /** Register work that must run before the process exits (stop servers, close pools). */
  onCleanup(fn: () => Promise<void> | void): void;
}

export type CommandResult = ExitCode | Promise<ExitCode>;

export function out(ctx: CommandContext, text: string): void {
  ctx.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
}

export function info(ctx: CommandContext, text: string): void {
  ctx.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

import type { Command } from 'commander';
import type { GlobalOptions } from './context.js';

/** The command a GlobalOptions came from (run.ts applies config defaults to its flags). */
export const COMMAND = Symbol('command');

/** Global options merged with a subcommand's own: commander keeps them on the root. */
export function globalsOf(command: Command): GlobalOptions {
  let root: Command = command;
  while (root.parent) root = root.parent;
  const merged = { ...root.opts(), ...command.optsWithGlobals() } as Record<string, unknown>;
  // --db is collected (several make a fleet run); single-target commands see the last one.
  const dbs = Array.isArray(merged.db) ? (merged.db as string[]) : typeof merged.db === 'string' ? [merged.db] : [];
  const { db: _db, ...rest } = merged;
  const globals = { ...(rest as GlobalOptions), ...(dbs.length > 0 ? { db: dbs[dbs.length - 1]!, dbs } : {}) } as GlobalOptions;
  Object.defineProperty(globals, COMMAND, { value: command, enumerable: false });
  return globals;
}

export function commandOf(global: GlobalOptions): Command | undefined {
  return (global as { [COMMAND]?: Command })[COMMAND];
}

import type { Command } from 'commander';
import type { GlobalOptions } from './context.js';

/** The command a GlobalOptions came from (run.ts applies config defaults to its flags). */
export const COMMAND = Symbol('command');

/** Global options merged with a subcommand's own: commander keeps them on the root. */
export function globalsOf(command: Command): GlobalOptions {
  let root: Command = command;
  while (root.parent) root = root.parent;
  const merged = { ...root.opts(), ...command.optsWithGlobals() } as GlobalOptions;
  Object.defineProperty(merged, COMMAND, { value: command, enumerable: false });
  return merged;
}

export function commandOf(global: GlobalOptions): Command | undefined {
  return (global as { [COMMAND]?: Command })[COMMAND];
}

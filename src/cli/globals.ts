import type { Command } from 'commander';
import type { GlobalOptions } from './context.js';

/** Global options merged with a subcommand's own: commander keeps them on the root. */
export function globalsOf(command: Command): GlobalOptions {
  let root: Command = command;
  while (root.parent) root = root.parent;
  const merged = { ...root.opts(), ...command.optsWithGlobals() } as GlobalOptions;
  return merged;
}

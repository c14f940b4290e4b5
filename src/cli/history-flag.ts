// --history-table: the config's default for the flag, and ownTables (migrate/own-tables.ts,
// re-exported here for the commands), the tables introspect() leaves out of every Schema.
import type { Command } from 'commander';
import { parseHistoryTable } from '../migrate/history.js';

export { ownTables } from '../migrate/own-tables.js';

/**
 * The config's `historyTable` (top level or the --env entry) as the default of the command's
 * --history-table: set on the command's own option values, which are the flags object its
 * action holds, so every command reads `flags.historyTable` as before.
 */
export function applyConfigHistoryTable(command: Command, historyTable: string | null): void {
  if (historyTable === null) return;
  if (!command.options.some((o) => o.attributeName() === 'historyTable')) return;
  if (command.getOptionValue('historyTable') !== undefined) return;
  parseHistoryTable(historyTable, 'historyTable in the config');
  command.setOptionValueWithSource('historyTable', historyTable, 'config');
}

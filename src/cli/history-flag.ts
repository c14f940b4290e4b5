// --history-table as introspect() takes it: the tables schemaguard leaves out of every Schema.
// The default table is always among them, so two databases migrated with different
// --history-table settings still compare equal.
import type { Command } from 'commander';
import { auditTable } from '../migrate/history-audit.js';
import { DEFAULT_HISTORY_TABLE, parseHistoryTable, type HistoryTable } from '../migrate/history.js';
import type { QualifiedName } from '../schema/types.js';

export function ownTables(spec: string | undefined): QualifiedName[] {
  const h = parseHistoryTable(spec);
  const d = DEFAULT_HISTORY_TABLE;
  // Each history with its audit table (migrate force / repair write it beside the history).
  const both = (t: HistoryTable) => [t, auditTable(t)].map((x) => ({ schema: x.schema, name: x.table }));
  return [...both(d), ...(h.schema === d.schema && h.table === d.table ? [] : both(h))];
}

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

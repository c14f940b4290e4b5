// The tables schemaguard leaves out of every Schema, for a history table setting: the default
// history is always among them, so two databases migrated with different history tables still
// compare equal. Used by the CLI's --history-table and by the library API (src/api/).
import { auditTable } from './history-audit.js';
import { DEFAULT_HISTORY_TABLE, parseHistoryTable, type HistoryTable } from './history.js';
import type { QualifiedName } from '../schema/types.js';

export function ownTables(spec: string | undefined): QualifiedName[] {
  const h = parseHistoryTable(spec);
  const d = DEFAULT_HISTORY_TABLE;
  // Each history with its audit table (migrate force / repair write it beside the history).
  const both = (t: HistoryTable) => [t, auditTable(t)].map((x) => ({ schema: x.schema, name: x.table }));
  return [...both(d), ...(h.schema === d.schema && h.table === d.table ? [] : both(h))];
}

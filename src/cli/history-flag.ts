// --history-table as introspect() takes it: the tables schemaguard leaves out of every Schema.
// The default table is always among them, so two databases migrated with different
// --history-table settings still compare equal.
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

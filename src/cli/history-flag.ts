// --history-table as introspect() takes it: the tables schemaguard leaves out of every Schema.
// The default table is always among them, so two databases migrated with different
// --history-table settings still compare equal.
import { DEFAULT_HISTORY_TABLE, parseHistoryTable } from '../migrate/history.js';
import type { QualifiedName } from '../schema/types.js';

export function ownTables(spec: string | undefined): QualifiedName[] {
  const h = parseHistoryTable(spec);
  const d = DEFAULT_HISTORY_TABLE;
  return [{ schema: d.schema, name: d.table }, ...(h.schema === d.schema && h.table === d.table ? [] : [{ schema: h.schema, name: h.table }])];
}

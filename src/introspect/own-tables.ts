// schemaguard's own migration history table is bookkeeping, not schema: it is left out of every
// introspected Schema, so that diff never plans to drop it, inspect does not count it and audit
// does not call it undeclared. Its namespace goes too when the history is all it holds (a
// dedicated schema created by `migrate up --history-table ops.history`).
import type { QualifiedName, Schema } from '../schema/types.js';

/** The default history table (migrate/history.ts DEFAULT_HISTORY_TABLE) and its audit table (migrate/history-audit.ts). */
export const DEFAULT_OWN_TABLES: readonly QualifiedName[] = [
  { schema: 'public', name: 'schemaguard_migrations' },
  { schema: 'public', name: 'schemaguard_migrations_audit' },
];

export function withoutOwnTables(schema: Schema, own: readonly QualifiedName[]): Schema {
  if (own.length === 0) return schema;
  const isOwn = (s: string, n: string) => own.some((o) => o.schema === s && o.name === n);
  const dropped = schema.tables.filter((t) => isOwn(t.schema, t.name));
  if (dropped.length === 0) return schema;
  const tables = schema.tables.filter((t) => !isOwn(t.schema, t.name));
  // Sequences owned by one of its columns go with it.
  const sequences = schema.sequences.filter((s) => !(s.ownedBy && isOwn(s.ownedBy.schema, s.ownedBy.name)));
  const used = new Set<string>();
  for (const list of [tables, schema.views, schema.enums, schema.domains, sequences, schema.routines]) for (const o of list) used.add(o.schema);
  for (const e of schema.extensions) used.add(e.schema);
  const emptied = new Set(dropped.map((t) => t.schema).filter((s) => s !== 'public' && !used.has(s)));
  const namespaces = schema.namespaces.filter((n) => !emptied.has(n.name) || n.comment !== null);
  // Their dependency edges (the table on its id sequence, its row type) go with them too: an
  // edge naming an object the schema no longer holds would show our bookkeeping in inspect.
  const gone = new Set([...dropped.map((t) => `${t.schema}.${t.name}`), ...schema.sequences.filter((s) => !sequences.includes(s)).map((s) => `${s.schema}.${s.name}`)]);
  const isGone = (r: { kind: string; schema: string; name: string }) => (r.kind === 'relation' || r.kind === 'type') && gone.has(`${r.schema}.${r.name}`);
  const dependencies = schema.dependencies?.filter((d) => !isGone(d.object) && !isGone(d.on));
  return { ...schema, tables, sequences, namespaces, ...(dependencies ? { dependencies } : {}) };
}

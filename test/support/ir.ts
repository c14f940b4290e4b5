// Hand-built IR for planner unit tests: a column and a table in `public` with every field at its
// plain default, so each test spells only what it is about.
import type { Column, Table } from '../../src/schema/types.js';

export function column(name: string, type: string, extra: Partial<Column> = {}): Column {
  return { name, position: 1, type, notNull: false, default: null, identity: null, generated: null, collation: null, comment: null, grants: [], ...extra };
}

export function table(name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return {
    schema: 'public', name, kind: 'table', unlogged: false, partitionBy: null, partitionOf: null,
    columns: columns.map((c, i) => ({ ...c, position: i + 1 })),
    primaryKey: null, uniques: [], checks: [], exclusions: [], foreignKeys: [], indexes: [], triggers: [],
    rowSecurity: { enabled: false, forced: false }, policies: [], grants: [], comment: null, ...extra,
  };
}

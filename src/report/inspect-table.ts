// `inspect --format table`: the statistics block audit reports write by hand, then one line per
// table. Pure: Schema → string; colour only when asked.
import { Chalk } from 'chalk';
import { quoteIdentIfNeeded } from '../schema/quote.js';
import type { Schema, Table as SchemaTable } from '../schema/types.js';
import { DEFAULT_WIDTH, columnWidths, renderColumns, type Cell, type Column } from './fit.js';

export interface SchemaStatistics {
  readonly tables: number;
  readonly partitioned: number;
  readonly partitions: number;
  readonly unlogged: number;
  readonly columns: number;
  /** Every index, those backing primary key, unique and exclusion constraints included. */
  readonly indexes: number;
  readonly constraintIndexes: number;
  readonly foreignKeys: number;
  readonly checks: number;
  readonly triggers: number;
  readonly routines: number;
  readonly enums: number;
  readonly views: number;
  readonly materializedViews: number;
}

export function schemaStatistics(schema: Schema): SchemaStatistics {
  let columns = 0, indexes = 0, constraintIndexes = 0, foreignKeys = 0, checks = 0, triggers = 0;
  for (const t of schema.tables) {
    columns += t.columns.length;
    const implied = (t.primaryKey ? 1 : 0) + t.uniques.length + t.exclusions.length;
    constraintIndexes += implied;
    indexes += t.indexes.length + implied;
    foreignKeys += t.foreignKeys.length;
    checks += t.checks.length;
    triggers += t.triggers.length;
  }
  for (const v of schema.views) indexes += v.indexes.length;
  return {
    tables: schema.tables.length,
    partitioned: schema.tables.filter((t) => t.kind === 'partitioned').length,
    partitions: schema.tables.filter((t) => t.partitionOf !== null).length,
    unlogged: schema.tables.filter((t) => t.unlogged).length,
    columns,
    indexes,
    constraintIndexes,
    foreignKeys,
    checks,
    triggers,
    routines: schema.routines.length,
    enums: schema.enums.length,
    views: schema.views.length,
    materializedViews: schema.views.filter((v) => v.materialized).length,
  };
}

function tableKind(t: SchemaTable): string {
  const kind = t.kind === 'partitioned' ? 'partitioned' : t.partitionOf ? `partition of ${t.partitionOf.name}` : t.inherits?.length ? `inherits ${t.inherits.map((p) => p.name).join(', ')}` : 'table';
  return t.unlogged ? `${kind}, unlogged` : kind;
}

/** As a user would type it in SQL: quoted only where needed. */
function qualified(schema: string, name: string): string {
  return `${quoteIdentIfNeeded(schema)}.${quoteIdentIfNeeded(name)}`;
}

export function renderInspectTable(schema: Schema, options: { readonly color: boolean; readonly width?: number }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const s = schemaStatistics(schema);
  const detail = (parts: [number, string][]) => {
    const shown = parts.filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`);
    return shown.length > 0 ? c.dim(`  (${shown.join(', ')})`) : '';
  };
  const stat = (label: string, value: number, extra = '') => `  ${label.padEnd(14)}${String(value).padStart(6)}${extra}`;
  const names = schema.namespaces.map((n) => n.name).join(', ') || 'none';
  const lines = [
    c.bold(`Schema statistics`) + c.dim(` (schemas: ${names})`),
    stat('tables', s.tables, detail([[s.partitioned, 'partitioned'], [s.partitions, 'partitions'], [s.unlogged, 'unlogged']])),
    stat('columns', s.columns),
    stat('indexes', s.indexes, detail([[s.constraintIndexes, 'back constraints']])),
    stat('foreign keys', s.foreignKeys),
    stat('checks', s.checks),
    stat('triggers', s.triggers),
    stat('routines', s.routines),
    stat('enums', s.enums),
    stat('views', s.views, detail([[s.materializedViews, 'materialized']])),
  ];
  if (schema.tables.length === 0) return `${lines.join('\n')}\n`;

  const rows: Cell[][] = schema.tables.map((t) => [
    qualified(t.schema, t.name),
    tableKind(t),
    t.columns.length,
    t.primaryKey ? t.primaryKey.columns.join(', ') : t.partitionOf ? { text: '(parent)', style: c.dim } : { text: 'none', style: c.yellow },
    t.indexes.length,
    t.foreignKeys.length,
    t.checks.length + t.exclusions.length,
    t.triggers.length,
    t.rowSecurity.enabled ? (t.rowSecurity.forced ? 'forced' : 'on') : '',
  ]);
  const width = options.width ?? DEFAULT_WIDTH;
  const n = (header: string) => ({ header, align: 'right' as const });
  const columns = (short: boolean): Column[] => [
    { header: 'table', nowrap: true },
    { header: 'kind' },
    n(short ? 'cols' : 'columns'),
    { header: 'primary key' },
    n(short ? 'idx' : 'indexes'),
    n('fks'),
    n(short ? 'chk' : 'checks'),
    n(short ? 'trg' : 'triggers'),
    { header: 'rls' },
  ];
  // Short headers for the counts when the full ones would cost the table names their ends.
  const natural = Math.max(5, ...schema.tables.map((t) => qualified(t.schema, t.name).length));
  const short = columnWidths(columns(false), rows, width, 2, 0)[0]! < natural;
  const table = renderColumns(columns(short), rows, { width, headerStyle: (h) => c.bold(h) });
  return `${lines.join('\n')}\n\n${table}\n`;
}

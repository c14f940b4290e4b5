// Table inheritance (`CREATE TABLE child (...) INHERITS (parent)`), not partitioning: the
// parents of a child in pg_inherits order, and which of its columns and check constraints come
// from them (attinhcount/attislocal, coninhcount/conislocal). Read as one more column of the
// tables query (a JSON object, null for every table that inherits nothing), so it costs no
// query of its own. The checks a child only inherits are left out of the constraints query:
// they come back here, marked.
import type { CheckConstraint, Column, Inherited, QualifiedName } from '../schema/types.js';

/** A JSON object for the table `alias` (a pg_class row), or null when it has no parent. */
export function inheritanceOf(alias: string): string {
  return `case when not ${alias}.relispartition and exists (select 1 from pg_inherits i where i.inhrelid = ${alias}.oid) then json_build_object(
         'parents', (select json_agg(json_build_object('schema', pn.nspname::text, 'name', pc.relname::text) order by i.inhseqno)
                     from pg_inherits i join pg_class pc on pc.oid = i.inhparent join pg_namespace pn on pn.oid = pc.relnamespace
                     where i.inhrelid = ${alias}.oid),
         'columns', (select coalesce(json_agg(json_build_object('name', a.attname::text, 'count', a.attinhcount, 'local', a.attislocal) order by a.attnum), '[]')
                     from pg_attribute a where a.attrelid = ${alias}.oid and a.attnum > 0 and not a.attisdropped and a.attinhcount > 0),
         'checks', (select coalesce(json_agg(json_build_object('name', co.conname::text, 'count', co.coninhcount, 'local', co.conislocal,
                             'expression', pg_get_expr(co.conbin, co.conrelid), 'validated', co.convalidated, 'no_inherit', co.connoinherit) order by co.conname), '[]')
                    from pg_constraint co where co.conrelid = ${alias}.oid and co.contype = 'c' and co.coninhcount > 0)
       ) end`;
}

export interface InheritanceRow {
  readonly parents: readonly QualifiedName[];
  readonly columns: readonly { readonly name: string; readonly count: number; readonly local: boolean }[];
  readonly checks: readonly {
    readonly name: string;
    readonly count: number;
    readonly local: boolean;
    readonly expression: string;
    readonly validated: boolean;
    readonly no_inherit: boolean;
  }[];
}

/** The child's columns, those that come from a parent marked. */
export function markInheritedColumns(columns: Column[], row: InheritanceRow | null | undefined): Column[] {
  if (!row) return columns;
  const marks = new Map(row.columns.map((c) => [c.name, { count: c.count, local: c.local } satisfies Inherited]));
  return columns.map((c) => (marks.has(c.name) ? { ...c, inherited: marks.get(c.name)! } : c));
}

/**
 * The child's checks: its local ones (those also inherited marked) and, added back, those it
 * only inherits (the constraints query leaves them out).
 */
export function withInheritedChecks(checks: CheckConstraint[], row: InheritanceRow | null | undefined): CheckConstraint[] {
  if (!row) return checks;
  const marks = new Map(row.checks.map((c) => [c.name, c]));
  const out = checks.map((c) => {
    const m = marks.get(c.name);
    return m ? { ...c, inherited: { count: m.count, local: m.local } } : c;
  });
  for (const c of row.checks) {
    if (c.local) continue;
    out.push({ name: c.name, expression: c.expression, validated: c.validated, noInherit: c.no_inherit, inherited: { count: c.count, local: false } });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// Table inheritance in the plan: the INHERITS clause of a child's CREATE TABLE, INHERIT and
// NO INHERIT, and what PostgreSQL will not do (inherit from a partitioned table or a partition,
// or from a table the target schema does not have), said before any statement runs.
import type { CheckConstraint, Column, QualifiedName, Schema, Table } from '../schema/types.js';
import { sameExpression } from '../schema/normalize.js';
import { quoteIdent, quoteQualified } from '../schema/quote.js';

const q = (o: QualifiedName): string => quoteQualified(o.schema, o.name);

const key = (o: QualifiedName) => `${o.schema}.${o.name}`;

/** Declared in the child's own CREATE TABLE: its local columns and checks (local and inherited are merged by PostgreSQL). */
export const isOwn = (x: Column | CheckConstraint): boolean => !x.inherited || x.inherited.local;

/** ` INHERITS ("s"."p", …)`, or '' for a table without parents. */
export function inheritsClause(t: Table): string {
  return t.inherits && t.inherits.length > 0 ? ` INHERITS (${t.inherits.map(q).join(', ')})` : '';
}

export function inheritStatement(child: QualifiedName, parent: QualifiedName, attach: boolean): string {
  return `ALTER TABLE ${q(child)} ${attach ? 'INHERIT' : 'NO INHERIT'} ${q(parent)}`;
}

/** Tables of `schema` that inherit from `parent`. */
export function childrenOf(schema: Schema, parent: QualifiedName): Table[] {
  return schema.tables.filter((t) => (t.inherits ?? []).some((p) => key(p) === key(parent)));
}

/** Why the parents of `t` in the target schema cannot be planned, or null when they can. */
export function inheritanceRefusal(t: Table, to: Schema): string | null {
  for (const p of t.inherits ?? []) {
    const parent = to.tables.find((x) => key(x) === key(p));
    const what = `cannot plan table ${key(t)} INHERITS (${key(p)})`;
    if (!parent) return `${what}: ${key(p)} is not a table of the target schema; declare it too (or include its schema with --schema), then diff again`;
    if (parent.kind === 'partitioned') return `${what}: PostgreSQL cannot inherit from a partitioned table; make ${t.name} a partition of it (partitionOf) instead`;
    if (parent.partitionOf) return `${what}: PostgreSQL cannot inherit from a partition; inherit from a plain table instead`;
  }
  if (t.inherits?.length && (t.kind === 'partitioned' || t.partitionOf)) {
    return `cannot plan table ${key(t)}: a ${t.kind === 'partitioned' ? 'partitioned table' : 'partition'} cannot also inherit from ${t.inherits.map(key).join(', ')}; use partitioning or inheritance, not both`;
  }
  return null;
}

/**
 * After CREATE TABLE … INHERITS: what the child sets differently on a column it only inherits
 * (a default of its own, NOT NULL where the parent allows NULL). PostgreSQL copies the parent's.
 */
export function inheritedColumnFixes(t: Table, schema: Schema): string[] {
  if (!t.inherits?.length) return [];
  const parents = t.inherits.map((p) => schema.tables.find((x) => key(x) === key(p))).filter((p): p is Table => p !== undefined);
  const out: string[] = [];
  for (const c of t.columns) {
    if (isOwn(c)) continue;
    const from = parents.map((p) => p.columns.find((x) => x.name === c.name)).find((x) => x !== undefined);
    if (!from) continue;
    const alter = `ALTER TABLE ${q(t)} ALTER COLUMN ${quoteIdent(c.name)}`;
    if (c.generated === null && !sameExpression(from.default, c.default, { schema: t.schema })) out.push(c.default === null ? `${alter} DROP DEFAULT` : `${alter} SET DEFAULT ${c.default}`);
    if (c.notNull && !from.notNull) out.push(`${alter} SET NOT NULL`);
  }
  return out;
}

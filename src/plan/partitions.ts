// What a partition declares beyond its parent: PARTITION OF copies the parent's columns with
// their defaults and NOT NULL, and attaches the parent's constraints and indexes, but a
// partition may add NOT NULL, a default, a primary key, uniques, checks and exclusions of its
// own. Left out of CREATE TABLE ... PARTITION OF, those were lost and every later diff re-planned
// them (on an existing partition as a validated-check SET NOT NULL and a CONCURRENTLY index).
import { quoteIdent } from '../schema/quote.js';
import type { Schema, Table } from '../schema/types.js';
import { sameExpression } from '../schema/normalize.js';
import { checkClause, exclusionClause, primaryKeyClause, uniqueClause } from './ddl.js';

/** The partitioned parent of `t` in `schema`, if `t` is a partition and the parent is there. */
export function partitionParent(t: Table, schema: Schema): Table | undefined {
  const p = t.partitionOf;
  return p ? schema.tables.find((x) => x.schema === p.schema && x.name === p.name) : undefined;
}

/**
 * The `( ... )` element list of CREATE TABLE ... PARTITION OF, or '' when the partition has
 * nothing of its own. Without the parent at hand every NOT NULL is restated (PostgreSQL accepts
 * NOT NULL on a column the parent already holds NOT NULL).
 */
export function partitionElements(t: Table, parent: Table | undefined): string {
  const elements: string[] = [];
  for (const c of t.columns) {
    const pc = parent?.columns.find((x) => x.name === c.name);
    const options: string[] = [];
    if (c.default !== null && c.generated === null && !c.identity && (!pc || !sameExpression(pc.default, c.default, { schema: t.schema }))) options.push(`DEFAULT ${c.default}`);
    if (c.notNull && !pc?.notNull) options.push('NOT NULL');
    if (options.length) elements.push(`${quoteIdent(c.name)} WITH OPTIONS ${options.join(' ')}`);
  }
  if (t.primaryKey) elements.push(primaryKeyClause(t.primaryKey));
  elements.push(...t.uniques.map(uniqueClause));
  elements.push(...t.checks.filter((c) => c.validated && !c.inherited).map((c) => checkClause(c)));
  elements.push(...t.exclusions.map(exclusionClause));
  return elements.length ? ` (\n  ${elements.join(',\n  ')}\n)` : '';
}

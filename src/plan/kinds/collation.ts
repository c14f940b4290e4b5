// Collations: CREATE/DROP COLLATION; a changed definition re-creates the collation and moves the
// columns that use it (PostgreSQL cannot alter a collation's provider, locale or determinism).
import type { ChangeOf } from '../../diff/changes.js';
import { quoteIdent } from '../../schema/quote.js';
import type { Collation, Column, QualifiedName, Schema, Table } from '../../schema/types.js';
import { collationName, commentOn, createCollation, q } from '../ddl.js';
import { shortName } from '../names.js';
import { Phase, hz, PlanError, type PlanContext, type Planners } from '../context.js';

export const COLLATION_PLANNERS: Planners<'AddCollation' | 'DropCollation' | 'ModifyCollation'> = {
  AddCollation: planAddCollation,
  DropCollation: planDropCollation,
  ModifyCollation: planModifyCollation,
};

function planAddCollation(change: ChangeOf<'AddCollation'>, { emit }: PlanContext): void {
  const [create, ...rest] = createCollation(change.collation);
  emit(Phase.CreateTypes, change.kind, create!, [`DROP COLLATION ${q(change.collation)}`]);
  for (const s of rest) emit(Phase.CreateTypes, change.kind, s, []);
}

function planDropCollation(change: ChangeOf<'DropCollation'>, { emit }: PlanContext): void {
  // After the tables, columns and domains that used it (DropTypes comes after them).
  emit(Phase.DropTypes, change.kind, `DROP COLLATION ${q(change.collation)}`, createCollation(change.collation));
}

function planModifyCollation(change: ChangeOf<'ModifyCollation'>, { emit, options }: PlanContext): void {
  const { from: a, to: b } = change;
  if (change.definition) {
    const up = recreateCollation(a, b, options.from);
    const down = recreateCollation(b, a, options.to);
    const uses = columnsOfCollation(options.from, a).length > 0;
    emit(Phase.CreateTypes, change.kind, up[0]!, down, uses ? { hazards: [hz('blocking-lock', `moves the columns of collation ${b.name} to the new definition: their indexes are rebuilt under an ACCESS EXCLUSIVE lock`), hz('may-fail', 'fails if a unique index on those columns has values equal under the new collation')] } : {});
    for (const s of up.slice(1)) emit(Phase.CreateTypes, change.kind, s, []);
  } else if (change.commentChanged) {
    emit(Phase.CreateTypes, change.kind, commentOn('COLLATION', q(b), b.comment), [commentOn('COLLATION', q(a), a.comment)]);
  }
}

/** Does a COLLATE spelling (as the catalog prints it) name collation `c`? */
function names(spelling: string | null, c: QualifiedName): boolean {
  if (!spelling) return false;
  const n = collationName(spelling);
  return n.schema === c.schema && n.name === c.name;
}

/** Columns of tables in `schema` whose collation is `c` (inherited and partitions' columns follow their parent's). */
export function columnsOfCollation(schema: Schema, c: QualifiedName): { table: Table; column: Column }[] {
  const isIt = (spelling: string | null) => names(spelling, c);
  return schema.tables.flatMap((table) => (table.partitionOf ? [] : table.columns.filter((column) => !column.inherited && isIt(column.collation)).map((column) => ({ table, column }))));
}

/**
 * PostgreSQL cannot alter a collation's definition: rename it away, create the new one, move
 * each column to it, drop the old. Domains and composite attributes cannot be moved in place:
 * a collation they use is refused.
 */
function recreateCollation(was: Collation, next: Collation, schema: Schema): string[] {
  const isIt = (spelling: string | null) => names(spelling, was);
  const holders = [
    ...schema.domains.filter((d) => isIt(d.collation)).map((d) => `domain ${d.schema}.${d.name}`),
    ...(schema.composites ?? []).filter((t) => t.attributes.some((x) => isIt(x.collation))).map((t) => `type ${t.schema}.${t.name}`),
  ];
  if (holders.length > 0) {
    throw new PlanError(`cannot plan the change of collation ${was.schema}.${was.name}: ${holders.join(', ')} use${holders.length === 1 ? 's' : ''} it, and PostgreSQL cannot move them to another collation in place; create a collation under a new name, move them to it in a migration, then diff again`);
  }
  const old: QualifiedName = { schema: was.schema, name: shortName(`${was.name}__old`) };
  const out = [`ALTER COLLATION ${q(was)} RENAME TO ${quoteIdent(old.name)}`, ...createCollation(next)];
  for (const { table, column } of columnsOfCollation(schema, was)) {
    out.push(`ALTER TABLE ${q(table)} ALTER COLUMN ${quoteIdent(column.name)} TYPE ${column.type} COLLATE ${q(next)}`);
  }
  out.push(`DROP COLLATION ${q(old)}`);
  return out;
}


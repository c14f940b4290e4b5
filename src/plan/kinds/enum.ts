// Enums: labels added in place; removed or reordered labels re-create the type and convert its columns.
import type { ChangeOf } from '../../diff/changes.js';
import { quoteIdent, quoteIdentIfNeeded, quoteLiteral } from '../../schema/quote.js';
import type { Column, EnumType, QualifiedName, Schema, Table } from '../../schema/types.js';
import { commentOn, createEnum, createPolicy, dropPolicy, q } from '../ddl.js';
import { shortName } from '../names.js';
import { dependenciesOf, dependentsClosure, relationKey, typeKey } from '../order.js';
import { Phase, hz, PlanError, type PlanContext, type Planners, type Emit, type PlanOptions } from '../context.js';

export const ENUM_PLANNERS: Planners<'AddEnum' | 'DropEnum' | 'ModifyEnum'> = {
  AddEnum: planAddEnum,
  DropEnum: planDropEnum,
  ModifyEnum: planModifyEnum,
};

function planAddEnum(change: ChangeOf<'AddEnum'>, { emit }: PlanContext): void {
  const [create, ...rest] = createEnum(change.enum);
  emit(Phase.CreateTypes, change.kind, create!, [`DROP TYPE ${q(change.enum)}`], { creates: typeKey(change.enum) });
  for (const s of rest) emit(Phase.CreateTypes, change.kind, s, [], { on: typeKey(change.enum) });
}

function planDropEnum(change: ChangeOf<'DropEnum'>, { emit }: PlanContext): void {
  emit(Phase.DropTypes, change.kind, `DROP TYPE ${q(change.enum)}`, createEnum(change.enum), { drops: typeKey(change.enum) });
}

function planModifyEnum(change: ChangeOf<'ModifyEnum'>, { emit, options }: PlanContext): void {
  planEnum(change, options, emit);
}

/** Spelling of a user type in a column's `type` (schema/types.ts canonical form). */
export function typeSpelling(t: QualifiedName): string {
  return `${quoteIdentIfNeeded(t.schema)}.${quoteIdentIfNeeded(t.name)}`;
}

/** Columns of `schema` whose type is the enum (or an array of it). */
export function columnsOfType(schema: Schema, type: QualifiedName): { table: Table; column: Column; array: boolean }[] {
  const spelled = typeSpelling(type);
  return schema.tables.flatMap((table) =>
    table.partitionOf ? [] : table.columns.flatMap((column) => (column.inherited ? [] : column.type === spelled || column.type === `${spelled}[]` ? [{ table, column, array: column.type.endsWith('[]') }] : [])),
  );
}

/**
 * Tables that store values of the type, however deep (a column of it, of an array or a domain of
 * it, of a composite holding it): PostgreSQL will not change a composite's attribute under them.
 */
export function tablesStoring(schema: Schema, type: QualifiedName): Table[] {
  const dependents = dependentsClosure(dependenciesOf(schema), [typeKey(type)]);
  return schema.tables.filter((t) => dependents.has(relationKey(t)));
}

function planEnum(change: ChangeOf<'ModifyEnum'>, options: PlanOptions, emit: Emit): void {
  const { from: a, to: b } = change;
  if (change.removed.length === 0 && !change.reordered) {
    for (const { label, after } of change.added) {
      const where = after === null ? (a.labels[0] !== undefined ? ` BEFORE ${quoteLiteral(a.labels[0])}` : '') : ` AFTER ${quoteLiteral(after)}`;
      emit(Phase.CreateTypes, change.kind, `ALTER TYPE ${q(b)} ADD VALUE ${quoteLiteral(label)}${where}`, recreateEnum(b, a, options.to), { transactional: false });
    }
    if (change.commentChanged) emit(Phase.CreateTypes, change.kind, commentOn('TYPE', q(b), b.comment), [commentOn('TYPE', q(a), a.comment)]);
    return;
  }
  const steps = recreateEnum(a, b, options.from, true);
  emit(Phase.CreateTypes, change.kind, steps[0]!, recreateEnum(b, a, options.to), { hazards: [hz('rewrites-table', `re-creates type ${b.name}: every column of it is rewritten`), hz('may-fail', `fails if a removed label (${change.removed.join(', ') || 'none'}) is in use`)] });
  for (const s of steps.slice(1)) emit(Phase.CreateTypes, change.kind, s, []);
}

/**
 * PostgreSQL cannot drop or reorder enum labels: rename the type away, create the new one,
 * convert each column, drop the old. Policies naming those columns would block the conversion:
 * they are dropped first and re-created after (views on those tables are, by dependentViews).
 */
function recreateEnum(was: EnumType, next: EnumType, schema: Schema, refuse = false): string[] {
  const old: QualifiedName = { schema: was.schema, name: shortName(`${was.name}__old`) };
  const uses = columnsOfType(schema, was);
  const policies = uses.flatMap(({ table, column }) =>
    table.policies.filter((p) => [p.using, p.withCheck].some((e) => e !== null && (e.includes(column.name) || e.includes(quoteIdent(column.name))))).map((p) => ({ table, p })),
  );
  const uniquePolicies = policies.filter((x, i) => policies.findIndex((y) => y.table === x.table && y.p.name === x.p.name) === i);
  const out = uniquePolicies.map(({ table, p }) => `${dropPolicy(table, p).replace(/^DROP POLICY /, 'DROP POLICY IF EXISTS ')}`);
  out.push(`ALTER TYPE ${q(was)} RENAME TO ${quoteIdent(old.name)}`, ...createEnum(next));
  // Composite attributes of the enum follow it too; PostgreSQL refuses that while a table stores the composite.
  const spelled = typeSpelling(was);
  for (const t of schema.composites ?? []) {
    for (const a of t.attributes) {
      if (a.type !== spelled && a.type !== `${spelled}[]`) continue;
      const stored = tablesStoring(schema, t);
      if (stored.length > 0 && refuse) {
        throw new PlanError(`cannot plan the re-creation of enum ${was.schema}.${was.name}: attribute ${a.name} of type ${t.schema}.${t.name} uses it, and table ${stored[0]!.schema}.${stored[0]!.name} stores that type, so PostgreSQL cannot change the attribute; add the labels instead of removing or reordering them, or move the column off the type in a migration, then diff again`);
      }
      out.push(`ALTER TYPE ${q(t)} ALTER ATTRIBUTE ${quoteIdent(a.name)} TYPE ${q(next)}${a.type.endsWith('[]') ? '[]' : ''}`);
    }
  }
  for (const { table, column, array } of uses) {
    const t = q(table);
    const c = quoteIdent(column.name);
    const type = `${q(next)}${array ? '[]' : ''}`;
    if (column.default !== null) out.push(`ALTER TABLE ${t} ALTER COLUMN ${c} DROP DEFAULT`);
    out.push(`ALTER TABLE ${t} ALTER COLUMN ${c} TYPE ${type} USING ${c}::text${array ? '[]' : ''}::${type}`);
    if (column.default !== null) out.push(`ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT ${column.default}`);
  }
  out.push(`DROP TYPE ${q(old)}`);
  out.push(...uniquePolicies.map(({ table, p }) => createPolicy(table, p)));
  return out;
}

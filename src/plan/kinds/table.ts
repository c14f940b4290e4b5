// Tables: created with their details, dropped, renamed, altered (logging, partition attachment, row security, options, replica identity) and their inheritance.
import type { ChangeOf } from '../../diff/changes.js';
import { quoteIdent } from '../../schema/quote.js';
import { commentOn, createTable, foreignKeyClause, q, replicaIdentity, rowSecurity, storageOptions, tableDetails, tableTail } from '../ddl.js';
import { inheritedColumnFixes, inheritStatement } from '../inherits.js';
import { relationKey } from '../order.js';
import { partitionParent } from '../partitions.js';
import { Phase, hz, key, type PlanContext, type Planners, type Emit } from '../context.js';

export const TABLE_PLANNERS: Planners<'AddTable' | 'DropTable' | 'RenameTable' | 'ModifyTable' | 'AddInherit' | 'DropInherit'> = {
  AddTable: planAddTable,
  DropTable: planDropTable,
  RenameTable: planRenameTable,
  ModifyTable: planModifyTable,
  AddInherit: planAddInherit,
  DropInherit: planDropInherit,
};

function planAddTable(change: ChangeOf<'AddTable'>, { emit, options }: PlanContext): void {
  const t = change.table;
  emit(Phase.CreateTables, change.kind, createTable(t, partitionParent(t, options.to)), [`DROP TABLE ${q(t)}`], { creates: relationKey(t) });
  for (const s of [...inheritedColumnFixes(t, options.to), ...tableDetails(t), ...tableTail(t)]) emit(Phase.AddTableObjects, change.kind, s, [], { on: relationKey(t) });
  for (const f of t.foreignKeys) emit(Phase.AddForeignKeys, change.kind, `ALTER TABLE ${q(t)} ADD ${foreignKeyClause(f)}`, [`ALTER TABLE ${q(t)} DROP CONSTRAINT IF EXISTS ${quoteIdent(f.name)}`], { on: relationKey(t) });
}

function planDropTable(change: ChangeOf<'DropTable'>, { emit, options, toTables }: PlanContext): void {
  const t = change.table;
  // A key between two dropped tables (a cycle, or a partition's key to a partition of another
  // dropped table) would stop whichever DROP comes first: it goes before both, and the reverse
  // adds it back once both are rebuilt.
  const between = (f: (typeof t.foreignKeys)[number]) => key(f.references) !== key(t) && !toTables.has(key(f.references));
  for (const f of t.foreignKeys.filter(between)) {
    emit(Phase.DropDependents, change.kind, `ALTER TABLE ${q(t)} DROP CONSTRAINT ${quoteIdent(f.name)}`, [`ALTER TABLE ${q(t)} ADD ${foreignKeyClause(f)}`]);
  }
  const rebuild = [createTable(t, partitionParent(t, options.from)), ...inheritedColumnFixes(t, options.from), ...tableDetails(t), ...tableTail(t), ...t.foreignKeys.filter((f) => !between(f)).map((f) => `ALTER TABLE ${q(t)} ADD ${foreignKeyClause(f)}`)];
  emit(Phase.DropTables, change.kind, `DROP TABLE ${q(t)}`, rebuild, { drops: relationKey(t), hazards: [hz('deletes-data', `drops table ${t.schema}.${t.name} and its rows`)] });
}

function planRenameTable(change: ChangeOf<'RenameTable'>, { emit }: PlanContext): void {
  emit(Phase.Renames, change.kind, `ALTER TABLE ${q(change.from)} RENAME TO ${quoteIdent(change.to.name)}`, [`ALTER TABLE ${q({ schema: change.from.schema, name: change.to.name })} RENAME TO ${quoteIdent(change.from.name)}`]);
}

function planModifyTable(change: ChangeOf<'ModifyTable'>, { emit, recreated }: PlanContext): void {
  if (!recreated.has(key(change.table))) alterTable(change, emit);
}

// After the child has the parent's columns and checks (INHERIT requires them); detached
// before the child drops what it inherited and before the parent itself is dropped.
function planAddInherit(change: ChangeOf<'AddInherit'>, { emit }: PlanContext): void {
  emit(Phase.AddForeignKeys, change.kind, inheritStatement(change.table, change.parent, true), [inheritStatement(change.table, change.parent, false)], { on: relationKey(change.table) });
}

function planDropInherit(change: ChangeOf<'DropInherit'>, { emit }: PlanContext): void {
  emit(Phase.DropDependents, change.kind, inheritStatement(change.table, change.parent, false), [inheritStatement(change.table, change.parent, true)]);
}

function alterTable(change: ChangeOf<'ModifyTable'>, emit: Emit): void {
  const { from: a, to: b, changes } = change;
  const t = q(b);
  if (changes.unlogged) emit(Phase.AlterTables, change.kind, `ALTER TABLE ${t} SET ${b.unlogged ? 'UNLOGGED' : 'LOGGED'}`, [`ALTER TABLE ${t} SET ${a.unlogged ? 'UNLOGGED' : 'LOGGED'}`], { hazards: [hz('rewrites-table', `rewrites ${b.name}`)] });
  if (changes.partitionOf) {
    if (a.partitionOf) emit(Phase.DropTableObjects, change.kind, `ALTER TABLE ${q(a.partitionOf)} DETACH PARTITION ${t}`, [`ALTER TABLE ${q(a.partitionOf)} ATTACH PARTITION ${t} ${a.partitionOf.bound}`]);
    if (b.partitionOf) emit(Phase.AddTableObjects, change.kind, `ALTER TABLE ${q(b.partitionOf)} ATTACH PARTITION ${t} ${b.partitionOf.bound}`, [`ALTER TABLE ${q(b.partitionOf)} DETACH PARTITION ${t}`], { hazards: [hz('may-fail', 'fails if rows fall outside the bound')] });
  }
  if (changes.rowSecurity) {
    const up = rowSecurity(b, a.rowSecurity);
    const down = rowSecurity(a, b.rowSecurity);
    up.forEach((s, i) => emit(Phase.AddDependents, change.kind, s, down[i] ? [down[i]!] : []));
  }
  if (changes.comment) emit(Phase.AlterTables, change.kind, commentOn('TABLE', t, b.comment), [commentOn('TABLE', t, a.comment)]);
  if (changes.options) {
    const up = storageOptions('TABLE', t, a.options ?? [], b.options ?? []);
    const down = storageOptions('TABLE', t, b.options ?? [], a.options ?? []);
    // Only later writes follow a new fillfactor; no rewrite, a SHARE UPDATE EXCLUSIVE lock for most parameters.
    up.forEach((s, i) => emit(Phase.AlterTables, change.kind, s, i === 0 ? down : []));
  }
  if (changes.replicaIdentity && b.replicaIdentity && a.replicaIdentity) {
    // After AddTableObjects: an identity USING INDEX needs its index built first.
    emit(Phase.AddDependents, change.kind, replicaIdentity(b, b.replicaIdentity), [replicaIdentity(a, a.replicaIdentity)]);
  }
}

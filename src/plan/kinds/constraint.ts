// Primary keys, uniques, checks, exclusions and foreign keys: on tables with rows, built concurrently or NOT VALID then validated.
import type { ChangeKind, ChangeOf } from '../../diff/changes.js';
import { quoteIdent, quoteQualified } from '../../schema/quote.js';
import type { QualifiedName } from '../../schema/types.js';
import { checkClause, exclusionClause, foreignKeyClause, primaryKeyClause, q, uniqueClause } from '../ddl.js';
import { Phase, hz, type PlanContext, type Planners, type Emit } from '../context.js';

export const CONSTRAINT_PLANNERS: Planners<'AddPrimaryKey' | 'AddUnique' | 'DropPrimaryKey' | 'DropUnique' | 'ModifyPrimaryKey' | 'ModifyUnique' | 'AddCheck' | 'ModifyCheck' | 'DropCheck' | 'AddExclusion' | 'ModifyExclusion' | 'DropExclusion' | 'AddForeignKey' | 'ModifyForeignKey' | 'DropForeignKey'> = {
  AddPrimaryKey: planAddKey,
  AddUnique: planAddKey,
  DropPrimaryKey: planDropKey,
  DropUnique: planDropKey,
  ModifyPrimaryKey: planModifyKey,
  ModifyUnique: planModifyKey,
  AddCheck: planAddOrModifyCheck,
  ModifyCheck: planAddOrModifyCheck,
  DropCheck: planDropCheck,
  AddExclusion: planAddOrModifyExclusion,
  ModifyExclusion: planAddOrModifyExclusion,
  DropExclusion: planDropExclusion,
  AddForeignKey: planAddOrModifyForeignKey,
  ModifyForeignKey: planAddOrModifyForeignKey,
  DropForeignKey: planDropForeignKey,
};

function planAddKey(change: ChangeOf<'AddPrimaryKey' | 'AddUnique'>, { emit, isNew, isPartitioned }: PlanContext): void {
  const table = change.table;
  const c = change.kind === 'AddPrimaryKey' ? change.primaryKey : change.unique;
  const clause = change.kind === 'AddPrimaryKey' ? primaryKeyClause(change.primaryKey) : uniqueClause(change.unique);
  const dropC = `ALTER TABLE ${q(table)} DROP CONSTRAINT IF EXISTS ${quoteIdent(c.name)}`;
  // USING INDEX cannot carry NULLS NOT DISTINCT, and deferrability is easy to lose there: add these directly.
  const plain = change.kind === 'AddUnique' ? change.unique.nullsNotDistinct || change.unique.deferrable : change.primaryKey.deferrable === true;
  if (isNew(table) || isPartitioned(table) || plain) {
    emit(Phase.AddTableObjects, change.kind, `ALTER TABLE ${q(table)} ADD ${clause}`, [dropC], isNew(table) ? {} : { hazards: [hz('blocking-lock', `builds the index of ${c.name} while blocking writes`), hz('may-fail', 'fails on duplicate values')] });
  } else {
    const word = change.kind === 'AddPrimaryKey' ? 'PRIMARY KEY' : 'UNIQUE';
    emit(Phase.AddTableObjects, change.kind, `CREATE UNIQUE INDEX CONCURRENTLY ${quoteIdent(c.name)} ON ${q(table)} (${c.columns.map(quoteIdent).join(', ')})`, [`DROP INDEX CONCURRENTLY IF EXISTS ${quoteQualified(table.schema, c.name)}`], { transactional: false, hazards: [hz('index-build', `builds index ${c.name}`), hz('may-fail', 'fails on duplicate values')] });
    emit(Phase.AddTableObjects, change.kind, `ALTER TABLE ${q(table)} ADD CONSTRAINT ${quoteIdent(c.name)} ${word} USING INDEX ${quoteIdent(c.name)}`, [dropC], change.kind === 'AddPrimaryKey' ? { hazards: [hz('may-fail', 'sets NOT NULL on the key columns: fails on NULLs')] } : {});
  }
}

function planDropKey(change: ChangeOf<'DropPrimaryKey' | 'DropUnique'>, { emit }: PlanContext): void {
  const table = change.table;
  const clause = change.kind === 'DropPrimaryKey' ? primaryKeyClause(change.primaryKey) : uniqueClause(change.unique);
  const name = change.kind === 'DropPrimaryKey' ? change.primaryKey.name : change.unique.name;
  emit(Phase.DropTableObjects, change.kind, `ALTER TABLE ${q(table)} DROP CONSTRAINT ${quoteIdent(name)}`, [`ALTER TABLE ${q(table)} ADD ${clause}`]);
}

function planModifyKey(change: ChangeOf<'ModifyPrimaryKey' | 'ModifyUnique'>, { emit }: PlanContext): void {
  const table = change.table;
  const clause = (x: typeof change.from) => ('nullsNotDistinct' in x ? uniqueClause(x) : primaryKeyClause(x));
  emit(Phase.DropTableObjects, change.kind, `ALTER TABLE ${q(table)} DROP CONSTRAINT ${quoteIdent(change.from.name)}`, [`ALTER TABLE ${q(table)} ADD ${clause(change.from)}`]);
  emit(Phase.AddTableObjects, change.kind, `ALTER TABLE ${q(table)} ADD ${clause(change.to)}`, [`ALTER TABLE ${q(table)} DROP CONSTRAINT ${quoteIdent(change.to.name)}`], { hazards: [hz('blocking-lock', 'builds the index while blocking writes'), hz('may-fail', 'fails on duplicate values')] });
}

function planAddOrModifyCheck(change: ChangeOf<'AddCheck' | 'ModifyCheck'>, { emit, isNew, isPartitioned }: PlanContext): void {
  const table = change.table;
  const c = change.kind === 'AddCheck' ? change.check : change.to;
  if (change.kind === 'ModifyCheck') emit(Phase.DropTableObjects, change.kind, `ALTER TABLE ${q(table)} DROP CONSTRAINT ${quoteIdent(change.from.name)}`, [`ALTER TABLE ${q(table)} ADD ${checkClause(change.from)}`]);
  addValidated(Phase.AddTableObjects, change.kind, table, c.name, (nv) => checkClause(c, nv), c.validated, !isNew(table) && !isPartitioned(table) && !c.noInherit, emit);
}

function planDropCheck(change: ChangeOf<'DropCheck'>, { emit }: PlanContext): void {
  emit(Phase.DropTableObjects, change.kind, `ALTER TABLE ${q(change.table)} DROP CONSTRAINT ${quoteIdent(change.check.name)}`, [`ALTER TABLE ${q(change.table)} ADD ${checkClause(change.check)}`]);
}

function planAddOrModifyExclusion(change: ChangeOf<'AddExclusion' | 'ModifyExclusion'>, { emit, isNew }: PlanContext): void {
  const table = change.table;
  const e = change.kind === 'AddExclusion' ? change.exclusion : change.to;
  if (change.kind === 'ModifyExclusion') emit(Phase.DropTableObjects, change.kind, `ALTER TABLE ${q(table)} DROP CONSTRAINT ${quoteIdent(change.from.name)}`, [`ALTER TABLE ${q(table)} ADD ${exclusionClause(change.from)}`]);
  emit(Phase.AddTableObjects, change.kind, `ALTER TABLE ${q(table)} ADD ${exclusionClause(e)}`, [`ALTER TABLE ${q(table)} DROP CONSTRAINT ${quoteIdent(e.name)}`], isNew(table) ? {} : { hazards: [hz('blocking-lock', 'builds the exclusion index while blocking reads and writes'), hz('may-fail', 'fails on conflicting rows')] });
}

function planDropExclusion(change: ChangeOf<'DropExclusion'>, { emit }: PlanContext): void {
  emit(Phase.DropTableObjects, change.kind, `ALTER TABLE ${q(change.table)} DROP CONSTRAINT ${quoteIdent(change.exclusion.name)}`, [`ALTER TABLE ${q(change.table)} ADD ${exclusionClause(change.exclusion)}`]);
}

function planAddOrModifyForeignKey(change: ChangeOf<'AddForeignKey' | 'ModifyForeignKey'>, { emit, isNew, isPartitioned }: PlanContext): void {
  const table = change.table;
  const f = change.kind === 'AddForeignKey' ? change.foreignKey : change.to;
  if (change.kind === 'ModifyForeignKey') emit(Phase.DropDependents, change.kind, `ALTER TABLE ${q(table)} DROP CONSTRAINT ${quoteIdent(change.from.name)}`, [`ALTER TABLE ${q(table)} ADD ${foreignKeyClause(change.from)}`]);
  addValidated(Phase.AddForeignKeys, change.kind, table, f.name, (nv) => foreignKeyClause(f, nv), f.validated, !isNew(table) && !isPartitioned(table) && !isPartitioned(f.references), emit);
}

function planDropForeignKey(change: ChangeOf<'DropForeignKey'>, { emit }: PlanContext): void {
  emit(Phase.DropDependents, change.kind, `ALTER TABLE ${q(change.table)} DROP CONSTRAINT ${quoteIdent(change.foreignKey.name)}`, [`ALTER TABLE ${q(change.table)} ADD ${foreignKeyClause(change.foreignKey)}`]);
}

/** A foreign key or check on a table with rows: NOT VALID, then VALIDATE (a lock that lets writes through). */
function addValidated(phase: Phase, kind: ChangeKind, table: QualifiedName, name: string, clause: (notValid: boolean) => string, validated: boolean, safe: boolean, emit: Emit): void {
  const drop = `ALTER TABLE ${q(table)} DROP CONSTRAINT IF EXISTS ${quoteIdent(name)}`;
  if (!safe || !validated) {
    emit(phase, kind, `ALTER TABLE ${q(table)} ADD ${clause(!validated)}`, [drop]);
    return;
  }
  emit(phase, kind, `ALTER TABLE ${q(table)} ADD ${clause(true)}`, [drop], { hazards: [hz('blocking-lock', 'brief lock to add the constraint, no scan')] });
  emit(phase, kind, `ALTER TABLE ${q(table)} VALIDATE CONSTRAINT ${quoteIdent(name)}`, [], { hazards: [hz('may-fail', `fails if existing rows violate ${name}`)] });
}

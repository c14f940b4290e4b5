// Change[] → ordered statements. Each change kind says how to add, drop and alter itself; the
// order comes from phases (renames, then what depends on something goes before it is dropped,
// types before the columns that use them, tables before foreign keys, views dropped and
// recreated around the column changes under them, drops last).
import type { Change, ChangeKind, ChangeOf, GrantTarget } from '../diff/changes.js';
import { ExitCode, SchemaguardError } from '../errors.js';
import { quoteIdent, quoteIdentIfNeeded, quoteLiteral, quoteQualified } from '../schema/quote.js';
import type { Collation, Column, EnumType, QualifiedName, Schema, Table, View } from '../schema/types.js';
import {
  checkClause, collateClause, collationName, columnDefinition, commentOn, compositeAttribute, createCollation, createComposite, createDomain, createEnum, createIndex, createPolicy, createRoutine,
  createSequence, createTable, createTrigger, createView, dropIndex, dropPolicy, dropRoutine, dropTrigger, dropView,
  exclusionClause, foreignKeyClause, grant, ownerRevokes, identityOptionList, primaryKeyClause, q, replicaIdentity, revoke, rowSecurity, sequenceOptions, sequenceOwnedBy,
  storageOptions, tableDetails, tableTail, uniqueClause, ROUTINE_WORD,
} from './ddl.js';
import { childrenOf, inheritanceRefusal, inheritedColumnFixes, inheritStatement } from './inherits.js';
import { escapeRegExp, shortName } from './names.js';
import { dependenciesOf, dependentsClosure, orderSteps, relationKey, routineKey, type Target, typeKey } from './order.js';
import { recreateTable, RecreateRefused } from './recreate.js';
import type { Hazard, HazardKind, Plan, PlannedStatement } from './types.js';
import { defaultIsVolatile } from '../schema/volatility.js';
import { sameExpression } from '../schema/normalize.js';

export interface PlanOptions {
  /** The schemas the changes go between: needed to find views and columns that depend on a change. */
  readonly from: Schema;
  readonly to: Schema;
}

/** A change the planner will not plan: exit 2, the message says why and what to do instead. */
export class PlanError extends SchemaguardError {
  constructor(message: string) {
    super(message, ExitCode.Usage);
  }
}

enum Phase {
  Renames,
  DropDependents,
  DropViews,
  DropTableObjects,
  CreateNamespaces,
  CreateTypes,
  CreateRoutines,
  CreateTables,
  AlterTables,
  AddTableObjects,
  AddForeignKeys,
  CreateViews,
  AddDependents,
  /** A parent's column dropped with ONLY (its children keep theirs, now local) before the children drop their own. */
  DropParentColumns,
  DropColumns,
  DropTables,
  DropTypes,
  DropNamespaces,
}

interface Step extends PlannedStatement, Target {
  readonly phase: Phase;
  readonly order: number;
}

type Extra = { transactional?: boolean; hazards?: Hazard[] } & Target;

const key = (o: QualifiedName) => `${o.schema}.${o.name}`;
const hz = (kind: HazardKind, message: string): Hazard => ({ kind, message });

export function plan(changes: readonly Change[], options: PlanOptions): Plan {
  const steps: Step[] = [];
  let order = 0;
  const emit = (phase: Phase, change: ChangeKind, sql: string, reverse: readonly string[], extra: Extra = {}) =>
    steps.push({ phase, order: order++, change, sql, reverse, transactional: extra.transactional ?? true, hazards: extra.hazards ?? [], creates: extra.creates, drops: extra.drops, on: extra.on });

  const toTables = new Map(options.to.tables.map((t) => [key(t), t]));
  const fromTables = new Map(options.from.tables.map((t) => [key(t), t]));
  const enumTypes = enumSpellings(options.from, options.to);
  const addedTables = new Set(changes.flatMap((c) => (c.kind === 'AddTable' ? [key(c.table)] : [])));
  const isNew = (t: QualifiedName) => addedTables.has(key(t));
  const isPartitioned = (t: QualifiedName) => (toTables.get(key(t)) ?? fromTables.get(key(t)))?.kind === 'partitioned';

  // Views dropped before and recreated after the changes under them.
  const viewsToRecreate = dependentViews(changes, options);
  const handledViews = new Set<string>();
  const recreateView = (fromView: View, toView: View | undefined, why: ChangeKind) => {
    if (handledViews.has(key(fromView))) return;
    handledViews.add(key(fromView));
    emit(Phase.DropViews, why, dropView(fromView), createView(fromView), { drops: relationKey(fromView) });
    const refill = toView?.materialized ? { hazards: [hz('blocking-lock', `re-creating materialized view ${toView.name} runs its whole query; it is missing until then`)] } : {};
    if (toView) createView(toView).forEach((s, i) => emit(Phase.CreateViews, why, s, i === 0 ? [dropView(toView)] : [], i === 0 ? { creates: relationKey(toView), ...refill } : { on: relationKey(toView) }));
  };

  // Column changes of a partitioned table reach its partitions by themselves.
  const parentOf = (t: QualifiedName) => (toTables.get(key(t)) ?? fromTables.get(key(t)))?.partitionOf ?? null;
  const columnChangeKey = (c: Change) => ('table' in c && 'column' in c ? `${c.kind}|${key(c.table)}|${c.column.name}` : 'to' in c && 'table' in c && c.kind === 'ModifyColumn' ? `${c.kind}|${key(c.table)}|${c.to.name}` : null);
  const changeKeys = new Set(changes.map(columnChangeKey).filter((k): k is string => k !== null));
  // An inheritance parent's column altered or renamed takes its children's along (ALTER TABLE recurses).
  const parentsOf = (t: QualifiedName) => (toTables.get(key(t)) ?? fromTables.get(key(t)))?.inherits ?? [];
  const parentColumnChanges = new Set(changes.flatMap((c) => (c.kind === 'RenameColumn' ? [`${c.kind}|${key(c.table)}|${c.from.name}`] : [])));
  const byParent = (c: Change): boolean =>
    c.kind === 'RenameColumn' && (c.from.inherited?.count ?? 0) > 0 && parentsOf(c.table).some((p) => parentColumnChanges.has(`${c.kind}|${key(p)}|${c.from.name}`));
  // A child's inherited column altered by its parent's change, or arriving with a column the parent
  // gains: what is left after PostgreSQL recursed is the child's own, planned after the parent's.
  const parentColumnChange = (c: ChangeOf<'ModifyColumn'>) =>
    changes.find((p): p is ChangeOf<'ModifyColumn'> => p.kind === 'ModifyColumn' && p.from.name === c.from.name && parentsOf(c.table).some((x) => key(x) === key(p.table)));
  const afterParent: Emit = (_phase, ...rest) => emit(Phase.AddTableObjects, ...rest);
  const inherited = (c: Change): boolean => {
    if (byParent(c)) return true;
    if (c.kind !== 'AddColumn' && c.kind !== 'DropColumn' && c.kind !== 'ModifyColumn') return false;
    const parent = parentOf(c.table);
    const name = c.kind === 'ModifyColumn' ? c.to.name : c.column.name;
    return parent !== null && changeKeys.has(`${c.kind}|${key(parent)}|${name}`);
  };

  // Policies and triggers that name a column whose type changes block the change: drop and re-create them around it.
  planAroundTypeChanges(changes, options, emit);

  // Tables whose partitioning changes are recreated whole: their other changes are in the new table.
  const recreated = new Map(changes.flatMap((c) => (c.kind === 'ModifyTable' && (c.changes.kind || c.changes.partitionBy) ? [[key(c.table), c] as const] : [])));
  const inRecreated = (c: Change): boolean => {
    if (c.kind === 'ModifyTable') return false;
    if ('table' in c && c.kind !== 'AddTable' && c.kind !== 'DropTable') return recreated.has(key(c.table));
    if (c.kind === 'AddGrant' || c.kind === 'DropGrant') return (c.target.kind === 'table' || c.target.kind === 'column') && recreated.has(key(c.target));
    return false;
  };

  for (const c of changes) {
    const t = c.kind === 'AddTable' ? c.table : c.kind === 'AddInherit' ? toTables.get(key(c.table)) : undefined;
    const refusal = t ? inheritanceRefusal(t, options.to) : null;
    if (refusal) throw new PlanError(refusal);
  }

  for (const change of changes) {
    if (inherited(change) || inRecreated(change)) continue;
    switch (change.kind) {
      // ---- namespaces, extensions
      case 'AddNamespace': {
        const n = quoteIdent(change.namespace.name);
        emit(Phase.CreateNamespaces, change.kind, `CREATE SCHEMA ${n}`, [`DROP SCHEMA ${n}`]);
        if (change.namespace.comment !== null) emit(Phase.CreateNamespaces, change.kind, commentOn('SCHEMA', n, change.namespace.comment), []);
        // Its owner is the role creating it: what that owner gives up of USAGE and CREATE goes
        // after everything the plan creates in it.
        for (const r of ownerRevokes({ kind: 'schema', schema: change.namespace.name, name: change.namespace.name }, change.namespace.ownerRevoked)) emit(Phase.AddDependents, change.kind, r, []);
        break;
      }
      case 'DropNamespace': {
        const n = quoteIdent(change.namespace.name);
        const target = { kind: 'schema', schema: change.namespace.name, name: change.namespace.name } as const;
        emit(Phase.DropNamespaces, change.kind, `DROP SCHEMA ${n}`, [
          `CREATE SCHEMA ${n}`,
          ...(change.namespace.comment !== null ? [commentOn('SCHEMA', n, change.namespace.comment)] : []),
          ...(change.namespace.grants ?? []).map((g) => grant(target, g)),
          ...ownerRevokes(target, change.namespace.ownerRevoked),
        ]);
        break;
      }
      case 'ModifyNamespace': {
        const n = quoteIdent(change.to.name);
        emit(Phase.CreateNamespaces, change.kind, commentOn('SCHEMA', n, change.to.comment), [commentOn('SCHEMA', n, change.from.comment)]);
        break;
      }
      case 'AddExtension': {
        const e = change.extension;
        emit(Phase.CreateNamespaces, change.kind, `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e.name)} WITH SCHEMA ${quoteIdent(e.schema)} VERSION ${quoteLiteral(e.version)}`, [`DROP EXTENSION ${quoteIdent(e.name)}`]);
        break;
      }
      case 'DropExtension': {
        const e = change.extension;
        emit(Phase.DropNamespaces, change.kind, `DROP EXTENSION ${quoteIdent(e.name)}`, [`CREATE EXTENSION ${quoteIdent(e.name)} WITH SCHEMA ${quoteIdent(e.schema)} VERSION ${quoteLiteral(e.version)}`], { hazards: [hz('deletes-data', `dropping extension ${e.name} drops the objects it owns`)] });
        break;
      }
      case 'ModifyExtension': {
        const n = quoteIdent(change.to.name);
        if (change.from.schema !== change.to.schema) emit(Phase.CreateNamespaces, change.kind, `ALTER EXTENSION ${n} SET SCHEMA ${quoteIdent(change.to.schema)}`, [`ALTER EXTENSION ${n} SET SCHEMA ${quoteIdent(change.from.schema)}`]);
        if (change.from.version !== change.to.version) emit(Phase.CreateNamespaces, change.kind, `ALTER EXTENSION ${n} UPDATE TO ${quoteLiteral(change.to.version)}`, [`ALTER EXTENSION ${n} UPDATE TO ${quoteLiteral(change.from.version)}`]);
        break;
      }

      // ---- collations and composite types
      case 'AddCollation': {
        const [create, ...rest] = createCollation(change.collation);
        emit(Phase.CreateTypes, change.kind, create!, [`DROP COLLATION ${q(change.collation)}`]);
        for (const s of rest) emit(Phase.CreateTypes, change.kind, s, []);
        break;
      }
      case 'DropCollation':
        // After the tables, columns and domains that used it (DropTypes comes after them).
        emit(Phase.DropTypes, change.kind, `DROP COLLATION ${q(change.collation)}`, createCollation(change.collation));
        break;
      case 'ModifyCollation': {
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
        break;
      }
      case 'AddComposite': {
        const [create, ...rest] = createComposite(change.composite);
        emit(Phase.CreateTypes, change.kind, create!, [`DROP TYPE ${q(change.composite)}`], { creates: typeKey(change.composite) });
        for (const s of rest) emit(Phase.CreateTypes, change.kind, s, [], { on: typeKey(change.composite) });
        break;
      }
      case 'DropComposite':
        emit(Phase.DropTypes, change.kind, `DROP TYPE ${q(change.composite)}`, createComposite(change.composite), { drops: typeKey(change.composite) });
        break;
      case 'ModifyComposite':
        planComposite(change, options, emit);
        break;

      // ---- enums, domains, sequences
      case 'AddEnum': {
        const [create, ...rest] = createEnum(change.enum);
        emit(Phase.CreateTypes, change.kind, create!, [`DROP TYPE ${q(change.enum)}`], { creates: typeKey(change.enum) });
        for (const s of rest) emit(Phase.CreateTypes, change.kind, s, [], { on: typeKey(change.enum) });
        break;
      }
      case 'DropEnum':
        emit(Phase.DropTypes, change.kind, `DROP TYPE ${q(change.enum)}`, createEnum(change.enum), { drops: typeKey(change.enum) });
        break;
      case 'ModifyEnum':
        planEnum(change, options, emit);
        break;
      case 'AddDomain': {
        const [create, ...rest] = createDomain(change.domain);
        emit(Phase.CreateTypes, change.kind, create!, [`DROP DOMAIN ${q(change.domain)}`], { creates: typeKey(change.domain) });
        for (const s of rest) emit(Phase.CreateTypes, change.kind, s, [], { on: typeKey(change.domain) });
        break;
      }
      case 'DropDomain':
        emit(Phase.DropTypes, change.kind, `DROP DOMAIN ${q(change.domain)}`, createDomain(change.domain), { drops: typeKey(change.domain) });
        break;
      case 'ModifyDomain': {
        const { from: a, to: b } = change;
        const n = q(b);
        if (change.changes.baseType || change.changes.collation) throw new PlanError(`cannot plan a change of the base type or collation of domain ${b.schema}.${b.name}: PostgreSQL cannot alter it in place; create a new domain, move the columns to it in a migration, then diff again`);
        if (change.changes.default) emit(Phase.CreateTypes, change.kind, b.default === null ? `ALTER DOMAIN ${n} DROP DEFAULT` : `ALTER DOMAIN ${n} SET DEFAULT ${b.default}`, [a.default === null ? `ALTER DOMAIN ${n} DROP DEFAULT` : `ALTER DOMAIN ${n} SET DEFAULT ${a.default}`]);
        if (change.changes.notNull) emit(Phase.CreateTypes, change.kind, `ALTER DOMAIN ${n} ${b.notNull ? 'SET' : 'DROP'} NOT NULL`, [`ALTER DOMAIN ${n} ${a.notNull ? 'SET' : 'DROP'} NOT NULL`], b.notNull ? { hazards: [hz('may-fail', 'fails if a column of this domain holds NULL')] } : {});
        if (change.changes.checks) {
          for (const c of a.checks) emit(Phase.CreateTypes, change.kind, `ALTER DOMAIN ${n} DROP CONSTRAINT ${quoteIdent(c.name)}`, [`ALTER DOMAIN ${n} ADD CONSTRAINT ${quoteIdent(c.name)} CHECK (${c.expression})`]);
          for (const c of b.checks) emit(Phase.CreateTypes, change.kind, `ALTER DOMAIN ${n} ADD CONSTRAINT ${quoteIdent(c.name)} CHECK (${c.expression})`, [`ALTER DOMAIN ${n} DROP CONSTRAINT ${quoteIdent(c.name)}`], { hazards: [hz('may-fail', 'fails if existing values violate the check')] });
        }
        if (change.changes.comment) emit(Phase.CreateTypes, change.kind, commentOn('DOMAIN', n, b.comment), [commentOn('DOMAIN', n, a.comment)]);
        break;
      }
      case 'AddSequence': {
        const s = change.sequence;
        const [create, ...rest] = createSequence(s);
        emit(Phase.CreateTypes, change.kind, create!, [`DROP SEQUENCE ${q(s)}`], { creates: relationKey(s) });
        for (const r of rest) emit(Phase.CreateTypes, change.kind, r, [], { on: relationKey(s) });
        if (s.ownedBy) emit(Phase.AddTableObjects, change.kind, sequenceOwnedBy(s), [sequenceOwnedBy({ ...s, ownedBy: null })]);
        break;
      }
      case 'DropSequence': {
        const s = change.sequence;
        // Released from its column first, so that the column's table can be re-created before it is owned again.
        if (s.ownedBy) emit(Phase.DropDependents, change.kind, sequenceOwnedBy({ ...s, ownedBy: null }), [sequenceOwnedBy(s)]);
        emit(Phase.DropTypes, change.kind, `DROP SEQUENCE IF EXISTS ${q(s)}`, createSequence(s), { drops: relationKey(s) });
        break;
      }
      case 'ModifySequence': {
        const { from: a, to: b } = change;
        const opts = change.fields.filter((f) => f !== 'ownedBy' && f !== 'comment');
        if (opts.length) emit(Phase.CreateTypes, change.kind, `ALTER SEQUENCE ${q(b)} ${sequenceOptions(b)}`, [`ALTER SEQUENCE ${q(a)} ${sequenceOptions(a)}`]);
        if (change.fields.includes('ownedBy')) emit(Phase.AddTableObjects, change.kind, sequenceOwnedBy(b), [sequenceOwnedBy(a)]);
        if (change.fields.includes('comment')) emit(Phase.CreateTypes, change.kind, commentOn('SEQUENCE', q(b), b.comment), [commentOn('SEQUENCE', q(a), a.comment)]);
        break;
      }

      // ---- routines
      case 'AddRoutine': {
        const [create, ...rest] = createRoutine(change.routine);
        emit(Phase.CreateRoutines, change.kind, create!, [dropRoutine(change.routine)], { creates: routineKey(change.routine) });
        for (const s of rest) emit(Phase.CreateRoutines, change.kind, s, [], { on: routineKey(change.routine) });
        break;
      }
      case 'DropRoutine':
        emit(Phase.DropTypes, change.kind, dropRoutine(change.routine), withoutBodyChecks(createRoutine(change.routine)), { drops: routineKey(change.routine) });
        break;
      case 'ModifyRoutine': {
        const { from: a, to: b } = change;
        const body = change.fields.filter((f) => f !== 'comment');
        if (body.some((f) => f === 'kind' || f === 'returns' || f === 'arguments')) {
          emit(Phase.DropDependents, change.kind, dropRoutine(a), withoutBodyChecks(createRoutine(a)), { drops: routineKey(a) });
          const [create, ...rest] = createRoutine(b);
          emit(Phase.CreateRoutines, change.kind, create!, [dropRoutine(b)], { creates: routineKey(b) });
          for (const s of rest) emit(Phase.CreateRoutines, change.kind, s, [], { on: routineKey(b) });
        } else {
          if (body.length) emit(Phase.CreateRoutines, change.kind, createRoutine(b)[0]!, withoutBodyChecks([createRoutine(a)[0]!]), { on: routineKey(b) });
          if (change.fields.includes('comment')) emit(Phase.CreateRoutines, change.kind, commentOn(ROUTINE_WORD[b.kind], `${q(b)}(${b.identityArguments})`, b.comment), [commentOn(ROUTINE_WORD[a.kind], `${q(a)}(${a.identityArguments})`, a.comment)]);
        }
        break;
      }

      // ---- tables
      case 'AddTable': {
        const t = change.table;
        emit(Phase.CreateTables, change.kind, createTable(t), [`DROP TABLE ${q(t)}`], { creates: relationKey(t) });
        for (const s of [...inheritedColumnFixes(t, options.to), ...tableDetails(t), ...tableTail(t)]) emit(Phase.AddTableObjects, change.kind, s, [], { on: relationKey(t) });
        for (const f of t.foreignKeys) emit(Phase.AddForeignKeys, change.kind, `ALTER TABLE ${q(t)} ADD ${foreignKeyClause(f)}`, [`ALTER TABLE ${q(t)} DROP CONSTRAINT IF EXISTS ${quoteIdent(f.name)}`], { on: relationKey(t) });
        break;
      }
      case 'DropTable': {
        const t = change.table;
        const rebuild = [createTable(t), ...inheritedColumnFixes(t, options.from), ...tableDetails(t), ...tableTail(t), ...t.foreignKeys.map((f) => `ALTER TABLE ${q(t)} ADD ${foreignKeyClause(f)}`)];
        emit(Phase.DropTables, change.kind, `DROP TABLE ${q(t)}`, rebuild, { drops: relationKey(t), hazards: [hz('deletes-data', `drops table ${t.schema}.${t.name} and its rows`)] });
        break;
      }
      case 'RenameTable': {
        emit(Phase.Renames, change.kind, `ALTER TABLE ${q(change.from)} RENAME TO ${quoteIdent(change.to.name)}`, [`ALTER TABLE ${q({ schema: change.from.schema, name: change.to.name })} RENAME TO ${quoteIdent(change.from.name)}`]);
        break;
      }
      case 'ModifyTable':
        if (!recreated.has(key(change.table))) planModifyTable(change, emit);
        break;
      // After the child has the parent's columns and checks (INHERIT requires them); detached
      // before the child drops what it inherited and before the parent itself is dropped.
      case 'AddInherit':
        emit(Phase.AddForeignKeys, change.kind, inheritStatement(change.table, change.parent, true), [inheritStatement(change.table, change.parent, false)], { on: relationKey(change.table) });
        break;
      case 'DropInherit':
        emit(Phase.DropDependents, change.kind, inheritStatement(change.table, change.parent, false), [inheritStatement(change.table, change.parent, true)]);
        break;

      // ---- columns
      case 'AddColumn': {
        const { table, column: c } = change;
        const hazards: Hazard[] = [];
        if (!isNew(table)) {
          if (c.notNull && c.default === null && !c.identity && !c.generated) hazards.push(hz('may-fail', `fails if ${table.name} has rows: NOT NULL without a default`));
          if (c.identity || c.generated || defaultIsVolatile(c.default)) hazards.push(hz('rewrites-table', `adding ${c.name} rewrites ${table.name}`));
        }
        emit(Phase.AlterTables, change.kind, `ALTER TABLE ${q(table)} ADD COLUMN ${columnDefinition(c)}`, [`ALTER TABLE ${q(table)} DROP COLUMN ${quoteIdent(c.name)}`], { hazards });
        if (c.comment !== null) emit(Phase.AlterTables, change.kind, commentOn('COLUMN', `${q(table)}.${quoteIdent(c.name)}`, c.comment), []);
        for (const g of c.grants) emit(Phase.AddDependents, change.kind, grant({ kind: 'column', schema: table.schema, name: table.name, column: c.name }, g), []);
        break;
      }
      case 'DropColumn': {
        const { table, column: c } = change;
        const restore = [`ALTER TABLE ${q(table)} ADD COLUMN ${columnDefinition(c)}`, ...(c.comment !== null ? [commentOn('COLUMN', `${q(table)}.${quoteIdent(c.name)}`, c.comment)] : []),
          ...c.grants.map((g) => grant({ kind: 'column', schema: table.schema, name: table.name, column: c.name }, g))];
        // A parent drops its own column only (ONLY): children that lose it too drop it themselves,
        // after, and those that keep it keep their values. The reverse ADD reaches them again.
        const parent = fromTables.has(key(table)) && childrenOf(options.from, table).length > 0;
        emit(parent ? Phase.DropParentColumns : Phase.DropColumns, change.kind, `ALTER TABLE ${parent ? 'ONLY ' : ''}${q(table)} DROP COLUMN ${quoteIdent(c.name)}`, restore, { hazards: [hz('deletes-data', `drops column ${table.name}.${c.name} and its values${parent ? ' (inheritance children keep theirs unless they drop it too)' : ''}`)] });
        break;
      }
      case 'RenameColumn': {
        const t = q(change.table);
        emit(Phase.Renames, change.kind, `ALTER TABLE ${t} RENAME COLUMN ${quoteIdent(change.from.name)} TO ${quoteIdent(change.to.name)}`, [`ALTER TABLE ${t} RENAME COLUMN ${quoteIdent(change.to.name)} TO ${quoteIdent(change.from.name)}`]);
        break;
      }
      case 'ModifyColumn': {
        const byItsParent = change.from.inherited ? parentColumnChange(change) : undefined;
        const arriving = change.from.inherited !== undefined && !fromTables.get(key(change.table))?.columns.some((c) => c.name === change.from.name);
        if (byItsParent || arriving) {
          const rest = leftAfterParent(change, byItsParent);
          if (rest) planModifyColumn(rest, afterParent, enumTypes);
        } else {
          planModifyColumn(change, emit, enumTypes, fromTables.has(key(change.table)) && childrenOf(options.from, change.table).length > 0);
        }
        break;
      }

      // ---- constraints and indexes
      case 'AddPrimaryKey':
      case 'AddUnique': {
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
        break;
      }
      case 'DropPrimaryKey':
      case 'DropUnique': {
        const table = change.table;
        const clause = change.kind === 'DropPrimaryKey' ? primaryKeyClause(change.primaryKey) : uniqueClause(change.unique);
        const name = change.kind === 'DropPrimaryKey' ? change.primaryKey.name : change.unique.name;
        emit(Phase.DropTableObjects, change.kind, `ALTER TABLE ${q(table)} DROP CONSTRAINT ${quoteIdent(name)}`, [`ALTER TABLE ${q(table)} ADD ${clause}`]);
        break;
      }
      case 'ModifyPrimaryKey':
      case 'ModifyUnique': {
        const table = change.table;
        const clause = (x: typeof change.from) => ('nullsNotDistinct' in x ? uniqueClause(x) : primaryKeyClause(x));
        emit(Phase.DropTableObjects, change.kind, `ALTER TABLE ${q(table)} DROP CONSTRAINT ${quoteIdent(change.from.name)}`, [`ALTER TABLE ${q(table)} ADD ${clause(change.from)}`]);
        emit(Phase.AddTableObjects, change.kind, `ALTER TABLE ${q(table)} ADD ${clause(change.to)}`, [`ALTER TABLE ${q(table)} DROP CONSTRAINT ${quoteIdent(change.to.name)}`], { hazards: [hz('blocking-lock', 'builds the index while blocking writes'), hz('may-fail', 'fails on duplicate values')] });
        break;
      }
      case 'AddCheck':
      case 'ModifyCheck': {
        const table = change.table;
        const c = change.kind === 'AddCheck' ? change.check : change.to;
        if (change.kind === 'ModifyCheck') emit(Phase.DropTableObjects, change.kind, `ALTER TABLE ${q(table)} DROP CONSTRAINT ${quoteIdent(change.from.name)}`, [`ALTER TABLE ${q(table)} ADD ${checkClause(change.from)}`]);
        addValidated(Phase.AddTableObjects, change.kind, table, c.name, (nv) => checkClause(c, nv), c.validated, !isNew(table) && !isPartitioned(table) && !c.noInherit, emit);
        break;
      }
      case 'DropCheck':
        emit(Phase.DropTableObjects, change.kind, `ALTER TABLE ${q(change.table)} DROP CONSTRAINT ${quoteIdent(change.check.name)}`, [`ALTER TABLE ${q(change.table)} ADD ${checkClause(change.check)}`]);
        break;
      case 'AddExclusion':
      case 'ModifyExclusion': {
        const table = change.table;
        const e = change.kind === 'AddExclusion' ? change.exclusion : change.to;
        if (change.kind === 'ModifyExclusion') emit(Phase.DropTableObjects, change.kind, `ALTER TABLE ${q(table)} DROP CONSTRAINT ${quoteIdent(change.from.name)}`, [`ALTER TABLE ${q(table)} ADD ${exclusionClause(change.from)}`]);
        emit(Phase.AddTableObjects, change.kind, `ALTER TABLE ${q(table)} ADD ${exclusionClause(e)}`, [`ALTER TABLE ${q(table)} DROP CONSTRAINT ${quoteIdent(e.name)}`], isNew(table) ? {} : { hazards: [hz('blocking-lock', 'builds the exclusion index while blocking reads and writes'), hz('may-fail', 'fails on conflicting rows')] });
        break;
      }
      case 'DropExclusion':
        emit(Phase.DropTableObjects, change.kind, `ALTER TABLE ${q(change.table)} DROP CONSTRAINT ${quoteIdent(change.exclusion.name)}`, [`ALTER TABLE ${q(change.table)} ADD ${exclusionClause(change.exclusion)}`]);
        break;
      case 'AddForeignKey':
      case 'ModifyForeignKey': {
        const table = change.table;
        const f = change.kind === 'AddForeignKey' ? change.foreignKey : change.to;
        if (change.kind === 'ModifyForeignKey') emit(Phase.DropDependents, change.kind, `ALTER TABLE ${q(table)} DROP CONSTRAINT ${quoteIdent(change.from.name)}`, [`ALTER TABLE ${q(table)} ADD ${foreignKeyClause(change.from)}`]);
        addValidated(Phase.AddForeignKeys, change.kind, table, f.name, (nv) => foreignKeyClause(f, nv), f.validated, !isNew(table) && !isPartitioned(table) && !isPartitioned(f.references), emit);
        break;
      }
      case 'DropForeignKey':
        emit(Phase.DropDependents, change.kind, `ALTER TABLE ${q(change.table)} DROP CONSTRAINT ${quoteIdent(change.foreignKey.name)}`, [`ALTER TABLE ${q(change.table)} ADD ${foreignKeyClause(change.foreignKey)}`]);
        break;
      case 'AddIndex':
      case 'ModifyIndex': {
        const table = change.table;
        const ix = change.kind === 'AddIndex' ? change.index : change.to;
        const onView = !toTables.has(key(table)) && !fromTables.has(key(table));
        const concurrently = !isNew(table) && !isPartitioned(table) && !onView && !viewsToRecreate.has(key(table));
        if (change.kind === 'ModifyIndex') {
          const was = change.from;
          if (was.name === ix.name && JSON.stringify({ ...was, comment: null }) === JSON.stringify({ ...ix, comment: null })) {
            emit(Phase.AddTableObjects, change.kind, commentOn('INDEX', quoteQualified(table.schema, ix.name), ix.comment), [commentOn('INDEX', quoteQualified(table.schema, was.name), was.comment)]);
            break;
          }
          emit(Phase.DropTableObjects, change.kind, dropIndex(table, was, concurrently), [createIndex(table, was, concurrently)], { transactional: !concurrently });
        }
        if (onView && viewsToRecreate.has(key(table))) break; // recreated with its view
        emit(Phase.AddTableObjects, change.kind, createIndex(table, ix, concurrently), [dropIndex(table, ix, concurrently)], { on: relationKey(table), transactional: !concurrently, hazards: isNew(table) || onView ? [] : concurrently ? [hz('index-build', `builds index ${ix.name}`)] : [hz('blocking-lock', `builds index ${ix.name} while blocking writes`)] });
        if (ix.comment !== null) emit(Phase.AddTableObjects, change.kind, commentOn('INDEX', quoteQualified(table.schema, ix.name), ix.comment), [], { on: relationKey(table) });
        break;
      }
      case 'DropIndex': {
        const table = change.table;
        const onView = !toTables.has(key(table)) && !fromTables.has(key(table));
        if (onView && viewsToRecreate.has(key(table))) break;
        const concurrently = !isPartitioned(table) && !onView;
        emit(Phase.DropTableObjects, change.kind, dropIndex(table, change.index, concurrently), [createIndex(table, change.index, concurrently)], { on: relationKey(table), transactional: !concurrently });
        break;
      }

      // ---- triggers, policies, grants
      case 'AddTrigger':
      case 'ModifyTrigger': {
        const table = change.table;
        if (viewsToRecreate.has(key(table))) break; // recreated with its view
        const t = change.kind === 'AddTrigger' ? change.trigger : change.to;
        if (change.kind === 'ModifyTrigger') emit(Phase.DropDependents, change.kind, dropTrigger(table, change.from), createTrigger(table, change.from));
        const [create, ...rest] = createTrigger(table, t);
        emit(Phase.AddDependents, change.kind, create!, [dropTrigger(table, t)]);
        for (const s of rest) emit(Phase.AddDependents, change.kind, s, []);
        break;
      }
      case 'DropTrigger':
        if (viewsToRecreate.has(key(change.table))) break;
        emit(Phase.DropDependents, change.kind, dropTrigger(change.table, change.trigger), createTrigger(change.table, change.trigger));
        break;
      case 'AddPolicy':
      case 'ModifyPolicy': {
        const table = change.table;
        const p = change.kind === 'AddPolicy' ? change.policy : change.to;
        if (change.kind === 'ModifyPolicy') emit(Phase.DropDependents, change.kind, dropPolicy(table, change.from), [createPolicy(table, change.from)]);
        emit(Phase.AddDependents, change.kind, createPolicy(table, p), [dropPolicy(table, p)]);
        break;
      }
      case 'DropPolicy':
        emit(Phase.DropDependents, change.kind, dropPolicy(change.table, change.policy), [createPolicy(change.table, change.policy)]);
        break;
      // The owner's own privileges go the other way round: given back first, given up last, so the
      // plan's other statements run (as the owner) with the privileges they may need.
      case 'AddGrant':
        emit(change.owner ? Phase.DropDependents : Phase.AddDependents, change.kind, grant(change.target, change.grant), [revoke(change.target, change.grant)], { on: grantTargetKey(change.target) });
        break;
      case 'DropGrant':
        emit(change.owner ? Phase.AddDependents : Phase.DropDependents, change.kind, revoke(change.target, change.grant), [grant(change.target, change.grant)], { on: grantTargetKey(change.target) });
        break;

      // ---- views
      case 'AddView': {
        const [create, ...rest] = createView(change.view);
        emit(Phase.CreateViews, change.kind, create!, [dropView(change.view)], { creates: relationKey(change.view) });
        for (const s of rest) emit(Phase.CreateViews, change.kind, s, [], { on: relationKey(change.view) });
        break;
      }
      case 'DropView':
        emit(Phase.DropViews, change.kind, dropView(change.view), createView(change.view), {
          drops: relationKey(change.view),
          ...(change.view.materialized ? { hazards: [hz('deletes-data', `drops the rows materialized in ${change.view.name}; re-creating them re-runs its query`)] } : {}),
        });
        handledViews.add(key(change.view));
        break;
      case 'ModifyView': {
        const only = change.changes;
        if (!only.definition && !only.materialized && !only.columns && !viewsToRecreate.has(key(change.to))) {
          const word = change.to.materialized ? 'MATERIALIZED VIEW' : 'VIEW';
          if (only.comment) emit(Phase.CreateViews, change.kind, commentOn(word, q(change.to), change.to.comment), [commentOn(word, q(change.from), change.from.comment)], { on: relationKey(change.to) });
          if (only.options) {
            const up = storageOptions(word, q(change.to), change.from.options ?? [], change.to.options ?? []);
            const down = storageOptions(word, q(change.to), change.to.options ?? [], change.from.options ?? []);
            up.forEach((s, i) => emit(Phase.CreateViews, change.kind, s, i === 0 ? down : [], { on: relationKey(change.to) }));
          }
          break;
        }
        recreateView(change.from, change.to, change.kind);
        break;
      }
      default: {
        const never: never = change;
        throw new PlanError(`cannot plan change ${(never as Change).kind}`);
      }
    }
  }

  // After the loop: the new table's partitions are created or attached by then.
  for (const change of recreated.values()) {
    let r;
    try {
      r = recreateTable(change.from, change.to, options.from);
    } catch (error) {
      if (error instanceof RecreateRefused) throw new PlanError(error.message);
      throw error;
    }
    for (const s of r.save) emit(Phase.DropTableObjects, change.kind, s.sql, s.reverse, { hazards: s.hazards });
    emit(Phase.CreateTables, change.kind, r.create.sql, r.create.reverse, { creates: relationKey(change.to) });
    for (const s of r.restore) emit(Phase.AddTableObjects, change.kind, s.sql, s.reverse, { hazards: s.hazards });
    for (const f of r.foreignKeys) emit(Phase.AddForeignKeys, change.kind, f, []);
  }

  // Views that depend on a changed column or a recreated view: dropped first, recreated after.
  for (const name of viewsToRecreate) {
    const a = options.from.views.find((v) => key(v) === name);
    const b = options.to.views.find((v) => key(v) === name);
    if (a && b) recreateView(a, b, 'ModifyView');
  }

  const ordered = orderSteps(steps, dependenciesOf(options.from), dependenciesOf(options.to)).map(({ phase: _p, order: _o, creates: _c, drops: _d, on: _n, ...s }) => s);
  // SQL-language bodies are checked at CREATE against objects that may come later in the plan
  // (a function selecting from a view the plan creates after it); pg_dump turns the check off too.
  const bodies = steps.some((s) => s.change === 'AddRoutine' || s.change === 'ModifyRoutine');
  return { statements: bodies ? [BODY_CHECKS_OFF, ...ordered] : ordered };
}

function planAroundTypeChanges(changes: readonly Change[], options: PlanOptions, emit: Emit): void {
  const typeChanged = new Map<string, Set<string>>();
  const alreadyChanged = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'ModifyColumn' && (c.changes.type || c.changes.collation)) {
      const set = typeChanged.get(key(c.table)) ?? new Set<string>();
      set.add(c.from.name);
      typeChanged.set(key(c.table), set);
    }
    if (c.kind === 'DropPolicy' || c.kind === 'AddPolicy') alreadyChanged.add(`policy|${key(c.table)}|${c.policy.name}`);
    if (c.kind === 'ModifyPolicy') alreadyChanged.add(`policy|${key(c.table)}|${c.from.name}`);
    if (c.kind === 'DropTrigger' || c.kind === 'AddTrigger') alreadyChanged.add(`trigger|${key(c.table)}|${c.trigger.name}`);
    if (c.kind === 'ModifyTrigger') alreadyChanged.add(`trigger|${key(c.table)}|${c.from.name}`);
  }
  for (const [tableKey, columns] of typeChanged) {
    const a = options.from.tables.find((t) => key(t) === tableKey);
    const b = options.to.tables.find((t) => key(t) === tableKey);
    if (!a || !b) continue;
    const names = (text: string | null) => text !== null && [...columns].some((col) => new RegExp(`(^|[^A-Za-z0-9_])(${escapeRegExp(col)}|${escapeRegExp(quoteIdent(col))})($|[^A-Za-z0-9_])`).test(text));
    for (const p of a.policies) {
      const next = b.policies.find((x) => x.name === p.name);
      if (!next || alreadyChanged.has(`policy|${tableKey}|${p.name}`) || !(names(p.using) || names(p.withCheck))) continue;
      emit(Phase.DropDependents, 'ModifyPolicy', dropPolicy(a, p), [createPolicy(a, p)]);
      emit(Phase.AddDependents, 'ModifyPolicy', createPolicy(b, next), [dropPolicy(b, next)]);
    }
    for (const t of a.triggers) {
      const next = b.triggers.find((x) => x.name === t.name);
      if (!next || alreadyChanged.has(`trigger|${tableKey}|${t.name}`) || !(names(t.when) || t.updateColumns.some((col) => columns.has(col)))) continue;
      emit(Phase.DropDependents, 'ModifyTrigger', dropTrigger(a, t), createTrigger(a, t));
      const [create, ...rest] = createTrigger(b, next);
      emit(Phase.AddDependents, 'ModifyTrigger', create!, [dropTrigger(b, next)]);
      for (const s of rest) emit(Phase.AddDependents, 'ModifyTrigger', s, []);
    }
  }
}

type Emit = (phase: Phase, change: ChangeKind, sql: string, reverse: readonly string[], extra?: Extra) => void;

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

function planModifyTable(change: ChangeOf<'ModifyTable'>, emit: Emit): void {
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

/** The child's column change once its parent's `parent` (if any) has reached it, or null when nothing is left. */
function leftAfterParent(change: ChangeOf<'ModifyColumn'>, parent: ChangeOf<'ModifyColumn'> | undefined): ChangeOf<'ModifyColumn'> | null {
  let was = change.from;
  if (parent) {
    // The type and NOT NULL reach the children; the parent's default does not (it is set with ONLY).
    was = { ...was, type: parent.to.type, collation: parent.to.collation, notNull: parent.changes.nullability ? parent.to.notNull : was.notNull };
  }
  const ctx = { schema: change.table.schema };
  const changes = {
    type: false, identity: false, identityOptions: false, generated: false, collation: false,
    nullability: was.notNull !== change.to.notNull,
    default: !sameExpression(was.default, change.to.default, ctx),
    comment: change.changes.comment,
  };
  return Object.values(changes).some(Boolean) ? { ...change, from: was, changes } : null;
}

/** `parentOnly`: an inheritance parent sets its own default only (ONLY); its children's are their own changes. */
function planModifyColumn(change: ChangeOf<'ModifyColumn'>, emit: Emit, enumTypes: ReadonlySet<string>, parentOnly = false): void {
  const { table, from: a, to: b, changes } = change;
  const t = q(table);
  const col = quoteIdent(b.name);
  const alter = (s: string) => `ALTER TABLE ${t} ALTER COLUMN ${col} ${s}`;
  const alterDefault = (s: string) => (parentOnly ? `ALTER TABLE ONLY ${t} ALTER COLUMN ${col} ${s}` : alter(s));
  const setDefault = (c: Column) => (c.default === null ? alterDefault('DROP DEFAULT') : alterDefault(`SET DEFAULT ${c.default}`));

  if (changes.generated) {
    // A generated expression cannot be swapped in place on every supported version: re-add the column.
    emit(Phase.AlterTables, change.kind, `ALTER TABLE ${t} DROP COLUMN ${col}`, [`ALTER TABLE ${t} ADD COLUMN ${columnDefinition(a)}`], { hazards: [hz('deletes-data', `re-creates ${b.name}`)] });
    emit(Phase.AlterTables, change.kind, `ALTER TABLE ${t} ADD COLUMN ${columnDefinition(b)}`, [`ALTER TABLE ${t} DROP COLUMN ${col}`], { hazards: [hz('rewrites-table', `adding ${b.name} rewrites ${table.name}`)] });
    return;
  }
  const typeChange = changes.type || changes.collation;
  const defaultAround = typeChange && (a.default !== null || b.default !== null);
  const generated = (c: Column) => `GENERATED ${c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'}`;
  const addIdentity = (c: Column) => {
    const options = c.identityOptions ? identityOptionList(c.type, c.identityOptions, true) : [];
    return alter(`ADD ${generated(c)} AS IDENTITY${options.length ? ` (${options.join(' ')})` : ''}`);
  };
  const setOptions = (c: Column) => alter(identityOptionList(c.type, c.identityOptions!, false).map((o) => `SET ${o}`).join(' '));
  if (changes.identity && a.identity) {
    if (b.identity) emit(Phase.AlterTables, change.kind, alter(`SET ${generated(b)}`), [alter(`SET ${generated(a)}`)]);
    else emit(Phase.AlterTables, change.kind, alter('DROP IDENTITY'), [addIdentity(a)]);
  }
  if (changes.identityOptions && a.identity && b.identity) {
    emit(Phase.AlterTables, change.kind, setOptions(b), [setOptions(a)], { hazards: [hz('may-fail', `fails if the current value of ${b.name}'s sequence is outside the new MINVALUE/MAXVALUE`)] });
  }
  if ((changes.default || defaultAround) && a.default !== null) emit(Phase.AlterTables, change.kind, alterDefault('DROP DEFAULT'), [setDefault(a)]);
  if (typeChange) {
    const collate = collateClause(b.collation);
    const back = `TYPE ${a.type}${collateClause(a.collation)} USING ${castTo(col, b.type, a.type, enumTypes)}`;
    emit(Phase.AlterTables, change.kind, alter(`TYPE ${b.type}${collate} USING ${castTo(col, a.type, b.type, enumTypes)}`), [alter(back)], { hazards: [hz('rewrites-table', `changing ${b.name} to ${b.type} may rewrite ${table.name} under an ACCESS EXCLUSIVE lock`), hz('may-fail', 'fails if a value does not convert')] });
  }
  if ((changes.default || defaultAround) && b.default !== null) emit(Phase.AlterTables, change.kind, setDefault(b), [alterDefault('DROP DEFAULT')]);
  if (changes.nullability) {
    if (b.notNull) {
      const check = shortName(`${table.name}_${b.name}_not_null`);
      const addCheck = `ALTER TABLE ${t} ADD CONSTRAINT ${quoteIdent(check)} CHECK (${col} IS NOT NULL) NOT VALID`;
      const dropCheck = `ALTER TABLE ${t} DROP CONSTRAINT IF EXISTS ${quoteIdent(check)}`;
      emit(Phase.AlterTables, change.kind, addCheck, [dropCheck]);
      emit(Phase.AlterTables, change.kind, `ALTER TABLE ${t} VALIDATE CONSTRAINT ${quoteIdent(check)}`, [], { hazards: [hz('may-fail', `fails if ${b.name} holds NULL`)] });
      emit(Phase.AlterTables, change.kind, alter('SET NOT NULL'), [alter('DROP NOT NULL')]);
      emit(Phase.AlterTables, change.kind, dropCheck, []);
    } else {
      emit(Phase.AlterTables, change.kind, alter('DROP NOT NULL'), [alter('SET NOT NULL')]);
    }
  }
  // An identity needs NOT NULL first ("must be declared NOT NULL before identity can be added").
  if (changes.identity && !a.identity && b.identity) emit(Phase.AlterTables, change.kind, addIdentity(b), [alter('DROP IDENTITY')]);
  if (changes.comment) emit(Phase.AlterTables, change.kind, commentOn('COLUMN', `${t}.${col}`, b.comment), [commentOn('COLUMN', `${t}.${col}`, a.comment)]);
}

/**
 * The USING expression of a type change. PostgreSQL has no cast between two enums (nor from an
 * enum to most types): going through text works whenever the labels convert, and the step
 * already carries a may-fail hazard for when they do not.
 */
function castTo(col: string, from: string, to: string, enumTypes: ReadonlySet<string>): string {
  const element = (t: string) => t.replace(/(\[\])+$/, '');
  const dims = (t: string) => t.slice(element(t).length);
  const viaText = from !== to && (enumTypes.has(element(from)) || enumTypes.has(element(to))) && element(from) !== 'text';
  return viaText ? `${col}::text${dims(from)}::${to}` : `${col}::${to}`;
}

/** Column-type spellings of every enum on either side (schema/types.ts canonical form). */
function enumSpellings(...schemas: Schema[]): Set<string> {
  return new Set(schemas.flatMap((s) => s.enums.map(typeSpelling)));
}

/** Spelling of a user type in a column's `type` (schema/types.ts canonical form). */
function typeSpelling(t: QualifiedName): string {
  return `${quoteIdentIfNeeded(t.schema)}.${quoteIdentIfNeeded(t.name)}`;
}

/** Columns of `schema` whose type is the enum (or an array of it). */
function columnsOfType(schema: Schema, type: QualifiedName): { table: Table; column: Column; array: boolean }[] {
  const spelled = typeSpelling(type);
  return schema.tables.flatMap((table) =>
    table.partitionOf ? [] : table.columns.flatMap((column) => (column.inherited ? [] : column.type === spelled || column.type === `${spelled}[]` ? [{ table, column, array: column.type.endsWith('[]') }] : [])),
  );
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
      const stored = columnsOfType(schema, t);
      if (stored.length > 0 && refuse) {
        throw new PlanError(`cannot plan the re-creation of enum ${was.schema}.${was.name}: attribute ${a.name} of type ${t.schema}.${t.name} uses it, and column ${stored[0]!.table.name}.${stored[0]!.column.name} stores that type, so PostgreSQL cannot change the attribute; add the labels instead of removing or reordering them, or move the column off the type in a migration, then diff again`);
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

/** Columns of tables in `schema` whose collation is `c` (inherited and partitions' columns follow their parent's). */
function columnsOfCollation(schema: Schema, c: QualifiedName): { table: Table; column: Column }[] {
  const isIt = (spelling: string | null) => {
    if (!spelling) return false;
    const n = collationName(spelling);
    return n.schema === c.schema && n.name === c.name;
  };
  return schema.tables.flatMap((table) => (table.partitionOf ? [] : table.columns.filter((column) => !column.inherited && isIt(column.collation)).map((column) => ({ table, column }))));
}

/**
 * PostgreSQL cannot alter a collation's definition: rename it away, create the new one, move
 * each column to it, drop the old. Domains and composite attributes cannot be moved in place:
 * a collation they use is refused.
 */
function recreateCollation(was: Collation, next: Collation, schema: Schema): string[] {
  const isIt = (spelling: string | null) => {
    if (!spelling) return false;
    const n = collationName(spelling);
    return n.schema === was.schema && n.name === was.name;
  };
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

/**
 * Attributes added and dropped in place (a column of the type gets NULL, or loses the value).
 * PostgreSQL refuses ALTER ATTRIBUTE … TYPE while a table column uses the type: the attribute is
 * then dropped and added again, with its values lost, and the step says so.
 */
function planComposite(change: ChangeOf<'ModifyComposite'>, options: PlanOptions, emit: Emit): void {
  const { from: a, to: b } = change;
  const t = q(b);
  const on = { on: typeKey(b) };
  const usedBy = [...dependentsClosure(dependenciesOf(options.from), [typeKey(a)])]
    .filter((k) => options.from.tables.some((x) => relationKey(x) === k));
  const attr = (s: string) => `ALTER TYPE ${t} ${s}`;
  for (const x of change.dropped) {
    emit(Phase.CreateTypes, change.kind, attr(`DROP ATTRIBUTE ${quoteIdent(x.name)}`), [attr(`ADD ATTRIBUTE ${compositeAttribute(x)}`)], { ...on, ...(usedBy.length > 0 ? { hazards: [hz('deletes-data', `drops attribute ${x.name} from the values of ${b.name} stored in tables`)] } : {}) });
  }
  for (const x of change.added) emit(Phase.CreateTypes, change.kind, attr(`ADD ATTRIBUTE ${compositeAttribute(x)}`), [attr(`DROP ATTRIBUTE ${quoteIdent(x.name)}`)], on);
  for (const { from: x, to: y } of change.altered) {
    if (usedBy.length === 0) {
      emit(Phase.CreateTypes, change.kind, attr(`ALTER ATTRIBUTE ${quoteIdent(y.name)} TYPE ${y.type}${collateClause(y.collation)}`), [attr(`ALTER ATTRIBUTE ${quoteIdent(x.name)} TYPE ${x.type}${collateClause(x.collation)}`)], on);
    } else {
      const why = `PostgreSQL cannot change the type of an attribute of ${b.name} while a column uses the type: attribute ${y.name} is dropped and added again, its stored values are lost`;
      emit(Phase.CreateTypes, change.kind, attr(`DROP ATTRIBUTE ${quoteIdent(x.name)}`), [attr(`ADD ATTRIBUTE ${compositeAttribute(x)}`)], { ...on, hazards: [hz('deletes-data', why)] });
      emit(Phase.CreateTypes, change.kind, attr(`ADD ATTRIBUTE ${compositeAttribute(y)}`), [attr(`DROP ATTRIBUTE ${quoteIdent(y.name)}`)], on);
    }
  }
  if (change.commentChanged) emit(Phase.CreateTypes, change.kind, commentOn('TYPE', t, b.comment), [commentOn('TYPE', q(a), a.comment)], on);
  for (const y of change.commented) {
    const was = a.attributes.find((x) => x.name === y.name)?.comment ?? null;
    emit(Phase.CreateTypes, change.kind, commentOn('COLUMN', `${t}.${quoteIdent(y.name)}`, y.comment), [commentOn('COLUMN', `${t}.${quoteIdent(y.name)}`, was)], on);
  }
}

/**
 * Views that depend (by the catalog of `from`, transitively) on something a change blocks on:
 * a column whose type changes or that is dropped, an enum re-created, a routine dropped or
 * re-created, a view re-created. They are dropped before and re-created after the change.
 */
function dependentViews(changes: readonly Change[], options: PlanOptions): Set<string> {
  const touched = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'ModifyColumn' && (c.changes.type || c.changes.collation || c.changes.generated)) touched.add(relationKey(c.table));
    if (c.kind === 'DropColumn') touched.add(relationKey(c.table));
    // Any enum change: its reverse (or itself) re-creates the type and converts its columns.
    if (c.kind === 'ModifyEnum') for (const u of [...columnsOfType(options.from, c.from), ...columnsOfType(options.to, c.to)]) touched.add(relationKey(u.table));
    // Comments and options are altered in place; anything else re-creates the view and its dependents.
    if (c.kind === 'ModifyView' && (c.changes.definition || c.changes.materialized || c.changes.columns)) touched.add(relationKey(c.from));
    // A view kept under the same text may read another object of the same name afterwards.
    if (c.kind === 'DropView') touched.add(relationKey(c.view));
    if (c.kind === 'DropTable') touched.add(relationKey(c.table));
    // A collation re-created moves its columns (ALTER COLUMN … TYPE), which views block.
    if (c.kind === 'ModifyCollation' && c.definition) for (const u of [...columnsOfCollation(options.from, c.from), ...columnsOfCollation(options.to, c.to)]) touched.add(relationKey(u.table));
    if (c.kind === 'DropRoutine') touched.add(routineKey(c.routine));
    if (c.kind === 'ModifyRoutine' && c.fields.some((f) => f === 'kind' || f === 'returns' || f === 'arguments')) touched.add(routineKey(c.from));
  }
  const dependents = dependentsClosure(dependenciesOf(options.from), touched);
  for (const k of touched) if (k.startsWith('relation:')) dependents.add(k);
  const stillThere = new Set(options.to.views.map(key));
  return new Set(options.from.views.filter((v) => stillThere.has(key(v)) && dependents.has(relationKey(v))).map(key));
}

const BODY_CHECKS_OFF: PlannedStatement = { sql: 'SET check_function_bodies = off', reverse: [], transactional: true, hazards: [], change: 'AddRoutine' };

/** A reverse that re-creates routines: their bodies may name objects the reverse restores after them. */
function withoutBodyChecks(statements: readonly string[]): string[] {
  return [BODY_CHECKS_OFF.sql, ...statements];
}

function grantTargetKey(target: GrantTarget): string {
  if (target.kind === 'routine') return routineKey({ schema: target.schema, name: target.name, identityArguments: target.identityArguments });
  return target.kind === 'schema' ? `schema:${target.name}` : relationKey(target);
}

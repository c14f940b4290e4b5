// Change[] → ordered statements. Each kind of object says how to add, drop and alter itself in
// plan/kinds/<kind>.ts; what spans kinds is here: views dropped and re-created around the
// changes under them, policies and triggers around a column's type change, tables re-created
// for a partitioning change. Steps carry the objects they create, drop or touch, and are put
// in order by phase and by the catalog's dependencies (order.ts), never by reading SQL back.
import type { Change, ChangeKind, ChangeOf } from '../diff/changes.js';
import type { QualifiedName, Table, View } from '../schema/types.js';
import { createPolicy, createTrigger, createView, dropPolicy, dropTrigger, dropView } from './ddl.js';
import { inheritanceRefusal } from './inherits.js';
import { dependenciesOf, dependentsClosure, orderSteps, relationKey, routineKey } from './order.js';
import { recreateTable, RecreateRefused } from './recreate.js';
import { refuseMissingRoles } from './roles.js';
import { rulesOn } from './kinds/rule.js';
import type { Plan } from './types.js';
import { hz, key, Phase, PlanError, type Emit, type Extra, type PlanContext, type PlanOptions, type Planner, type Step } from './context.js';
import { PLANNERS } from './kinds/all.js';
import { columnsOfType } from './kinds/enum.js';
import { columnsOfCollation } from './kinds/collation.js';
import { enumSpellings } from './kinds/column.js';
import { BODY_CHECKS_OFF } from './kinds/routine.js';
import { escapeRegExp } from './names.js';
import { quoteIdent } from '../schema/quote.js';

export { PlanError, type PlanOptions } from './context.js';

export function plan(changes: readonly Change[], options: PlanOptions): Plan {
  if (changes.length > 0) refuseMissingRoles(options.from, options.to);
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
  const addedRulesOn = (v: QualifiedName) => new Set(changes.flatMap((c) => (c.kind === 'AddRule' && key(c.table) === key(v) ? [c.rule.name] : [])));
  const recreateView = (fromView: View, toView: View | undefined, why: ChangeKind) => {
    if (handledViews.has(key(fromView))) return;
    handledViews.add(key(fromView));
    emit(Phase.DropViews, why, dropView(fromView), [...createView(fromView), ...rulesOn(options.from, fromView)], { drops: relationKey(fromView) });
    const refill = toView?.materialized ? { hazards: [hz('blocking-lock', `re-creating materialized view ${toView.name} runs its whole query; it is missing until then`)] } : {};
    if (toView) createView(toView).forEach((s, i) => emit(Phase.CreateViews, why, s, i === 0 ? [dropView(toView)] : [], i === 0 ? { creates: relationKey(toView), ...refill } : { on: relationKey(toView) }));
    // Rules went with the old view; those the plan does not add itself come back with the new one.
    if (toView) for (const s of rulesOn(options.to, toView, addedRulesOn(toView))) emit(Phase.AddDependents, why, s, []);
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
  // An inheritance child or a partition dropped with its recreated parent goes before it: DROP
  // TABLE refuses a parent with children, and the copy of its rows (TABLE parent) would take the
  // child's too.
  const parentsOfTable = (t: Table): QualifiedName[] => [...(t.inherits ?? []), ...(t.partitionOf ? [t.partitionOf] : [])];
  const droppedChildOfRecreated = (c: Change): c is ChangeOf<'DropTable'> => c.kind === 'DropTable' && parentsOfTable(c.table).some((p) => recreated.has(key(p)));
  const beforeRecreation: Emit = (phase, ...rest) => emit(phase === Phase.DropTables ? Phase.DropTableObjects : phase, ...rest);
  const inRecreated = (c: Change): boolean => {
    if (c.kind === 'ModifyTable') return false;
    if ('table' in c && c.kind !== 'AddTable' && c.kind !== 'DropTable') return recreated.has(key(c.table));
    if (c.kind === 'AddGrant' || c.kind === 'DropGrant') return (c.target.kind === 'table' || c.target.kind === 'column') && recreated.has(key(c.target));
    return droppedChildOfRecreated(c);
  };

  for (const c of changes) {
    const t = c.kind === 'AddTable' ? c.table : c.kind === 'AddInherit' ? toTables.get(key(c.table)) : undefined;
    const refusal = t ? inheritanceRefusal(t, options.to) : null;
    if (refusal) throw new PlanError(refusal);
  }

  const ctx: PlanContext = { options, emit, fromTables, toTables, isNew, isPartitioned, enumTypes, viewsToRecreate, handledViews, recreated, recreateView, parentColumnChange, afterParent };
  // An index or key added to a partitioned parent attaches a matching index its partitions
  // already have, and builds one on each partition that has none: the partitions' own keys and
  // indexes go first, or the parent's build duplicates the index a partition key then adds.
  const PARENT_INDEX = new Set<ChangeKind>(['AddIndex', 'ModifyIndex', 'AddPrimaryKey', 'ModifyPrimaryKey', 'AddUnique', 'ModifyUnique']);
  const onParent = (c: Change) => PARENT_INDEX.has(c.kind) && 'table' in c && toTables.get(key(c.table))?.kind === 'partitioned';
  const inOrder = [...changes.filter((c) => !onParent(c)), ...changes.filter(onParent)];
  for (const change of inOrder) {
    if (inherited(change) || inRecreated(change)) continue;
    // A complete record keyed by kind: the planner of this change's kind takes this change.
    (PLANNERS[change.kind] as Planner<ChangeKind>)(change as never, ctx);
  }

  // After the loop: the new table's partitions are created or attached by then.
  const droppedChildren = new Set<string>();
  for (const change of recreated.values()) {
    // Views reading the table hold no rows of their own: dropped before the old table goes and
    // created again on the new one (a materialized view runs its query again).
    const readers = dependentsClosure(options.from.dependencies ?? [], [relationKey(change.from)]);
    for (const v of options.from.views) if (readers.has(relationKey(v))) recreateView(v, options.to.views.find((x) => key(x) === key(v)), change.kind);
    let r;
    try {
      r = recreateTable(change.from, change.to, options);
    } catch (error) {
      if (error instanceof RecreateRefused) throw new PlanError(error.message);
      throw error;
    }
    for (const s of r.dropRules) emit(Phase.DropTableObjects, change.kind, s.sql, s.reverse);
    for (const c of changes) {
      if (!droppedChildOfRecreated(c) || droppedChildren.has(key(c.table)) || !parentsOfTable(c.table).some((p) => key(p) === key(change.from))) continue;
      droppedChildren.add(key(c.table));
      PLANNERS.DropTable(c, { ...ctx, emit: beforeRecreation });
    }
    for (const s of r.save) emit(Phase.DropTableObjects, change.kind, s.sql, s.reverse, { hazards: s.hazards });
    emit(Phase.CreateTables, change.kind, r.create.sql, r.create.reverse, { creates: relationKey(change.to) });
    for (const s of r.restore) emit(Phase.AddTableObjects, change.kind, s.sql, s.reverse, { hazards: s.hazards });
    for (const f of r.foreignKeys) emit(Phase.AddForeignKeys, change.kind, f, []);
    for (const s of r.rules) emit(Phase.AddDependents, change.kind, s, []);
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



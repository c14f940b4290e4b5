// Indexes: CONCURRENTLY on existing tables, in place on new ones, with their views when those are re-created.
import type { ChangeOf } from '../../diff/changes.js';
import { quoteQualified } from '../../schema/quote.js';
import { commentOn, createIndex, dropIndex } from '../ddl.js';
import { relationKey } from '../order.js';
import { Phase, hz, key, type PlanContext, type Planners } from '../context.js';

export const INDEXES_PLANNERS: Planners<'AddIndex' | 'ModifyIndex' | 'DropIndex'> = {
  AddIndex: planAddOrModifyIndex,
  ModifyIndex: planAddOrModifyIndex,
  DropIndex: planDropIndex,
};

function planAddOrModifyIndex(change: ChangeOf<'AddIndex' | 'ModifyIndex'>, { emit, fromTables, toTables, isNew, isPartitioned, viewsToRecreate }: PlanContext): void {
  const table = change.table;
  const ix = change.kind === 'AddIndex' ? change.index : change.to;
  const onView = !toTables.has(key(table)) && !fromTables.has(key(table));
  const concurrently = !isNew(table) && !isPartitioned(table) && !onView && !viewsToRecreate.has(key(table));
  if (change.kind === 'ModifyIndex') {
    const was = change.from;
    if (was.name === ix.name && JSON.stringify({ ...was, comment: null }) === JSON.stringify({ ...ix, comment: null })) {
      emit(Phase.AddTableObjects, change.kind, commentOn('INDEX', quoteQualified(table.schema, ix.name), ix.comment), [commentOn('INDEX', quoteQualified(table.schema, was.name), was.comment)]);
      return;
    }
    emit(Phase.DropTableObjects, change.kind, dropIndex(table, was, concurrently), [createIndex(table, was, concurrently)], { transactional: !concurrently });
  }
  if (onView && viewsToRecreate.has(key(table))) return; // recreated with its view
  emit(Phase.AddTableObjects, change.kind, createIndex(table, ix, concurrently), [dropIndex(table, ix, concurrently)], { on: relationKey(table), transactional: !concurrently, hazards: isNew(table) || onView ? [] : concurrently ? [hz('index-build', `builds index ${ix.name}`)] : [hz('blocking-lock', `builds index ${ix.name} while blocking writes`)] });
  if (ix.comment !== null) emit(Phase.AddTableObjects, change.kind, commentOn('INDEX', quoteQualified(table.schema, ix.name), ix.comment), [], { on: relationKey(table) });
}

function planDropIndex(change: ChangeOf<'DropIndex'>, { emit, fromTables, toTables, isPartitioned, viewsToRecreate }: PlanContext): void {
  const table = change.table;
  const onView = !toTables.has(key(table)) && !fromTables.has(key(table));
  if (onView && viewsToRecreate.has(key(table))) return;
  const concurrently = !isPartitioned(table) && !onView;
  emit(Phase.DropTableObjects, change.kind, dropIndex(table, change.index, concurrently), [createIndex(table, change.index, concurrently)], { on: relationKey(table), transactional: !concurrently });
}



// Triggers on tables and views: dropped and re-created to change.
import type { ChangeOf } from '../../diff/changes.js';
import { createTrigger, dropTrigger } from '../ddl.js';
import { Phase, key, type PlanContext, type Planners } from '../context.js';

export const TRIGGER_PLANNERS: Planners<'AddTrigger' | 'ModifyTrigger' | 'DropTrigger'> = {
  AddTrigger: planAddOrModifyTrigger,
  ModifyTrigger: planAddOrModifyTrigger,
  DropTrigger: planDropTrigger,
};

function planAddOrModifyTrigger(change: ChangeOf<'AddTrigger' | 'ModifyTrigger'>, { emit, viewsToRecreate }: PlanContext): void {
  const table = change.table;
  if (viewsToRecreate.has(key(table))) return; // recreated with its view
  const t = change.kind === 'AddTrigger' ? change.trigger : change.to;
  if (change.kind === 'ModifyTrigger') emit(Phase.DropDependents, change.kind, dropTrigger(table, change.from), createTrigger(table, change.from));
  const [create, ...rest] = createTrigger(table, t);
  emit(Phase.AddDependents, change.kind, create!, [dropTrigger(table, t)]);
  for (const s of rest) emit(Phase.AddDependents, change.kind, s, []);
}

function planDropTrigger(change: ChangeOf<'DropTrigger'>, { emit, viewsToRecreate }: PlanContext): void {
  if (viewsToRecreate.has(key(change.table))) return;
  emit(Phase.DropDependents, change.kind, dropTrigger(change.table, change.trigger), createTrigger(change.table, change.trigger));
}



// Row-level security policies: dropped and re-created to change.
import type { ChangeOf } from '../../diff/changes.js';
import { createPolicy, dropPolicy } from '../ddl.js';
import { Phase, type PlanContext, type Planners } from '../context.js';

export const POLICY_PLANNERS: Planners<'AddPolicy' | 'ModifyPolicy' | 'DropPolicy'> = {
  AddPolicy: planAddOrModifyPolicy,
  ModifyPolicy: planAddOrModifyPolicy,
  DropPolicy: planDropPolicy,
};

function planAddOrModifyPolicy(change: ChangeOf<'AddPolicy' | 'ModifyPolicy'>, { emit }: PlanContext): void {
  const table = change.table;
  const p = change.kind === 'AddPolicy' ? change.policy : change.to;
  if (change.kind === 'ModifyPolicy') emit(Phase.DropDependents, change.kind, dropPolicy(table, change.from), [createPolicy(table, change.from)]);
  emit(Phase.AddDependents, change.kind, createPolicy(table, p), [dropPolicy(table, p)]);
}

function planDropPolicy(change: ChangeOf<'DropPolicy'>, { emit }: PlanContext): void {
  emit(Phase.DropDependents, change.kind, dropPolicy(change.table, change.policy), [createPolicy(change.table, change.policy)]);
}



// Functions and procedures: replaced in place unless their signature or kind changes.
import type { ChangeOf } from '../../diff/changes.js';
import { commentOn, createRoutine, dropRoutine, routineSignature, ROUTINE_WORD } from '../ddl.js';
import { routineKey } from '../order.js';
import type { PlannedStatement } from '../types.js';
import { Phase, type PlanContext, type Planners } from '../context.js';

export const ROUTINE_PLANNERS: Planners<'AddRoutine' | 'DropRoutine' | 'ModifyRoutine'> = {
  AddRoutine: planAddRoutine,
  DropRoutine: planDropRoutine,
  ModifyRoutine: planModifyRoutine,
};

function planAddRoutine(change: ChangeOf<'AddRoutine'>, { emit }: PlanContext): void {
  const [create, ...rest] = createRoutine(change.routine);
  emit(Phase.CreateRoutines, change.kind, create!, [dropRoutine(change.routine)], { creates: routineKey(change.routine) });
  for (const s of rest) emit(Phase.CreateRoutines, change.kind, s, [], { on: routineKey(change.routine) });
}

function planDropRoutine(change: ChangeOf<'DropRoutine'>, { emit }: PlanContext): void {
  emit(Phase.DropTypes, change.kind, dropRoutine(change.routine), withoutBodyChecks(createRoutine(change.routine)), { drops: routineKey(change.routine) });
}

function planModifyRoutine(change: ChangeOf<'ModifyRoutine'>, { emit }: PlanContext): void {
  const { from: a, to: b } = change;
  const body = change.fields.filter((f) => f !== 'comment');
  if (body.some((f) => f === 'kind' || f === 'returns' || f === 'arguments')) {
    emit(Phase.DropDependents, change.kind, dropRoutine(a), withoutBodyChecks(createRoutine(a)), { drops: routineKey(a) });
    const [create, ...rest] = createRoutine(b);
    emit(Phase.CreateRoutines, change.kind, create!, [dropRoutine(b)], { creates: routineKey(b) });
    for (const s of rest) emit(Phase.CreateRoutines, change.kind, s, [], { on: routineKey(b) });
  } else {
    if (body.length) emit(Phase.CreateRoutines, change.kind, createRoutine(b)[0]!, withoutBodyChecks([createRoutine(a)[0]!]), { on: routineKey(b) });
    if (change.fields.includes('comment')) emit(Phase.CreateRoutines, change.kind, commentOn(ROUTINE_WORD[b.kind], routineSignature(b), b.comment), [commentOn(ROUTINE_WORD[a.kind], routineSignature(a), a.comment)]);
  }
}

export const BODY_CHECKS_OFF: PlannedStatement = { sql: 'SET check_function_bodies = off', reverse: [], transactional: true, hazards: [], change: 'AddRoutine' };

/** A reverse that re-creates routines: their bodies may name objects the reverse restores after them. */
function withoutBodyChecks(statements: readonly string[]): string[] {
  return [BODY_CHECKS_OFF.sql, ...statements];
}

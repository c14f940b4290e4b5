// Privileges: GRANT and REVOKE on tables, columns, views, sequences, schemas, routines and types.
import type { ChangeOf, GrantTarget } from '../../diff/changes.js';
import { grant, revoke } from '../ddl.js';
import { relationKey, routineKey } from '../order.js';
import { Phase, type PlanContext, type Planners } from '../context.js';

export const GRANT_PLANNERS: Planners<'AddGrant' | 'DropGrant'> = {
  AddGrant: planGrant,
  DropGrant: planGrant,
};

/**
 * Privileges of other roles are taken early and given late. The owner's own go the other way
 * round: given back first, given up last (as a new object's, ddl.ts ownerRevokes), so the plan's
 * other statements run (as the owner) with the privileges they may need.
 */
export function grantPhase(giving: boolean, owner: boolean): Phase {
  return giving === owner ? Phase.DropDependents : Phase.AddDependents;
}

function planGrant(change: ChangeOf<'AddGrant' | 'DropGrant'>, { emit }: PlanContext): void {
  const giving = change.kind === 'AddGrant';
  const [up, down] = giving ? [grant, revoke] : [revoke, grant];
  emit(grantPhase(giving, change.owner === true), change.kind, up(change.target, change.grant), [down(change.target, change.grant)], { on: grantTargetKey(change.target) });
}

function grantTargetKey(target: GrantTarget): string {
  if (target.kind === 'routine') return routineKey({ schema: target.schema, name: target.name, identityArguments: target.identityArguments });
  return target.kind === 'schema' ? `schema:${target.name}` : relationKey(target);
}

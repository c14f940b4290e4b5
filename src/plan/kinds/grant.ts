// Privileges: GRANT and REVOKE on tables, columns, views, sequences, schemas and routines.
import type { ChangeOf, GrantTarget } from '../../diff/changes.js';
import { grant, revoke } from '../ddl.js';
import { relationKey, routineKey } from '../order.js';
import { Phase, type PlanContext, type Planners } from '../context.js';

export const GRANT_PLANNERS: Planners<'AddGrant' | 'DropGrant'> = {
  AddGrant: planAddGrant,
  DropGrant: planDropGrant,
};

// The owner's own privileges go the other way round: given back first, given up last, so the
// plan's other statements run (as the owner) with the privileges they may need.
function planAddGrant(change: ChangeOf<'AddGrant'>, { emit }: PlanContext): void {
  emit(change.owner ? Phase.DropDependents : Phase.AddDependents, change.kind, grant(change.target, change.grant), [revoke(change.target, change.grant)], { on: grantTargetKey(change.target) });
}

function planDropGrant(change: ChangeOf<'DropGrant'>, { emit }: PlanContext): void {
  emit(change.owner ? Phase.AddDependents : Phase.DropDependents, change.kind, revoke(change.target, change.grant), [grant(change.target, change.grant)], { on: grantTargetKey(change.target) });
}

function grantTargetKey(target: GrantTarget): string {
  if (target.kind === 'routine') return routineKey({ schema: target.schema, name: target.name, identityArguments: target.identityArguments });
  return target.kind === 'schema' ? `schema:${target.name}` : relationKey(target);
}

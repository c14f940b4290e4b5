// Owners: ALTER … OWNER TO, for objects on both sides (a new object's owner comes with it, ddl.ts ownerTo).
import type { ChangeOf } from '../../diff/changes.js';
import { alterOwner, grant } from '../ddl.js';
import { Phase, type PlanContext, type Planners } from '../context.js';

export const OWNER_PLANNERS: Planners<'ModifyOwner'> = {
  ModifyOwner: planModifyOwner,
};

// PostgreSQL moves the ACL with the object: the old owner's entries, grantor included, become
// the new owner's; so this goes first, and the grant changes that follow name the new owner.
// What the new owner had been granted becomes its own; the reverse, which hands everything back
// to the old owner, grants it again.
function planModifyOwner(change: ChangeOf<'ModifyOwner'>, { emit }: PlanContext): void {
  const regrant = change.absorbed ? change.absorbed.grants.map((g) => grant(change.absorbed!.target, g)) : [];
  emit(Phase.Owners, change.kind, alterOwner(change.target, change.to), [alterOwner(change.target, change.from), ...regrant]);
}

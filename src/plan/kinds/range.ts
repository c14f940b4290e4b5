// Range types: created before what uses them (their subtype_diff function first, by the catalog's
// dependencies), dropped after; PostgreSQL alters nothing of one but its comment, owner and
// privileges, so another definition re-creates it, refused while something uses it.
import type { ChangeOf } from '../../diff/changes.js';
import { commentOn, createRange, q } from '../ddl.js';
import { dependenciesOf, dependentsClosure, typeKey } from '../order.js';
import { Phase, PlanError, type PlanContext, type Planners } from '../context.js';

export const RANGE_PLANNERS: Planners<'AddRange' | 'DropRange' | 'ModifyRange'> = {
  AddRange: planAddRange,
  DropRange: planDropRange,
  ModifyRange: planModifyRange,
};

function planAddRange(change: ChangeOf<'AddRange'>, { emit }: PlanContext): void {
  const [create, ...rest] = createRange(change.range);
  emit(Phase.CreateTypes, change.kind, create!, [`DROP TYPE ${q(change.range)}`], { creates: typeKey(change.range) });
  for (const s of rest) emit(Phase.CreateTypes, change.kind, s, [], { on: typeKey(change.range) });
}

function planDropRange(change: ChangeOf<'DropRange'>, { emit }: PlanContext): void {
  emit(Phase.DropTypes, change.kind, `DROP TYPE ${q(change.range)}`, createRange(change.range), { drops: typeKey(change.range) });
}

/** `relation:s.t()` (order.ts refKey) as a message names it: `relation s.t`. */
function described(key: string): string {
  const m = /^(\w+):(.*)\((.*)\)$/s.exec(key);
  return m ? `${m[1]} ${m[2]}${m[3] ? `(${m[3]})` : ''}` : key;
}

function planModifyRange(change: ChangeOf<'ModifyRange'>, { emit, options }: PlanContext): void {
  const { from: a, to: b } = change;
  if (change.definition) {
    const users = dependentsClosure(dependenciesOf(options.from), [typeKey(a)]);
    const [user] = [...users];
    if (user !== undefined) throw new PlanError(`cannot plan the change of range type ${a.schema}.${a.name}: PostgreSQL cannot alter its definition, and ${described(user)} uses it; create a range type under a new name, move its users to it in a migration, then diff again`);
    emit(Phase.DropTypes, change.kind, `DROP TYPE ${q(a)}`, createRange(a), { drops: typeKey(a) });
    const [create, ...rest] = createRange(b);
    emit(Phase.CreateTypes, change.kind, create!, [`DROP TYPE ${q(b)}`], { creates: typeKey(b) });
    for (const s of rest) emit(Phase.CreateTypes, change.kind, s, [], { on: typeKey(b) });
    return;
  }
  if (change.commentChanged) emit(Phase.CreateTypes, change.kind, commentOn('TYPE', q(b), b.comment), [commentOn('TYPE', q(a), a.comment)]);
}

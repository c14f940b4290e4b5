// Sequences: options and OWNED BY; a dropped one is released from its column first.
import type { ChangeOf } from '../../diff/changes.js';
import { commentOn, createSequence, q, sequenceOptions, sequenceOwnedBy } from '../ddl.js';
import { relationKey } from '../order.js';
import { Phase, type PlanContext, type Planners } from '../context.js';

export const SEQUENCE_PLANNERS: Planners<'AddSequence' | 'DropSequence' | 'ModifySequence'> = {
  AddSequence: planAddSequence,
  DropSequence: planDropSequence,
  ModifySequence: planModifySequence,
};

function planAddSequence(change: ChangeOf<'AddSequence'>, { emit }: PlanContext): void {
  const s = change.sequence;
  const [create, ...rest] = createSequence(s);
  emit(Phase.CreateTypes, change.kind, create!, [`DROP SEQUENCE ${q(s)}`], { creates: relationKey(s) });
  for (const r of rest) emit(Phase.CreateTypes, change.kind, r, [], { on: relationKey(s) });
  // After the table's own steps: PostgreSQL wants the sequence and its table to have one owner,
  // and a new table is handed to its owner among them.
  if (s.ownedBy) emit(Phase.AddForeignKeys, change.kind, sequenceOwnedBy(s), [sequenceOwnedBy({ ...s, ownedBy: null })]);
}

function planDropSequence(change: ChangeOf<'DropSequence'>, { emit }: PlanContext): void {
  const s = change.sequence;
  // Released from its column first, so that the column's table can be re-created before it is owned again.
  if (s.ownedBy) emit(Phase.DropDependents, change.kind, sequenceOwnedBy({ ...s, ownedBy: null }), [sequenceOwnedBy(s)]);
  emit(Phase.DropTypes, change.kind, `DROP SEQUENCE IF EXISTS ${q(s)}`, createSequence(s), { drops: relationKey(s) });
}

function planModifySequence(change: ChangeOf<'ModifySequence'>, { emit }: PlanContext): void {
  const { from: a, to: b } = change;
  const opts = change.fields.filter((f) => f !== 'ownedBy' && f !== 'comment');
  if (opts.length) emit(Phase.CreateTypes, change.kind, `ALTER SEQUENCE ${q(b)} ${sequenceOptions(b)}`, [`ALTER SEQUENCE ${q(a)} ${sequenceOptions(a)}`]);
  if (change.fields.includes('ownedBy')) emit(Phase.AddForeignKeys, change.kind, sequenceOwnedBy(b), [sequenceOwnedBy(a)]);
  if (change.fields.includes('comment')) emit(Phase.CreateTypes, change.kind, commentOn('SEQUENCE', q(b), b.comment), [commentOn('SEQUENCE', q(a), a.comment)]);
}



// Composite types (CREATE TYPE … AS (…)): created before the tables and routines that use them,
// dropped after; attributes added, dropped and retyped in place where PostgreSQL allows it.
import type { ChangeOf } from '../../diff/changes.js';
import { quoteIdent } from '../../schema/quote.js';
import { collateClause, commentOn, compositeAttribute, createComposite, q } from '../ddl.js';
import { typeKey } from '../order.js';
import { tablesStoring } from './enum.js';
import { Phase, hz, type Emit, type PlanContext, type PlanOptions, type Planners } from '../context.js';

export const COMPOSITE_PLANNERS: Planners<'AddComposite' | 'DropComposite' | 'ModifyComposite'> = {
  AddComposite: planAddComposite,
  DropComposite: planDropComposite,
  ModifyComposite: (change, { emit, options }) => planComposite(change, options, emit),
};

function planAddComposite(change: ChangeOf<'AddComposite'>, { emit }: PlanContext): void {
  const [create, ...rest] = createComposite(change.composite);
  emit(Phase.CreateTypes, change.kind, create!, [`DROP TYPE ${q(change.composite)}`], { creates: typeKey(change.composite) });
  for (const s of rest) emit(Phase.CreateTypes, change.kind, s, [], { on: typeKey(change.composite) });
}

function planDropComposite(change: ChangeOf<'DropComposite'>, { emit }: PlanContext): void {
  emit(Phase.DropTypes, change.kind, `DROP TYPE ${q(change.composite)}`, createComposite(change.composite), { drops: typeKey(change.composite) });
}

/**
 * Attributes added and dropped in place (a column of the type gets NULL, or loses the value).
 * PostgreSQL refuses ALTER ATTRIBUTE … TYPE while a table column uses the type: the attribute is
 * then dropped and added again, with its values lost, and the step says so.
 */
function planComposite(change: ChangeOf<'ModifyComposite'>, options: PlanOptions, emit: Emit): void {
  const { from: a, to: b } = change;
  const t = q(b);
  const on = { on: typeKey(b) };
  const usedBy = tablesStoring(options.from, a);
  const attr = (s: string) => `ALTER TYPE ${t} ${s}`;
  for (const x of change.dropped) {
    emit(Phase.CreateTypes, change.kind, attr(`DROP ATTRIBUTE ${quoteIdent(x.name)}`), [attr(`ADD ATTRIBUTE ${compositeAttribute(x)}`)], { ...on, ...(usedBy.length > 0 ? { hazards: [hz('deletes-data', `drops attribute ${x.name} from the values of ${b.name} stored in tables`)] } : {}) });
  }
  for (const x of change.added) emit(Phase.CreateTypes, change.kind, attr(`ADD ATTRIBUTE ${compositeAttribute(x)}`), [attr(`DROP ATTRIBUTE ${quoteIdent(x.name)}`)], on);
  for (const { from: x, to: y } of change.altered) {
    if (usedBy.length === 0) {
      emit(Phase.CreateTypes, change.kind, attr(`ALTER ATTRIBUTE ${quoteIdent(y.name)} TYPE ${y.type}${collateClause(y.collation)}`), [attr(`ALTER ATTRIBUTE ${quoteIdent(x.name)} TYPE ${x.type}${collateClause(x.collation)}`)], on);
    } else {
      const why = `PostgreSQL cannot change the type of an attribute of ${b.name} while a column uses the type: attribute ${y.name} is dropped and added again, its stored values are lost`;
      emit(Phase.CreateTypes, change.kind, attr(`DROP ATTRIBUTE ${quoteIdent(x.name)}`), [attr(`ADD ATTRIBUTE ${compositeAttribute(x)}`)], { ...on, hazards: [hz('deletes-data', why)] });
      emit(Phase.CreateTypes, change.kind, attr(`ADD ATTRIBUTE ${compositeAttribute(y)}`), [attr(`DROP ATTRIBUTE ${quoteIdent(y.name)}`)], on);
    }
  }
  if (change.commentChanged) emit(Phase.CreateTypes, change.kind, commentOn('TYPE', t, b.comment), [commentOn('TYPE', q(a), a.comment)], on);
  for (const y of change.commented) {
    const was = a.attributes.find((x) => x.name === y.name)?.comment ?? null;
    emit(Phase.CreateTypes, change.kind, commentOn('COLUMN', `${t}.${quoteIdent(y.name)}`, y.comment), [commentOn('COLUMN', `${t}.${quoteIdent(y.name)}`, was)], on);
  }
}


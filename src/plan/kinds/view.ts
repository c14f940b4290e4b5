// Views and materialized views: created, dropped (a materialized view's rows with it), options and comments (the view's, its columns') altered in place, anything else re-created.
import type { ChangeOf } from '../../diff/changes.js';
import { quoteIdent } from '../../schema/quote.js';
import { commentOn, createView, dropView, q, storageOptions } from '../ddl.js';
import { relationKey } from '../order.js';
import { Phase, hz, key, type PlanContext, type Planners } from '../context.js';

export const VIEW_PLANNERS: Planners<'AddView' | 'DropView' | 'ModifyView'> = {
  AddView: planAddView,
  DropView: planDropView,
  ModifyView: planModifyView,
};

function planAddView(change: ChangeOf<'AddView'>, { emit }: PlanContext): void {
  const [create, ...rest] = createView(change.view);
  emit(Phase.CreateViews, change.kind, create!, [dropView(change.view)], { creates: relationKey(change.view) });
  for (const s of rest) emit(Phase.CreateViews, change.kind, s, [], { on: relationKey(change.view) });
}

function planDropView(change: ChangeOf<'DropView'>, { emit, handledViews }: PlanContext): void {
  emit(Phase.DropViews, change.kind, dropView(change.view), createView(change.view), {
    drops: relationKey(change.view),
    ...(change.view.materialized ? { hazards: [hz('deletes-data', `drops the rows materialized in ${change.view.name}; re-creating them re-runs its query`)] } : {}),
  });
  handledViews.add(key(change.view));
}

function planModifyView(change: ChangeOf<'ModifyView'>, { emit, viewsToRecreate, recreateView }: PlanContext): void {
  const only = change.changes;
  if (!only.definition && !only.materialized && !only.columns && !viewsToRecreate.has(key(change.to))) {
    const word = change.to.materialized ? 'MATERIALIZED VIEW' : 'VIEW';
    if (only.comment) emit(Phase.CreateViews, change.kind, commentOn(word, q(change.to), change.to.comment), [commentOn(word, q(change.from), change.from.comment)], { on: relationKey(change.to) });
    if (only.columnComments) {
      const was = new Map(change.from.columns.map((c) => [c.name, c.comment ?? null]));
      for (const c of change.to.columns) {
        const before = was.get(c.name) ?? null;
        const target = `${q(change.to)}.${quoteIdent(c.name)}`;
        if ((c.comment ?? null) !== before) emit(Phase.CreateViews, change.kind, commentOn('COLUMN', target, c.comment ?? null), [commentOn('COLUMN', target, before)], { on: relationKey(change.to) });
      }
    }
    if (only.options) {
      const up = storageOptions(word, q(change.to), change.from.options ?? [], change.to.options ?? []);
      const down = storageOptions(word, q(change.to), change.to.options ?? [], change.from.options ?? []);
      up.forEach((s, i) => emit(Phase.CreateViews, change.kind, s, i === 0 ? down : [], { on: relationKey(change.to) }));
    }
    return;
  }
  recreateView(change.from, change.to, change.kind);
}



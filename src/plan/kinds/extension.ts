// Extensions: created in their schema at their version, moved, updated.
import type { ChangeOf } from '../../diff/changes.js';
import { quoteIdent, quoteLiteral } from '../../schema/quote.js';
import { Phase, hz, type PlanContext, type Planners } from '../context.js';

export const EXTENSION_PLANNERS: Planners<'AddExtension' | 'DropExtension' | 'ModifyExtension'> = {
  AddExtension: planAddExtension,
  DropExtension: planDropExtension,
  ModifyExtension: planModifyExtension,
};

function planAddExtension(change: ChangeOf<'AddExtension'>, { emit }: PlanContext): void {
  const e = change.extension;
  emit(Phase.CreateNamespaces, change.kind, `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e.name)} WITH SCHEMA ${quoteIdent(e.schema)} VERSION ${quoteLiteral(e.version)}`, [`DROP EXTENSION ${quoteIdent(e.name)}`]);
}

function planDropExtension(change: ChangeOf<'DropExtension'>, { emit }: PlanContext): void {
  const e = change.extension;
  emit(Phase.DropNamespaces, change.kind, `DROP EXTENSION ${quoteIdent(e.name)}`, [`CREATE EXTENSION ${quoteIdent(e.name)} WITH SCHEMA ${quoteIdent(e.schema)} VERSION ${quoteLiteral(e.version)}`], { hazards: [hz('deletes-data', `dropping extension ${e.name} drops the objects it owns`)] });
}

function planModifyExtension(change: ChangeOf<'ModifyExtension'>, { emit }: PlanContext): void {
  const n = quoteIdent(change.to.name);
  if (change.from.schema !== change.to.schema) emit(Phase.CreateNamespaces, change.kind, `ALTER EXTENSION ${n} SET SCHEMA ${quoteIdent(change.to.schema)}`, [`ALTER EXTENSION ${n} SET SCHEMA ${quoteIdent(change.from.schema)}`]);
  if (change.from.version !== change.to.version) emit(Phase.CreateNamespaces, change.kind, `ALTER EXTENSION ${n} UPDATE TO ${quoteLiteral(change.to.version)}`, [`ALTER EXTENSION ${n} UPDATE TO ${quoteLiteral(change.from.version)}`]);
}



// Schemas: CREATE/DROP SCHEMA, their comments, and the grants a dropped schema had.
import type { ChangeOf } from '../../diff/changes.js';
import { quoteIdent } from '../../schema/quote.js';
import { commentOn, grant, ownerRevokes, ownerTo } from '../ddl.js';
import { Phase, type PlanContext, type Planners } from '../context.js';
import { grantPhase } from './grant.js';

export const NAMESPACE_PLANNERS: Planners<'AddNamespace' | 'DropNamespace' | 'ModifyNamespace'> = {
  AddNamespace: planAddNamespace,
  DropNamespace: planDropNamespace,
  ModifyNamespace: planModifyNamespace,
};

const schemaTarget = (name: string) => ({ kind: 'schema', schema: name, name }) as const;

function planAddNamespace(change: ChangeOf<'AddNamespace'>, { emit }: PlanContext): void {
  const n = quoteIdent(change.namespace.name);
  emit(Phase.CreateNamespaces, change.kind, `CREATE SCHEMA ${n}`, [`DROP SCHEMA ${n}`]);
  if (change.namespace.comment !== null) emit(Phase.CreateNamespaces, change.kind, commentOn('SCHEMA', n, change.namespace.comment), []);
  for (const s of ownerTo(schemaTarget(change.namespace.name), change.namespace.owner)) emit(Phase.CreateNamespaces, change.kind, s, []);
  // What its owner gives up of USAGE and CREATE goes after everything the plan creates in it.
  for (const r of ownerRevokes(schemaTarget(change.namespace.name), change.namespace.ownerRevoked)) emit(grantPhase(false, true), change.kind, r, []);
}

function planDropNamespace(change: ChangeOf<'DropNamespace'>, { emit }: PlanContext): void {
  const n = quoteIdent(change.namespace.name);
  const target = schemaTarget(change.namespace.name);
  emit(Phase.DropNamespaces, change.kind, `DROP SCHEMA ${n}`, [
    `CREATE SCHEMA ${n}`,
    ...ownerTo(target, change.namespace.owner),
    ...(change.namespace.comment !== null ? [commentOn('SCHEMA', n, change.namespace.comment)] : []),
    ...(change.namespace.grants ?? []).map((g) => grant(target, g)),
    ...ownerRevokes(target, change.namespace.ownerRevoked),
  ]);
}

function planModifyNamespace(change: ChangeOf<'ModifyNamespace'>, { emit }: PlanContext): void {
  const n = quoteIdent(change.to.name);
  emit(Phase.CreateNamespaces, change.kind, commentOn('SCHEMA', n, change.to.comment), [commentOn('SCHEMA', n, change.from.comment)]);
}



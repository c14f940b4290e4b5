// Domains: default, NOT NULL and checks altered in place; a base type change is refused.
import type { ChangeOf } from '../../diff/changes.js';
import { quoteIdent } from '../../schema/quote.js';
import { commentOn, createDomain, domainCheck, q } from '../ddl.js';
import { typeKey } from '../order.js';
import { Phase, hz, PlanError, type PlanContext, type Planners } from '../context.js';

export const DOMAIN_PLANNERS: Planners<'AddDomain' | 'DropDomain' | 'ModifyDomain'> = {
  AddDomain: planAddDomain,
  DropDomain: planDropDomain,
  ModifyDomain: planModifyDomain,
};

function planAddDomain(change: ChangeOf<'AddDomain'>, { emit }: PlanContext): void {
  const [create, ...rest] = createDomain(change.domain);
  emit(Phase.CreateTypes, change.kind, create!, [`DROP DOMAIN ${q(change.domain)}`], { creates: typeKey(change.domain) });
  for (const s of rest) emit(Phase.CreateTypes, change.kind, s, [], { on: typeKey(change.domain) });
}

function planDropDomain(change: ChangeOf<'DropDomain'>, { emit }: PlanContext): void {
  emit(Phase.DropTypes, change.kind, `DROP DOMAIN ${q(change.domain)}`, createDomain(change.domain), { drops: typeKey(change.domain) });
}

function planModifyDomain(change: ChangeOf<'ModifyDomain'>, { emit }: PlanContext): void {
  const { from: a, to: b } = change;
  const n = q(b);
  if (change.changes.baseType || change.changes.collation) throw new PlanError(`cannot plan a change of the base type or collation of domain ${b.schema}.${b.name}: PostgreSQL cannot alter it in place; create a new domain, move the columns to it in a migration, then diff again`);
  if (change.changes.default) emit(Phase.CreateTypes, change.kind, b.default === null ? `ALTER DOMAIN ${n} DROP DEFAULT` : `ALTER DOMAIN ${n} SET DEFAULT ${b.default}`, [a.default === null ? `ALTER DOMAIN ${n} DROP DEFAULT` : `ALTER DOMAIN ${n} SET DEFAULT ${a.default}`]);
  if (change.changes.notNull) emit(Phase.CreateTypes, change.kind, `ALTER DOMAIN ${n} ${b.notNull ? 'SET' : 'DROP'} NOT NULL`, [`ALTER DOMAIN ${n} ${a.notNull ? 'SET' : 'DROP'} NOT NULL`], b.notNull ? { hazards: [hz('may-fail', 'fails if a column of this domain holds NULL')] } : {});
  if (change.changes.checks) {
    for (const c of a.checks) emit(Phase.CreateTypes, change.kind, `ALTER DOMAIN ${n} DROP CONSTRAINT ${quoteIdent(c.name)}`, [domainCheck(a, c)]);
    for (const c of b.checks) emit(Phase.CreateTypes, change.kind, domainCheck(b, c), [`ALTER DOMAIN ${n} DROP CONSTRAINT ${quoteIdent(c.name)}`], c.validated === false ? {} : { hazards: [hz('may-fail', 'fails if existing values violate the check')] });
  }
  if (change.changes.comment) emit(Phase.CreateTypes, change.kind, commentOn('DOMAIN', n, b.comment), [commentOn('DOMAIN', n, a.comment)]);
}



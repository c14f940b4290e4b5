// ALTER DEFAULT PRIVILEGES: what is taken away goes first and what is given last, so that the
// objects the plan itself creates get neither (their own grants are planned with them).
import type { ChangeOf } from '../../diff/changes.js';
import { quoteIdent } from '../../schema/quote.js';
import type { DefaultPrivileges, Grant } from '../../schema/types.js';
import { Phase, type PlanContext, type Planners } from '../context.js';

export const DEFAULT_PRIVILEGES_PLANNERS: Planners<'ModifyDefaultPrivileges'> = {
  ModifyDefaultPrivileges: planDefaultPrivileges,
};

const role = (r: string): string => (r.toUpperCase() === 'PUBLIC' ? 'PUBLIC' : quoteIdent(r));
const grantKey = (g: Grant) => `${g.grantee}:${g.privilege}:${g.grantable}`;

function statement(d: DefaultPrivileges, give: boolean, g: Grant): string {
  const where = d.schema === null ? '' : ` IN SCHEMA ${quoteIdent(d.schema)}`;
  const what = `${g.privilege} ON ${d.objects.toUpperCase()}`;
  const body = give ? `GRANT ${what} TO ${role(g.grantee)}${g.grantable ? ' WITH GRANT OPTION' : ''}` : `REVOKE ${what} FROM ${role(g.grantee)}`;
  return `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(d.role)}${where} ${body}`;
}

function planDefaultPrivileges(change: ChangeOf<'ModifyDefaultPrivileges'>, { emit }: PlanContext): void {
  const { from: a, to: b } = change;
  const missing = (list: readonly Grant[], from: readonly Grant[]) => list.filter((g) => !from.some((x) => grantKey(x) === grantKey(g)));
  // A grant added or a revoked default given back is a GRANT; the others a REVOKE.
  const gives = [...missing(b.grants, a.grants), ...missing(a.revoked, b.revoked)];
  const takes = [...missing(a.grants, b.grants), ...missing(b.revoked, a.revoked)];
  for (const g of takes) emit(Phase.DropDependents, change.kind, statement(b, false, g), [statement(a, true, g)]);
  for (const g of gives) emit(Phase.AddDependents, change.kind, statement(b, true, g), [statement(a, false, g)]);
}

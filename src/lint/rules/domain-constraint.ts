// SG020: ALTER DOMAIN … ADD CONSTRAINT checks every column of that domain, blocking writes.
import type { AlterDomainStmt, Constraint } from 'libpg-query';
import { body, stringValues } from '../ast.js';
import type { StatementRule } from './context.js';

export const domainConstraint: StatementRule = (ctx) => {
  if (ctx.unit.kind !== 'AlterDomainStmt') return;
  const d = ctx.node as AlterDomainStmt;
  if (d.subtype !== 'C') return;
  const c = body<Constraint>(d.def, 'Constraint');
  if (!c || c.skip_validation) return;
  const name = stringValues(d.typeName).join('.');
  ctx.add(
    'SG020',
    c.location,
    `ALTER DOMAIN ${name} ADD CONSTRAINT${c.conname ? ` ${c.conname}` : ''} checks every column of type ${name} while blocking writes to their tables`,
    `add it NOT VALID, then ALTER DOMAIN ${name} VALIDATE CONSTRAINT … in a later migration`,
  );
};

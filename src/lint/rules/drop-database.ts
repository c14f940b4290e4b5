// SG014: DROP DATABASE has no place in a migration.
import type { DropdbStmt } from 'libpg-query';
import type { StatementRule } from './context.js';

export const dropDatabase: StatementRule = (ctx) => {
  if (ctx.unit.kind !== 'DropdbStmt') return;
  const d = ctx.node as DropdbStmt;
  ctx.add(
    'SG014',
    undefined,
    `DROP DATABASE ${d.dbname ?? ''} deletes the whole database`.replace('  ', ' '),
    'drop databases by hand, deliberately, not from a migration',
  );
};

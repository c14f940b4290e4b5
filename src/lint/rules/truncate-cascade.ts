// SG015: TRUNCATE … CASCADE empties every referencing table too, recursively, unnamed.
import type { TruncateStmt } from 'libpg-query';
import { body, displayTable, tableRef } from '../ast.js';
import type { RangeVar } from 'libpg-query';
import type { StatementRule } from './context.js';

export const truncateCascade: StatementRule = (ctx) => {
  if (ctx.unit.kind !== 'TruncateStmt') return;
  const t = ctx.node as TruncateStmt;
  if (t.behavior !== 'DROP_CASCADE') return;
  const names = (t.relations ?? []).flatMap((n) => {
    const r = tableRef(body<RangeVar>(n, 'RangeVar'));
    return r ? [displayTable(r)] : [];
  });
  ctx.add(
    'SG015',
    undefined,
    `TRUNCATE ${names.join(', ')} CASCADE also empties every table with a foreign key to ${names.length === 1 ? 'it' : 'them'}, and theirs`,
    'name every table to empty, without CASCADE',
  );
};

// SG018: DETACH PARTITION without CONCURRENTLY takes ACCESS EXCLUSIVE on the parent.
import type { RangeVar } from 'libpg-query';
import { body, displayTable } from '../ast.js';
import { alterCommandsOnExisting, type StatementRule } from './context.js';

export const detachPartition: StatementRule = (ctx) => {
  const alter = alterCommandsOnExisting(ctx, true);
  if (!alter) return;
  const t = alter.table;
  for (const cmd of alter.cmds) {
    if (cmd.subtype !== 'AT_DetachPartition') continue;
    const p = body<{ name?: RangeVar; concurrent?: boolean }>(cmd.def, 'PartitionCmd');
    if (p?.concurrent) continue;
    ctx.add(
      'SG018',
      undefined,
      `DETACH PARTITION ${p?.name?.relname ?? ''} without CONCURRENTLY locks ${displayTable(t)} against reads and writes`.replace('  ', ' '),
      'use DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+) in a file that starts with -- schemaguard:no-transaction',
    );
  }
};

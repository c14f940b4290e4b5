// SG018: DETACH PARTITION without CONCURRENTLY takes ACCESS EXCLUSIVE on the parent.
import type { AlterTableCmd, AlterTableStmt } from 'libpg-query';
import { body, displayTable, tableRef } from '../ast.js';
import type { RangeVar } from 'libpg-query';
import type { StatementRule } from './context.js';

export const detachPartition: StatementRule = (ctx) => {
  if (ctx.unit.kind !== 'AlterTableStmt') return;
  const a = ctx.node as AlterTableStmt;
  const t = tableRef(a.relation);
  if (!t || !ctx.existing(t)) return;
  for (const n of a.cmds ?? []) {
    const cmd = body<AlterTableCmd>(n, 'AlterTableCmd');
    if (cmd?.subtype !== 'AT_DetachPartition') continue;
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

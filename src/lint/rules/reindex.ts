// SG017: REINDEX without CONCURRENTLY locks out writes (and reads through the index).
import type { ReindexStmt } from 'libpg-query';
import { concurrentlyOption } from '../ast.js';
import type { StatementRule } from './context.js';

export const reindex: StatementRule = (ctx) => {
  if (ctx.unit.kind !== 'ReindexStmt') return;
  const r = ctx.node as ReindexStmt;
  // REINDEX SYSTEM has no CONCURRENTLY form: nothing safer to suggest.
  if (concurrentlyOption(r.params) || r.kind === 'REINDEX_OBJECT_SYSTEM') return;
  ctx.add(
    'SG017',
    undefined,
    `REINDEX${r.relation?.relname ? ` ${r.relation.relname}` : r.name ? ` ${r.name}` : ''} without CONCURRENTLY blocks writes to the table until it finishes`,
    'use REINDEX … CONCURRENTLY (PostgreSQL 12+) in a file that starts with -- schemaguard:no-transaction',
  );
};

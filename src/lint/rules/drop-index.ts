// SG009: DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table. Quiet for
// an index this file created, or one on a table this file created.
import type { DropStmt, IndexStmt } from 'libpg-query';
import { objectRefs, tableKey, tableRef } from '../ast.js';
import type { StatementRule } from './context.js';

export const dropIndex: StatementRule = (ctx) => {
  if (ctx.unit.kind === 'IndexStmt') {
    const ix = ctx.node as IndexStmt;
    const t = tableRef(ix.relation);
    if (ix.idxname && t && ctx.file.createdTables.has(tableKey(t))) ctx.file.createdIndexes.add(ix.idxname.toLowerCase());
    return;
  }
  if (ctx.unit.kind !== 'DropStmt') return;
  const d = ctx.node as DropStmt;
  if (d.removeType !== 'OBJECT_INDEX' || d.concurrent) return;
  const names = objectRefs(d.objects).filter((r) => !ctx.file.createdIndexes.has(r.name.toLowerCase()));
  if (names.length === 0) return;
  const shown = names.map((r) => (r.schema ? `${r.schema}.${r.name}` : r.name)).join(', ');
  ctx.add(
    'SG009',
    undefined,
    `DROP INDEX ${shown} without CONCURRENTLY locks its table against reads and writes until the drop commits`,
    'use DROP INDEX CONCURRENTLY IF EXISTS, in a file that starts with -- schemaguard:no-transaction',
  );
};

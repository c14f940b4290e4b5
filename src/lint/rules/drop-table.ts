// SG013: DROP TABLE of a table the file did not create: the previous release may still use it.
import type { DropStmt } from 'libpg-query';
import { displayTable, objectRefs } from '../ast.js';
import type { StatementRule } from './context.js';

export const dropTable: StatementRule = (ctx) => {
  if (ctx.unit.kind !== 'DropStmt' || ctx.file.down) return;
  const d = ctx.node as DropStmt;
  if (d.removeType !== 'OBJECT_TABLE') return;
  const tables = objectRefs(d.objects).filter((t) => ctx.existing(t));
  if (tables.length === 0) return;
  ctx.add(
    'SG013',
    undefined,
    `DROP TABLE ${tables.map(displayTable).join(', ')} breaks the instances of the previous release that still use it during the deploy`,
    'deploy code that no longer uses the table first, then drop it in a later migration',
  );
};

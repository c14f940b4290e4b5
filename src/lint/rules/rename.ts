// SG016: renaming a table or column in use: the previous release's queries use the old name
// and fail until every instance is replaced.
import type { RenameStmt } from 'libpg-query';
import { displayTable, tableRef } from '../ast.js';
import type { StatementRule } from './context.js';

export const rename: StatementRule = (ctx) => {
  if (ctx.unit.kind !== 'RenameStmt' || ctx.file.down) return;
  const r = ctx.node as RenameStmt;
  const t = tableRef(r.relation);
  if (!t || !r.newname || !ctx.existing(t)) return;
  if (r.renameType === 'OBJECT_COLUMN' && r.relationType === 'OBJECT_TABLE' && r.subname && !ctx.addedHere(t, r.subname)) {
    ctx.add(
      'SG016',
      undefined,
      `RENAME COLUMN ${r.subname} TO ${r.newname} on ${displayTable(t)}: instances of the previous release still use ${r.subname} and fail during the deploy`,
      `add ${r.newname}, write both and backfill, move readers to it, then drop ${r.subname} in a later migration`,
    );
  } else if (r.renameType === 'OBJECT_TABLE') {
    ctx.add(
      'SG016',
      undefined,
      `ALTER TABLE ${displayTable(t)} RENAME TO ${r.newname}: instances of the previous release still use ${t.name} and fail during the deploy`,
      `rename, then CREATE VIEW ${t.name} AS SELECT * FROM ${r.newname} in the same migration until the old code is gone (or copy the data over)`,
    );
  }
};

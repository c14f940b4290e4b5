// SG012: DROP COLUMN while the previous release still runs: its queries name the column and
// fail (INSERTs listing it, SELECTs of it) until every instance is replaced. Down files undo
// their up file and are left alone; a table this file created has no old readers.
import type { AlterTableCmd, AlterTableStmt } from 'libpg-query';
import { body, displayTable, tableRef } from '../ast.js';
import type { StatementRule } from './context.js';

export const dropColumn: StatementRule = (ctx) => {
  if (ctx.unit.kind !== 'AlterTableStmt' || ctx.file.down) return;
  const a = ctx.node as AlterTableStmt;
  const t = tableRef(a.relation);
  if (a.objtype !== 'OBJECT_TABLE' || !t || !ctx.existing(t)) return;
  for (const n of a.cmds ?? []) {
    const cmd = body<AlterTableCmd>(n, 'AlterTableCmd');
    if (cmd?.subtype !== 'AT_DropColumn' || !cmd.name || ctx.addedHere(t, cmd.name)) continue;
    ctx.add(
      'SG012',
      undefined,
      `DROP COLUMN ${cmd.name} of ${displayTable(t)} breaks the instances of the previous release that still read or write it during the deploy`,
      'deploy code that no longer uses the column first, then drop it in a later migration',
    );
  }
};

// SG012: DROP COLUMN while the previous release still runs: its queries name the column and
// fail (INSERTs listing it, SELECTs of it) until every instance is replaced. Down files undo
// their up file and are left alone; a table this file created has no old readers.
import { displayTable } from '../ast.js';
import { alterCommandsOnExisting, type StatementRule } from './context.js';

export const dropColumn: StatementRule = (ctx) => {
  const alter = ctx.file.down ? null : alterCommandsOnExisting(ctx);
  if (!alter) return;
  const t = alter.table;
  for (const cmd of alter.cmds) {
    if (cmd.subtype !== 'AT_DropColumn' || !cmd.name || ctx.addedHere(t, cmd.name)) continue;
    ctx.add(
      'SG012',
      undefined,
      `DROP COLUMN ${cmd.name} of ${displayTable(t)} breaks the instances of the previous release that still read or write it during the deploy`,
      'deploy code that no longer uses the column first, then drop it in a later migration',
    );
  }
};

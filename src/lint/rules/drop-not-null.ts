// SG019: DROP NOT NULL lets NULLs in; readers written for a NOT NULL column break on them.
import { displayTable } from '../ast.js';
import { alterCommandsOnExisting, type StatementRule } from './context.js';

export const dropNotNull: StatementRule = (ctx) => {
  const alter = ctx.file.down ? null : alterCommandsOnExisting(ctx);
  if (!alter) return;
  const t = alter.table;
  for (const cmd of alter.cmds) {
    if (cmd.subtype !== 'AT_DropNotNull' || !cmd.name || ctx.addedHere(t, cmd.name)) continue;
    ctx.add(
      'SG019',
      undefined,
      `ALTER COLUMN ${cmd.name} DROP NOT NULL on ${displayTable(t)}: code that assumes ${cmd.name} is never NULL breaks once NULLs are written`,
      'make every reader NULL-safe first (deploy that), then drop the constraint',
    );
  }
};

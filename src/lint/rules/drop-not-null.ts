// SG019: DROP NOT NULL lets NULLs in; readers written for a NOT NULL column break on them.
import type { AlterTableCmd, AlterTableStmt } from 'libpg-query';
import { body, displayTable, tableRef } from '../ast.js';
import type { StatementRule } from './context.js';

export const dropNotNull: StatementRule = (ctx) => {
  if (ctx.unit.kind !== 'AlterTableStmt' || ctx.file.down) return;
  const a = ctx.node as AlterTableStmt;
  const t = tableRef(a.relation);
  if (a.objtype !== 'OBJECT_TABLE' || !t || !ctx.existing(t)) return;
  for (const n of a.cmds ?? []) {
    const cmd = body<AlterTableCmd>(n, 'AlterTableCmd');
    if (cmd?.subtype !== 'AT_DropNotNull' || !cmd.name || ctx.addedHere(t, cmd.name)) continue;
    ctx.add(
      'SG019',
      undefined,
      `ALTER COLUMN ${cmd.name} DROP NOT NULL on ${displayTable(t)}: code that assumes ${cmd.name} is never NULL breaks once NULLs are written`,
      'make every reader NULL-safe first (deploy that), then drop the constraint',
    );
  }
};

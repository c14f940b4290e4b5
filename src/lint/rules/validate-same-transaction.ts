// SG011: NOT VALID followed by VALIDATE in one transaction. The ADD CONSTRAINT's lock is held
// until commit, so the validating scan (SG002's own advice) blocks writes after all. Files run
// in one transaction unless their first line opts out; a DO block is always one.
import type { AlterTableCmd, AlterTableStmt, Constraint } from 'libpg-query';
import { body, displayTable, tableKey, tableRef } from '../ast.js';
import type { StatementRule } from './context.js';

export const validateSameTransaction: StatementRule = (ctx) => {
  if (ctx.unit.kind !== 'AlterTableStmt') return;
  const a = ctx.node as AlterTableStmt;
  const t = tableRef(a.relation);
  if (!t) return;
  const key = tableKey(t);
  for (const n of a.cmds ?? []) {
    const cmd = body<AlterTableCmd>(n, 'AlterTableCmd');
    if (cmd?.subtype === 'AT_AddConstraint') {
      const c = body<Constraint>(cmd.def, 'Constraint');
      if (c?.conname && c.skip_validation && ctx.existing(t)) {
        ctx.file.notValid.set(c.conname, { table: key, txn: ctx.txn, offset: ctx.unit.start });
      }
    } else if (cmd?.subtype === 'AT_ValidateConstraint' && cmd.name) {
      const added = ctx.file.notValid.get(cmd.name);
      if (!added || added.table !== key || added.txn !== ctx.txn || !ctx.inTransaction) continue;
      const at = ctx.file.source.positions.atByte(added.offset);
      ctx.add(
        'SG011',
        undefined,
        `VALIDATE CONSTRAINT ${cmd.name} runs in the same transaction as its ADD … NOT VALID (line ${at.line}): that lock on ${displayTable(t)} is still held, so the scan blocks writes`,
        ctx.unit.inBody
          ? 'move VALIDATE CONSTRAINT (and a SET NOT NULL that relies on it) out of the DO block, into the next migration'
          : 'move VALIDATE CONSTRAINT (and a SET NOT NULL that relies on it) to the next migration, or start this file with -- schemaguard:no-transaction',
      );
    }
  }
};

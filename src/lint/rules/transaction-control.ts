// SG022: BEGIN/COMMIT/… in a migration: migrate refuses the file (it opens the transaction of a
// transactional file itself, and a no-transaction file must not open one).
import type { TransactionStmt } from 'libpg-query';
import type { StatementRule } from './context.js';

const WORD: Record<string, string> = {
  TRANS_STMT_BEGIN: 'BEGIN',
  TRANS_STMT_START: 'START TRANSACTION',
  TRANS_STMT_COMMIT: 'COMMIT',
  TRANS_STMT_ROLLBACK: 'ROLLBACK',
  TRANS_STMT_SAVEPOINT: 'SAVEPOINT',
  TRANS_STMT_RELEASE: 'RELEASE',
  TRANS_STMT_ROLLBACK_TO: 'ROLLBACK TO',
  TRANS_STMT_PREPARE: 'PREPARE TRANSACTION',
  TRANS_STMT_COMMIT_PREPARED: 'COMMIT PREPARED',
  TRANS_STMT_ROLLBACK_PREPARED: 'ROLLBACK PREPARED',
};

export const transactionControl: StatementRule = (ctx) => {
  if (ctx.unit.kind !== 'TransactionStmt' || ctx.unit.inBody || ctx.file.assumeNoTransaction) return;
  const word = WORD[(ctx.node as TransactionStmt).kind ?? ''] ?? 'transaction control';
  ctx.add(
    'SG022',
    undefined,
    ctx.file.transactional
      ? `${word} in a migration that schemaguard runs in its own transaction: migrate refuses the file`
      : `${word} in a no-transaction file: migrate refuses the file`,
    ctx.file.transactional
      ? `remove it: the whole file already runs in one transaction`
      : 'remove it, or drop the -- schemaguard:no-transaction line so the file runs in one transaction',
  );
};

// The statement rules beyond the core replay (checks.ts), each in its own file, run in this
// order on every statement, before the statement's effects are recorded.
import { addColumnConstraint } from './add-column-constraint.js';
import { charType } from './char-type.js';
import type { StatementRule } from './context.js';
import { defaultVolatility } from './default-volatility.js';
import { detachPartition } from './detach-partition.js';
import { domainConstraint } from './domain-constraint.js';
import { dropColumn } from './drop-column.js';
import { dropDatabase } from './drop-database.js';
import { dropIndex } from './drop-index.js';
import { dropNotNull } from './drop-not-null.js';
import { dropTable } from './drop-table.js';
import { identifierLength } from './identifier-length.js';
import { intKey } from './int-key.js';
import { reindex } from './reindex.js';
import { rename } from './rename.js';
import { rerunnable } from './rerunnable.js';
import { timestampType } from './timestamp-type.js';
import { transactionControl } from './transaction-control.js';
import { truncateCascade } from './truncate-cascade.js';
import { validateSameTransaction } from './validate-same-transaction.js';
import { varcharType } from './varchar-type.js';

export type { FileState, RuleContext, StatementRule } from './context.js';

export const STATEMENT_RULES: readonly StatementRule[] = [
  dropIndex, addColumnConstraint, validateSameTransaction, dropColumn, dropTable, dropDatabase, truncateCascade, rename,
  reindex, detachPartition, dropNotNull, domainConstraint, rerunnable, transactionControl, defaultVolatility, charType,
  intKey, timestampType, varcharType, identifierLength,
];

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
import { IDENTIFIER_KINDS, identifierLength } from './identifier-length.js';
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

const ALTER = ['AlterTableStmt'];
const COLUMNS = ['CreateStmt', 'AlterTableStmt'];

/** Each rule with the statement kinds it reads: most statements (INSERTs…) meet no rule at all. */
export const STATEMENT_RULES: readonly (readonly [readonly string[], StatementRule])[] = [
  [['IndexStmt', 'DropStmt'], dropIndex],
  [ALTER, addColumnConstraint],
  [ALTER, validateSameTransaction],
  [ALTER, dropColumn],
  [['DropStmt'], dropTable],
  [['DropdbStmt'], dropDatabase],
  [['TruncateStmt'], truncateCascade],
  [['RenameStmt'], rename],
  [['ReindexStmt'], reindex],
  [ALTER, detachPartition],
  [ALTER, dropNotNull],
  [['AlterDomainStmt'], domainConstraint],
  [['IndexStmt', 'CreateStmt', 'CreateSeqStmt', 'CreateSchemaStmt', 'CreateExtensionStmt', 'DropStmt', 'AlterTableStmt'], rerunnable],
  [['TransactionStmt'], transactionControl],
  [ALTER, defaultVolatility],
  [COLUMNS, charType],
  [COLUMNS, intKey],
  [COLUMNS, timestampType],
  [COLUMNS, varcharType],
  [IDENTIFIER_KINDS, identifierLength],
];

/** The rules for one statement kind, in the order above. */
export const RULES_BY_KIND: ReadonlyMap<string, readonly StatementRule[]> = (() => {
  const map = new Map<string, StatementRule[]>();
  for (const [kinds, rule] of STATEMENT_RULES) for (const k of kinds) map.set(k, [...(map.get(k) ?? []), rule]);
  return map;
})();

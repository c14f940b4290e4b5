// A plan is data: ordered statements, each with its SQL, the statements that undo it, whether
// it may run inside a transaction, and what it costs on a live database.
import type { ChangeKind } from '../diff/changes.js';

export type HazardKind = 'deletes-data' | 'rewrites-table' | 'blocking-lock' | 'may-fail' | 'index-build';

export interface Hazard {
  readonly kind: HazardKind;
  readonly message: string;
}

export interface PlannedStatement {
  readonly sql: string;
  /** Statements that undo this one, in order ([] when nothing is left to undo). */
  readonly reverse: readonly string[];
  /** False for CREATE/DROP INDEX CONCURRENTLY and the like: run alone, outside a transaction. */
  readonly transactional: boolean;
  readonly hazards: readonly Hazard[];
  /** The change this statement implements. */
  readonly change: ChangeKind;
}

export interface Plan {
  readonly statements: readonly PlannedStatement[];
}

// SG004: ADD COLUMN … NOT NULL (or PRIMARY KEY) without a DEFAULT on a table that existed
// before this file fails as soon as the table has a row. Called by the replay (checks.ts) for
// an added column that does not rewrite the table (SG003 says that first).
import type { ColumnDef, Constraint } from 'libpg-query';
import type { Report } from './table-rewrite.js';

export function notNullWithoutDefault(add: Report, table: string, col: ColumnDef & { colname: string }, cons: readonly Constraint[]): void {
  const notNull = cons.some((c) => c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY');
  if (!notNull || cons.some((c) => c.contype === 'CONSTR_DEFAULT')) return;
  add(
    'SG004',
    col.location,
    `ADD COLUMN ${col.colname} NOT NULL without a DEFAULT fails if existing table ${table} has any row`,
    'give it a DEFAULT, or add it nullable, backfill, and set NOT NULL through a validated CHECK',
  );
}

// SG023: ADD COLUMN … DEFAULT f() on an existing table where f is neither a known volatile
// function (SG003: a rewrite) nor a known immutable/stable one: a user function. If it is
// volatile, PostgreSQL rewrites the table; lint cannot tell without the catalog.
import type { Constraint } from 'libpg-query';
import { NON_VOLATILE_FUNCTIONS, VOLATILE_FUNCTIONS } from '../../schema/volatility.js';
import { body, displayTable, functionNames } from '../ast.js';
import { columnsAddedToExisting, type StatementRule } from './context.js';

export const defaultVolatility: StatementRule = (ctx) => {
  const added = columnsAddedToExisting(ctx);
  if (!added) return;
  const t = added.table;
  for (const col of added.columns) {
    const def = (col.constraints ?? []).map((c) => body<Constraint>(c, 'Constraint')).find((c) => c?.contype === 'CONSTR_DEFAULT');
    if (!def) continue;
    const names = functionNames(def.raw_expr);
    if (names.some((f) => VOLATILE_FUNCTIONS.has(f))) continue;
    const unknown = names.find((f) => !NON_VOLATILE_FUNCTIONS.has(f));
    if (!unknown) continue;
    ctx.add(
      'SG023',
      def.location,
      `ADD COLUMN ${col.colname} DEFAULT ${unknown}(…) on existing table ${displayTable(t)}: if ${unknown} is volatile, the table is rewritten under an ACCESS EXCLUSIVE lock`,
      `declare ${unknown} IMMUTABLE or STABLE if it is; otherwise add the column without the default, SET DEFAULT afterwards and backfill in batches`,
    );
  }
};

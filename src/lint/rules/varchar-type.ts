// SG027: varchar(n) where text would do.
import { displayTable } from '../ast.js';
import { typedColumns } from './column-types.js';
import type { StatementRule } from './context.js';

export const varcharType: StatementRule = (ctx) => {
  for (const c of typedColumns(ctx)) {
    if (c.type.name !== 'varchar' || c.type.mods.length === 0) continue;
    ctx.add(
      'SG027',
      c.location,
      `${displayTable(c.table)}.${c.name} is varchar(${c.type.mods[0]}): raising the limit later is another migration`,
      `use text, with CHECK (char_length(${c.name}) <= ${c.type.mods[0]}) if the limit is a rule of the data`,
    );
  }
};

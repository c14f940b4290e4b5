// SG024: char(n) (bpchar): blank-padded, compared ignoring trailing spaces, never faster than text.
import { displayTable } from '../ast.js';
import { typedColumns } from './column-types.js';
import type { StatementRule } from './context.js';

export const charType: StatementRule = (ctx) => {
  for (const c of typedColumns(ctx)) {
    if (c.type.name !== 'bpchar') continue;
    ctx.add(
      'SG024',
      c.location,
      `${displayTable(c.table)}.${c.name} is char(${c.type.mods[0] ?? 1}): values are blank-padded and compare ignoring trailing spaces`,
      `use text${c.type.mods[0] ? `, with CHECK (char_length(${c.name}) = ${c.type.mods[0]}) if the length is a rule` : ''}`,
    );
  }
};

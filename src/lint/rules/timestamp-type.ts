// SG026: timestamp without time zone.
import { displayTable } from '../ast.js';
import { typedColumns } from './column-types.js';
import type { StatementRule } from './context.js';

export const timestampType: StatementRule = (ctx) => {
  for (const c of typedColumns(ctx)) {
    if (c.type.name !== 'timestamp') continue;
    ctx.add(
      'SG026',
      c.location,
      `${displayTable(c.table)}.${c.name} is timestamp without time zone: its values mean different instants to sessions in different zones`,
      'use timestamptz',
    );
  }
};

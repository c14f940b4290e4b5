// SG025: a 32-bit (or 16-bit) primary key: 2,147,483,647 ids, and widening it rewrites the
// table and every referencing column.
import { displayTable } from '../ast.js';
import { typedColumns } from './column-types.js';
import type { StatementRule } from './context.js';

const SMALL = new Set(['int4', 'int2', 'serial', 'serial4', 'smallserial', 'serial2']);

export const intKey: StatementRule = (ctx) => {
  for (const c of typedColumns(ctx)) {
    if (!c.primaryKey || !SMALL.has(c.type.name) || c.type.array) continue;
    const serial = c.type.name.includes('serial');
    ctx.add(
      'SG025',
      c.location,
      `primary key ${displayTable(c.table)}.${c.name} is ${c.type.name}: it runs out at ${c.type.name.endsWith('2') ? '32,767' : '2,147,483,647'} and widening it later rewrites the table`,
      serial ? 'use bigserial, or bigint GENERATED ALWAYS AS IDENTITY' : 'use bigint (GENERATED ALWAYS AS IDENTITY for a generated key)',
    );
  }
};

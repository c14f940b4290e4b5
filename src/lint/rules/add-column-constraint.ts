// SG010: a key or reference written inline in ADD COLUMN on an existing table. The column is
// new (all NULL or default), but UNIQUE/PRIMARY KEY still build an index under the ACCESS
// EXCLUSIVE lock of ADD COLUMN, and REFERENCES locks the referenced table too.
import type { Constraint } from 'libpg-query';
import { body, displayTable, tableRef, typeInfo } from '../ast.js';
import { columnsAddedToExisting, type StatementRule } from './context.js';

const SERIAL = new Set(['serial', 'serial4', 'serial8', 'bigserial', 'smallserial', 'serial2']);

export const addColumnConstraint: StatementRule = (ctx) => {
  const added = columnsAddedToExisting(ctx);
  if (!added) return;
  const t = added.table;
  for (const col of added.columns) {
    for (const cn of col.constraints ?? []) {
      const c = body<Constraint>(cn, 'Constraint');
      if (!c) continue;
      const column = `ADD COLUMN ${col.colname}`;
      if (c.contype === 'CONSTR_FOREIGN') {
        const to = tableRef(c.pktable);
        ctx.add(
          'SG010',
          c.location,
          `${column} … REFERENCES${to ? ` ${displayTable(to)}` : ''} on existing table ${displayTable(t)} adds a validated foreign key while locking both tables`,
          `add the column bare, then ADD CONSTRAINT … FOREIGN KEY (${col.colname}) REFERENCES … NOT VALID, and VALIDATE CONSTRAINT in a later migration`,
        );
      } else if (c.contype === 'CONSTR_UNIQUE' || c.contype === 'CONSTR_PRIMARY') {
        const what = c.contype === 'CONSTR_UNIQUE' ? 'UNIQUE' : 'PRIMARY KEY';
        const type = typeInfo(col.typeName);
        const serial = type && SERIAL.has(type.name) ? `${type.name.toUpperCase()} ` : '';
        ctx.add(
          'SG010',
          c.location,
          `${column} ${serial}${what} on existing table ${displayTable(t)} builds its unique index while blocking reads and writes`,
          `add the column bare (filled), CREATE UNIQUE INDEX CONCURRENTLY on it, then ADD CONSTRAINT … ${what} USING INDEX`,
        );
      }
    }
  }
};

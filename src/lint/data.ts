// SG005: does the table or column a migration drops still hold data in the target database?
// Names reach SQL only as bind parameters (to_regclass) or through the quoting functions.
import type { Sql } from '../db/connect.js';
import { UsageError } from '../errors.js';
import { quoteIdent, quoteQualified } from '../schema/quote.js';
import type { TableRef } from './ast.js';

/** Counting stops here: "at least a million rows" is enough to say data would be lost. */
export const COUNT_CAP = 1_000_000;

export interface DataAtRisk {
  /** Rows (DROP TABLE) or non-null values (DROP COLUMN), capped at COUNT_CAP + 1. */
  readonly rows: number;
  readonly capped: boolean;
}

/** Null when the object does not exist there (not created yet, or already dropped) or is empty. */
export async function dataAtRisk(sql: Sql, table: TableRef, column: string | null): Promise<DataAtRisk | null> {
  try {
    return await countAtRisk(sql, table, column);
  } catch (error) {
    // A role that may not look (no USAGE on the schema, no SELECT on the table) cannot say
    // whether data would be lost: one line, exit 2, rather than a guess or an internal error.
    if ((error as { code?: string }).code === '42501') {
      const name = table.schema ? `${table.schema}.${table.name}` : table.name;
      throw new UsageError(`lint --db: cannot check the data in ${JSON.stringify(name)}: ${(error as Error).message} (grant the role USAGE and SELECT, or lint without --db)`, { cause: error });
    }
    throw error;
  }
}

async function countAtRisk(sql: Sql, table: TableRef, column: string | null): Promise<DataAtRisk | null> {
  const regclass = table.schema ? quoteQualified(table.schema, table.name) : quoteIdent(table.name);
  const found = await sql<{ nspname: string; relname: string; relkind: string; has_column: boolean }[]>`
    select n.nspname, c.relname, c.relkind::text as relkind,
           exists (select 1 from pg_attribute a
                   where a.attrelid = c.oid and a.attname = ${column ?? ''} and a.attnum > 0 and not a.attisdropped) as has_column
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.oid = to_regclass(${regclass})`;
  const rel = found[0];
  if (!rel || !['r', 'p', 'm'].includes(rel.relkind)) return null;
  if (column !== null && !rel.has_column) return null;
  const target = quoteQualified(rel.nspname, rel.relname);
  const where = column === null ? '' : ` where ${quoteIdent(column)} is not null`;
  const [row] = await sql.unsafe<{ n: string }[]>(
    `select count(*)::text as n from (select 1 from ${target}${where} limit ${COUNT_CAP + 1}) s`,
  );
  const rows = Number(row?.n ?? 0);
  return rows === 0 ? null : { rows, capped: rows > COUNT_CAP };
}

// Evidence only the database has: how much legacy and undeclared tables are still used, and
// samples of JSONB documents. Gathered before the (pure) audit runs.
import type { z } from 'zod';
import type { Sql } from '../db/connect.js';
import { quoteQualified, quoteIdent } from '../schema/quote.js';
import type { Schema } from '../schema/types.js';
import type { TableUsage } from './finding.js';
import { validateSample, type JsonSampleResult } from './jsonb.js';

/** Rows are counted exactly up to this many; beyond, the report says "N+". */
export const ROW_COUNT_CAP = 1_000_000;

/**
 * Usage of the given tables: statistics first (our own counting scans must not count as
 * reads), then exact row counts up to ROW_COUNT_CAP.
 */
export async function collectUsage(sql: Sql, tables: readonly { schema: string; name: string }[]): Promise<Map<string, TableUsage>> {
  const usage = new Map<string, TableUsage>();
  if (tables.length === 0) return usage;
  const [{ version }] = (await sql.unsafe(`select current_setting('server_version_num')::int as version`)) as unknown as [{ version: number }];
  const lastRead = version >= 160000 ? `greatest(last_seq_scan, last_idx_scan)::text` : 'null::text';
  const stats = (await sql.unsafe(
    `select schemaname as schema, relname as name,
            (coalesce(seq_scan, 0) + coalesce(idx_scan, 0))::text as reads,
            (n_tup_ins + n_tup_upd + n_tup_del)::text as writes,
            ${lastRead} as last_read
       from pg_catalog.pg_stat_user_tables
      where (schemaname || '.' || relname) = any($1::text[])`,
    [tables.map((t) => `${t.schema}.${t.name}`)],
  )) as unknown as { schema: string; name: string; reads: string; writes: string; last_read: string | null }[];
  const byKey = new Map(stats.map((s) => [`${s.schema}.${s.name}`, s]));
  const counts = await countRows(sql, tables);
  for (const t of tables) {
    const n = counts.get(`${t.schema}.${t.name}`) ?? 0;
    const s = byKey.get(`${t.schema}.${t.name}`);
    usage.set(`${t.schema}.${t.name}`, {
      rowCount: Math.min(n, ROW_COUNT_CAP),
      rowCountCapped: n > ROW_COUNT_CAP,
      reads: Number(s?.reads ?? 0),
      writes: Number(s?.writes ?? 0),
      lastRead: s?.last_read ?? null,
    });
  }
  return usage;
}

/**
 * Exact row counts (capped), in a read-only transaction that is rolled back. Our own counting
 * scans must not show up as "reads" in the next audit's evidence: where the role may
 * (superuser), statistics are switched off for the transaction; otherwise they count, and the
 * next audit sees one scan per table per audit.
 */
async function countRows(sql: Sql, tables: readonly { schema: string; name: string }[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await sql
    .begin('read only', async (tx) => {
      await tx.unsafe('savepoint quiet');
      try {
        await tx.unsafe('set local track_counts = off');
      } catch {
        await tx.unsafe('rollback to savepoint quiet');
      }
      for (const t of tables) {
        const [{ n }] = (await tx.unsafe(`select count(*)::int as n from (select 1 from ${quoteQualified(t.schema, t.name)} limit ${ROW_COUNT_CAP + 1}) as capped`)) as unknown as [{ n: number }];
        counts.set(`${t.schema}.${t.name}`, n);
      }
      // Nothing to keep: roll back so not even the transaction itself is recorded as work.
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return counts;
}

class RolledBack extends Error {}

/**
 * Validate up to `limit` non-null documents of each JSON column that declared a shape and
 * exists in the database. Samples are the first rows in physical order: cheap on any size of
 * table (no sort), and the same rows each run on an unchanged table.
 */
export async function collectJsonSamples(sql: Sql, actual: Schema, shapes: ReadonlyMap<string, z.ZodType>, limit: number): Promise<JsonSampleResult[]> {
  if (limit <= 0) return [];
  const results: JsonSampleResult[] = [];
  for (const [key, shape] of [...shapes.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const table = actual.tables.find((t) => key.startsWith(`${t.schema}.${t.name}.`) && t.columns.some((c) => key === `${t.schema}.${t.name}.${c.name}`));
    if (!table) continue;
    const column = key.slice(table.schema.length + table.name.length + 2);
    const type = table.columns.find((c) => c.name === column)!.type;
    if (type !== 'jsonb' && type !== 'json') continue;
    const rows = (await sql.unsafe(
      `select ${quoteIdent(column)}::text as doc from ${quoteQualified(table.schema, table.name)} where ${quoteIdent(column)} is not null limit ${Math.floor(limit)}`,
    )) as unknown as { doc: string }[];
    results.push(validateSample({ column: key, documents: rows.map((r) => JSON.parse(r.doc) as unknown) }, shape));
  }
  return results;
}

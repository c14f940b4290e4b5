// What a rollback would destroy: the tables its down files DROP, and which of them hold rows.
// Read-only and bounded (at most MAX_CHECKED tables, under a short lock and statement timeout),
// so asking costs nothing the prompt is not worth.
import type { Sql } from '../db/connect.js';
import { quoteIdent, quoteIdentIfNeeded, quoteLiteral } from '../schema/quote.js';
import type { Script } from './script.js';

export interface DroppedTable {
  /** As the down file names it, quoted where needed: schema.name or name (resolved through search_path). */
  readonly name: string;
  /** true: holds rows; false: exists and is empty; null: could not be checked (lock, permission). */
  readonly hasRows: boolean | null;
}

export interface DroppedTables {
  /** The dropped tables that exist now, in the order the down files drop them. */
  readonly tables: readonly DroppedTable[];
  /** Tables past MAX_CHECKED, not probed. */
  readonly unchecked: number;
}

export const MAX_CHECKED = 20;

interface Ref {
  readonly schema: string | null;
  readonly name: string;
}

/** DROP TABLE targets of these scripts, first mention first, each once. */
export function droppedTableRefs(scripts: readonly Script[]): Ref[] {
  const seen = new Map<string, Ref>();
  for (const script of scripts) {
    for (const st of script.statements) {
      const drop = (st.node as { DropStmt?: { removeType?: string; objects?: unknown[] } }).DropStmt;
      if (drop?.removeType !== 'OBJECT_TABLE') continue;
      for (const o of drop.objects ?? []) {
        const parts = ((o as { List?: { items?: { String?: { sval?: string } }[] } }).List?.items ?? []).map((i) => i.String?.sval);
        const name = parts[parts.length - 1];
        if (!name || parts.length > 2) continue;
        const schema = parts.length === 2 ? (parts[0] ?? null) : null;
        seen.set(`${schema ?? ''}\u0000${name}`, { schema, name });
      }
    }
  }
  return [...seen.values()];
}

function quoted(ref: Ref): string {
  return ref.schema === null ? quoteIdent(ref.name) : `${quoteIdent(ref.schema)}.${quoteIdent(ref.name)}`;
}

/**
 * Which dropped tables exist and hold a row: every table in one statement, sent with its
 * read-only transaction in one round trip. Should that fail (a table locked past the short
 * lock_timeout, no permission on one), each table is probed on its own, so that only the
 * tables that cannot be checked are marked so.
 */
export async function droppedTables(sql: Sql, scripts: readonly Script[]): Promise<DroppedTables> {
  const refs = droppedTableRefs(scripts);
  const checked = refs.slice(0, MAX_CHECKED);
  const unchecked = refs.length - checked.length;
  if (checked.length === 0) return { tables: [], unchecked };
  const together = await probeTogether(sql, checked).catch(() => null);
  return { tables: together ?? (await probeEach(sql, checked)), unchecked };
}

function shown(ref: Ref): string {
  return ref.schema === null ? quoteIdentIfNeeded(ref.name) : `${quoteIdentIfNeeded(ref.schema)}.${quoteIdentIfNeeded(ref.name)}`;
}

// query_to_xml runs the row probe of a table known only once to_regclass has found it.
const PROBE = (names: readonly string[]) => `SELECT r.ord::int AS ord, c.oid IS NOT NULL AS found,
  CASE WHEN c.oid IS NOT NULL THEN (pg_catalog.xpath('/row/e/text()', pg_catalog.query_to_xml(pg_catalog.format('SELECT EXISTS (SELECT FROM %s) AS e', c.oid::pg_catalog.regclass), false, true, '')))[1]::text = 'true' END AS has_rows
FROM unnest(ARRAY[${names.map(quoteLiteral).join(', ')}]::text[]) WITH ORDINALITY AS r(name, ord)
LEFT JOIN LATERAL (SELECT pg_catalog.to_regclass(r.name)::oid AS oid) c ON true
ORDER BY r.ord`;

async function probeTogether(sql: Sql, refs: readonly Ref[]): Promise<DroppedTable[]> {
  // Sent back to back: postgres.js pipelines them on the one connection.
  // A table locked by a running migration or a long transaction must not hang the prompt.
  const begin = sql.unsafe(`BEGIN READ ONLY; SET LOCAL lock_timeout = '2s'; SET LOCAL statement_timeout = '5s'`);
  const probe = sql.unsafe<{ ord: number; found: boolean; has_rows: boolean | null }[]>(PROBE(refs.map(quoted)));
  const end = sql.unsafe('COMMIT');
  // No ROLLBACK after a failure: the COMMIT of an aborted transaction rolls it back.
  const [b, p, e] = await Promise.allSettled([begin, probe, end]);
  for (const r of [b, p, e]) if (r.status === 'rejected') throw r.reason;
  if (p.status === 'rejected') throw p.reason;
  return p.value.filter((r) => r.found).map((r) => ({ name: shown(refs[r.ord - 1]!), hasRows: r.has_rows }));
}

/** Probe each dropped table that exists for a row, each in a read-only transaction of its own. */
async function probeEach(sql: Sql, refs: readonly Ref[]): Promise<DroppedTable[]> {
  const tables: DroppedTable[] = [];
  for (const ref of refs) {
    const name = shown(ref);
    try {
      const hasRows = await sql.begin('read only', async (tx) => {
        await tx.unsafe(`set local lock_timeout = '2s'`);
        await tx.unsafe(`set local statement_timeout = '5s'`);
        const [found] = await tx.unsafe<{ oid: string | null }[]>('select to_regclass($1)::oid as oid', [quoted(ref)]);
        if (!found?.oid) return undefined;
        const [probe] = await tx.unsafe<{ has_rows: boolean }[]>(`select exists (select from ${quoted(ref)}) as has_rows`);
        return probe?.has_rows ?? null;
      });
      if (hasRows !== undefined) tables.push({ name, hasRows });
    } catch {
      tables.push({ name, hasRows: null });
    }
  }
  return tables;
}

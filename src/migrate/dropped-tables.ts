// What a rollback would destroy: the tables its down files DROP, and which of them hold rows.
// Read-only and bounded (one `exists` probe per table, at most MAX_CHECKED tables, each under a
// short lock and statement timeout), so asking costs nothing the prompt is not worth.
import type { Sql } from '../db/connect.js';
import { quoteIdent, quoteIdentIfNeeded } from '../schema/quote.js';
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

/** Probe each dropped table that exists for a row, in a read-only transaction. */
export async function droppedTables(sql: Sql, scripts: readonly Script[]): Promise<DroppedTables> {
  const refs = droppedTableRefs(scripts);
  const checked = refs.slice(0, MAX_CHECKED);
  const tables: DroppedTable[] = [];
  for (const ref of checked) {
    const name = ref.schema === null ? quoteIdentIfNeeded(ref.name) : `${quoteIdentIfNeeded(ref.schema)}.${quoteIdentIfNeeded(ref.name)}`;
    try {
      const hasRows = await sql.begin('read only', async (tx) => {
        // A table locked by a running migration or a long transaction must not hang the prompt.
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
  return { tables, unchecked: refs.length - checked.length };
}

// Index validity for the runner (issue 16): a CREATE INDEX / REINDEX CONCURRENTLY that fails
// (lock_timeout, a cancel, a duplicate key) leaves an INVALID index behind, and an
// `IF NOT EXISTS` retry then skips the build. So the runner checks the indexes a statement
// names after it runs, drops the invalid ones its own attempt left (never one that existed
// before, or one another session is building), and refuses to record a file while an index
// it names is invalid.
import type { Sql } from '../db/connect.js';
import { quoteIdent, quoteLiteral, quoteQualified } from '../schema/quote.js';
import type { Statement } from './script.js';

/** What a statement names, as SQL conditions over `pg_index i JOIN pg_class c ON c.oid = i.indexrelid`. */
export interface IndexTarget {
  /** The indexes the statement builds or rebuilds (null: it names none, e.g. an unnamed CREATE INDEX). */
  readonly named: string | null;
  /** Where a failed attempt can leave an invalid index: the indexes of the table(s) concerned. */
  readonly scope: string;
}

interface RangeVar {
  readonly schemaname?: string;
  readonly relname?: string;
}

function relation(rv: RangeVar | undefined): string | null {
  if (!rv?.relname) return null;
  return rv.schemaname ? quoteQualified(rv.schemaname, rv.relname) : quoteIdent(rv.relname);
}

/** `to_regclass('…')`: unqualified names resolve through search_path, as the statement's did. */
const regclass = (quoted: string) => `pg_catalog.to_regclass(${quoteLiteral(quoted)})`;

/** The indexes a CREATE INDEX or REINDEX statement names; [] for any other statement. */
export function indexTargetsOf(st: Statement): IndexTarget[] {
  const body = (st.node as unknown as Record<string, Record<string, unknown> | undefined>)[st.kind] ?? {};
  if (st.kind === 'IndexStmt') {
    const table = relation(body.relation as RangeVar | undefined);
    if (!table) return [];
    const onTable = `i.indrelid = ${regclass(table)}`;
    const name = typeof body.idxname === 'string' ? body.idxname : null;
    // An index lives in its table's schema, whatever the statement says.
    return [{ named: name === null ? null : `${onTable} AND c.relname = ${quoteLiteral(name)}`, scope: onTable }];
  }
  if (st.kind === 'ReindexStmt') {
    const target = relation(body.relation as RangeVar | undefined);
    switch (body.kind) {
      case 'REINDEX_OBJECT_INDEX':
        if (!target) return [];
        return [
          {
            named: `i.indexrelid = ${regclass(target)}`,
            // REINDEX CONCURRENTLY builds `<name>_ccnew` beside it, on the same table.
            scope: `i.indrelid = (SELECT x.indrelid FROM pg_catalog.pg_index x WHERE x.indexrelid = ${regclass(target)})`,
          },
        ];
      case 'REINDEX_OBJECT_TABLE':
        if (!target) return [];
        return [{ named: `i.indrelid = ${regclass(target)}`, scope: `i.indrelid = ${regclass(target)}` }];
      case 'REINDEX_OBJECT_SCHEMA': {
        if (typeof body.name !== 'string') return [];
        const inSchema = `c.relnamespace = pg_catalog.to_regnamespace(${quoteLiteral(quoteIdent(body.name))})`;
        return [{ named: inSchema, scope: inSchema }];
      }
      default:
        return [];
    }
  }
  return [];
}

const FROM = 'FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace';
const INVALID = 'NOT (i.indisvalid AND i.indisready)';
const any = (conditions: readonly string[]) => `(${conditions.map((c) => `(${c})`).join(' OR ')})`;

/** Oids of the indexes in the targets' scope now: what exists before the statement runs. */
export async function indexesInScope(sql: Sql, targets: readonly IndexTarget[]): Promise<Set<string>> {
  if (targets.length === 0) return new Set();
  const rows = await sql.unsafe<{ oid: string }[]>(`SELECT i.indexrelid::text AS oid ${FROM} WHERE ${any(targets.map((t) => t.scope))}`);
  return new Set(rows.map((r) => r.oid));
}

/**
 * Invalid indexes in scope that did not exist before the statement: the leftovers of our own
 * attempt. One that another backend is building right now (its own CREATE INDEX CONCURRENTLY
 * is invalid until it ends) is not ours, whatever the timing.
 */
export async function leftoversOf(sql: Sql, targets: readonly IndexTarget[], before: ReadonlySet<string>, pid: number): Promise<string[]> {
  if (targets.length === 0) return [];
  const rows = await sql.unsafe<{ oid: string; name: string }[]>(
    `SELECT i.indexrelid::text AS oid, format('%I.%I', n.nspname, c.relname) AS name ${FROM}
     WHERE ${INVALID} AND ${any(targets.map((t) => t.scope))}
       AND i.indexrelid NOT IN (SELECT p.index_relid FROM pg_catalog.pg_stat_progress_create_index p WHERE p.pid <> ${Number(pid)})
     ORDER BY 2`,
  );
  return rows.filter((r) => !before.has(r.oid)).map((r) => r.name);
}

/** Qualified names of the invalid (or not ready) indexes the targets name. */
export async function invalidNamed(sql: Sql, targets: readonly IndexTarget[]): Promise<string[]> {
  const named = targets.flatMap((t) => (t.named ? [t.named] : []));
  if (named.length === 0) return [];
  const rows = await sql.unsafe<{ name: string }[]>(`SELECT format('%I.%I', n.nspname, c.relname) AS name ${FROM} WHERE ${INVALID} AND ${any(named)} ORDER BY 1`);
  return rows.map((r) => r.name);
}

/**
 * A statement for the history-write transaction that raises (naming them) while an index the
 * file names is invalid, so such a file is never recorded as applied. null: the file names none.
 */
export function indexGuardSql(targets: readonly IndexTarget[]): string | null {
  const named = targets.flatMap((t) => (t.named ? [t.named] : []));
  if (named.length === 0) return null;
  return `SELECT (CASE WHEN s.bad IS NULL THEN '1' ELSE 'schemaguard-invalid-index ' || s.bad END)::integer FROM (SELECT string_agg(format('%I.%I', n.nspname, c.relname), ', ' ORDER BY n.nspname, c.relname) AS bad ${FROM} WHERE ${INVALID} AND ${any(named)}) s`;
}

/** The names an indexGuardSql failure carries (the error message quotes the failed cast). */
export function invalidFromGuard(message: string): string | null {
  const m = /schemaguard-invalid-index (.*)"\s*$/.exec(message);
  return m ? m[1]! : null;
}

/** How a user drops one (the name is already quoted by the server's format('%I.%I')). */
export function dropIndexSql(qualified: string): string {
  return `DROP INDEX CONCURRENTLY IF EXISTS ${qualified}`;
}

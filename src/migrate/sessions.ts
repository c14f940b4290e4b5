// Other sessions that matter to a migration: who holds locks on the tables it touches, which
// transactions have been open for long, which indexes a failed concurrent build left invalid.
import type { Sql } from '../db/connect.js';
import { quoteIdent, quoteQualified } from '../schema/quote.js';

export interface BlockingSession {
  readonly pid: number;
  readonly applicationName: string;
  /** null for background workers (autovacuum has no user). */
  readonly user: string | null;
  /** pg_stat_activity.backend_type: 'client backend', 'autovacuum worker', … */
  readonly backendType: string | null;
  readonly clientAddr: string | null;
  readonly state: string | null;
  readonly xactStart: Date | null;
  readonly query: string;
  /** Relations it holds locks on among those asked about (empty for long transactions). */
  readonly relations: readonly string[];
}

interface Row {
  pid: number;
  application_name: string;
  usename: string | null;
  backend_type: string | null;
  client_addr: string | null;
  state: string | null;
  xact_start: Date | null;
  query: string | null;
  relations: string[] | null;
}

function toSession(r: Row): BlockingSession {
  return {
    pid: r.pid,
    applicationName: r.application_name,
    user: r.usename,
    backendType: r.backend_type,
    clientAddr: r.client_addr,
    state: r.state,
    xactStart: r.xact_start,
    query: r.query ?? '',
    relations: r.relations ?? [],
  };
}

export function relationNames(tables: readonly { schema: string | null; name: string }[]): string[] {
  return tables.map((t) => (t.schema ? quoteQualified(t.schema, t.name) : quoteIdent(t.name)));
}

/** Sessions other than `excludePids` holding any lock on one of `relations` (quoted names). */
export async function sessionsLocking(sql: Sql, relations: readonly string[], excludePids: readonly number[]): Promise<BlockingSession[]> {
  if (relations.length === 0) return [];
  const rows = await sql<Row[]>`
    with rels as (
      select to_regclass(r) as oid from unnest(${relations as string[]}::text[]) r
    )
    select a.pid, a.application_name, a.usename, a.backend_type, host(a.client_addr) as client_addr, a.state, a.xact_start,
           left(regexp_replace(a.query, '\\s+', ' ', 'g'), 160) as query,
           array_agg(distinct format('%I.%I', n.nspname, c.relname) || ' (' || l.mode || ')') as relations
    from pg_locks l
    join pg_stat_activity a on a.pid = l.pid
    join pg_class c on c.oid = l.relation
    join pg_namespace n on n.oid = c.relnamespace
    where l.granted and l.locktype = 'relation'
      and l.relation in (select oid from rels where oid is not null)
      and l.pid <> all(${excludePids as number[]}::int[])
      and l.pid <> pg_backend_pid()
    group by a.pid, a.application_name, a.usename, a.backend_type, a.client_addr, a.state, a.xact_start, a.query
    order by a.xact_start nulls last`;
  return rows.map(toSession);
}

/** Transactions in this database open for longer than `seconds`. */
export async function longTransactions(sql: Sql, seconds: number, excludePids: readonly number[]): Promise<BlockingSession[]> {
  const rows = await sql<Row[]>`
    select a.pid, a.application_name, a.usename, a.backend_type, host(a.client_addr) as client_addr, a.state, a.xact_start,
           left(regexp_replace(a.query, '\\s+', ' ', 'g'), 160) as query, null::text[] as relations
    from pg_stat_activity a
    where a.datname = current_database() and a.xact_start < now() - make_interval(secs => ${seconds})
      and a.pid <> pg_backend_pid() and a.pid <> all(${excludePids as number[]}::int[])
      and a.backend_type = 'client backend'
    order by a.xact_start`;
  return rows.map(toSession);
}

export function describeSession(s: BlockingSession): string {
  // Background workers have no user or client: name them by what they are ("user null" before).
  const background = s.backendType !== null && s.backendType !== 'client backend';
  const parts = [
    background ? `pid ${s.pid} (${s.backendType})` : `pid ${s.pid}`,
    s.applicationName ? `application ${JSON.stringify(s.applicationName)}` : null,
    s.user !== null ? `user ${s.user}` : null,
    background ? null : `client ${s.clientAddr ?? 'local socket'}`,
    s.state ? `${s.state}` : null,
    s.xactStart ? `in a transaction since ${s.xactStart.toISOString()}` : null,
    s.relations.length > 0 ? `holding ${s.relations.join(', ')}` : null,
    s.query ? `last query: ${s.query}` : null,
  ].filter(Boolean);
  return parts.join(', ');
}

/** Indexes marked invalid: what a failed or interrupted CREATE INDEX CONCURRENTLY leaves. */
export async function invalidIndexes(sql: Sql): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select format('%I.%I', n.nspname, c.relname) as name
    from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
    where not i.indisvalid and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
    order by 1`;
  return rows.map((r) => r.name);
}

export interface IndexProgress {
  readonly phase: string;
  readonly blocksDone: number;
  readonly blocksTotal: number;
  readonly tuplesDone: number;
  readonly tuplesTotal: number;
}

/** pg_stat_progress_create_index for one backend (PostgreSQL 12+). */
export async function indexBuildProgress(sql: Sql, pid: number): Promise<IndexProgress | null> {
  const rows = await sql<{ phase: string; blocks_done: string; blocks_total: string; tuples_done: string; tuples_total: string }[]>`
    select phase, blocks_done, blocks_total, tuples_done, tuples_total
    from pg_stat_progress_create_index where pid = ${pid}`;
  const r = rows[0];
  if (!r) return null;
  return {
    phase: r.phase,
    blocksDone: Number(r.blocks_done),
    blocksTotal: Number(r.blocks_total),
    tuplesDone: Number(r.tuples_done),
    tuplesTotal: Number(r.tuples_total),
  };
}

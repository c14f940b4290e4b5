// The history table: which migrations are applied, with checksum, timing and who applied
// them. Its format version is the table's comment, so a table written by a newer
// schemaguard is refused rather than misread.
import { hostname } from 'node:os';
import type { Sql } from '../db/connect.js';
import { ConfigError } from '../errors.js';
import { quoteIdent, quoteLiteral, quoteQualified } from '../schema/quote.js';
import type { AppliedMigration } from './integrity.js';

export const HISTORY_FORMAT = 1;
export const SCHEMAGUARD_VERSION = '0.1.0';
const MARKER = /^schemaguard migration history, format (\d+)$/;

export interface HistoryTable {
  readonly schema: string;
  readonly table: string;
}

export const DEFAULT_HISTORY_TABLE: HistoryTable = { schema: 'public', table: 'schemaguard_migrations' };

/** `name` or `schema.name` (unquoted; the first dot separates them). */
export function parseHistoryTable(spec: string | undefined, flag = '--history-table'): HistoryTable {
  if (spec === undefined) return DEFAULT_HISTORY_TABLE;
  const dot = spec.indexOf('.');
  const schema = dot === -1 ? 'public' : spec.slice(0, dot);
  const table = dot === -1 ? spec : spec.slice(dot + 1);
  for (const part of [schema, table]) {
    if (part === '' || Buffer.byteLength(part) > 63 || /[\u0000-\u001f]/.test(part)) {
      throw new ConfigError(`invalid ${flag} ${JSON.stringify(spec)}: expected [schema.]name, each 1-63 bytes`);
    }
  }
  return { schema, table };
}

export function qualifiedHistory(h: HistoryTable): string {
  return quoteQualified(h.schema, h.table);
}

export function displayHistory(h: HistoryTable): string {
  return `${h.schema}.${h.table}`;
}

/** DDL creating the history table; safe to run when it exists. */
export function historyDdl(h: HistoryTable): string {
  const t = qualifiedHistory(h);
  // client_min_messages: "already exists, skipping" notices are noise here.
  return [
    `SET client_min_messages = warning`,
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(h.schema)}`,
    `CREATE TABLE IF NOT EXISTS ${t} (
  version text NOT NULL,
  name text PRIMARY KEY,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  execution_ms integer NOT NULL,
  applied_by text NOT NULL DEFAULT current_user,
  client_addr text DEFAULT host(inet_client_addr()),
  client_host text,
  baseline boolean NOT NULL DEFAULT false,
  schemaguard_version text NOT NULL
)`,
    `COMMENT ON TABLE ${t} IS ${quoteLiteral(`schemaguard migration history, format ${HISTORY_FORMAT}`)}`,
    `RESET client_min_messages`,
  ].join(';\n');
}

export interface HistoryState {
  readonly exists: boolean;
  readonly applied: AppliedMigration[];
}

interface Row {
  name: string;
  version: string;
  checksum: string;
  applied_at: Date;
  execution_ms: number;
  applied_by: string;
  client_addr: string | null;
  client_host: string | null;
  baseline: boolean;
}

/** Read the history; a missing table is an empty history, a foreign or newer one an error. */
export async function readHistory(sql: Sql, h: HistoryTable): Promise<HistoryState> {
  const found = await sql<{ comment: string | null }[]>`
    select obj_description(c.oid, 'pg_class') as comment
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${h.schema} and c.relname = ${h.table}`;
  if (found.length === 0) return { exists: false, applied: [] };
  const comment = found[0]!.comment ?? '';
  const m = MARKER.exec(comment);
  if (!m) {
    throw new ConfigError(
      `${displayHistory(h)} exists but is not a schemaguard history table; choose another with --history-table`,
    );
  }
  const format = Number(m[1]);
  if (format > HISTORY_FORMAT) {
    throw new ConfigError(
      `${displayHistory(h)} was written by a newer schemaguard (history format ${format}; this version understands ${HISTORY_FORMAT}): upgrade schemaguard`,
    );
  }
  const rows = await sql.unsafe<Row[]>(
    `select name, version, checksum, applied_at, execution_ms, applied_by, client_addr, client_host, baseline
     from ${qualifiedHistory(h)} order by version::numeric, name`,
  );
  return {
    exists: true,
    applied: rows.map((r) => ({
      name: r.name,
      version: r.version,
      checksum: r.checksum,
      appliedAt: r.applied_at,
      executionMs: Number(r.execution_ms),
      appliedBy: r.applied_by,
      clientAddr: r.client_addr,
      clientHost: r.client_host,
      baseline: r.baseline,
    })),
  };
}

export interface RecordValues {
  readonly name: string;
  readonly version: string;
  readonly checksum: string;
  /** Known duration; null: measured by the server from the transaction's start. */
  readonly executionMs: number | null;
  readonly baseline?: boolean;
}

/**
 * INSERT as literal SQL, so it can travel in the same simple-protocol message as the
 * migration's last statement and its COMMIT (all values go through quoteLiteral).
 */
export function insertHistorySql(h: HistoryTable, v: RecordValues): string {
  const ms = v.executionMs === null ? `(extract(epoch from clock_timestamp() - now()) * 1000)::integer` : String(Math.round(v.executionMs));
  return `INSERT INTO ${qualifiedHistory(h)} (version, name, checksum, execution_ms, client_host, baseline, schemaguard_version) VALUES (${[
    quoteLiteral(v.version),
    quoteLiteral(v.name),
    quoteLiteral(v.checksum),
    ms,
    quoteLiteral(hostname()),
    v.baseline ? 'true' : 'false',
    quoteLiteral(SCHEMAGUARD_VERSION),
  ].join(', ')})`;
}

/** DELETE that fails (rolling back the down migration) unless exactly one row went. */
export function deleteHistorySql(h: HistoryTable, name: string): string {
  return `WITH gone AS (DELETE FROM ${qualifiedHistory(h)} WHERE name = ${quoteLiteral(name)} RETURNING 1)
SELECT (CASE WHEN count(*) = 1 THEN '1' ELSE 'schemaguard-history-row-missing' END)::integer FROM gone`;
}

/**
 * An expression that raises unless the history shows `write` committed: it opens each migration
 * sent before the one ahead of it has answered (execute.ts runChain). A COMMIT that failed
 * (a deferred constraint) ends that transaction, so without it the next file's BEGIN would start
 * afresh and run on after a migration that was rolled back.
 */
export function committedGuardExpression(h: HistoryTable, write: { readonly kind: 'insert' | 'delete'; readonly name: string }): string {
  const recorded = `EXISTS (SELECT 1 FROM ${qualifiedHistory(h)} WHERE name = ${quoteLiteral(write.name)})`;
  return `(CASE WHEN ${write.kind === 'insert' ? '' : 'NOT '}${recorded} THEN '1' ELSE 'schemaguard-previous-not-committed' END)::integer`;
}

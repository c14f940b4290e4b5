// The audit table beside the history: one row each time `migrate force` or `migrate repair`
// rewrote the history by hand (who, when, what). A table of its own, so that every reader of
// the history table (runner, status, audit, check) sees exactly the columns it always did.
import { hostname, userInfo } from 'node:os';
import type { Sql } from '../db/connect.js';
import { ConfigError } from '../errors.js';
import { quoteIdent, quoteLiteral, quoteQualified } from '../schema/quote.js';
import { SCHEMAGUARD_VERSION, type HistoryTable } from './history.js';

export const AUDIT_FORMAT = 1;
const MARKER = `schemaguard migration history audit, format ${AUDIT_FORMAT}`;

/** `<history>_audit` in the history's schema, kept within PostgreSQL's 63 bytes. */
export function auditTable(h: HistoryTable): HistoryTable {
  let base = h.table;
  while (Buffer.byteLength(`${base}_audit`) > 63) base = base.slice(0, -1);
  return { schema: h.schema, table: `${base}_audit` };
}

export function displayAudit(h: HistoryTable): string {
  const a = auditTable(h);
  return `${a.schema}.${a.table}`;
}

/**
 * DDL creating the audit table, safe when it exists; it fails first if a table of that name
 * exists that is not ours (a user table is never written into).
 */
export function auditDdl(h: HistoryTable): string {
  const a = auditTable(h);
  const t = quoteQualified(a.schema, a.table);
  const existing = `to_regclass(${quoteLiteral(t)})`;
  return [
    `SET client_min_messages = warning`,
    `SELECT (CASE WHEN ${existing} IS NULL OR obj_description(${existing}, 'pg_class') = ${quoteLiteral(MARKER)} THEN '1' ELSE 'schemaguard-audit-table-not-ours' END)::integer`,
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(a.schema)}`,
    `CREATE TABLE IF NOT EXISTS ${t} (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL,
  migration text,
  detail jsonb NOT NULL,
  db_user text NOT NULL DEFAULT current_user,
  os_user text,
  client_host text,
  client_addr text DEFAULT host(inet_client_addr()),
  schemaguard_version text NOT NULL
)`,
    `COMMENT ON TABLE ${t} IS ${quoteLiteral(MARKER)}`,
    `RESET client_min_messages`,
  ].join(';\n');
}

export interface AuditEntry {
  readonly action: 'force' | 'repair';
  /** force: the migration the history now ends with (null: none); repair: the file re-recorded. */
  readonly migration: string | null;
  /** What changed, as JSON. */
  readonly detail: Readonly<Record<string, unknown>>;
}

/** The operating-system user running schemaguard ('' when the system cannot say). */
export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? '';
  }
}

export function insertAuditSql(h: HistoryTable, e: AuditEntry): string {
  const a = auditTable(h);
  const values = [
    quoteLiteral(e.action),
    e.migration === null ? 'NULL' : quoteLiteral(e.migration),
    `${quoteLiteral(JSON.stringify(e.detail))}::jsonb`,
    quoteLiteral(osUser()),
    quoteLiteral(hostname()),
    quoteLiteral(SCHEMAGUARD_VERSION),
  ];
  return `INSERT INTO ${quoteQualified(a.schema, a.table)} (action, migration, detail, os_user, client_host, schemaguard_version) VALUES (${values.join(', ')})`;
}

export interface AuditRow extends AuditEntry {
  readonly at: Date;
  readonly dbUser: string;
  readonly osUser: string | null;
  readonly clientHost: string | null;
}

/** The audit rows, oldest first; none when the table does not exist yet. */
export async function readAudit(sql: Sql, h: HistoryTable): Promise<AuditRow[]> {
  const a = auditTable(h);
  const [found] = await sql<{ comment: string | null }[]>`
    select obj_description(c.oid, 'pg_class') as comment
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${a.schema} and c.relname = ${a.table}`;
  if (!found) return [];
  if (found.comment !== MARKER) throw new ConfigError(`${a.schema}.${a.table} exists but is not a schemaguard audit table`);
  const rows = await sql.unsafe<{ at: Date; action: 'force' | 'repair'; migration: string | null; detail: Record<string, unknown>; db_user: string; os_user: string | null; client_host: string | null }[]>(
    `select at, action, migration, detail, db_user, os_user, client_host from ${quoteQualified(a.schema, a.table)} order by id`,
  );
  return rows.map((r) => ({ at: r.at, action: r.action, migration: r.migration, detail: r.detail, dbUser: r.db_user, osUser: r.os_user, clientHost: r.client_host }));
}

// The audit table beside the history: one row each time `migrate force` or `migrate repair`
// rewrote the history by hand (who, when, what). A table of its own, so that every reader of
// the history table (runner, status, audit, check) sees exactly the columns it always did.
import { hostname } from 'node:os';
import { osUser } from '../db/libpq.js';
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

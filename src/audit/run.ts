// The audit pipeline on an open connection: introspect the namespaces the models use, collect
// usage and JSONB samples, check the migration history, and compare. Shared by the CLI's
// `audit` (which loads the config and renders) and the library API (src/api/), so neither
// prints here.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { Sql } from '../db/connect.js';
import { introspect } from '../introspect/index.js';
import { displayHistory, type HistoryTable } from '../migrate/history.js';
import { listMigrationFiles } from '../migrate/files.js';
import { ownTables } from '../migrate/own-tables.js';
import type { CompiledModels } from '../model/compile.js';
import { emptySchema } from '../schema/types.js';
import type { AcceptedEntry } from './accepted.js';
import { auditSchemas } from './audit.js';
import { collectJsonSamples, collectUsage } from './collect.js';
import type { AuditResult, Finding } from './finding.js';
import { findingsFromHistory } from './history.js';
import { scopeSchema } from './audit.js';

export interface RunAuditInput {
  readonly sql: Sql;
  /**
   * The models, or their loading: with `namespaces` given, the database is introspected while
   * they load (compiling 1,000 tables of models takes as long as introspecting them).
   */
  readonly models: CompiledModels | Promise<CompiledModels>;
  /** The namespaces to compare (default: those the models use). */
  readonly namespaces?: readonly string[];
  readonly historyTable: HistoryTable;
  /** The --history-table spelling, for the tables introspection leaves out. */
  readonly historyTableSpec?: string;
  /** The migrations directory whose files the history is checked against (skipped when absent). */
  readonly migrationsDir?: string;
  /** Paths in history findings are relative to this (default: the process's cwd). */
  readonly cwd?: string;
  readonly accepted?: readonly AcceptedEntry[];
  /** JSONB documents to sample per column (0 skips). */
  readonly sample: number;
}

export interface RunAuditOutput {
  readonly result: AuditResult;
  /** Migration files not applied, or null when there is no directory or no history table. */
  readonly pending: string[] | null;
}

export async function runAudit(input: RunAuditInput): Promise<RunAuditOutput> {
  const { sql, historyTable } = input;
  const loading = Promise.resolve(input.models);
  // Loaded while the database is introspected (see historyFindings).
  if (input.migrationsDir !== undefined && existsSync(input.migrationsDir)) import('../migrate/index.js').catch(() => undefined);
  const introspecting = (async () => {
    const namespaces = input.namespaces ?? (await loading).schema.namespaces.map((n) => n.name);
    // A schema the models use but the database lacks is drift (its tables are missing), not a usage error.
    const existing = await existingNamespaces(sql, namespaces);
    // ownTables leaves the history table (and its audit table) out of the introspection.
    const actual = scopeSchema(existing.length > 0 ? await introspect(sql, { schemas: existing, ownTables: ownTables(input.historyTableSpec) }) : emptySchema(), namespaces);
    return { namespaces, actual };
  })();
  // A models error is the one reported, as when the models were loaded first.
  introspecting.catch(() => undefined);
  const models = await loading;
  const { namespaces, actual } = await introspecting;
  const declared = new Set(models.schema.tables.map((t) => `${t.schema}.${t.name}`));
  const usage = await collectUsage(sql, actual.tables.filter((t) => !declared.has(`${t.schema}.${t.name}`)));
  const jsonSamples = await collectJsonSamples(sql, actual, models.jsonShapes, input.sample);
  const history = input.migrationsDir === undefined ? { findings: [], pending: null } : await historyFindings(sql, input.cwd ?? process.cwd(), input.migrationsDir, historyTable);
  const result = auditSchemas({
    actual,
    desired: scopeSchema(models.schema, namespaces),
    legacy: models.legacy,
    usage,
    jsonSamples,
    historyFindings: history.findings,
    accepted: input.accepted ?? [],
  });
  return { result, pending: history.pending };
}

/**
 * Applied migrations against the files (edited, missing, out of order), when the project has a
 * migrations directory and the database a history table; otherwise nothing to say.
 */
async function historyFindings(sql: Sql, cwd: string, dir: string, h: HistoryTable): Promise<{ findings: Finding[]; pending: string[] | null }> {
  if (!existsSync(dir)) return { findings: [], pending: null };
  // migrate/index.js brings the migration runner and its SQL parser (WebAssembly): loaded only
  // when there is a history to check.
  const { historyCheck } = await import('../migrate/index.js');
  const check = await historyCheck(sql, dir, h);
  if (!check.historyExists) return { findings: [], pending: null };
  // Pending: files not applied (for the report's next steps: `migrate up` before `generate`).
  const applied = new Set(check.applied.map((a) => a.name));
  const pending = listMigrationFiles(dir).map((f) => f.name).filter((n) => !applied.has(n));
  return { findings: findingsFromHistory(check.problems, `${relative(cwd, dir) || '.'} (history ${displayHistory(h)})`), pending };
}

async function existingNamespaces(sql: Sql, names: readonly string[]): Promise<string[]> {
  const rows = (await sql.unsafe(`select nspname as name from pg_catalog.pg_namespace where nspname = any($1::text[]) order by nspname`, [names as string[]])) as unknown as { name: string }[];
  return rows.map((r) => r.name);
}

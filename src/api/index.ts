// The programmatic API: the commands' core for a team's own scripts and test setup. Every
// function is async, returns plain data, never prints and never exits; bad input and failures
// are the typed errors of src/errors.ts (UsageError, ConfigError, ConnectionError,
// MigrationFailedError), all subclasses of SchemaguardError.
//
//   import { inspect, diffSchemas, migrateUp } from 'schemaguard/api';
//
// Progress lines of a migration run go to the `log` callback (default: nowhere).
import { resolve } from 'node:path';
import type { AuditResult } from '../audit/finding.js';
import { connect } from '../db/connect.js';
import type { Change } from '../diff/changes.js';
import { diff } from '../diff/index.js';
import { ConfigError, UsageError } from '../errors.js';
import { parseHistoryTable } from '../migrate/history.js';
import { ownTables } from '../migrate/own-tables.js';
import type { Target } from '../migrate/plan.js';
import * as runner from '../migrate/runner.js';
import { parseDuration } from '../migrate/script.js';
import { plan } from '../plan/plan.js';
import { changesWithRenames, type RenameChange } from '../plan/renames.js';
import type { PlannedStatement } from '../plan/types.js';
import type { Schema } from '../schema/types.js';

export type { Schema } from '../schema/types.js';
export type { Change } from '../diff/changes.js';
export type { PlannedStatement, Hazard } from '../plan/types.js';
export type { RenameChange } from '../plan/renames.js';
export type { RunResult, StatusReport, StatusEntry } from '../migrate/runner.js';
export type { AuditResult, Finding, Severity, TableReport, Totals } from '../audit/finding.js';
export { reachesFailOn, type FailOn } from '../audit/audit.js';
export { ConfigError, ConnectionError, MigrationFailedError, SchemaguardError, UsageError } from '../errors.js';

const APPLICATION_NAME = 'schemaguard api';

function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${what} must be a non-empty string`);
  return value;
}

function requireSchema(value: unknown, what: string): Schema {
  const s = value as Partial<Schema> | null;
  if (typeof s !== 'object' || s === null || !Array.isArray(s.tables) || !Array.isArray(s.namespaces)) {
    throw new UsageError(`${what} must be a Schema (as inspect() returns it)`);
  }
  return s as Schema;
}

// ── inspect ─────────────────────────────────────────────────────────────────────────────

export interface InspectOptions {
  /** postgres:// URL of the database to read. */
  readonly db: string;
  /** Namespaces to read; default every non-system namespace. */
  readonly schemas?: readonly string[];
  /** The migration history table in use (schema.table), left out of the Schema like the default one. */
  readonly historyTable?: string;
}

/** The live database as the Schema IR (what `schemaguard inspect --format json` prints). */
export async function inspect(options: InspectOptions): Promise<Schema> {
  const url = requireString(options?.db, 'inspect: db');
  parseHistoryTable(options.historyTable, 'historyTable');
  const own = ownTables(options.historyTable);
  const [{ introspect }, sql] = await Promise.all([import('../introspect/index.js'), connect(url, { applicationName: APPLICATION_NAME, fetchTypes: false, max: 2 })]);
  try {
    return await introspect(sql, { ...(options.schemas ? { schemas: options.schemas } : {}), ownTables: own });
  } finally {
    await sql.end({ timeout: 5 }).catch(() => undefined);
  }
}

// ── diffSchemas ─────────────────────────────────────────────────────────────────────────

export interface DiffSchemasOptions {
  /**
   * Which suspected renames (RenameTable / RenameColumn changes) the SQL should perform as
   * RENAME. Default none: a suspected rename is planned as drop + add, as `schemaguard diff
   * --format sql` does without --rename.
   */
  readonly acceptRename?: (change: RenameChange) => boolean;
}

export interface SchemaDiff {
  /** What differs from `from` to `to`, suspected renames included (as `diff --format json`). */
  readonly changes: Change[];
  /** The statements that turn `from` into `to`, in order, without the trailing semicolon. */
  readonly sql: string[];
  /** The same statements with their reverse, transactionality and hazards. */
  readonly statements: readonly PlannedStatement[];
}

/** Pure: no database. The plan is the one `schemaguard diff --format sql` prints. */
export async function diffSchemas(from: Schema, to: Schema, options: DiffSchemasOptions = {}): Promise<SchemaDiff> {
  requireSchema(from, 'diffSchemas: from');
  requireSchema(to, 'diffSchemas: to');
  const changes = diff(from, to);
  const accept = options.acceptRename ?? (() => false);
  const planned = plan(changesWithRenames(from, to, accept), { from, to });
  return { changes, sql: planned.statements.map((s) => s.sql), statements: planned.statements };
}

// ── migrate ─────────────────────────────────────────────────────────────────────────────

export interface MigrateOptions {
  /** postgres:// URL of the database to migrate. */
  readonly db: string;
  /** The migrations directory (NNNNNN_name.up.sql / .down.sql pairs), relative to the process's cwd. */
  readonly dir: string;
  /** schema.table of the history (default public.schemaguard_migrations). */
  readonly historyTable?: string;
  /** Seconds to wait for another run's advisory lock (default 10, as the CLI's --lock-wait). */
  readonly lockWaitSeconds?: number;
  /** lock_timeout per statement (default '5s'; 'none' for none). */
  readonly lockTimeout?: string;
  /** statement_timeout per statement (default 'none'). */
  readonly statementTimeout?: string;
  /** Retries of a statement that hit lock_timeout (default 3). */
  readonly retries?: number;
  /** Milliseconds between retries (default 1000). */
  readonly retryDelayMs?: number;
  /** Config `strict`: a lone CREATE INDEX CONCURRENTLY file needs its directive (default false). */
  readonly strict?: boolean;
  /** Stops the run (the current migration rolls back) when aborted. */
  readonly signal?: AbortSignal;
  /** Progress and warnings, one line each (default: discarded). */
  readonly log?: (line: string) => void;
  /** Return the SQL that would run (RunResult.dryRunSql) and change nothing. */
  readonly dryRun?: boolean;
}

export interface MigrateTargetOptions extends MigrateOptions {
  /** Up: apply up to and including this migration (name or version). Down: roll back until it is the newest applied; '0' rolls back everything. */
  readonly to?: string;
  /** How many migrations to apply or roll back. */
  readonly step?: number;
}

function nonNegative(value: number | undefined, what: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new UsageError(`${what} must be a non-negative number, not ${JSON.stringify(value)}`);
  return value;
}

function nonNegativeInteger(value: number | undefined, what: string, fallback: number): number {
  const n = nonNegative(value, what, fallback);
  if (!Number.isSafeInteger(n)) throw new UsageError(`${what} must be a whole number, not ${JSON.stringify(value)}`);
  return n;
}

/** The runner's defaults (RUNNER_DEFAULTS, as the CLI's) for what the caller leaves out. */
function runnerOptions(options: MigrateOptions, fn: string): runner.MigrateOptions {
  const url = requireString(options?.db, `${fn}: db`);
  const dir = resolve(requireString(options.dir, `${fn}: dir`));
  return {
    url,
    dir,
    strict: options.strict === true,
    history: parseHistoryTable(options.historyTable, 'historyTable'),
    lockWaitMs: nonNegative(options.lockWaitSeconds, 'lockWaitSeconds', runner.RUNNER_DEFAULTS.lockWaitSeconds) * 1000,
    lockTimeout: parseDuration(options.lockTimeout ?? runner.RUNNER_DEFAULTS.lockTimeout, 'lockTimeout'),
    statementTimeout: parseDuration(options.statementTimeout ?? runner.RUNNER_DEFAULTS.statementTimeout, 'statementTimeout'),
    retries: nonNegativeInteger(options.retries, 'retries', runner.RUNNER_DEFAULTS.retries),
    retryDelayMs: nonNegative(options.retryDelayMs, 'retryDelayMs', runner.RUNNER_DEFAULTS.retryDelayMs),
    signal: options.signal ?? new AbortController().signal,
    log: options.log ?? (() => undefined),
  };
}

function targetOf(options: MigrateTargetOptions): Target {
  const { to, step } = options;
  if (to !== undefined && step !== undefined) throw new UsageError('to and step cannot be used together');
  if (step !== undefined) {
    if (!Number.isSafeInteger(step) || step < 1) throw new UsageError(`step must be a positive integer, not ${JSON.stringify(step)}`);
    return { step };
  }
  if (to !== undefined) {
    if (typeof to !== 'string' || to.trim() === '') throw new UsageError('to must name a migration');
    return { to: to.trim() };
  }
  return {};
}

/** Apply pending migrations (all, or up to `to`, or `step` of them), each in its transaction. */
export async function migrateUp(options: MigrateTargetOptions): Promise<runner.RunResult> {
  const opts = runnerOptions(options, 'migrateUp');
  return runner.migrateUp(opts, targetOf(options), options.dryRun === true);
}

/**
 * Roll back applied migrations, newest first: one by default, `step` of them, or until `to` is
 * the newest applied ('0': all). Unlike `schemaguard migrate down` this asks for no
 * confirmation: calling it is the confirmation. Use `dryRun` to see the SQL first.
 */
export async function migrateDown(options: MigrateTargetOptions): Promise<runner.RunResult> {
  const opts = runnerOptions(options, 'migrateDown');
  return runner.migrateDown(opts, targetOf(options), options.dryRun === true, async () => true);
}

export interface MigrationStatusOptions {
  readonly db: string;
  readonly dir: string;
  readonly historyTable?: string;
}

/** Applied and pending migrations with dates and checksum state. Reads only. */
export async function migrationStatus(options: MigrationStatusOptions): Promise<runner.StatusReport> {
  const url = requireString(options?.db, 'migrationStatus: db');
  const dir = resolve(requireString(options.dir, 'migrationStatus: dir'));
  return runner.migrationStatus({ url, dir, history: parseHistoryTable(options.historyTable, 'historyTable') });
}

// ── audit ───────────────────────────────────────────────────────────────────────────────

export interface AuditOptions {
  /** postgres:// URL of the database to audit. */
  readonly db: string;
  /**
   * The models: a path to the models module (DSL or Drizzle, as the config's `models`), or the
   * module's exports object (DSL tables and enums, e.g. `import * as models from './schemas'`).
   */
  readonly models: string | Record<string, unknown>;
  /** Namespaces to compare (default: those the models use). */
  readonly schemas?: readonly string[];
  readonly historyTable?: string;
  /** A migrations directory to check the history against (edited, missing, out-of-order files). */
  readonly migrationsDir?: string;
  /** Path of an accepted-drift file (as the config's `acceptedDrift`). */
  readonly acceptedDrift?: string;
  /** JSONB documents to sample per column with a declared shape (default 1000, as --sample; 0 skips). */
  readonly sample?: number;
}

export interface AuditReport extends AuditResult {
  /** Migration files not applied; null without migrationsDir or history table. */
  readonly pendingMigrations: string[] | null;
}

/** The live database against the models: what `schemaguard audit --format json` reports. */
export async function audit(options: AuditOptions): Promise<AuditReport> {
  const url = requireString(options?.db, 'audit: db');
  const history = parseHistoryTable(options.historyTable, 'historyTable');
  const sample = nonNegativeInteger(options.sample, 'sample', 1000);
  const models = await compiledModels(options.models);
  const { loadAcceptedDrift } = await import('../audit/accepted.js');
  const accepted = loadAcceptedDrift(options.acceptedDrift === undefined ? null : resolve(options.acceptedDrift));
  const { runAudit } = await import('../audit/run.js');
  const sql = await connect(url, { max: 1, applicationName: APPLICATION_NAME });
  try {
    const { result, pending } = await runAudit({
      sql,
      models,
      ...(options.schemas ? { namespaces: options.schemas } : {}),
      historyTable: history,
      ...(options.historyTable !== undefined ? { historyTableSpec: options.historyTable } : {}),
      ...(options.migrationsDir !== undefined ? { migrationsDir: resolve(options.migrationsDir) } : {}),
      accepted,
      sample,
    });
    return { ...result, pendingMigrations: pending };
  } finally {
    await sql.end({ timeout: 5 }).catch(() => undefined);
  }
}

async function compiledModels(models: AuditOptions['models']) {
  if (typeof models === 'string') {
    const { loadModels } = await import('../config/models.js');
    return loadModels({ models: resolve(requireString(models, 'audit: models')), legacy: null });
  }
  if (typeof models !== 'object' || models === null) throw new UsageError('audit: models must be a path to the models module or its exports object');
  const { compileModels } = await import('../model/compile.js');
  const compiled = compileModels(models);
  if (compiled.schema.tables.length === 0 && compiled.schema.enums.length === 0) {
    throw new ConfigError('audit: no models found in the models object: export tables declared with table() and enums declared with enumType()');
  }
  return compiled;
}

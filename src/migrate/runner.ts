// `migrate up/down/status/baseline`: the files, the history and the lock put together, with
// umzug driving the ordered run.
//
// How umzug's model is used: umzug calls a migration's `up`/`down` and then, separately,
// `storage.logMigration`/`unlogMigration`. Two separate steps would allow "applied but not
// recorded" after a crash, so our `up`/`down` write the history row inside the migration's
// own transaction (see execute.ts) and the storage's log/unlog only confirm that this
// happened. `executed()` reads the history table as umzug expects.
import type { UmzugStorage } from 'umzug';
import { connect, type Sql } from '../db/connect.js';
import { ConfigError, ConnectionError, SchemaguardError, MigrationFailedError } from '../errors.js';
import { quoteLiteral, sqlComment } from '../schema/quote.js';
import { ConnectionLostError, isConnectionLossCode, watchConnection, whileConnected, type ConnectionWatch } from './connection-watch.js';
import { runScript, startChain, formatMs, type ChainOutcome, type HistoryWrite, type Runtime } from './execute.js';
import { checksumOf, listMigrationFiles, readSqlFile, type MigrationFile } from './files.js';
import { displayHistory, historyDdl, insertHistorySql, readHistory, type HistoryState, type HistoryTable } from './history.js';
import { checkHistory, describeProblem, type AppliedMigration, type HistoryProblem } from './integrity.js';
import { acquireRunLock, assertNotPooled, KEEP_SESSION_SQL, lockGuardSql, openLockSession, sessionGuardSql, type HeldLock, type LockSession } from './lock.js';
import { stopCause, stopOn, type Stop } from './stop.js';
import { planDown, planUp, findFile, type Target } from './plan.js';
import { droppedTables, type DroppedTables } from './dropped-tables.js';
import { loadParser, prepareScripts, type Script } from './script.js';
import { loadUmzug } from './umzug-loader.js';
import { describeSession, invalidIndexes, longTransactions, relationNames, sessionsLocking } from './sessions.js';

/** What a run uses when the caller (the CLI's flags, the API's options) says nothing. */
export const RUNNER_DEFAULTS = { lockWaitSeconds: 10, lockTimeout: '5s', statementTimeout: 'none', retries: 3, retryDelayMs: 1000 } as const;

export interface MigrateOptions {
  readonly url: string;
  readonly dir: string;
  readonly history: HistoryTable;
  readonly lockWaitMs: number;
  readonly lockTimeout: string;
  readonly statementTimeout: string;
  readonly retries: number;
  readonly retryDelayMs: number;
  readonly signal: AbortSignal;
  /** Progress and warnings, one line each (the CLI sends them to stderr). */
  readonly log: (line: string) => void;
  /** Config `strict: true`: a lone CREATE INDEX CONCURRENTLY file needs its directive. */
  readonly strict?: boolean;
  /**
   * `false`: one file in flight at a time, never a chain sent ahead. A fleet stops a target
   * between two migrations (its signal fires on "applied NAME"): a file already sent behind the
   * one that finished would be cancelled mid-way and reported as failed. Default true.
   */
  readonly chain?: boolean;
}

export interface RunResult {
  readonly direction: 'up' | 'down';
  /** Migrations run, in order, with their duration. */
  readonly done: { readonly name: string; readonly ms: number }[];
  /** Set on a dry run: the SQL that would have run. */
  readonly dryRunSql?: string;
}

/** Files with their checksums; scripts are parsed only for the migrations about to run. */
function loadFiles(dir: string): { files: MigrationFile[]; sums: Map<string, string> } {
  const files = listMigrationFiles(dir);
  const sums = new Map(files.map((f) => [f.name, checksumOf(readSqlFile(f.upPath))]));
  return { files, sums };
}

function problemsOf(files: readonly MigrationFile[], sums: Map<string, string>, state: HistoryState): HistoryProblem[] {
  return checkHistory(
    state.applied,
    files.map((f) => ({ name: f.name, version: f.version, checksum: sums.get(f.name)! })),
  );
}

function refuse(problems: readonly HistoryProblem[], what: string): ConfigError {
  return new ConfigError(`${what} refused, the history does not match the migrations directory: ${problems.map(describeProblem).join('; ')}`);
}

/** The chosen files, checked all at once (migrate/script.ts prepareScripts: every refused file in one error). */
async function loadScripts(paths: readonly string[], opts: MigrateOptions): Promise<Script[]> {
  return prepareScripts(paths.map((path) => ({ path })), readSqlFile, { log: opts.log, strict: opts.strict === true });
}

const LOSS_GRACE_MS = 10_000;

function isConnectionLoss(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return !(error instanceof SchemaguardError) && typeof code === 'string' && isConnectionLossCode(code);
}

/** A connection lost outside a migration (opening, reading the history, pre-flight): nothing ran. */
function lostBeforeRunning(error: unknown): unknown {
  const code = (error as { code?: string }).code ?? '';
  if (isConnectionLoss(error)) {
    return new ConnectionError(`the connection to the server was lost before any migration ran (${code}); nothing was changed`, { cause: error });
  }
  return error;
}

async function openMigrationConnection(opts: MigrateOptions): Promise<{ sql: Sql; pid: number; lost: ConnectionWatch }> {
  const lost = watchConnection();
  const sql = await connect(opts.url, {
    max: 1,
    applicationName: 'schemaguard migrate',
    onNotice: (m) => opts.log(`  notice: ${m}`),
    onClose: lost.close,
  });
  // PostgreSQL 14+: notice within a second when this process dies mid-statement (kill -9),
  // so an orphaned migration is rolled back instead of running on holding its locks.
  // And like the lock session, it must outlive idle_session_timeout (lock.ts KEEP_SESSION_SQL).
  const [row] = await sql.unsafe<{ pid: number }[]>(`
    select pg_backend_pid() as pid,
      case when current_setting('server_version_num')::int >= 140000
        then set_config('client_connection_check_interval', '1000', false) end as checked,
      ${KEEP_SESSION_SQL} as kept`);
  return { sql, pid: row!.pid, lost };
}

export async function migrateUp(opts: MigrateOptions, target: Target, dryRun: boolean): Promise<RunResult> {
  return run(opts, 'up', target, dryRun, async () => true);
}

/** What `migrate down` is about to do, for its confirmation prompt. */
export interface RollbackPlan {
  /** Migrations to roll back, newest first. */
  readonly names: readonly string[];
  /** The tables the down files drop and which hold rows: a read-only probe, run only if asked. */
  droppedTables(): Promise<DroppedTables>;
}

/** `confirm` sees the plan before anything runs (a TTY prompt); false stops with nothing done. */
export async function migrateDown(
  opts: MigrateOptions,
  target: Target,
  dryRun: boolean,
  confirm: (plan: RollbackPlan) => Promise<boolean>,
): Promise<RunResult> {
  return run(opts, 'down', target, dryRun, confirm);
}

async function run(
  opts: MigrateOptions,
  direction: 'up' | 'down',
  target: Target,
  dryRun: boolean,
  confirm: (plan: RollbackPlan) => Promise<boolean>,
): Promise<RunResult> {
  const { files, sums } = loadFiles(opts.dir);
  const plan = (state: HistoryState) => {
    const problems = problemsOf(files, sums, state);
    if (direction === 'up' && problems.length > 0) throw refuse(problems, 'migrate up');
    const chosen = direction === 'up' ? planUp(files, state.applied, target) : planDown(files, state.applied, target);
    if (direction === 'down') {
      const blocking = problems.filter((p) => p.kind !== 'out-of-order' && chosen.some((f) => f.name === p.name));
      if (blocking.length > 0) throw refuse(blocking, 'migrate down');
    }
    return chosen;
  };

  // The parser's WASM compiles while the connections open (prepareScripts awaits the same load).
  loadParser().catch(() => undefined);
  // The lock's connection opens while we read the history and parse the files.
  const lockSession: Promise<LockSession> | undefined = dryRun ? undefined : openLockSession(opts.url);
  lockSession?.catch(() => undefined);
  let lockTaken = false;
  let sql: Sql;
  let pid: number;
  let lost: ConnectionWatch;
  try {
    ({ sql, pid, lost } = await openMigrationConnection(opts));
  } catch (error) {
    await closeUnused(lockSession);
    throw lostBeforeRunning(error);
  }
  let lock: HeldLock | undefined;
  let monitor: Sql | undefined;
  let stop: Stop | undefined;
  try {
    let state = await whileConnected(lost, readHistory(sql, opts.history));
    let chosen = plan(state);
    const scripts = new Map<string, Script>();
    const loaded = await loadScripts(chosen.map((f) => (direction === 'up' ? f.upPath : f.downPath!)), opts);
    chosen.forEach((f, i) => scripts.set(f.name, loaded[i]!));
    if (dryRun) return { direction, done: [], dryRunSql: dryRunText(opts, direction, chosen, scripts, state.exists) };
    if (chosen.length === 0) return { direction, done: [] };
    const downScripts = chosen.map((f) => scripts.get(f.name)!);
    const asked: RollbackPlan = { names: chosen.map((f) => f.name), droppedTables: () => whileConnected(lost, droppedTables(sql, downScripts)) };
    if (!(await confirm(asked))) {
      throw new ConfigError(`migrate ${direction} cancelled: nothing was changed`);
    }

    lockTaken = true;
    lock = await acquireRunLock(await lockSession!, opts.history, { waitMs: opts.lockWaitMs, signal: opts.signal, log: opts.log });
    await whileConnected(lost, assertNotPooled(opts.url, sql, pid, lock));
    // From here the lock session is kept busy and watched: its loss stops the run (stop.ts).
    lock.keepAlive();
    // The history may have moved while we waited: plan again under the lock.
    const before = chosen.map((f) => f.name).join('\n');
    state = await whileConnected(lost, readHistory(sql, opts.history));
    chosen = plan(state);
    if (direction === 'down' && chosen.map((f) => f.name).join('\n') !== before) {
      throw new ConfigError('the history changed while waiting for the lock; nothing was rolled back, run migrate down again');
    }
    if (chosen.length === 0) {
      opts.log('nothing to do: another run applied these migrations while we waited for the lock');
      return { direction, done: [] };
    }
    const missing = chosen.filter((f) => !scripts.has(f.name));
    const more = await loadScripts(missing.map((f) => (direction === 'up' ? f.upPath : f.downPath!)), opts);
    missing.forEach((f, i) => scripts.set(f.name, more[i]!));

    const heldLock = lock;
    stop = stopOn(opts.signal, heldLock.lost);
    const openMonitor = async () => (monitor ??= await connect(opts.url, { max: 1, applicationName: 'schemaguard migrate (monitor)' }));
    const rt: Runtime = {
      sql,
      pid,
      lost,
      monitor: openMonitor,
      stop,
      control: async () => (heldLock.lost.aborted ? openMonitor() : heldLock.sql),
      history: opts.history,
      lock: heldLock,
      lockTimeout: opts.lockTimeout,
      statementTimeout: opts.statementTimeout,
      retries: opts.retries,
      retryDelayMs: opts.retryDelayMs,
      signal: opts.signal,
      log: opts.log,
      historyReady: state.exists,
      current: '',
    };
    if (direction === 'up') await preflight(rt, [...scripts.values()]);
    // Once the connection is lost the server has rolled back whatever was in flight; the
    // runner then has a few seconds to learn the outcome from the history. Should anything in
    // the driver stack still wait on the dead connection, stop anyway rather than hang.
    let finished = false;
    const gaveUp = lost.whenLost.catch(async (): Promise<never> => {
      // unref: this timer must not keep a finished process alive.
      await new Promise((resolve) => setTimeout(resolve, LOSS_GRACE_MS).unref());
      if (finished) return new Promise<never>(() => undefined);
      throw new MigrationFailedError(
        `${rt.current ? `${rt.current}: ` : ''}the server closed the migration connection (terminated or restarted); the server rolled back the migration in flight; run migrate status to see what is applied`,
      );
    });
    gaveUp.catch(() => undefined);
    try {
      return await Promise.race([drive(rt, direction, chosen, scripts, sums, opts.chain !== false), gaveUp]);
    } finally {
      finished = true;
    }
  } catch (error) {
    throw lostBeforeRunning(error);
  } finally {
    stop?.dispose();
    if (!lockTaken) await closeUnused(lockSession);
    await lock?.release();
    await monitor?.end({ timeout: 2 }).catch(() => undefined);
    await sql.end({ timeout: 2 }).catch(() => undefined);
  }
}

/** Run the chosen migrations through umzug, one transaction each. */
async function drive(
  rt: Runtime,
  direction: 'up' | 'down',
  chosen: readonly MigrationFile[],
  scripts: Map<string, Script>,
  sums: Map<string, string>,
  chain: boolean,
): Promise<RunResult> {
  const done: { name: string; ms: number }[] = [];
  const written = new Set<string>();
  const writeOf = (f: MigrationFile): HistoryWrite =>
    direction === 'up' ? { kind: 'insert', name: f.name, version: f.version, checksum: sums.get(f.name)! } : { kind: 'delete', name: f.name };
  // Outcomes of files already sent in a chain (execute.ts startChain), by name.
  const sent = new Map<string, Promise<ChainOutcome>>();
  /** Send `f` and the transactional files right after it in one chain; undefined when it is alone. */
  const chainFrom = (f: MigrationFile): Promise<ChainOutcome> | undefined => {
    if (!chain) return undefined;
    const run: MigrationFile[] = [];
    for (let k = chosen.indexOf(f); k < chosen.length && scripts.get(chosen[k]!.name)!.directives.transaction; k++) run.push(chosen[k]!);
    if (run.length < 2) return undefined;
    const outcomes = startChain(rt, run.map((g) => ({ label: g.name, script: scripts.get(g.name)!, write: writeOf(g) })));
    run.forEach((g, i) => {
      // umzug stops at the first failure: the outcomes of the files after it are never awaited.
      outcomes[i]!.catch(() => undefined);
      sent.set(g.name, outcomes[i]!);
    });
    return outcomes[0];
  };
  const step = (f: MigrationFile, dir: 'up' | 'down') => async () => {
    const inFlight = sent.get(f.name);
    sent.delete(f.name);
    // A file sent in a chain that committed is reported as done even after a stop: it is applied and recorded.
    let outcome = inFlight ? await inFlight : undefined;
    if (outcome === undefined || outcome.kind === 'not-run') {
      if (rt.stop.signal.aborted) {
        const cause = stopCause(rt.stop);
        throw new MigrationFailedError(`${cause} before ${f.name}; ${done.length} migration(s) of this run completed and stay recorded`);
      }
      rt.current = f.name;
      const chained = chainFrom(f);
      sent.delete(f.name);
      outcome = chained ? await chained : undefined;
    }
    const ms =
      outcome?.kind === 'committed' ? outcome.ms : await runScript(rt, f.name, scripts.get(f.name)!, writeOf(f), outcome?.kind === 'failed' ? outcome : undefined);
    written.add(f.name);
    done.push({ name: f.name, ms });
    rt.log(`${dir === 'up' ? 'applied' : 'rolled back'} ${f.name} (${formatMs(ms)})`);
  };
  const storage: UmzugStorage = {
    executed: async () => {
      if (rt.lost.closed) throw new MigrationFailedError(`${rt.current ? `after ${rt.current}: ` : ''}the server closed the migration connection (terminated or restarted); every migration before it is applied and recorded, nothing is half done`);
      return (await whileConnected(rt.lost, readHistory(rt.sql, rt.history))).applied.map((a) => a.name);
    },
    // The history row was written inside the migration's transaction; confirm, don't write.
    logMigration: async ({ name }) => confirmWritten(written, name),
    unlogMigration: async ({ name }) => confirmWritten(written, name),
  };
  // Loaded only when there is something to run (see umzug-loader.ts for why it is special).
  const { Umzug, MigrationError } = loadUmzug();
  const umzug = new Umzug({
    migrations: chosen.map((f) => ({ name: f.name, path: f.upPath, up: step(f, 'up'), down: step(f, 'down') })),
    storage,
    logger: undefined,
  });
  const names = chosen.map((f) => f.name);
  try {
    if (direction === 'up') await umzug.up({ migrations: names });
    else await umzug.down({ migrations: names });
  } catch (error) {
    const cause = error instanceof MigrationError ? (error.cause ?? error) : error;
    if (cause instanceof SchemaguardError) {
      const earlier = done.length > 0 ? `; ${done.length} earlier migration(s) of this run stay ${direction === 'up' ? 'applied' : 'rolled back'} (${done.map((d) => d.name).join(', ')})` : '';
      if (cause instanceof MigrationFailedError) throw new MigrationFailedError(`${cause.message}${earlier}`, { cause });
      throw cause;
    }
    // A loss noticed by a query of the step itself (not by the watch's own timer), or a socket
    // error raised by one of its bookkeeping queries (ECONNRESET): the same outcome.
    if (cause instanceof ConnectionLostError || isConnectionLoss(cause)) {
      throw new MigrationFailedError(
        `${rt.current ? `${rt.current}: ` : ''}the server closed the migration connection (terminated or restarted); the server rolled back the migration in flight; run migrate status to see what is applied`,
        { cause },
      );
    }
    throw error;
  }
  return { direction, done };
}

async function closeUnused(session: Promise<LockSession> | undefined): Promise<void> {
  const s = await session?.catch(() => undefined);
  await s?.sql.end({ timeout: 1 }).catch(() => undefined);
}

function confirmWritten(written: Set<string>, name: string): void {
  if (!written.has(name)) throw new Error(`history for ${name} was not written in its transaction`);
}

/** Warn about sessions that will make this run wait, and invalid indexes already present. */
async function preflight(rt: Runtime, scripts: readonly Script[]): Promise<void> {
  const monitor = rt.sql;
  const relations = [...new Set(scripts.flatMap((s) => relationNames(s.tables)))];
  const exclude = [rt.pid, rt.lock.pid];
  const [holders, long, invalid] = await whileConnected(rt.lost, Promise.all([
    sessionsLocking(monitor, relations, exclude),
    longTransactions(monitor, 60, exclude),
    invalidIndexes(monitor),
  ]));
  for (const s of holders) rt.log(`warning: a session holds locks on tables these migrations touch: ${describeSession(s)}`);
  for (const s of long) if (!holders.some((h) => h.pid === s.pid)) rt.log(`warning: long-running transaction: ${describeSession(s)}`);
  for (const name of invalid) rt.log(`warning: invalid index ${name} (left by a failed CREATE INDEX CONCURRENTLY?): drop it with DROP INDEX CONCURRENTLY and rebuild`);
}

function dryRunText(
  opts: MigrateOptions,
  direction: 'up' | 'down',
  chosen: readonly MigrationFile[],
  scripts: Map<string, Script>,
  historyExists: boolean,
): string {
  if (chosen.length === 0) return `-- nothing to ${direction === 'up' ? 'apply' : 'roll back'}\n`;
  // Paths, migration names and the history name are data: every comment goes through sqlComment.
  const out: string[] = [sqlComment(`migrate ${direction} --dry-run: ${chosen.length} migration(s); nothing was changed`)];
  if (!historyExists) out.push(sqlComment(`the history table ${displayHistory(opts.history)} would be created`));
  for (const f of chosen) {
    const s = scripts.get(f.name)!;
    const lockTimeout = s.directives.lockTimeout ?? opts.lockTimeout;
    const statementTimeout = s.directives.statementTimeout ?? opts.statementTimeout;
    const record = direction === 'up' ? `records ${f.name} in ${displayHistory(opts.history)}` : `deletes ${f.name} from ${displayHistory(opts.history)}`;
    out.push('', sqlComment(`${s.path}${s.directives.transaction ? '' : ' (no transaction: statement by statement)'}`));
    const lt = quoteLiteral(String(lockTimeout));
    const st_ = quoteLiteral(String(statementTimeout));
    if (s.directives.transaction) out.push('BEGIN;', `SET LOCAL lock_timeout = ${lt};`, `SET LOCAL statement_timeout = ${st_};`);
    else out.push(`SET lock_timeout = ${lt};`, `SET statement_timeout = ${st_};`);
    for (const st of s.statements) out.push(`${st.sql.trim()};`);
    out.push(sqlComment(`then ${record}`));
    if (s.directives.transaction) out.push('COMMIT;');
  }
  return `${out.join('\n')}\n`;
}

export interface StatusEntry {
  readonly name: string;
  readonly state: 'applied' | 'pending' | 'changed' | 'missing-file' | 'out-of-order';
  readonly appliedAt: string | null;
  readonly executionMs: number | null;
  readonly appliedBy: string | null;
  readonly clientAddr: string | null;
  readonly clientHost: string | null;
  readonly baseline: boolean;
  readonly hasDown: boolean;
}

export interface StatusReport {
  readonly historyTable: string;
  readonly historyExists: boolean;
  readonly migrations: StatusEntry[];
  readonly problems: HistoryProblem[];
  /** Indexes marked invalid anywhere in the database (a failed concurrent build): always listed. */
  readonly invalidIndexes: string[];
}

/** Applied and pending migrations with dates and checksum state. Reads only. */
export async function migrationStatus(opts: Pick<MigrateOptions, 'url' | 'dir' | 'history'>): Promise<StatusReport> {
  const { files, sums } = loadFiles(opts.dir);
  const sql = await connect(opts.url, { max: 1, applicationName: 'schemaguard migrate status' });
  try {
    const state = await readHistory(sql, opts.history);
    const problems = problemsOf(files, sums, state);
    const stateOf = new Map<string, StatusEntry['state']>();
    for (const p of problems) stateOf.set(p.name, p.kind === 'checksum-mismatch' ? 'changed' : p.kind);
    const byName = new Map<string, AppliedMigration>(state.applied.map((a) => [a.name, a]));
    const names = [...new Set([...files.map((f) => f.name), ...state.applied.map((a) => a.name)])];
    const version = (n: string) => BigInt(n.split('_')[0] ?? '0');
    names.sort((a, b) => (version(a) < version(b) ? -1 : version(a) > version(b) ? 1 : a < b ? -1 : 1));
    const migrations = names.map((name): StatusEntry => {
      const a = byName.get(name);
      const file = files.find((f) => f.name === name);
      return {
        name,
        state: stateOf.get(name) ?? (a ? 'applied' : 'pending'),
        appliedAt: a ? a.appliedAt.toISOString() : null,
        executionMs: a ? a.executionMs : null,
        appliedBy: a ? a.appliedBy : null,
        clientAddr: a ? a.clientAddr : null,
        clientHost: a ? a.clientHost : null,
        baseline: a?.baseline ?? false,
        hasDown: Boolean(file?.downPath),
      };
    });
    const invalid = await invalidIndexes(sql);
    return { historyTable: displayHistory(opts.history), historyExists: state.exists, migrations, problems, invalidIndexes: invalid };
  } finally {
    await sql.end({ timeout: 2 }).catch(() => undefined);
  }
}

/** Record every pending migration up to `to` as applied, without running it. */
export async function baseline(opts: MigrateOptions, to: string): Promise<string[]> {
  const { files, sums } = loadFiles(opts.dir);
  const target = findFile(files, to);
  if (!target) throw new ConfigError(`unknown migration ${JSON.stringify(to)} for --to (no such file in the migrations directory)`);
  const { sql, pid } = await openMigrationConnection(opts);
  let lock: HeldLock | undefined;
  try {
    lock = await acquireRunLock(opts.url, opts.history, { waitMs: opts.lockWaitMs, signal: opts.signal, log: opts.log });
    await assertNotPooled(opts.url, sql, pid, lock);
    const state = await readHistory(sql, opts.history);
    const problems = problemsOf(files, sums, state).filter((p) => p.kind !== 'out-of-order');
    if (problems.length > 0) throw refuse(problems, 'migrate baseline');
    const applied = new Set(state.applied.map((a) => a.name));
    const chosen = files.slice(0, files.indexOf(target) + 1).filter((f) => !applied.has(f.name));
    if (chosen.length === 0) return [];
    const statements = [
      'BEGIN',
      sessionGuardSql(pid),
      historyDdl(opts.history),
      lockGuardSql(lock),
      ...chosen.map((f) =>
        insertHistorySql(opts.history, { name: f.name, version: f.version, checksum: sums.get(f.name)!, executionMs: 0, baseline: true }),
      ),
      'COMMIT',
    ];
    try {
      await sql.unsafe(statements.join(';\n'));
    } catch (error) {
      await sql.unsafe('ROLLBACK').catch(() => undefined);
      throw new MigrationFailedError(`baseline failed and was rolled back: ${(error as Error).message}`);
    }
    return chosen.map((f) => f.name);
  } finally {
    await lock?.release();
    await sql.end({ timeout: 2 }).catch(() => undefined);
  }
}

export { describeProblem };

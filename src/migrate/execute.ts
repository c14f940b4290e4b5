// Running one migration file against the database, with its history write.
//
// Transactional files: each user statement travels in its own simple-protocol message so a
// failure is pinned to one statement, but the first message opens the transaction and the
// last carries the lock check, the history INSERT/DELETE and the COMMIT. A crash at any
// moment therefore leaves either everything (statements + history row) or nothing. Every
// message also starts with a check that it runs on the backend that began the transaction,
// so a silently re-established connection can never run a later statement in autocommit.
import type { Sql } from '../db/connect.js';
import { ConnectionLostError, isConnectionLossCode, whileConnected, type ConnectionWatch } from './connection-watch.js';
import { MigrationFailedError } from '../errors.js';
import { committedGuardExpression, deleteHistorySql, historyDdl, insertHistorySql, qualifiedHistory, type HistoryTable } from './history.js';
import { lockGuardSql, sessionGuardSql, sleep, type HeldLock } from './lock.js';
import { offsetOfPosition, type Script, type Statement } from './script.js';
import { describeSession, indexBuildProgress, relationNames, sessionsLocking } from './sessions.js';
import { dropIndexSql, indexesInScope, indexGuardSql, indexTargetsOf, invalidFromGuard, invalidNamed, leftoversOf } from './index-validity.js';
import { quoteLiteral } from '../schema/quote.js';
import { cancelWhileRunning, STOP_GRACE_MS, stopCause, terminateBackend, type Stop } from './stop.js';
import { bounded } from './lock.js';

export interface Runtime {
  readonly sql: Sql;
  /** Backend pid of `sql`'s connection. */
  readonly pid: number;
  /** Fires when `sql`'s connection closes: from then on it is never used again. */
  readonly lost: ConnectionWatch;
  /** A second connection for progress and diagnostics, opened on first use. */
  readonly monitor: () => Promise<Sql>;
  readonly history: HistoryTable;
  readonly lock: HeldLock;
  readonly lockTimeout: string;
  readonly statementTimeout: string;
  readonly retries: number;
  readonly retryDelayMs: number;
  /** Ctrl-C/SIGTERM. */
  readonly signal: AbortSignal;
  /** Ctrl-C or the loss of the run lock: stops the migration in flight (stop.ts). */
  readonly stop: Stop;
  /** A connection other than `sql` to cancel or terminate its backend (the lock session while it lives). */
  readonly control: () => Promise<Sql>;
  readonly log: (line: string) => void;
  /** False until the history table is known to exist; its DDL then joins the first transaction. */
  historyReady: boolean;
  /** The migration being run, for progress lines. */
  current: string;
}

export type HistoryWrite =
  | { readonly kind: 'insert'; readonly name: string; readonly version: string; readonly checksum: string }
  | { readonly kind: 'delete'; readonly name: string };

/** What failed, where: the message is what the user sees. */
class StatementFailure extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly retryable: boolean,
    readonly connectionLost = false,
  ) {
    super(message);
  }
}

interface PgError {
  code?: string;
  message?: string;
  position?: string;
  detail?: string;
  hint?: string;
  schema_name?: string;
  table_name?: string;
}

/** Run `script` and write history in the same transaction (or right after, for no-transaction files). */
export async function runScript(rt: Runtime, label: string, script: Script, write: HistoryWrite, failed?: Extract<ChainOutcome, { kind: 'failed' }>): Promise<number> {
  const started = performance.now();
  // For no-transaction files: statements committed by an earlier attempt are not rerun.
  const committed: NoTransactionProgress = { count: 0, leftovers: [], dropped: [] };
  for (let attempt = 1; ; attempt++) {
    try {
      // `failed`: the first attempt ran in a chain (startChain), and failed there.
      if (attempt === 1 && failed) throw failed.failure;
      if (script.directives.transaction) await runInTransaction(rt, script, write);
      else await runStatementByStatement(rt, script, write, committed);
      return performance.now() - started;
    } catch (error) {
      if (!(error instanceof StatementFailure)) throw error;
      if (error.retryable && attempt <= rt.retries && !rt.stop.signal.aborted) {
        const blockers = await blockersOf(rt, script);
        const delay = rt.retryDelayMs * 2 ** (attempt - 1);
        rt.log(
          `${label}: lock_timeout (${timeoutOf(rt, script, 'lock')}) waiting for a lock${blockers ? ` held by ${blockers}` : ''}; retrying in ${formatMs(delay)} (retry ${attempt} of ${rt.retries})`,
        );
        await sleep(delay, rt.stop.signal);
        if (!rt.stop.signal.aborted) continue;
        throw new MigrationFailedError(`${stoppedFailure(rt, script, committed.count > 0).message} (while waiting to retry after: ${error.message})`);
      }
      if (error.retryable) {
        const blockers = await blockersOf(rt, script);
        throw new MigrationFailedError(
          `${error.message}; gave up after ${attempt} attempt(s)${blockers ? `; blocked by ${blockers}` : ''}`,
        );
      }
      if (error.connectionLost) {
        // Our own pg_terminate_backend after a stop that the server did not honour in time.
        const why = rt.stop.signal.aborted ? `${stopCause(rt.stop)}: the statement did not stop within ${formatMs(STOP_GRACE_MS)}, so its session was terminated; ` : '';
        const later = attempt === 1 && failed ? await laterAfterLoss(rt, failed.later) : '';
        throw new MigrationFailedError(`${why}${error.message}; ${await outcomeAfterLoss(rt, script, write)}${later}`);
      }
      throw new MigrationFailedError(error.message);
    }
  }
}

/** After a lost connection, say from the history (on another connection) whether the migration committed. */
async function outcomeAfterLoss(rt: Runtime, script: Script, write: HistoryWrite): Promise<string> {
  try {
    const monitor = await rt.monitor();
    const rows = await monitor.unsafe<{ n: number }[]>(`select count(*)::int as n from ${qualifiedHistory(rt.history)} where name = $1`, [write.name]);
    const recorded = (rows[0]?.n ?? 0) > 0;
    if (write.kind === 'insert' && !script.directives.transaction) {
      return recorded ? 'the history shows it recorded as applied' : 'the history confirms it is not recorded';
    }
    if (write.kind === 'insert') {
      return recorded ? 'it had committed before the connection dropped and is recorded as applied' : 'it did not commit: the server rolled it back, nothing of it is applied';
    }
    return recorded ? 'it did not commit: the server rolled it back, it is still applied' : 'it had committed before the connection dropped: it is rolled back and unrecorded';
  } catch {
    return script.directives.transaction
      ? 'the server rolls back an unfinished transaction; run migrate status once it is reachable to see whether it had committed'
      : 'run migrate status once the server is reachable';
  }
}

/**
 * The files sent after the one in flight when the connection dropped may have committed too
 * (their answers lost with it): the history, read on another connection, says which.
 */
async function laterAfterLoss(rt: Runtime, later: readonly ChainItem[]): Promise<string> {
  if (later.length === 0) return '';
  try {
    // Only this client's socket may have dropped: end the backend first, so that nothing still
    // queued on the server commits after the history is read.
    await terminateBackend(rt.control, rt.pid);
    const monitor = await rt.monitor();
    const rows = await monitor.unsafe<{ name: string }[]>(`select name from ${qualifiedHistory(rt.history)} where name = any($1::text[])`, [later.map((l) => l.write.name)]);
    const recorded = new Set(rows.map((r) => r.name));
    const committed = later.filter((l) => (l.write.kind === 'insert') === recorded.has(l.write.name)).map((l) => l.write.name);
    if (committed.length === 0) return `; none of the ${later.length} migration(s) sent after it committed`;
    return `; of the ${later.length} migration(s) sent after it, ${committed.length} committed too (${committed.join(', ')}) and the rest did not`;
  } catch {
    return `; ${later.length} migration(s) were sent after it: run migrate status once the server is reachable to see which committed`;
  }
}

function timeoutOf(rt: Runtime, script: Script, which: 'lock' | 'statement'): string {
  return which === 'lock' ? (script.directives.lockTimeout ?? rt.lockTimeout) : (script.directives.statementTimeout ?? rt.statementTimeout);
}

/** Session-wide settings for a no-transaction file (a transactional one sets them locally, in transactionParts). */
function settingsSql(rt: Runtime, script: Script): string {
  return `SET lock_timeout = ${quoteLiteral(timeoutOf(rt, script, 'lock'))};\nSET statement_timeout = ${quoteLiteral(timeoutOf(rt, script, 'statement'))}`;
}

function historySql(rt: Runtime, write: HistoryWrite, executionMs: number | null): string {
  return write.kind === 'insert'
    ? insertHistorySql(rt.history, { name: write.name, version: write.version, checksum: write.checksum, executionMs })
    : deleteHistorySql(rt.history, write.name);
}

/**
 * The messages of one transactional file: the first opens the transaction, the last carries
 * the lock check, the history write and the COMMIT. `previous`: the migration sent just
 * before this one whose answer has not come back yet; this one then begins by checking, in
 * its own transaction, that the history shows it committed.
 */
function transactionParts(rt: Runtime, script: Script, write: HistoryWrite, previous: HistoryWrite | null, withDdl: boolean): Part[] {
  const guard = sessionGuardSql(rt.pid);
  const head = [
    `BEGIN`,
    guard,
    // One statement for the committed-guard and both SET LOCALs: the server's work per
    // statement is a good part of a small migration's cost.
    `SELECT ${[
      ...(previous ? [committedGuardExpression(rt.history, previous)] : []),
      `pg_catalog.set_config('lock_timeout', ${quoteLiteral(timeoutOf(rt, script, 'lock'))}, true)`,
      `pg_catalog.set_config('statement_timeout', ${quoteLiteral(timeoutOf(rt, script, 'statement'))}, true)`,
    ].join(', ')}`,
    ...(withDdl ? [historyDdl(rt.history)] : []),
  ].join(';\n');
  const indexGuard = indexGuardSql(script.statements.flatMap(indexTargetsOf));
  const tail = [lockGuardSql(rt.lock), ...(indexGuard ? [indexGuard] : []), historySql(rt, write, null), 'COMMIT'].join(';\n');
  const statements = script.statements;
  // All messages go out at once (pipelined); the session guard at the head of each makes a
  // message that lands on another backend fail instead of running outside the transaction.
  return statements.length === 0
    ? [{ text: `${head};\n${tail}`, st: null, stmtStart: 0 }]
    : statements.map((st, i) => {
        const before = i === 0 ? `${head};\n` : `${guard};\n`;
        const after = i === statements.length - 1 ? `\n;\n${tail}` : '';
        return { text: `${before}${st.sql}${after}`, st, stmtStart: before.length };
      });
}

async function runInTransaction(rt: Runtime, script: Script, write: HistoryWrite): Promise<void> {
  const parts = transactionParts(rt, script, write, null, !rt.historyReady);
  try {
    if (rt.stop.signal.aborted) throw stoppedFailure(rt, script, false);
    await sendAll(rt, script, parts);
  } catch (error) {
    await rollback(rt);
    throw error;
  }
  rt.historyReady = true;
}

export interface ChainItem {
  readonly label: string;
  readonly script: Script;
  readonly write: HistoryWrite;
}

/** How one file of a chain ended. */
export type ChainOutcome =
  /** Committed with its history row; `ms` from the answer before it to its own. */
  | { readonly kind: 'committed'; readonly ms: number }
  /** The file that failed: rolled back. `later`: the files sent after it (for a lost connection's outcome). */
  | { readonly kind: 'failed'; readonly failure: StatementFailure; readonly later: readonly ChainItem[] }
  /** Sent after the failed one: rolled back or refused unrun; the caller runs it again. */
  | { readonly kind: 'not-run' };

/**
 * Consecutive transactional files sent at once, without waiting for each one's answer: the
 * round trip between two migrations was most of the time of a run of small ones (issue 15).
 * Each file stays its own transaction with its history write. Once one fails, every later
 * message fails unrun: inside the aborted transaction nothing but ROLLBACK is accepted (each
 * message starts with a SELECT or BEGIN, never a COMMIT), and should a failing COMMIT have
 * ended the transaction instead, the next file's committed-guard refuses to go on. Everything
 * sent has settled, and the failed transaction been rolled back, before a failure or a
 * not-run is reported; a commit is reported as soon as its answer is in.
 */
export function startChain(rt: Runtime, items: readonly ChainItem[]): Promise<ChainOutcome>[] {
  const settle: ((outcome: ChainOutcome) => void)[] = [];
  const fail: ((error: unknown) => void)[] = [];
  const outcomes = items.map(
    () =>
      new Promise<ChainOutcome>((resolve, reject) => {
        settle.push(resolve);
        fail.push(reject);
      }),
  );
  let reported = 0;
  void runChain(rt, items, (outcome) => settle[reported++]!(outcome)).catch((error: unknown) => {
    while (reported < items.length) fail[reported++]!(error);
  });
  return outcomes;
}

async function runChain(rt: Runtime, items: readonly ChainItem[], report: (outcome: ChainOutcome) => void): Promise<void> {
  const first = items[0];
  if (!first) return;
  const stopFailure = rt.lost.closed
    ? failureOf(rt, first.script, new ConnectionLostError(), '', null, 0)
    : rt.stop.signal.aborted
      ? stoppedFailure(rt, first.script, false)
      : null;
  if (stopFailure) {
    report({ kind: 'failed', failure: stopFailure, later: items.slice(1) });
    for (let j = 1; j < items.length; j++) report({ kind: 'not-run' });
    return;
  }
  const perFile = items.map((it, j) => transactionParts(rt, it.script, it.write, j === 0 ? null : items[j - 1]!.write, j === 0 && !rt.historyReady));
  const queries = perFile.map((parts) => parts.map((p) => rt.sql.unsafe(p.text)));
  const everything = Promise.allSettled(queries.flat());
  // A pipelined query can wait forever once its connection is gone: the loss settles it.
  const lost = rt.lost.whenLost.then(
    () => 'lost' as const,
    () => 'lost' as const,
  );
  const all = Promise.race([everything, lost]);
  const stopCancelling = cancelWhileRunning(rt.stop.signal, rt.control, rt.pid, all);
  let failedAt = -1;
  let failure: StatementFailure | undefined;
  try {
    let since = performance.now();
    for (const [j, item] of items.entries()) {
      rt.current = item.label;
      const progress = watchProgress(rt, item.script);
      let settled: PromiseSettledResult<unknown>[] | 'lost';
      try {
        settled = await Promise.race([Promise.allSettled(queries[j]!), lost]);
      } finally {
        progress.stop();
      }
      const index = settled === 'lost' ? 0 : settled.findIndex((r) => r.status === 'rejected');
      if (index === -1) {
        rt.historyReady = true;
        const now = performance.now();
        report({ kind: 'committed', ms: now - since });
        since = now;
        continue;
      }
      const part = perFile[j]![index]!;
      const reason = settled === 'lost' ? new ConnectionLostError() : ((settled[index] as PromiseRejectedResult).reason as PgError);
      failure = failureOf(rt, item.script, reason, part.text, part.st, part.stmtStart) as StatementFailure;
      failedAt = j;
      break;
    }
    await all;
  } catch (error) {
    // Not a migration's failure (a bug here): still nothing may be left running or open.
    await all;
    await rollback(rt);
    throw error;
  } finally {
    stopCancelling();
  }
  if (failedAt === -1) return;
  await rollback(rt);
  report({ kind: 'failed', failure: failure!, later: items.slice(failedAt + 1) });
  for (let j = failedAt + 1; j < items.length; j++) report({ kind: 'not-run' });
}

/** How far a no-transaction file got, kept across retries of the same run. */
export interface NoTransactionProgress {
  /** Statements committed: a retry starts after them. */
  count: number;
  /** Invalid indexes our own failed attempt left and could not drop yet: dropped before the retry. */
  leftovers: string[];
  /** Those dropped since the last statement that succeeded (for the message). */
  dropped: string[];
}

async function runStatementByStatement(rt: Runtime, script: Script, write: HistoryWrite, progress: NoTransactionProgress): Promise<void> {
  if (!rt.historyReady) {
    await whileConnected(rt.lost, rt.sql.unsafe(historyDdl(rt.history)));
    rt.historyReady = true;
  }
  const started = performance.now();
  await whileConnected(rt.lost, rt.sql.unsafe(settingsSql(rt, script)));
  try {
    for (const [i, st] of script.statements.entries()) {
      if (i < progress.count) continue;
      if (rt.stop.signal.aborted) throw stoppedFailure(rt, script, i > 0, i);
      try {
        await runOneStatement(rt, script, st, progress);
        progress.count = i + 1;
        progress.dropped = [];
      } catch (error) {
        if (!(error instanceof StatementFailure)) throw error;
        const partial = i > 0 ? '; statements before it were committed (this file runs without a transaction) and the migration is NOT recorded' : '; nothing of this file was committed and the migration is NOT recorded';
        throw new StatementFailure(`${error.message}${partial}${leftoverNote(progress)}`, error.code, error.retryable, error.connectionLost);
      }
    }
    const ms = performance.now() - started;
    const indexGuard = indexGuardSql(script.statements.flatMap(indexTargetsOf));
    const record = ['BEGIN', sessionGuardSql(rt.pid), lockGuardSql(rt.lock), ...(indexGuard ? [indexGuard] : []), historySql(rt, write, ms), 'COMMIT'];
    if (rt.stop.signal.aborted) throw stoppedFailure(rt, script, script.statements.length > 0, script.statements.length);
    await send(rt, script, record.join(';\n'), null, 0).catch(async (error) => {
      await rollback(rt);
      throw error;
    });
  } finally {
    if (!rt.lost.closed) await rt.sql.unsafe('RESET lock_timeout; RESET statement_timeout').catch(() => undefined);
  }
}

/**
 * One statement of a no-transaction file. A concurrent index build or rebuild is checked
 * afterwards: on failure the invalid index our attempt left is dropped (or kept in
 * `progress.leftovers` for the retry to drop first); on success every index it names must be
 * valid, which an `IF NOT EXISTS` over an old invalid index is not.
 */
async function runOneStatement(rt: Runtime, script: Script, st: Statement, progress: NoTransactionProgress): Promise<void> {
  await dropLeftovers(rt, script, st, progress);
  const targets = st.nonTransactional ? indexTargetsOf(st) : [];
  const before = targets.length > 0 ? await whileConnected(rt.lost, indexesInScope(rt.sql, targets)) : null;
  try {
    await send(rt, script, st.sql, st, 0);
  } catch (error) {
    if (before && error instanceof StatementFailure && !error.connectionLost && !rt.lost.closed) {
      const ours = await leftoversOf(rt.sql, targets, before, rt.pid).catch(() => [] as string[]);
      progress.leftovers.push(...ours.filter((n) => !progress.leftovers.includes(n)));
      // On Ctrl-C stop now: the message names what is left and how to drop it.
      if (!rt.stop.signal.aborted) await dropLeftovers(rt, script, st, progress).catch(() => undefined);
    }
    throw error;
  }
  if (targets.length === 0) return;
  const invalid = await whileConnected(rt.lost, invalidNamed(rt.sql, targets));
  if (invalid.length > 0) {
    throw new StatementFailure(
      `${locate(script, {}, st.sql, st, 0)}: index ${invalid.join(', ')} exists but is INVALID (a failed or interrupted concurrent build before this run; IF NOT EXISTS skipped it); the migration is NOT recorded: drop it with ${invalid.map(dropIndexSql).join('; ')} and run migrate up again`,
      'invalid-index',
      false,
    );
  }
}

/** Drop the invalid indexes a failed attempt of ours left; a drop that fails (lock_timeout) is a failure of this attempt. */
async function dropLeftovers(rt: Runtime, script: Script, st: Statement, progress: NoTransactionProgress): Promise<void> {
  while (progress.leftovers.length > 0) {
    const name = progress.leftovers[0]!;
    try {
      await whileConnected(rt.lost, rt.sql.unsafe(dropIndexSql(name)));
    } catch (error) {
      const e = error as PgError;
      const lost = failureOf(rt, script, e, '', null, 0);
      if (lost instanceof StatementFailure && lost.connectionLost) throw lost;
      const code = e.code ?? 'unknown';
      throw new StatementFailure(
        `${locate(script, {}, st.sql, st, 0)}: cannot drop the invalid index ${name} an earlier attempt left (${(e.message ?? String(e)).split('\n')[0]}, SQLSTATE ${code})`,
        code,
        code === '55P03',
      );
    }
    progress.leftovers.shift();
    progress.dropped.push(name);
  }
}

function leftoverNote(progress: NoTransactionProgress): string {
  const dropped = progress.dropped;
  const parts: string[] = [];
  if (dropped.length > 0) parts.push(`; the invalid index ${dropped.join(', ')} the failed build left was dropped`);
  if (progress.leftovers.length > 0) {
    parts.push(`; it left the INVALID index ${progress.leftovers.join(', ')}, not dropped yet: drop it with ${progress.leftovers.map(dropIndexSql).join('; ')} before running migrate up again`);
  }
  return parts.join('');
}

/** What stopped the run, for messages. */

/**
 * Stopped before the next statement. `done` statements of a no-transaction file committed:
 * the message names the last one, so the user knows exactly where the file stands.
 */
function stoppedFailure(rt: Runtime, script: Script, partial: boolean, done = 0): StatementFailure {
  const cause = stopCause(rt.stop);
  if (!partial) return new StatementFailure(`${script.path}: ${cause}; rolled back, nothing of it was applied`, '57014', false);
  const last = script.statements[done - 1];
  const where = last ? ` (the last one ends at ${script.path}:${script.positions.atChar(last.offset + last.sql.trimEnd().length).line})` : '';
  const rest = done < script.statements.length ? `; statement ${done + 1} of ${script.statements.length} and those after it did not run` : '';
  return new StatementFailure(
    `${script.path}: ${cause}; statements 1-${done} of ${script.statements.length} were committed${where} (no-transaction file)${rest}; the migration is NOT recorded`,
    '57014',
    false,
  );
}

/** ROLLBACK, bounded: a backend that does not answer is terminated, which rolls back too. */
async function rollback(rt: Runtime): Promise<void> {
  if (rt.lost.closed) return;
  try {
    await bounded(whileConnected(rt.lost, rt.sql.unsafe('ROLLBACK')), STOP_GRACE_MS);
  } catch {
    if (!rt.lost.closed) await terminateBackend(rt.control, rt.pid);
  }
}

/**
 * Send one message, cancelling it on Ctrl-C and reporting index-build progress while it runs.
 * `st`/`stmtStart` say where the user's statement sits in `text`, to map error positions.
 */
interface Part {
  readonly text: string;
  /** The user statement inside `text` (null: only schemaguard's own SQL) and where it starts. */
  readonly st: Statement | null;
  readonly stmtStart: number;
}

async function send(rt: Runtime, script: Script, text: string, st: Statement | null, stmtStart: number): Promise<void> {
  await sendAll(rt, script, [{ text, st, stmtStart }]);
}

/**
 * Send messages in order without waiting between them, cancel them on Ctrl-C, and report
 * progress while they run. The first failure names its statement; the messages after it fail
 * only because the transaction is aborted and are not reported.
 */
async function sendAll(rt: Runtime, script: Script, parts: readonly Part[]): Promise<void> {
  if (rt.lost.closed) throw failureOf(rt, script, new ConnectionLostError(), parts[0]?.text ?? '', null, 0);
  const queries = parts.map((p) => rt.sql.unsafe(p.text));
  // A pipelined query can wait forever once its connection is gone: the loss settles it.
  const all = Promise.race([Promise.allSettled(queries), rt.lost.whenLost]).catch((error: Error) => [{ status: 'rejected' as const, reason: error }]);
  // Never query.cancel() here (stop.ts says why): the server is asked to cancel instead.
  const stopCancelling = cancelWhileRunning(rt.stop.signal, rt.control, rt.pid, all);
  const progress = watchProgress(rt, script);
  try {
    const settled = await all;
    const index = settled.findIndex((r) => r.status === 'rejected');
    if (index !== -1) {
      const part = parts[index]!;
      const reason = (settled[index] as PromiseRejectedResult).reason as PgError;
      throw failureOf(rt, script, reason, part.text, part.st, part.stmtStart);
    }
  } finally {
    stopCancelling();
    progress.stop();
  }
}

function failureOf(rt: Runtime, script: Script, e: PgError, text: string, st: Statement | null, stmtStart: number): StatementFailure {
  const code = e.code ?? 'unknown';
  const message = (e.message ?? String(e)).split('\n')[0]!;
  if (isConnectionLossCode(code)) {
    return new StatementFailure(`${script.path}: the connection to the server was lost (${message})`, code, false, true);
  }
  if (message.includes('schemaguard-lock-lost')) {
    const outcome = script.directives.transaction ? 'rolled back' : 'its statements were committed (no-transaction file) but the migration is NOT recorded';
    return new StatementFailure(`${script.path}: the migration lock was lost (its session ended); ${outcome}`, code, false);
  }
  if (message.includes('schemaguard-session-changed')) {
    return new StatementFailure(`${script.path}: the database connection was replaced mid-migration; rolled back`, code, false);
  }
  const invalid = invalidFromGuard(message);
  if (invalid !== null) {
    return new StatementFailure(
      `${script.path}: index ${invalid} is INVALID (a failed or interrupted concurrent build; IF NOT EXISTS skipped it), so the migration is not recorded; ${script.directives.transaction ? 'rolled back' : 'its statements were committed'}: drop it with ${invalid.split(', ').map(dropIndexSql).join('; ')} and run migrate up again`,
      code,
      false,
    );
  }
  if (message.includes('schemaguard-previous-not-committed')) {
    return new StatementFailure(`${script.path}: the migration sent before it did not commit; rolled back, nothing of it was applied`, code, false);
  }
  if (message.includes('schemaguard-history-row-missing')) {
    return new StatementFailure(`${script.path}: its history row was already gone (another runner?); rolled back`, code, false);
  }
  if (e.table_name === rt.history.table && e.schema_name === rt.history.schema) {
    return new StatementFailure(`${script.path}: cannot record it in the history (${message}; another runner?); rolled back`, code, false);
  }
  const where = locate(script, e, text, st, stmtStart);
  const cancelled = code === '57014' && rt.stop.signal.aborted;
  const extra = [e.detail ? `detail: ${e.detail}` : null, e.hint ? `hint: ${e.hint}` : null].filter(Boolean).join('; ');
  const tail = script.directives.transaction ? 'rolled back, nothing of it was applied' : 'this statement did not complete';
  if (cancelled) {
    const why = rt.stop.reason() === 'lock-lost' ? stopCause(rt.stop) : 'interrupted (Ctrl-C)';
    return new StatementFailure(`${where}: ${why}, statement cancelled on the server; ${tail}`, code, false);
  }
  return new StatementFailure(`${where}: ${message} (SQLSTATE ${code})${extra ? `; ${extra}` : ''}; ${tail}`, code, code === '55P03');
}

/** file:line:col of the error: PostgreSQL's position if it falls in the statement, else the statement's start. */
function locate(script: Script, e: PgError, text: string, st: Statement | null, stmtStart: number): string {
  if (!st) return script.path;
  let offsetInStatement = 0;
  const position = e.position ? Number(e.position) : NaN;
  if (Number.isFinite(position) && position > 0) {
    const inText = offsetOfPosition(text, position) - stmtStart;
    if (inText >= 0 && inText <= st.sql.length) offsetInStatement = inText;
  }
  const { line, column } = script.positions.atChar(st.offset + offsetInStatement);
  return `${script.path}:${line}:${column}`;
}

async function blockersOf(rt: Runtime, script: Script): Promise<string | null> {
  try {
    const monitor = await rt.monitor();
    const sessions = await sessionsLocking(monitor, relationNames(script.tables), [rt.pid, rt.lock.pid]);
    return sessions.length > 0 ? sessions.map(describeSession).join('; ') : null;
  } catch {
    return null;
  }
}

/** After 2 s, report every 2 s how a long migration is doing (index builds in detail). */
function watchProgress(rt: Runtime, script: Script): { stop(): void } {
  if (script.statements.length === 0) return { stop() {} };
  const buildsIndex = script.statements.some((s) => s.kind === 'IndexStmt' || s.kind === 'ReindexStmt');
  const started = performance.now();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    if (stopped) return;
    const elapsed = formatMs(performance.now() - started);
    let line = `  … ${rt.current}: still running after ${elapsed}`;
    if (buildsIndex) {
      const monitor = await rt.monitor().catch(() => null);
      const p = monitor ? await indexBuildProgress(monitor, rt.pid).catch(() => null) : null;
      if (p) {
        const blocks = p.blocksTotal > 0 ? `, blocks ${p.blocksDone}/${p.blocksTotal} (${Math.round((100 * p.blocksDone) / p.blocksTotal)}%)` : '';
        const tuples = p.tuplesTotal > 0 ? `, tuples ${p.tuplesDone}/${p.tuplesTotal}` : '';
        line = `  … ${rt.current}: index build after ${elapsed}: ${p.phase}${blocks}${tuples}`;
      }
    }
    if (!stopped) {
      rt.log(line);
      timer = setTimeout(() => void tick(), 2000);
    }
  };
  timer = setTimeout(() => void tick(), 2000);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
}

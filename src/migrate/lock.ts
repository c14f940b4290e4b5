// The run lock: a session-level advisory lock held on a connection of its own that never
// opens a transaction, so a CREATE INDEX CONCURRENTLY on the migration connection (which
// waits for older transactions) never waits for it.
import { createHash } from 'node:crypto';
import { connect, type Sql } from '../db/connect.js';
import { ConfigError, MigrationFailedError } from '../errors.js';
import { watchConnection, type ConnectionWatch } from './connection-watch.js';
import { displayHistory, type HistoryTable } from './history.js';
import { lockBackendIsShared, unlockThroughPool } from './pooler.js';

export interface LockKey {
  /** The bigint key, as text. */
  readonly key: string;
  /** How pg_locks shows a bigint key: high and low 32 bits. */
  readonly classid: number;
  readonly objid: number;
}

/** Stable per history table, so two projects sharing a database do not block each other. */
export function lockKeyFor(h: HistoryTable): LockKey {
  const digest = createHash('sha256').update(`schemaguard:${h.schema}.${h.table}`).digest();
  const key = digest.readBigInt64BE(0);
  const unsigned = BigInt.asUintN(64, key);
  return { key: key.toString(), classid: Number(unsigned >> 32n), objid: Number(unsigned & 0xffffffffn) };
}

export interface LockHolder {
  readonly pid: number;
  readonly applicationName: string;
  readonly user: string;
  readonly clientAddr: string | null;
  readonly since: Date | null;
}

/** Which session holds the lock (null when nobody does any more). */
export async function lockHolder(sql: Sql, k: LockKey): Promise<LockHolder | null> {
  const rows = await sql<{ pid: number; application_name: string; usename: string; client_addr: string | null; since: Date | null }[]>`
    select a.pid, a.application_name, a.usename, host(a.client_addr) as client_addr,
           coalesce(a.state_change, a.backend_start) as since
    from pg_locks l join pg_stat_activity a on a.pid = l.pid
    where l.locktype = 'advisory' and l.granted and l.objsubid = 1
      and l.classid = ${k.classid} and l.objid = ${k.objid}
      and l.database = (select oid from pg_database where datname = current_database())
    limit 1`;
  const r = rows[0];
  if (!r) return null;
  return { pid: r.pid, applicationName: r.application_name, user: r.usename, clientAddr: r.client_addr, since: r.since };
}

export function describeHolder(h: LockHolder): string {
  const app = h.applicationName ? `application ${JSON.stringify(h.applicationName)}` : 'no application_name';
  const since = h.since ? `, holding it since ${h.since.toISOString()}` : '';
  return `pid ${h.pid} (${app}, user ${h.user}, client ${h.clientAddr ?? 'local socket'}${since})`;
}

export interface HeldLock {
  readonly key: LockKey;
  /** Backend pid of the lock session: the history write checks it still holds the lock. */
  readonly pid: number;
  /** The lock session itself (read-only use: the pooler probe, cancelling the migration's statement). */
  readonly sql: Sql;
  /** Aborted once the lock session has closed or stopped answering: the lock is gone. */
  readonly lost: AbortSignal;
  /**
   * Start the heartbeat that keeps the session in use and notices its loss within seconds
   * (after the pooler probe, which needs the session idle).
   */
  keepAlive(): void;
  release(): Promise<void>;
}

export interface AcquireOptions {
  readonly waitMs: number;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

export interface LockSession {
  readonly sql: Sql;
  readonly pid: number;
  /** Where it connects (a pooler's address too): an unlock may need other sessions there. */
  readonly url: string;
  /** Fires when the session's connection closes (terminated, server restart, network). */
  readonly watch: ConnectionWatch;
}

/** Heartbeat period of the lock session, and how long one may take before the session counts as lost. */
export const HEARTBEAT_MS = 1000;
export const HEARTBEAT_DEADLINE_MS = 20_000;

/**
 * Session settings for a connection that must live as long as the run: idle_session_timeout
 * (PostgreSQL 14+) would otherwise end a session that sits idle while the migration runs
 * elsewhere, and with it the lock. As one select so it costs no extra round trip.
 */
export const KEEP_SESSION_SQL = `case when current_setting('server_version_num')::int >= 140000 then set_config('idle_session_timeout', '0', false) end`;

/** The dedicated connection the lock lives on; opened early so it overlaps other start-up work. */
export async function openLockSession(url: string): Promise<LockSession> {
  const watch = watchConnection();
  const sql = await connect(url, { max: 1, applicationName: 'schemaguard migrate (lock)', onClose: watch.close });
  try {
    const [me] = await sql.unsafe<{ pid: number }[]>(`select pg_backend_pid() as pid, ${KEEP_SESSION_SQL} as kept`);
    return { sql, pid: me!.pid, watch, url };
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => undefined);
    throw error;
  }
}

/**
 * Unlock on the backend that holds the lock. Directly connected that is the first statement;
 * behind a pooler that moved the session (the run then stops with the pooler message) a
 * statement lands on any of its backends, so it is sent again until it reaches ours (bounded
 * by the caller): an unlock run elsewhere would leave the lock held for the pooler's next client.
 */
const UNLOCK_BOUND_MS = 10_000;

async function unlockOn(sql: Sql, url: string, key: string, pid: number): Promise<void> {
  const [row] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid, case when pg_backend_pid() = ${pid}::int then pg_advisory_unlock(${key}::bigint) end as released`;
  if (!row || row.pid === pid) return;
  // A pooler gave this statement another backend, and it hands out the most recently used one
  // first, so sending it again lands there again: hold every other backend in a transaction
  // until one of them is ours, and unlock from that one (the lock belongs to the backend).
  await unlockThroughPool(url, key, pid);
}

/**
 * Take the lock, polling with pg_try_advisory_lock (no statement waits inside the server, so
 * nothing is left queued if we give up). Exits 2 naming the holder after `waitMs`. The
 * session is closed on failure; on success, by `release()`.
 */
export async function acquireRunLock(session: LockSession | string, h: HistoryTable, opts: AcquireOptions): Promise<HeldLock> {
  const key = lockKeyFor(h);
  const { sql, pid, watch, url } = typeof session === 'string' ? await openLockSession(session) : session;
  try {
    const started = Date.now();
    let announced = false;
    for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
      // Taken only on the session's own backend: behind a pooler in transaction mode this
      // statement can land on another one, and a session lock taken there would stay with
      // that backend (the pooler keeps it for its next client) after we leave.
      const [row] = await sql<{ ok: boolean; pid: number }[]>`select case when pg_backend_pid() = ${pid}::int then pg_try_advisory_lock(${key.key}::bigint) else false end as ok, pg_backend_pid() as pid`;
      if (row && row.pid !== pid) {
        // The session moved to another server backend between two statements: a pooler in
        // transaction mode. Nothing was locked.
        throw new ConfigError(pooledMessage(`two statements of one session ran on server backends ${pid} and ${row.pid}`));
      }
      if (row?.ok) break;
      const holder = await lockHolder(sql, key);
      if (Date.now() - started >= opts.waitMs) {
        throw new ConfigError(
          `another migration run holds the lock on ${displayHistory(h)}: ${holder ? describeHolder(holder) : 'a session that just released it'}; gave up after waiting ${Math.round(opts.waitMs / 1000)}s (--lock-wait)`,
        );
      }
      if (!announced && holder) {
        opts.log(`waiting up to ${Math.round(opts.waitMs / 1000)}s for the migration lock held by ${describeHolder(holder)}`);
        announced = true;
      }
      await sleep(Math.min(delay, Math.max(0, opts.waitMs - (Date.now() - started))), opts.signal);
      if (opts.signal.aborted) throw new MigrationFailedError('interrupted while waiting for the migration lock; nothing was applied');
    }
    const lost = new AbortController();
    const markLost = () => lost.abort(new Error('the migration lock session ended'));
    watch.whenLost.catch(markLost);
    let beating: NodeJS.Timeout | undefined;
    let released = false;
    const beat = async () => {
      if (released || lost.signal.aborted) return;
      // A heartbeat that does not come back is a session we can no longer count on.
      const deadline = setTimeout(() => {
        markLost();
        void sql.end({ timeout: 0 }).catch(() => undefined);
      }, HEARTBEAT_DEADLINE_MS);
      deadline.unref();
      try {
        await sql`select 1`;
      } catch {
        markLost();
      } finally {
        clearTimeout(deadline);
      }
      if (!released && !lost.signal.aborted) beating = setTimeout(() => void beat(), HEARTBEAT_MS).unref();
    };
    return {
      key,
      pid,
      sql,
      lost: lost.signal,
      keepAlive() {
        if (!beating && !released) beating = setTimeout(() => void beat(), HEARTBEAT_MS).unref();
      },
      async release() {
        released = true;
        if (beating) clearTimeout(beating);
        // Bounded: a session that no longer answers is closed, which releases the lock too.
        // Directly connected the first attempt unlocks; through a pooler the backend may be
        // another client's for a while, so the bound is generous.
        if (!watch.closed) await bounded(unlockOn(sql, url, key.key, pid), UNLOCK_BOUND_MS).catch(() => undefined);
        await sql.end({ timeout: 2 }).catch(() => undefined);
      },
    };
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => undefined);
    throw error;
  }
}

export function pooledMessage(evidence: string): string {
  return `the connection goes through a pooler in transaction or statement mode (PgBouncer?): ${evidence}. schemaguard migrate holds a session lock for the whole run, which such a pooler hands to other clients: connect to PostgreSQL directly, or through a session-mode pool`;
}

/**
 * Two client sessions on one server backend prove transaction pooling. Called with the
 * migration connection right after the lock statement: a transaction-mode pooler gives that
 * just-released backend (the one holding the lock) to the next client that asks.
 */
export async function assertNotPooled(url: string, migration: Sql, migrationPid: number, lock: HeldLock): Promise<void> {
  const [row] = await migration<{ pid: number }[]>`select pg_backend_pid() as pid`;
  let evidence =
    row?.pid === lock.pid
      ? `the migration session and the lock session shared server backend ${lock.pid}`
      : row && row.pid !== migrationPid
        ? `two statements of the migration session ran on server backends ${migrationPid} and ${row.pid}`
        : null;
  if (!evidence && (await lockBackendIsShared(url, lock.sql, lock.pid))) {
    evidence = `another client was given server backend ${lock.pid}, which holds the run lock`;
  }
  if (evidence) {
    await lock.release();
    throw new ConfigError(pooledMessage(evidence));
  }
}

/** `work`, or a rejection after `ms`. */
export function bounded<T>(work: PromiseLike<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms}ms`)), ms);
  });
  return Promise.race([Promise.resolve(work), late]).finally(() => clearTimeout(timer));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * A statement that raises unless the lock session still holds the lock: it runs inside
 * each migration's transaction, right before the history write and COMMIT.
 */
export function lockGuardSql(lock: HeldLock): string {
  return `SELECT (CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND classid = ${lock.key.classid} AND objid = ${lock.key.objid} AND pid = ${lock.pid}) THEN '1' ELSE 'schemaguard-lock-lost' END)::integer`;
}

/** A statement that raises unless it runs on the backend that began the transaction. */
export function sessionGuardSql(pid: number): string {
  return `SELECT (CASE WHEN pg_catalog.pg_backend_pid() = ${pid} THEN '1' ELSE 'schemaguard-session-changed' END)::integer`;
}

// Is there a transaction-mode pooler (PgBouncer) between us and PostgreSQL? There, a session
// advisory lock stays on a server backend that the pooler hands to the next client, so two
// runners could both believe they hold the run lock. The probe is deterministic: while the
// lock session sits idle, a session-mode pool or a direct connection keeps its backend to
// itself, but a transaction-mode pool lends it out. So open as many concurrent transactions
// as there are idle backends (plus one) and see whether one of them lands on the lock's.
import { connect, parseDatabaseUrl, type Sql } from '../db/connect.js';

/** At most this many probe connections (a pool larger than that is not pinned down). */
const MAX_PROBES = 20;
const PROBE_DEADLINE_MS = 2000;

export async function lockBackendIsShared(url: string, lockSession: Sql, lockPid: number): Promise<boolean> {
  const [here] = await lockSession<{ port: number | null; idle: number }[]>`
    select inet_server_port() as port,
      (select count(*)::int from pg_stat_activity
        where datname = current_database() and usename = current_user and state = 'idle' and pid <> pg_backend_pid()) as idle`;
  // Connected straight to the server's own port (or its socket): no proxy in between.
  if (!here || here.port === null || here.port === parseDatabaseUrl(url).port) return false;
  const probes = Math.min(here.idle + 1, MAX_PROBES);
  const sql = await connect(url, { max: probes, applicationName: 'schemaguard migrate (pooler probe)' });
  try {
    const pids: number[] = [];
    let release!: () => void;
    const all = new Promise<void>((resolve) => (release = resolve));
    // A session-mode pool may be full: probes that get no backend within the deadline are
    // not waited for (a full session pool lends nothing out, which is the answer anyway).
    const deadline = setTimeout(release, PROBE_DEADLINE_MS);
    const running = Array.from({ length: probes }, () =>
      sql
        .begin(async (tx) => {
          const [row] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
          pids.push(row!.pid);
          if (pids.length === probes || pids.includes(lockPid)) release();
          await all;
        })
        .catch(() => undefined),
    );
    await all;
    clearTimeout(deadline);
    const shared = pids.includes(lockPid);
    await Promise.race([Promise.all(running), new Promise((r) => setTimeout(r, 200))]);
    return shared;
  } finally {
    await sql.end({ timeout: 2 }).catch(() => undefined);
  }
}

/**
 * Release a session advisory lock held by server backend `pid` behind a transaction-mode
 * pooler: concurrent transactions pin down the pool's backends until one lands on `pid`, which
 * unlocks (an advisory session lock belongs to the backend, whichever client runs there).
 * Best effort, bounded by the caller: a pool larger than MAX_PROBES idle backends may hide it.
 */
export async function unlockThroughPool(url: string, key: string, pid: number): Promise<boolean> {
  const sql = await connect(url, { max: MAX_PROBES, applicationName: 'schemaguard migrate (unlock)' });
  try {
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    let unlocked = false;
    let seen = 0;
    const running = Array.from({ length: MAX_PROBES }, () =>
      sql
        .begin(async (tx) => {
          const [row] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
          seen += 1;
          if (row!.pid === pid) {
            await tx`select pg_advisory_unlock(${key}::bigint)`;
            unlocked = true;
            done();
          } else if (seen === MAX_PROBES) done();
          await finished;
        })
        .catch(() => undefined),
    );
    const deadline = setTimeout(done, PROBE_DEADLINE_MS);
    await finished;
    clearTimeout(deadline);
    await Promise.race([Promise.all(running), new Promise((r) => setTimeout(r, 200))]);
    return unlocked;
  } finally {
    await sql.end({ timeout: 2 }).catch(() => undefined);
  }
}

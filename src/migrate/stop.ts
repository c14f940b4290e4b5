// Stopping a migration in flight, on Ctrl-C/SIGTERM or when the run lock is lost.
//
// Why not postgres.js's query.cancel(): the statements of a transactional file are pipelined,
// and cancelling a query that is sent but not yet running drops it from the driver's queue
// while the server still answers it; every later answer then lands on the wrong query and the
// last ones wait forever (the hang of issue 16, item 5). So the statements are left alone on
// the client and the server is told instead: pg_cancel_backend from another connection,
// repeated until everything sent has settled (a cancel that reaches the backend between two
// statements is dropped by the server; the next one lands), which happens fast once one
// statement has failed, since every later one fails on the aborted transaction. Should the
// backend not settle within STOP_GRACE_MS, it is terminated: the server then rolls back.
import type { Sql } from '../db/connect.js';
import { bounded } from './lock.js';

/** How long a stop waits for the server to cancel before terminating the backend. */
export const STOP_GRACE_MS = 5000;
/** Between two cancel requests while the statements sent have not settled. */
const CANCEL_EVERY_MS = 100;

export type StopReason = 'interrupt' | 'lock-lost';

/** Ctrl-C and the loss of the lock as one signal; `reason()` says which came first. */
export interface Stop {
  readonly signal: AbortSignal;
  reason(): StopReason | null;
  dispose(): void;
}

/** Why the run stops, as the one-line messages say it. */
export function stopCause(stop: Stop): string {
  return stop.reason() === 'lock-lost' ? 'the migration lock was lost (its session ended or stopped answering)' : 'interrupted';
}

export function stopOn(interrupt: AbortSignal, lockLost: AbortSignal): Stop {
  const controller = new AbortController();
  let first: StopReason | null = null;
  const onInterrupt = () => {
    first ??= 'interrupt';
    controller.abort(new Error('interrupted'));
  };
  const onLost = () => {
    first ??= 'lock-lost';
    controller.abort(new Error('the migration lock was lost'));
  };
  if (interrupt.aborted) onInterrupt();
  else interrupt.addEventListener('abort', onInterrupt, { once: true });
  if (lockLost.aborted) onLost();
  else lockLost.addEventListener('abort', onLost, { once: true });
  return {
    signal: controller.signal,
    reason: () => first,
    dispose() {
      interrupt.removeEventListener('abort', onInterrupt);
      lockLost.removeEventListener('abort', onLost);
    },
  };
}

/**
 * While `settled` is pending and `stop` has fired: cancel `pid`'s statement, again and again,
 * from the connection `control()` gives; after `graceMs`, terminate it. Returns a disposer.
 */
export function cancelWhileRunning(
  stop: AbortSignal,
  control: () => Promise<Sql>,
  pid: number,
  settled: Promise<unknown>,
  graceMs = STOP_GRACE_MS,
): () => void {
  let done = false;
  void settled.finally(() => (done = true));
  const run = async () => {
    const deadline = Date.now() + graceMs;
    let wake: () => void = () => undefined;
    void settled.finally(() => wake());
    while (!done && Date.now() < deadline) {
      const sql = await bounded(control(), Math.max(1, deadline - Date.now())).catch(() => null);
      if (done) return;
      if (sql) await bounded(sql`select pg_cancel_backend(${pid})`, 1000).catch(() => undefined);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, CANCEL_EVERY_MS).unref();
      });
    }
    if (!done) await terminateBackend(control, pid);
  };
  const onStop = () => void run();
  if (stop.aborted) onStop();
  else stop.addEventListener('abort', onStop, { once: true });
  return () => {
    done = true;
    stop.removeEventListener('abort', onStop);
  };
}

/** pg_terminate_backend(pid) from the control connection: the server rolls back what it ran. */
export async function terminateBackend(control: () => Promise<Sql>, pid: number): Promise<void> {
  const sql = await bounded(control(), 2000).catch(() => null);
  if (sql) await bounded(sql`select pg_terminate_backend(${pid})`, 2000).catch(() => undefined);
}

// Run one task per target with bounded concurrency. Each target is isolated: its failure is
// its outcome, the others go on (unless failFast). A stop signal (Ctrl-C) stops *starting*
// targets; running ones receive it too, and decide what "stop" means for them (migrate
// finishes its current migration). A per-target timeout aborts that target's own signal.
import { ExitCode, SchemaguardError } from '../errors.js';
import type { Target } from './targets.js';

export type TargetStatus = 'ok' | 'behind' | 'drifted' | 'failed' | 'skipped';

/** What a task says about its target. */
export interface TaskResult<T> {
  readonly exitCode: number;
  readonly status: TargetStatus;
  readonly data?: T;
  /** One line saying what happened (e.g. "applied 2 migration(s)"). */
  readonly summary?: string;
}

export interface TargetOutcome<T> {
  readonly target: Target;
  readonly status: TargetStatus;
  readonly exitCode: number;
  readonly ms: number;
  readonly data?: T;
  readonly summary?: string;
  /** One line: why it failed or was skipped. */
  readonly error?: string;
  /** stderr lines the command wrote for this target. */
  readonly log: readonly string[];
}

export interface TaskContext {
  /** Aborted on Ctrl-C, fail-fast or this target's timeout. */
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

export type Task<T> = (target: Target, ctx: TaskContext) => Promise<TaskResult<T>>;

export interface Progress {
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly running: readonly { readonly name: string; readonly since: number }[];
  /** The target that just finished, when this event is a finish. */
  readonly finished?: TargetOutcome<unknown>;
}

export interface FleetRunOptions {
  readonly concurrency: number;
  /** Per target; 0 or undefined: none. */
  readonly timeoutMs?: number;
  readonly failFast?: boolean;
  /** Stop starting targets (Ctrl-C). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: Progress) => void;
  /** Why targets that never started were skipped, when the stop signal fired. */
  readonly stopReason?: string;
}

/** An error's one line and exit code (anything not ours is an internal error: exit 2). */
export function describeFailure(error: unknown): { message: string; exitCode: number } {
  if (error instanceof SchemaguardError) return { message: oneLine(error.message), exitCode: error.exitCode };
  return { message: `internal error: ${oneLine(error instanceof Error ? error.message : String(error))}`, exitCode: ExitCode.Usage };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

export async function runFleet<T>(targets: readonly Target[], task: Task<T>, opts: FleetRunOptions): Promise<TargetOutcome<T>[]> {
  const outcomes: (TargetOutcome<T> | undefined)[] = new Array(targets.length);
  const running = new Map<number, { name: string; since: number }>();
  const stopAll = new AbortController();
  let stopWhy: string | undefined;
  let next = 0;
  let done = 0;
  let failedCount = 0;
  const onStop = () => {
    stopWhy ??= opts.stopReason ?? 'interrupted before it started';
    stopAll.abort(opts.signal?.reason);
  };
  if (opts.signal?.aborted) onStop();
  else opts.signal?.addEventListener('abort', onStop, { once: true });

  const progress = (finished?: TargetOutcome<T>) =>
    opts.onProgress?.({ total: targets.length, done, failed: failedCount, running: [...running.values()], ...(finished ? { finished } : {}) });

  const runOne = async (i: number): Promise<TargetOutcome<T>> => {
    const target = targets[i]!;
    const started = Date.now();
    const log: string[] = [];
    if (target.error) {
      const f = describeFailure(target.error);
      return { target, status: 'failed', exitCode: f.exitCode, ms: 0, error: f.message, log };
    }
    const own = new AbortController();
    const relay = () => own.abort(stopAll.signal.reason);
    stopAll.signal.addEventListener('abort', relay, { once: true });
    let timedOut = false;
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          own.abort(new Error('timeout'));
        }, opts.timeoutMs)
      : undefined;
    try {
      const r = await task(target, { signal: own.signal, log: (line) => log.push(line) });
      const ms = Date.now() - started;
      if (timedOut && r.status !== 'ok') return { target, status: 'failed', exitCode: ExitCode.Usage, ms, error: `timed out after ${fmtSeconds(opts.timeoutMs!)} (--target-timeout)`, log, ...(r.data === undefined ? {} : { data: r.data }) };
      return { target, status: r.status, exitCode: r.exitCode, ms, log, ...(r.data === undefined ? {} : { data: r.data }), ...(r.summary === undefined ? {} : { summary: r.summary }) };
    } catch (error) {
      const f = describeFailure(error);
      const message = timedOut ? `timed out after ${fmtSeconds(opts.timeoutMs!)} (--target-timeout): ${f.message}` : f.message;
      return { target, status: 'failed', exitCode: timedOut ? Math.max(f.exitCode, ExitCode.Usage) : f.exitCode, ms: Date.now() - started, error: message, log };
    } finally {
      if (timer) clearTimeout(timer);
      stopAll.signal.removeEventListener('abort', relay);
    }
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      if (stopAll.signal.aborted) return;
      const i = next;
      if (i >= targets.length) return;
      next += 1;
      running.set(i, { name: targets[i]!.name, since: Date.now() });
      progress();
      const outcome = await runOne(i);
      running.delete(i);
      outcomes[i] = outcome;
      done += 1;
      if (outcome.status === 'failed') {
        failedCount += 1;
        if (opts.failFast && !stopAll.signal.aborted) {
          stopWhy = `not started: --fail-fast after ${outcome.target.name} failed`;
          stopAll.abort(new Error('fail-fast'));
        }
      }
      progress(outcome);
    }
  };

  const workers = Math.max(1, Math.min(opts.concurrency, targets.length));
  await Promise.all(Array.from({ length: workers }, worker));
  opts.signal?.removeEventListener('abort', onStop);
  return targets.map(
    (target, i) => outcomes[i] ?? { target, status: 'skipped', exitCode: ExitCode.Clean, ms: 0, error: stopWhy ?? 'not started', log: [] },
  );
}

export function fmtSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
}

/** The exit code of the run: the worst target's (2 usage/connection and 3 failed migration outrank drift). */
export function worstExitCode(outcomes: readonly { readonly exitCode: number }[]): number {
  return outcomes.reduce((worst, o) => Math.max(worst, o.exitCode), 0);
}

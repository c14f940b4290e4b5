// Safe rollout for `migrate up` over a fleet: the canary targets first (all of them, with the
// run's concurrency); any canary failing stops the rollout before another target is touched.
// Then the rest, at most --concurrency at a time. Rerunning resumes: a target already at head
// has nothing to apply. A stop (Ctrl-C) between phases starts nothing more.
import { ExitCode, UsageError } from '../errors.js';
import { matchesGlob } from './glob.js';
import { runFleet, type FleetRunOptions, type Progress, type Task, type TargetOutcome } from './run.js';
import type { Target } from './targets.js';

export interface CanarySplit {
  readonly canary: Target[];
  readonly rest: Target[];
}

/** `--canary N` (the first N targets) or `--canary NAME…` (names or globs, in the run's order). */
export function splitCanary(targets: readonly Target[], spec: readonly string[]): CanarySplit {
  if (spec.length === 1 && /^\d+$/.test(spec[0]!.trim())) {
    const n = Number(spec[0]);
    if (n < 1) throw new UsageError('--canary N needs N ≥ 1 (or target names)');
    return { canary: targets.slice(0, n), rest: targets.slice(n) };
  }
  const chosen = new Set<Target>();
  for (const pattern of spec) {
    const hits = targets.filter((t) => matchesGlob(t.name, pattern) || matchesGlob(t.group, pattern));
    if (hits.length === 0) throw new UsageError(`--canary ${JSON.stringify(pattern)} matches no target of this run`);
    for (const t of hits) chosen.add(t);
  }
  return { canary: targets.filter((t) => chosen.has(t)), rest: targets.filter((t) => !chosen.has(t)) };
}

export interface RolloutResult<T> {
  /** Every target, in the run's order. */
  readonly outcomes: TargetOutcome<T>[];
  readonly canary: readonly string[];
  /** Set when the rollout stopped after the canary phase. */
  readonly stoppedAfterCanary?: string;
}

export async function runRollout<T>(targets: readonly Target[], split: CanarySplit, task: Task<T>, opts: FleetRunOptions): Promise<RolloutResult<T>> {
  const total = targets.length;
  const phase = (offset: { done: number; failed: number }) => (p: Progress) =>
    opts.onProgress?.({ ...p, total, done: p.done + offset.done, failed: p.failed + offset.failed });
  const first = await runFleet(split.canary, task, { ...opts, onProgress: phase({ done: 0, failed: 0 }), stopReason: 'interrupted before it started' });
  const bad = first.filter((o) => o.status === 'failed');
  let second: TargetOutcome<T>[];
  let stoppedAfterCanary: string | undefined;
  if (bad.length > 0 || opts.signal?.aborted || first.some((o) => o.status === 'skipped')) {
    stoppedAfterCanary = bad.length > 0 ? `canary ${bad.map((o) => o.target.name).join(', ')} failed` : 'interrupted during the canary';
    const why = `not started: ${stoppedAfterCanary}`;
    second = split.rest.map((target) => ({ target, status: 'skipped', exitCode: ExitCode.Clean, ms: 0, error: why, log: [] }));
  } else {
    second = await runFleet(split.rest, task, { ...opts, onProgress: phase({ done: first.length, failed: 0 }) });
  }
  const byTarget = new Map<Target, TargetOutcome<T>>([...first, ...second].map((o) => [o.target, o]));
  return {
    outcomes: targets.map((t) => byTarget.get(t)!),
    canary: split.canary.map((t) => t.name),
    ...(stoppedAfterCanary ? { stoppedAfterCanary } : {}),
  };
}

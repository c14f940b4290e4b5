// A command over many targets: resolve them, run the single-target command for each with
// bounded concurrency (canary first for migrate up), merge the outcomes into one report, and
// return the worst target's exit code. The single-target paths are untouched: each command's
// definition asks `isFleetRun` and, when it is one, hands its task here.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import { runRollout, splitCanary } from '../../fleet/canary.js';
import { runFleet, worstExitCode, type TargetOutcome } from '../../fleet/run.js';
import { resolveTargets } from '../../fleet/targets.js';
import { summarize, FLEET_JSON_VERSION, type FleetReport, type FleetTargetReport } from '../../report/fleet-model.js';
import { renderFleet, type FleetFormat } from '../../report/fleet.js';
import { info, out, type CommandContext } from '../context.js';
import { progressPrinter } from './progress.js';
import { configuredTargets } from './detect.js';

import type { FleetTask, TargetDetail } from './tasks.js';

export const DEFAULT_CONCURRENCY = 4;

const FLEET_FORMATS: readonly string[] = ['table', 'json', 'markdown', 'junit'];

/**
 * The merged report's format from a command's --format: none (or text) is the table; the CI
 * formats (sarif, gcc, github, codequality) speak of one database's files and are refused.
 */
export function fleetFormat(format: string | undefined): FleetFormat {
  if (format === undefined || format === 'text') return 'table';
  if (FLEET_FORMATS.includes(format)) return format as FleetFormat;
  throw new UsageError(`--format ${format} reports one database: a fleet run's merged report is table, json, markdown or junit`);
}

export interface FleetRunSpec {
  /** As the user typed it: "audit", "migrate up". */
  readonly command: string;
  readonly format: FleetFormat;
  readonly out?: string;
  readonly task: FleetTask;
  /** migrate up --canary N|NAME… */
  readonly canary?: readonly string[];
  /** Connections one running target opens (migrate: the migration and its lock session). */
  readonly connectionsPerTarget?: number;
}

export function parseConcurrency(text: string | undefined): number {
  if (text === undefined) return DEFAULT_CONCURRENCY;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > 1000) throw new UsageError(`--concurrency must be a whole number from 1 to 1000, not ${JSON.stringify(text)}`);
  return Number(text);
}

/** 90, 90s, 500ms, 5m, 1h → milliseconds; undefined: no timeout. */
export function parseTargetTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new UsageError(`--target-timeout must be a duration like 90s, 5m or 500ms, not ${JSON.stringify(text)}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

function targetReport(o: TargetOutcome<TargetDetail>, canary: ReadonlySet<string>): FleetTargetReport {
  const failure = o.status === 'failed' && o.error ? [{ target: o.target.name, severity: 'error' as const, rule: null, object: null, message: o.error }] : [];
  return {
    name: o.target.name,
    where: o.target.where,
    schema: o.target.schema ?? null,
    status: o.status,
    exitCode: o.exitCode,
    ms: o.ms,
    canary: canary.has(o.target.name),
    summary: o.summary ?? null,
    error: o.status === 'failed' || o.status === 'skipped' ? (o.error ?? null) : null,
    findings: [...failure, ...(o.data?.findings ?? [])],
    detail: o.data?.detail ?? null,
  };
}

export async function runFleetCommand(ctx: CommandContext, spec: FleetRunSpec): Promise<ExitCode> {
  // --concurrency bounds the connections the run holds at once, so that a server's
  // max_connections budget is what the user said: targets that open two run half as many.
  const connections = parseConcurrency(ctx.global.concurrency);
  const concurrency = Math.max(1, Math.floor(connections / (spec.connectionsPerTarget ?? 1)));
  const timeoutMs = parseTargetTimeout(ctx.global.targetTimeout);
  const targets = await resolveTargets({
    dbs: ctx.global.dbs ?? [],
    ...(ctx.global.target ? { names: ctx.global.target } : {}),
    ...(ctx.global.schemaPattern !== undefined ? { schemaPattern: ctx.global.schemaPattern } : {}),
    configured: (ctx.global.dbs?.length ?? 0) > 0 ? [] : await configuredTargets(ctx),
    env: ctx.env,
  });
  // Every target reads the same models: compile them once for the run.
  (await import('../../config/models.js')).cacheModelsForThisProcess();
  const progress = progressPrinter(ctx, false);
  const opts = {
    concurrency,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    failFast: Boolean(ctx.global.failFast),
    signal: ctx.signal,
    onProgress: (p: Parameters<typeof progress.update>[0]) => {
      if (p.finished) for (const l of p.finished.log) progress.line(`[${p.finished.target.name}] ${l}`);
      progress.update(p);
    },
  };
  let outcomes: TargetOutcome<TargetDetail>[];
  let canary: readonly string[] = [];
  let stopped: string | null = null;
  try {
    if (spec.canary && spec.canary.length > 0) {
      const split = splitCanary(targets, spec.canary);
      info(ctx, `fleet: canary ${split.canary.map((t) => t.name).join(', ')} first, then ${split.rest.length} more target(s), ${concurrency} at a time`);
      const r = await runRollout(targets, split, spec.task, opts);
      outcomes = r.outcomes;
      canary = r.canary;
      stopped = r.stoppedAfterCanary ?? null;
    } else {
      outcomes = await runFleet(targets, spec.task, opts);
    }
  } finally {
    progress.end();
  }
  const canarySet = new Set(canary);
  const reports = outcomes.map((o) => targetReport(o, canarySet));
  const report: FleetReport = { schemaguard: 'fleet', version: FLEET_JSON_VERSION, command: spec.command, summary: summarize(spec.command, reports), stopped, targets: reports };
  const text = renderFleet(spec.format, report, ctx.color && !spec.out && spec.format === 'table');
  if (spec.out) {
    try {
      await writeFile(resolve(ctx.cwd, spec.out), text);
    } catch (error) {
      throw new UsageError(`cannot write ${spec.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    info(ctx, `${report.summary.text}; report written to ${spec.out}`);
  } else {
    out(ctx, text);
  }
  if (spec.format !== 'table' || spec.out) info(ctx, `fleet: ${report.summary.text}`);
  // The worst target's code (130 when Ctrl-C left targets behind).
  return worstExitCode(outcomes) as ExitCode;
}

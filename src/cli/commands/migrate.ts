// The migrate subcommands: flags → core calls → text on stdout, progress on stderr.
import { createInterface } from 'node:readline/promises';
import { ExitCode, UsageError } from '../../errors.js';
import { createMigration } from '../../migrate/create.js';
import { parseHistoryTable } from '../../migrate/history.js';
import { describeProblem } from '../../migrate/integrity.js';
import { parseTarget } from '../../migrate/plan.js';
import { baseline, migrateDown, migrateUp, migrationStatus, RUNNER_DEFAULTS, type MigrateOptions, type RollbackPlan, type RunResult } from '../../migrate/runner.js';
import { describeTarget, parseDatabaseUrl } from '../../db/connect.js';
import { parseDuration } from '../../migrate/script.js';
import { info, out, type CommandContext } from '../context.js';
import { setInterruptExitCode } from '../run.js';
import { renderMigrateRunJson, renderMigrateStatusJson } from '../../report/migrate-json.js';
import { requireDatabase } from '../database.js';
import { wrapHanging } from '../../report/fit.js';
import { renderStatusTable } from '../../report/status-table.js';
import type { BaselineFlags, DownFlags, RunnerFlags, UpFlags } from './migrate.def.js';
import { lockWaitMs, migrationsDir, strictMode } from '../migrate-options.js';

function nonNegativeInteger(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${flag} must be a non-negative integer, not ${JSON.stringify(value)}`);
  return Number(value);
}

/** Exported for fleet runs (src/cli/fleet/tasks.ts), which call the runner per target. */
export async function runnerOptions(ctx: CommandContext, flags: RunnerFlags): Promise<MigrateOptions> {
  return {
    url: requireDatabase(ctx),
    dir: await migrationsDir(ctx),
    strict: await strictMode(ctx),
    history: parseHistoryTable(flags.historyTable),
    lockWaitMs: lockWaitMs(flags.lockWait),
    lockTimeout: parseDuration(flags.lockTimeout ?? RUNNER_DEFAULTS.lockTimeout, '--lock-timeout'),
    statementTimeout: parseDuration(flags.statementTimeout ?? RUNNER_DEFAULTS.statementTimeout, '--statement-timeout'),
    retries: nonNegativeInteger(flags.retries, '--retries', RUNNER_DEFAULTS.retries),
    retryDelayMs: nonNegativeInteger(flags.retryDelay, '--retry-delay', RUNNER_DEFAULTS.retryDelayMs),
    signal: ctx.signal,
    log: (line) => info(ctx, line),
  };
}

function report(ctx: CommandContext, result: RunResult, format: 'text' | 'json' = 'text'): ExitCode {
  if (format === 'json') {
    out(ctx, renderMigrateRunJson(result));
    return ExitCode.Clean;
  }
  if (result.dryRunSql !== undefined) {
    out(ctx, result.dryRunSql);
    return ExitCode.Clean;
  }
  const verb = result.direction === 'up' ? 'applied' : 'rolled back';
  if (result.done.length === 0) info(ctx, result.direction === 'up' ? 'nothing to apply: the database is up to date' : 'nothing to roll back');
  else {
    const total = result.done.reduce((s, d) => s + d.ms, 0);
    info(ctx, `${verb} ${result.done.length} migration(s) in ${(total / 1000).toFixed(2)}s`);
  }
  return ExitCode.Clean;
}

/** A single database's --format: text or json; markdown and junit are a fleet's merged report. */
function singleFormat(format: UpFlags['format']): 'text' | 'json' {
  if (format === 'markdown' || format === 'junit') throw new UsageError(`--format ${format} is the merged report of a fleet run (several --db or targets): one database speaks text or json`);
  return format === 'json' ? 'json' : 'text';
}

export async function upCommand(ctx: CommandContext, flags: UpFlags): Promise<ExitCode> {
  // Ctrl-C/SIGTERM (a second one too) exits 3, as a stopped migration does.
  setInterruptExitCode(ExitCode.MigrationFailed);
  const format = singleFormat(flags.format);
  const target = parseTarget(flags.to, flags.step);
  const opts = await runnerOptions(ctx, flags);
  return report(ctx, await migrateUp(opts, target, Boolean(flags.dryRun)), format);
}

export async function downCommand(ctx: CommandContext, flags: DownFlags): Promise<ExitCode> {
  setInterruptExitCode(ExitCode.MigrationFailed);
  const format = singleFormat(flags.format);
  const target = parseTarget(flags.to, flags.step);
  const opts = await runnerOptions(ctx, flags);
  const interactive = Boolean(ctx.stdin.isTTY && ctx.stderr.isTTY);
  if (!flags.dryRun && !flags.yes && !interactive) {
    throw new UsageError('migrate down rolls back applied migrations: pass --yes to confirm when not on a terminal (or --dry-run to see the SQL)');
  }
  // The prompt says which database (never the password) and which dropped tables hold rows;
  // rolling back everything, or dropping rows, takes the database's name typed out, not a y.
  const confirm = async (plan: RollbackPlan): Promise<boolean> => {
    if (flags.yes) return true;
    const database = parseDatabaseUrl(opts.url).database;
    info(ctx, `migrate down on ${describeTarget(opts.url)} will roll back ${plan.names.length} migration(s), newest first:`);
    for (const n of plan.names) info(ctx, `  ${n}`);
    const dropped = await plan.droppedTables();
    const risky = dropped.tables.filter((t) => t.hasRows !== false);
    if (risky.length > 0) {
      info(ctx, 'tables it drops that hold rows:');
      for (const t of risky) info(ctx, `  ${t.name}${t.hasRows === null ? ' (could not check: counted as holding rows)' : ''}`);
    }
    if (dropped.unchecked > 0) info(ctx, `  and ${dropped.unchecked} more dropped table(s), not checked`);
    const typed = flags.to?.trim() === '0' || risky.length > 0 || dropped.unchecked > 0;
    const rl = createInterface({ input: ctx.stdin, output: ctx.stderr });
    try {
      if (typed) {
        const answer = await rl.question(`Type the database name (${database}) to roll back: `, { signal: ctx.signal });
        return answer.trim() === database;
      }
      const answer = await rl.question('Roll them back? [y/N] ', { signal: ctx.signal });
      return /^y(es)?$/i.test(answer.trim());
    } catch {
      return false;
    } finally {
      rl.close();
    }
  };
  return report(ctx, await migrateDown(opts, target, Boolean(flags.dryRun), confirm), format);
}

export async function statusCommand(ctx: CommandContext, flags: { format: 'table' | 'json'; historyTable?: string }): Promise<ExitCode> {
  const report = await migrationStatus({
    url: requireDatabase(ctx),
    dir: await migrationsDir(ctx),
    history: parseHistoryTable(flags.historyTable),
  });
  if (flags.format === 'json') {
    out(ctx, renderMigrateStatusJson(report));
    return ExitCode.Clean;
  }
  const applied = report.migrations.filter((m) => m.appliedAt !== null).length;
  const pending = report.migrations.filter((m) => m.state === 'pending' || m.state === 'out-of-order').length;
  out(ctx, report.migrations.length > 0 ? renderStatusTable(report, ctx) : '(no migrations)');
  out(ctx, `${applied} applied, ${pending} pending; history table ${report.historyTable}${report.historyExists ? '' : ' (not created yet)'}`);
  for (const p of report.problems) out(ctx, wrapHanging('problem: ', describeProblem(p), ctx.width, '  ').join('\n'));
  for (const name of report.invalidIndexes) {
    out(ctx, wrapHanging('warning: ', `invalid index ${name} (a failed or interrupted concurrent build): queries do not use it; DROP INDEX CONCURRENTLY it and rebuild`, ctx.width, '  ').join('\n'));
  }
  return ExitCode.Clean;
}

export async function createCommand(ctx: CommandContext, name: string): Promise<ExitCode> {
  const created = createMigration(await migrationsDir(ctx), name);
  out(ctx, created.upPath);
  out(ctx, created.downPath);
  return ExitCode.Clean;
}

export async function baselineCommand(ctx: CommandContext, flags: BaselineFlags): Promise<ExitCode> {
  if ((flags.to === undefined) === (flags.from === undefined)) {
    throw new UsageError('migrate baseline needs exactly one of --to NAME or --from golang-migrate|dbmate');
  }
  if (flags.fromTable !== undefined && flags.from === undefined) throw new UsageError('--from-table needs --from');
  const opts = await runnerOptions(ctx, flags);
  let to = flags.to;
  if (flags.from !== undefined) {
    const { DEFAULT_FOREIGN_TABLE, foreignBaselineTarget, parseForeignRunner } = await import('../../migrate/adopt.js');
    const from = parseForeignRunner(flags.from);
    const table = flags.fromTable === undefined ? DEFAULT_FOREIGN_TABLE : parseHistoryTable(flags.fromTable, '--from-table');
    const target = await foreignBaselineTarget(opts.url, opts.dir, from, table);
    if (!target) {
      info(ctx, `nothing to adopt: ${from} has applied no migration`);
      return ExitCode.Clean;
    }
    info(ctx, `${from} history reaches ${target.name}`);
    to = target.name;
  }
  const recorded = await baseline(opts, to!);
  if (recorded.length === 0) info(ctx, 'nothing to baseline: those migrations are already recorded');
  else info(ctx, `recorded ${recorded.length} migration(s) as applied without running them: ${recorded.join(', ')}`);
  return ExitCode.Clean;
}

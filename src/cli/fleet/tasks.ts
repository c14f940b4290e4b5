// One task per fleet-capable command: run the single-target implementation for one target
// (as a function, with a captured context) and turn what it returns into a fleet outcome.
import { ExitCode, MigrationFailedError, UsageError } from '../../errors.js';

/** A target stopped by Ctrl-C between two migrations (the shell's 128 + SIGINT). */
export const INTERRUPTED = 130;
import { withSearchPath, type Target } from '../../fleet/targets.js';
import type { TaskContext, TaskResult } from '../../fleet/run.js';
import type { FleetFinding, FleetStatus } from '../../report/fleet-model.js';
import type { CommandContext, GlobalOptions } from '../context.js';
import type { AuditFlags } from '../commands/audit.def.js';
import type { LintFlags } from '../commands/lint.def.js';
import type { DownFlags, UpFlags } from '../commands/migrate.def.js';
import { targetContext } from './target-context.js';

/** What the merged report keeps of one target. */
export interface TargetDetail {
  readonly findings: readonly FleetFinding[];
  readonly detail: unknown;
}

export type FleetTask = (target: Target, run: TaskContext) => Promise<TaskResult<TargetDetail>>;

/** A tenant target's history table lives in its schema; else the flag (or the default). */
function historyFor(target: Target, flag: string | undefined): string | undefined {
  if (target.schema === undefined) return flag;
  const table = flag === undefined ? 'schemaguard_migrations' : flag.includes('.') ? flag.slice(flag.indexOf('.') + 1) : flag;
  return `${target.schema}.${table}`;
}

/** The target's globals; a tenant's schema becomes --schema unless the command handles it (audit). */
function globalFor(parent: CommandContext, target: Target, url = target.url, scoped = true): GlobalOptions {
  const { dbs: _dbs, target: _t, schemaPattern: _p, ...rest } = parent.global;
  return { ...rest, db: url, ...(scoped && target.schema !== undefined ? { schema: [target.schema] } : {}) };
}

/** Run `fn` with a context of its own for this target; its pools are closed when it returns. */
async function withTarget<R>(parent: CommandContext, global: GlobalOptions, run: TaskContext, fn: (ctx: CommandContext) => Promise<R>): Promise<{ value: R; stdout: string }> {
  const t = targetContext(parent, global, run.signal, run.log);
  try {
    const value = await fn(t.ctx);
    return { value, stdout: t.stdout() };
  } finally {
    await t.cleanup();
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} did not print JSON`);
  }
}

interface AuditDoc {
  summary: { findings: number; text: string };
  tables: { findings: { rule: string; severity: 'critical' | 'warning' | 'info'; object: string; message: string; accepted: unknown }[] }[];
}

export function auditTask(parent: CommandContext, flags: AuditFlags): FleetTask {
  return async (target, run) => {
    const { auditCommand } = await import('../commands/audit.js');
    const historyTable = historyFor(target, flags.historyTable);
    const { value: code, stdout } = await withTarget(parent, globalFor(parent, target, target.url, false), run, (ctx) =>
      auditCommand(ctx, { ...flags, format: 'json', out: undefined, ...(historyTable ? { historyTable } : {}), ...(target.schema !== undefined ? { tenant: target.schema } : {}) } as AuditFlags),
    );
    const doc = parseJson(stdout, 'audit') as AuditDoc;
    const findings: FleetFinding[] = doc.tables.flatMap((t) =>
      t.findings.filter((f) => !f.accepted).map((f) => ({ target: target.name, severity: f.severity, rule: f.rule, object: f.object, message: f.message })),
    );
    // Drifted: an open warning or worse, whether or not it reaches --fail-on (the exit code says that).
    const status: FleetStatus = code === ExitCode.Drift || findings.some((f) => f.severity !== 'info') ? 'drifted' : 'ok';
    return { exitCode: code, status, summary: doc.summary.text, data: { findings, detail: doc } };
  };
}

export function inspectTask(parent: CommandContext, opts: { historyTable?: string }): FleetTask {
  return async (target, run) => {
    const { inspectCommand } = await import('../commands/inspect.js');
    const historyTable = historyFor(target, opts.historyTable);
    const { value: code, stdout } = await withTarget(parent, globalFor(parent, target), run, (ctx) => inspectCommand(ctx, { format: 'json', ...(historyTable ? { historyTable } : {}) }));
    const schema = parseJson(stdout, 'inspect') as { tables?: unknown[]; views?: unknown[]; enums?: unknown[] };
    const summary = `${schema.tables?.length ?? 0} tables, ${schema.views?.length ?? 0} views, ${schema.enums?.length ?? 0} enums`;
    return { exitCode: code, status: 'ok', summary, data: { findings: [], detail: schema } };
  };
}

interface CheckDoc {
  ok: boolean;
  problems: { subject: string; message: string }[];
}

export function checkTask(parent: CommandContext): FleetTask {
  return async (target, run) => {
    if (target.schema !== undefined) throw new UsageError('check over tenant schemas is not supported yet: use audit (it compares each tenant schema with the models)');
    const { checkCommand } = await import('../commands/check.js');
    const { value: code, stdout } = await withTarget(parent, globalFor(parent, target), run, (ctx) => checkCommand(ctx, { format: 'json' }));
    const doc = parseJson(stdout, 'check') as CheckDoc;
    const findings: FleetFinding[] = doc.problems.map((p) => ({ target: target.name, severity: 'critical', rule: `check-${p.subject}`, object: null, message: p.message }));
    return { exitCode: code, status: doc.ok ? 'ok' : 'drifted', summary: doc.ok ? 'matches the models and the migrations' : `${doc.problems.length} difference(s)`, data: { findings, detail: doc } };
  };
}

interface LintDoc {
  summary: { findings: number };
  findings: { rule: string; severity: 'critical' | 'warning' | 'info'; file: string; line: number; message: string }[];
}

export function lintTask(parent: CommandContext, files: readonly string[], flags: LintFlags): FleetTask {
  return async (target, run) => {
    const { lintCommand } = await import('../commands/lint.js');
    const url = target.schema === undefined ? target.url : withSearchPath(target.url, target.schema);
    const { value: code, stdout } = await withTarget(parent, globalFor(parent, target, url), run, (ctx) => lintCommand(ctx, files, { ...flags, format: 'json', out: undefined } as LintFlags));
    const doc = parseJson(stdout, 'lint') as LintDoc;
    const findings: FleetFinding[] = doc.findings.map((f) => ({ target: target.name, severity: f.severity, rule: f.rule, object: `${f.file}:${f.line}`, message: f.message }));
    return { exitCode: code, status: code === ExitCode.Drift ? 'drifted' : 'ok', summary: `${doc.summary.findings} finding(s)`, data: { findings, detail: doc } };
  };
}

interface StatusDoc {
  migrations: { name: string; state: string }[];
  problems: unknown[];
}

export function statusTask(parent: CommandContext, opts: { historyTable?: string }): FleetTask {
  return async (target, run) => {
    const { statusCommand } = await import('../commands/migrate.js');
    const historyTable = historyFor(target, opts.historyTable);
    const { value: code, stdout } = await withTarget(parent, globalFor(parent, target), run, (ctx) => statusCommand(ctx, { format: 'json', ...(historyTable ? { historyTable } : {}) }));
    const doc = parseJson(stdout, 'migrate status') as StatusDoc;
    const pending = doc.migrations.filter((m) => m.state === 'pending' || m.state === 'out-of-order');
    const applied = doc.migrations.filter((m) => m.state === 'applied').length;
    const problems = doc.migrations.filter((m) => m.state === 'changed' || m.state === 'missing-file' || m.state === 'out-of-order');
    const findings: FleetFinding[] = problems.map((m) => ({ target: target.name, severity: 'warning', rule: 'migration-history', object: m.name, message: `${m.name}: ${m.state}` }));
    const status: FleetStatus = problems.length > 0 ? 'drifted' : pending.length > 0 ? 'behind' : 'ok';
    const summary = `${applied} applied, ${pending.length} pending${pending.length > 0 ? ` (next ${pending[0]!.name})` : ''}`;
    return { exitCode: code, status, summary, data: { findings, detail: doc } };
  };
}

export function migrateTask(parent: CommandContext, direction: 'up' | 'down', flags: UpFlags & DownFlags): FleetTask {
  return async (target, run) => {
    const [{ runnerOptions }, { migrateUp, migrateDown }, { parseTarget }] = await Promise.all([
      import('../commands/migrate.js'),
      import('../../migrate/runner.js'),
      import('../../migrate/plan.js'),
    ]);
    const url = target.schema === undefined ? target.url : withSearchPath(target.url, target.schema);
    const historyTable = historyFor(target, flags.historyTable);
    const to = parseTarget(flags.to, flags.step);
    // Stopping a target (Ctrl-C, --fail-fast, its timeout) lets the migration in flight finish:
    // the runner's own signal would cancel it, so it is aborted only between two migrations,
    // when the runner reports one done ("applied NAME (…)"), and it then stops before the next.
    const between = new AbortController();
    let stopping = run.signal.aborted;
    run.signal.addEventListener('abort', () => (stopping = true), { once: true });
    const log = (line: string) => {
      run.log(line);
      if (stopping && /^(applied|rolled back) \S+ \(/.test(line)) between.abort(run.signal.reason);
    };
    let result: Awaited<ReturnType<typeof migrateUp>>;
    try {
      ({ value: result } = await withTarget(parent, globalFor(parent, target, url), run, async (ctx) => {
        const opts = { ...(await runnerOptions(ctx, { ...flags, ...(historyTable ? { historyTable } : {}) })), signal: between.signal, log, chain: false };
        const dry = Boolean(flags.dryRun);
        return direction === 'up' ? migrateUp(opts, to, dry) : migrateDown(opts, to, dry, async () => true);
      }));
    } catch (error) {
      // Ctrl-C: the runner finished the migration in flight and stopped before the next one.
      // Not a failure: the target is behind, and a rerun resumes it.
      if (between.signal.aborted && error instanceof MigrationFailedError && /^interrupted/.test(error.message)) {
        return { exitCode: INTERRUPTED, status: 'behind', summary: error.message, data: { findings: [], detail: { direction, interrupted: error.message } } };
      }
      throw error;
    }
    const verb = direction === 'up' ? 'applied' : 'rolled back';
    if (result.dryRunSql !== undefined) {
      const nothing = result.dryRunSql.startsWith('-- nothing');
      return { exitCode: ExitCode.Clean, status: nothing || direction === 'down' ? 'ok' : 'behind', summary: nothing ? 'nothing to do' : 'dry run: SQL in --format json', data: { findings: [], detail: { dryRunSql: result.dryRunSql } } };
    }
    const summary =
      result.done.length === 0
        ? direction === 'up'
          ? 'at head: nothing to apply'
          : 'nothing to roll back'
        : `${verb} ${result.done.length}: ${result.done.map((d) => d.name).join(', ')}`;
    return { exitCode: ExitCode.Clean, status: 'ok', summary, data: { findings: [], detail: { direction, done: result.done } } };
  };
}

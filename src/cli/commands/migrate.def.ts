// `schemaguard migrate …`: a command group. Each subcommand is one register function in
// SUBCOMMANDS; to add one (e.g. `generate`), write `registerMigrateX(group)` and list it.
import { Option, type Command } from 'commander';
import { globalsOf } from '../globals.js';

export interface RunnerFlags {
  historyTable?: string;
  lockWait?: string;
  lockTimeout?: string;
  statementTimeout?: string;
  retries?: string;
  retryDelay?: string;
}

export interface UpFlags extends RunnerFlags {
  to?: string;
  step?: string;
  dryRun?: boolean;
  /** Fleet runs: canary targets first (src/fleet/canary.ts). */
  canary?: string[];
  /**
   * text (or table) / json: one document on stdout (docs/json-output.md), progress on stderr.
   * markdown and junit: fleet runs' merged report only.
   */
  format?: 'text' | 'table' | 'json' | 'markdown' | 'junit';
}

/** `--format text|json` of the subcommands that change or report. */
export function formatOption(): Option {
  return new Option('--format <format>', 'text, or json: one document on stdout (docs/json-output.md)').choices(['text', 'json']).default('text');
}

export interface BaselineFlags extends RunnerFlags {
  to?: string;
  from?: string;
  fromTable?: string;
}

export interface DownFlags extends UpFlags {
  yes?: boolean;
}

/** Options shared by every migrate subcommand that talks to the history table. */
export function addHistoryOption(cmd: Command): Command {
  return cmd.option('--history-table <schema.name>', 'history table (default: public.schemaguard_migrations)');
}

/** Options of subcommands that take the run lock and write. */
export function addRunnerOptions(cmd: Command): Command {
  return addHistoryOption(cmd)
    .option('--lock-wait <seconds>', 'wait this long for another run holding the migration lock, then exit 2', '10')
    .option('--lock-timeout <duration>', "lock_timeout per migration (e.g. 5s, 500ms, none); a file's directive wins", '5s')
    .option('--statement-timeout <duration>', "statement_timeout per migration; a file's directive wins", 'none')
    .option('--retries <n>', 'retries of a migration that hit lock_timeout, with backoff', '3')
    .option('--retry-delay <ms>', 'first backoff delay between retries (doubles each time)', '1000');
}

type Ctx = import('../context.js').CommandContext;
type Fleet = typeof import('../fleet/fleet.js');
type Tasks = typeof import('../fleet/tasks.js');

/** The command over a fleet when the targets make it one (src/cli/fleet/), else `single`. */
async function actOrFleet(
  cmd: Command,
  extra: { canary?: string[] },
  single: (m: typeof import('./migrate.js'), ctx: Ctx) => Promise<import('../../errors.js').ExitCode>,
  fleetRun: (fleet: Fleet, tasks: Tasks, ctx: Ctx) => Promise<import('../../errors.js').ExitCode>,
): Promise<void> {
  await act(cmd, async (m, ctx) => {
    const { isFleetRun } = await import('../fleet/detect.js');
    if (!(await isFleetRun(ctx, extra))) return single(m, ctx);
    return fleetRun(await import('../fleet/fleet.js'), await import('../fleet/tasks.js'), ctx);
  });
}

// One --format for a single database and a fleet: text (table) or json for either; markdown and
// junit are the fleet's merged report (a single target refuses them, exit 2).
const runFormat = () =>
  new Option('--format <format>', 'text or json (docs/json-output.md); fleet runs also markdown, junit').choices(['text', 'table', 'json', 'markdown', 'junit']).default('text');

async function act(cmd: Command, run: (m: typeof import('./migrate.js'), ctx: import('../context.js').CommandContext) => Promise<import('../../errors.js').ExitCode>): Promise<void> {
  const [{ runAction }, m] = await Promise.all([import('../run.js'), import('./migrate.js')]);
  await runAction(globalsOf(cmd), (ctx) => run(m, ctx));
}

function registerUp(group: Command): void {
  addRunnerOptions(
    group
      .command('up')
      .description('apply pending migrations in order, each in its own transaction')
      .option('--to <name>', 'apply up to and including this migration (name or number)')
      .option('--step <n>', 'apply this many pending migrations')
      .option('--dry-run', 'print the SQL that would run; change nothing')
      .addOption(new Option('--canary <n|name...>', 'fleet runs: migrate these targets (the first N, or names/globs) first; any failing stops the rollout'))
      .addOption(runFormat()),
  ).action(async (opts: UpFlags, cmd: Command) =>
    actOrFleet(cmd, opts.canary ? { canary: opts.canary } : {}, (m, ctx) => m.upCommand(ctx, opts), (fleet, tasks, ctx) =>
      fleet.runFleetCommand(ctx, { command: 'migrate up', format: fleet.fleetFormat(opts.format), task: tasks.migrateTask(ctx, 'up', opts), connectionsPerTarget: 2, ...(opts.canary ? { canary: opts.canary } : {}) }),
    ),
  );
}

function registerDown(group: Command): void {
  addRunnerOptions(
    group
      .command('down')
      .description('roll back applied migrations, newest first (default: one)')
      .option('--to <name>', 'roll back until this migration is the newest applied; 0 rolls back everything')
      .option('--step <n>', 'roll back this many migrations')
      .option('--dry-run', 'print the SQL that would run; change nothing')
      .option('--yes', 'do not ask for confirmation (required when not on a TTY)')
      .addOption(runFormat()),
  ).action(async (opts: DownFlags, cmd: Command) =>
    actOrFleet(cmd, {}, (m, ctx) => m.downCommand(ctx, opts), async (fleet, tasks, ctx) => {
      if (!opts.yes && !opts.dryRun) {
        const { UsageError } = await import('../../errors.js');
        throw new UsageError('migrate down over several targets needs --yes (or --dry-run to see the SQL): nothing was rolled back');
      }
      return fleet.runFleetCommand(ctx, { command: 'migrate down', format: fleet.fleetFormat(opts.format), task: tasks.migrateTask(ctx, 'down', opts), connectionsPerTarget: 2 });
    }),
  );
}

function registerStatus(group: Command): void {
  addHistoryOption(
    group
      .command('status')
      .description('applied and pending migrations, with dates and checksum state')
      .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table')),
  ).action(async (opts: { format: 'table' | 'json'; historyTable?: string }, cmd: Command) =>
    actOrFleet(cmd, {}, (m, ctx) => m.statusCommand(ctx, opts), (fleet, tasks, ctx) =>
      fleet.runFleetCommand(ctx, { command: 'migrate status', format: opts.format, task: tasks.statusTask(ctx, opts) }),
    ),
  );
}

function registerCreate(group: Command): void {
  group
    .command('create')
    .description('create the next NNNNNN_name.up.sql and .down.sql pair')
    .argument('<name>', 'descriptive name, e.g. add_leads_phase')
    .action(async (name: string, _opts: unknown, cmd: Command) => act(cmd, (m, ctx) => m.createCommand(ctx, name)));
}

function registerBaseline(group: Command): void {
  addRunnerOptions(
    group
      .command('baseline')
      .description('record migrations up to NAME as applied without running them (databases built before history existed, or adopted from another runner)')
      .option('--to <name>', 'last migration already reflected in the database')
      .option('--from <runner>', "adopt another runner's history instead of --to: golang-migrate or dbmate (its table is read, never written)")
      .option('--from-table <schema.name>', "that runner's history table (default: public.schema_migrations)"),
  ).action(async (opts: BaselineFlags, cmd: Command) => act(cmd, (m, ctx) => m.baselineCommand(ctx, opts)));
}

/** Subcommands of `migrate`, in help order. */
export const SUBCOMMANDS: Array<(group: Command) => void> = [registerUp, registerDown, registerStatus, registerCreate, registerBaseline];

export function registerMigrate(program: Command): Command {
  const group = program
    .command('migrate')
    .description('apply, roll back and inspect ordered up/down SQL migrations (migrations/NNNNNN_name.{up,down}.sql)');
  for (const register of SUBCOMMANDS) register(group);
  return group;
}

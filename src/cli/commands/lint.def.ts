import { Option, type Command } from 'commander';
import { globalsOf } from '../globals.js';

export interface LintFlags {
  readonly format: 'table' | 'json' | 'markdown' | 'junit';
  readonly failOn: 'critical' | 'warning' | 'info' | 'never';
  readonly out?: string;
}

export function registerLint(program: Command): void {
  program
    .command('lint')
    .description('report hazards in migration SQL (default: every file in the migrations directory)')
    .argument('[files...]', 'migration files or directories')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'markdown', 'junit']).default('table'))
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding reaches this severity')
        .choices(['critical', 'warning', 'info', 'never'])
        .default('warning'),
    )
    .option('--out <file>', 'write the report to a file instead of stdout')
    .addHelpText(
      'after',
      `
Rules (silence one in the file with: -- schemaguard:lint-ignore SG001 reason: why):
  SG001 index without CONCURRENTLY     SG002 constraint without NOT VALID   SG003 scan or rewrite
  SG004 NOT NULL column, no default    SG005 drop of data (--db)             SG006 column added twice
  SG007 missing down file              SG008 CONCURRENTLY in a transaction
SG005 runs only when --db is given: it counts what each DROP would delete there.`,
    )
    .action(async (files: string[], opts: LintFlags, cmd: Command) => {
      const [{ runAction }, { lintCommand }, fleet] = await Promise.all([import('../run.js'), import('./lint.js'), import('../fleet/fleet.js')]);
      await runAction(globalsOf(cmd), async (ctx) => {
        if (!(await fleet.isFleetRun(ctx, { implicit: false }))) return lintCommand(ctx, files, opts);
        const { lintTask } = await import('../fleet/tasks.js');
        return fleet.runFleetCommand(ctx, { command: 'lint', format: opts.format, ...(opts.out ? { out: opts.out } : {}), task: lintTask(ctx, files, opts) });
      });
    });
}

import { Option, type Command } from 'commander';
import { globalsOf } from '../globals.js';
import { collect } from '../extra-reports.js';
import { CHECK_FORMATS, type CheckFormat } from '../../report/formats.js';

export interface CheckFlags {
  /** Unset: text, or github inside GitHub Actions. */
  readonly format?: CheckFormat;
  readonly report?: string[];
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('CI gate: migrations on a throwaway database must equal the models (and the live database, with --db)')
    .addOption(new Option('--format <format>', 'output format (default: text; github inside GitHub Actions)').choices(CHECK_FORMATS))
    .option('--report <format=file>', 'also write the result in FORMAT to FILE (repeatable): --report markdown=check.md', collect)
    .addHelpText(
      'after',
      `
Applies every up migration to a throwaway embedded PostgreSQL (or a database created on
$SCHEMAGUARD_SCRATCH_URL's server) and compares the result with the models: a model with no
migration behind it, or a migration creating something no model declares, fails the check.
With --db, the live database must also match the models and have applied exactly the
migration files. Exit 0 when all agree, 1 when something differs, 2 on bad input.`,
    )
    .action(async (opts: CheckFlags, cmd: Command) => {
      const [{ runAction }, { checkCommand }, detect] = await Promise.all([import('../run.js'), import('./check.js'), import('../fleet/detect.js')]);
      await runAction(globalsOf(cmd), async (ctx) => {
        if (!(await detect.isFleetRun(ctx, { implicit: false }))) return checkCommand(ctx, opts);
        const fleet = await import('../fleet/fleet.js');
        const { checkTask } = await import('../fleet/tasks.js');
        return fleet.runFleetCommand(ctx, { command: 'check', format: opts.format === 'json' ? 'json' : 'table', task: checkTask(ctx) });
      });
    });
}

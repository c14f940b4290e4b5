import { Option, type Command } from 'commander';
import { UsageError } from '../../errors.js';
import { globalsOf } from '../globals.js';

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('introspect a live database and print its schema')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'sql']).default('table'))
    .option('--history-table <schema.name>', 'schemaguard\'s history table, left out (default: public.schemaguard_migrations)')
    .action(async (opts: { format: 'table' | 'json' | 'sql'; historyTable?: string }, cmd: Command) => {
      const [{ runAction }, { inspectCommand }, detect] = await Promise.all([import('../run.js'), import('./inspect.js'), import('../fleet/detect.js')]);
      await runAction(globalsOf(cmd), async (ctx) => {
        if (!(await detect.isFleetRun(ctx))) return inspectCommand(ctx, opts);
        const fleet = await import('../fleet/fleet.js');
        if (opts.format === 'sql') throw new UsageError('inspect --format sql takes one database: over several, use --format json or table');
        const { inspectTask } = await import('../fleet/tasks.js');
        return fleet.runFleetCommand(ctx, { command: 'inspect', format: opts.format, task: inspectTask(ctx, opts), connectionsPerTarget: 2 });
      });
    });
}

import { Option, type Command } from 'commander';
import { globalsOf } from '../globals.js';

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('introspect a live database and print its schema')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'sql']).default('table'))
    .option('--history-table <schema.name>', 'schemaguard\'s history table, left out (default: public.schemaguard_migrations)')
    .action(async (opts: { format: 'table' | 'json' | 'sql'; historyTable?: string }, cmd: Command) => {
      const [{ runAction }, { inspectCommand }] = await Promise.all([import('../run.js'), import('./inspect.js')]);
      await runAction(globalsOf(cmd), (ctx) => inspectCommand(ctx, opts));
    });
}

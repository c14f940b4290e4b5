import { Option, type Command } from 'commander';
import { globalsOf } from '../globals.js';

export interface DemoFlags {
  readonly keep: boolean;
  readonly domains: string;
  readonly seed: string;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('embedded PostgreSQL + legacy lead-generation fixture → audit → migrate up → audit (clean)')
    .option('--keep', 'keep the server running at the end and print its URL (Ctrl-C stops it)', false)
    .addOption(new Option('--domains <n>', 'generated domains in the fixture').default('20000'))
    .addOption(new Option('--seed <n>', 'fixture seed').default('1'))
    .addHelpText(
      'after',
      '\nWith --db URL, the demo creates a throwaway database on that server instead (dropped at the end unless --keep).',
    )
    .action(async (opts: DemoFlags, cmd: Command) => {
      const [{ runAction }, { demoCommand }] = await Promise.all([import('../run.js'), import('./demo.js')]);
      await runAction(globalsOf(cmd), (ctx) => demoCommand(ctx, opts));
    });
}

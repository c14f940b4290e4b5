import type { Command } from 'commander';
import { globalsOf } from '../globals.js';

export interface PullFlags {
  readonly out: string;
  readonly force?: boolean;
  readonly importFrom: string;
  readonly historyTable?: string;
}

export function registerPull(program: Command): void {
  program
    .command('pull')
    .description("introspect the database and write its tables and enums as models in schemaguard's DSL (one file per schema, and index.ts)")
    .option('--out <dir>', 'directory to write the models into', './models')
    .option('--force', 'overwrite files that already exist there')
    .option('--import-from <module>', 'module the files import the DSL from', 'schemaguard/model')
    .option('--history-table <schema.name>', "schemaguard's history table, never pulled (default: public.schemaguard_migrations)")
    .action(async (opts: PullFlags, cmd: Command) => {
      const [{ runAction }, { pullCommand }] = await Promise.all([import('../run.js'), import('./pull.js')]);
      await runAction(globalsOf(cmd), (ctx) => pullCommand(ctx, opts));
    });
}

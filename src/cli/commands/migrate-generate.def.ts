import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import { formatOption } from './migrate.def.js';
import type { GenerateFlags } from './migrate-generate.js';

/** `migrate generate NAME`, added to the `migrate` group. */
export function registerMigrateGenerate(group: Command): void {
  group
    .command('generate')
    .description('write the next up/down pair from the difference between migrations/ and the models')
    .argument('<name>', 'descriptive name, e.g. add_business_status')
    .option('--rename <old:new...>', 'confirm a likely rename (campaigns:lead_generation_campaigns, campaign_jobs.payload:job_payload)')
    .option('--accept-data-loss', 'off a terminal, write steps that delete data (drops; unconfirmed renames planned as drop + add)')
    .addOption(formatOption())
    .action(async (name: string, opts: GenerateFlags, cmd: Command) => {
      const [{ runAction }, { generateCommand }] = await Promise.all([import('../run.js'), import('./migrate-generate.js')]);
      await runAction(globalsOf(cmd), (ctx) => generateCommand(ctx, name, opts));
    });
}

import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import type { HistoryEditFlags } from './migrate-repair.js';

function historyEditOptions(cmd: Command): Command {
  return cmd
    .option('--history-table <schema.name>', 'history table (default: public.schemaguard_migrations)')
    .option('--lock-wait <seconds>', 'wait this long for another run holding the migration lock, then exit 2', '10')
    .option('--dry-run', 'show what would be rewritten; change nothing')
    .option('--yes', 'do not ask for confirmation (required when not on a TTY)');
}

/** `migrate force VERSION` and `migrate repair`, added to the `migrate` group. */
export function registerMigrateRepair(group: Command): void {
  historyEditOptions(
    group
      .command('force')
      .description('record the history as at VERSION without running anything (golang-migrate force): files up to it recorded, later rows removed; 0 for none')
      .argument('<version>', 'migration number or name the history ends with (0: none applied)'),
  ).action(async (version: string, opts: HistoryEditFlags, cmd: Command) => {
    const [{ runAction }, { forceCommand }] = await Promise.all([import('../run.js'), import('./migrate-repair.js')]);
    await runAction(globalsOf(cmd), (ctx) => forceCommand(ctx, version, opts));
  });
  historyEditOptions(
    group
      .command('repair')
      .description('re-record the checksums of applied migrations whose up file was edited, after showing the diff of each (Flyway repair)'),
  ).action(async (opts: HistoryEditFlags, cmd: Command) => {
    const [{ runAction }, { repairCommand }] = await Promise.all([import('../run.js'), import('./migrate-repair.js')]);
    await runAction(globalsOf(cmd), (ctx) => repairCommand(ctx, opts));
  });
}

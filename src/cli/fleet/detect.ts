// Whether a command runs over a fleet, apart from the fleet runner: every single-target
// command asks this first, and loading the runner and its renderers (cli-table3 among them)
// to answer "no" cost `inspect` a tenth of its time on a small database.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TargetEntry } from '../../fleet/targets.js';
import type { CommandContext } from '../context.js';

export async function configuredTargets(ctx: CommandContext): Promise<TargetEntry[]> {
  const { CONFIG_FILES, loadConfig } = await import('../../config/config.js');
  if (ctx.global.config === undefined && !CONFIG_FILES.some((f) => existsSync(resolve(ctx.cwd, f)))) return [];
  const config = await loadConfig(ctx.cwd, { ...(ctx.global.config !== undefined && { config: ctx.global.config }) });
  if (config.targets === null) return [];
  if ('file' in config.targets) {
    const { parseTargetsFile } = await import('../../fleet/targets.js');
    return parseTargetsFile(config.targets.file, config.targets.shownAs);
  }
  return [...(config.targets as TargetEntry[])];
}

/**
 * A fleet run: several --db, --target, --schema-pattern, --canary, or no database given at
 * all while the config lists targets.
 */
export async function isFleetRun(ctx: CommandContext, extra: { canary?: readonly string[]; implicit?: boolean } = {}): Promise<boolean> {
  const g = ctx.global;
  if ((g.dbs?.length ?? 0) > 1 || (g.target?.length ?? 0) > 0 || g.schemaPattern !== undefined || (extra.canary?.length ?? 0) > 0) return true;
  // lint never connects unless asked: configured targets alone do not make it a fleet run.
  if (extra.implicit === false || g.db !== undefined || ctx.env.DATABASE_URL) return false;
  return (await configuredTargets(ctx)).length > 0;
}

// What every migrate subcommand (up, down, status, force, repair) reads from its flags and the
// config the same way: the migrations directory, config `strict`, and --lock-wait.
import { resolve } from 'node:path';
import { hasConfigFile } from '../config/files.js';
import { UsageError } from '../errors.js';
import { RUNNER_DEFAULTS } from '../migrate/runner.js';
import type { CommandContext } from './context.js';

/**
 * --migrations, else the config's `migrations`, else ./migrations. The config is only read
 * when it can matter (no --migrations, or an explicit --config): it may be TypeScript.
 */
export async function migrationsDir(ctx: CommandContext): Promise<string> {
  if (ctx.global.migrations !== undefined && ctx.global.config === undefined) return resolve(ctx.cwd, ctx.global.migrations);
  const { loadConfig } = await import('../config/config.js');
  const config = await loadConfig(ctx.cwd, { ...(ctx.global.config !== undefined && { config: ctx.global.config }), ...(ctx.global.migrations !== undefined && { migrations: ctx.global.migrations }) });
  return config.migrations;
}

/** Config `strict` (read only when a config file may say it). */
export async function strictMode(ctx: CommandContext): Promise<boolean> {
  if (!hasConfigFile(ctx.cwd, ctx.global.config)) return false;
  const { loadConfig } = await import('../config/config.js');
  const config = await loadConfig(ctx.cwd, { ...(ctx.global.config !== undefined && { config: ctx.global.config }) });
  return config.strict;
}

/** --lock-wait seconds in milliseconds. */
export function lockWaitMs(value: string | undefined): number {
  const seconds = value === undefined ? RUNNER_DEFAULTS.lockWaitSeconds : Number(value);
  if (!Number.isFinite(seconds) || seconds < 0 || value?.trim() === '') throw new UsageError(`--lock-wait must be a number of seconds, not ${JSON.stringify(value)}`);
  return seconds * 1000;
}

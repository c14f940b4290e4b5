// The names a config file may have, without the config's parser (zod): a command can tell
// whether there is a config to load before paying for loading it.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const CONFIG_FILES = ['schemaguard.config.ts', 'schemaguard.config.mts', 'schemaguard.config.js', 'schemaguard.config.mjs', 'schemaguard.config.json'] as const;

/** Whether loadConfig would read a file: --config given, or one of CONFIG_FILES in cwd. */
export function hasConfigFile(cwd: string, flag: string | undefined): boolean {
  return flag !== undefined || CONFIG_FILES.some((name) => existsSync(resolve(cwd, name)));
}

// Which database a command talks to, and the config defaults commands read before their own
// flags: resolved once, before the command runs (src/cli/run.ts).
//
//   --db URL  >  --env NAME's db  >  DATABASE_URL  >  the config's top-level db  >  PG* variables
//
// Whatever wins is completed the way libpq completes a connection string (db/libpq.ts): the
// service file, PGHOST/PGUSER/…, ~/.pgpass. Only the first two count as "a database was given"
// for commands where one is optional (check, lint, demo); the rest are defaults for commands
// that cannot run without one.
import type { Command } from 'commander';
import { hasConfigFile } from '../config/files.js';
import { hasLibpqTarget, resolveConnection } from '../db/libpq.js';
import { UsageError } from '../errors.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { loadDotEnv } from './dotenv.js';

export interface PrepareIo {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly warn: (line: string) => void;
}

export async function prepareGlobals(global: GlobalOptions, command: Command | undefined, io: PrepareIo): Promise<GlobalOptions> {
  loadDotEnv(io.cwd, io.env);
  // No config file and no --env: nothing to read, and the config's parser (zod) stays unloaded
  // (start-up time: lint on a directory without a config).
  const config =
    hasConfigFile(io.cwd, global.config) || global.env !== undefined
      ? await (await import('../config/config.js')).loadConfig(io.cwd, global, io.env)
      : { historyTable: null, db: null, dbFromEnvironment: false };
  // Only a config that names one loads the history table's code (start-up time: lint).
  if (command && config.historyTable !== null) (await import('./history-flag.js')).applyConfigHistoryTable(command, config.historyTable);
  const complete = (url: string | undefined): string => {
    const resolved = resolveConnection(url || undefined, { env: io.env });
    for (const w of resolved.warnings) io.warn(`warning: ${w}`);
    return resolved.url;
  };
  const explicit = global.db ?? (config.dbFromEnvironment ? (config.db ?? undefined) : undefined);
  const fallback = io.env.DATABASE_URL || config.db || undefined;
  return {
    ...global,
    ...(explicit !== undefined ? { db: complete(explicit) } : {}),
    ...(explicit === undefined && (fallback !== undefined || hasLibpqTarget(io.env)) ? { defaultDb: complete(fallback) } : {}),
  };
}

/** The database of a command that needs one; a usage error naming every way to give one. */
export function requireDatabase(ctx: Pick<CommandContext, 'global'>): string {
  const url = ctx.global.db ?? ctx.global.defaultDb;
  if (!url) {
    throw new UsageError('no database given: pass --db postgres://… or --env NAME, set DATABASE_URL, "db" in the config, or PGHOST/PGDATABASE/PGSERVICE');
  }
  return url;
}

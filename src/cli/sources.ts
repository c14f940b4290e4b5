// Where a Schema comes from, for `diff` and `check`: a live database (postgres:// URL), the
// migrations directory applied to a throwaway database, or the TypeScript models.
import { basename, relative } from 'node:path';
import { connect, type Sql } from '../db/connect.js';
import { ConfigError, UsageError } from '../errors.js';
import { introspect } from '../introspect/index.js';
import { applyScripts, type ApplicableScript } from '../migrate/apply.js';
import { listMigrationFiles, readSqlFile } from '../migrate/files.js';
import type { Script } from '../migrate/script.js';
import { cachedScripts, storeScripts } from '../migrate/script-cache.js';
import { withoutOwners } from '../schema/owners.js';
import type { QualifiedName, Schema } from '../schema/types.js';
import type { CommandContext } from './context.js';
import type { ScratchServer } from './scratch-server.js';

export type SourceSpec = { readonly kind: 'url'; readonly url: string } | { readonly kind: 'migrations' } | { readonly kind: 'models' };

export function parseSource(text: string, flag: string): SourceSpec {
  if (text === 'migrations' || text === 'models') return { kind: text };
  if (/^postgres(ql)?:\/\//i.test(text)) return { kind: 'url', url: text };
  throw new UsageError(`${flag} must be a postgres:// URL, "migrations" or "models", not "${text.replace(/:[^:@/]*@/, ':***@')}"`);
}

export interface SourceOptions {
  readonly migrationsDir: string;
  readonly schemas?: readonly string[];
  /** schemaguard's own tables (the history) to leave out: see introspect(). */
  readonly ownTables?: readonly QualifiedName[];
  /** Loads the models' Schema (config + model compiler). */
  readonly loadModels?: () => Promise<Schema>;
}

export interface LoadedSchema {
  readonly schema: Schema;
  readonly label: string;
}

export { ScratchServer } from './scratch-server.js';

export async function loadSource(spec: SourceSpec, ctx: CommandContext, options: SourceOptions, scratch: ScratchServer): Promise<LoadedSchema> {
  switch (spec.kind) {
    case 'url': {
      const sql = await connect(spec.url, { applicationName: 'schemaguard diff' });
      try {
        return { schema: await introspect(sql, { ...(options.schemas ? { schemas: options.schemas } : {}), ...(options.ownTables ? { ownTables: options.ownTables } : {}) }), label: describeUrl(spec.url) };
      } finally {
        await sql.end({ timeout: 5 });
      }
    }
    case 'migrations':
      return { schema: await migrationsSchema(ctx, options, scratch), label: `migrations (${relative(ctx.cwd, options.migrationsDir) || '.'})` };
    case 'models':
      if (!options.loadModels) throw new ConfigError('models are not available');
      return { schema: await options.loadModels(), label: 'models' };
  }
}

export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'database';
  }
}


/**
 * Apply every up migration as the runner does (same files, same order, same parser, same
 * transaction rules: migrate/apply.ts), to a scratch database.
 */
export async function applyMigrations(sql: Sql, dir: string, cwd: string): Promise<number> {
  return applyPrepared(sql, await prepareMigrations(dir, cwd));
}

/** Read, decode and parse every up migration (no database needed: done while a server starts). */
async function prepareMigrations(dir: string, cwd: string): Promise<Script[]> {
  const files = listMigrationFiles(dir).map((f) => ({ path: f.upPath, shown: relative(cwd, f.upPath) || basename(f.upPath) }));
  return prepareAll(files);
}

// The parser (libpg-query, WebAssembly) is loaded only when some file is not in the cache.
async function prepareAll(files: readonly { path: string; shown: string }[]): Promise<Script[]> {
  const { prepareScripts } = await import('../migrate/script.js');
  return prepareScripts(files, readSqlFile);
}

function applyPrepared(sql: Sql, scripts: readonly ApplicableScript[]): Promise<number> {
  return applyScripts(sql, scripts, {
    hooks: {
      onError: (_script, _st, error, where) =>
        new ConfigError(`${where}: ${(error as Error).message} (applying migrations to a scratch database)`, { cause: error }),
    },
  });
}

async function migrationsSchema(ctx: CommandContext, options: SourceOptions, scratch: ScratchServer): Promise<Schema> {
  const files = listMigrationFiles(options.migrationsDir).map((f) => ({ path: f.upPath, shown: relative(ctx.cwd, f.upPath) || basename(f.upPath) }));
  // The database is created while the first file parses, and each file is applied while the
  // next one parses (libpg-query blocks this thread: between two files, the server's answers
  // are handled and the next statements sent).
  const opening = (async () => {
    const db = await scratch.database('sg_migrations');
    try {
      // No type fetch: neither the migrations (no parameters) nor introspect() read an array through it.
      return { db, sql: await connect(db.url, { max: 1, applicationName: 'schemaguard scratch', fetchTypes: false }) };
    } catch (error) {
      await db.drop().catch(() => undefined);
      throw error;
    }
  })();
  opening.catch(() => undefined);
  let applying: Promise<unknown> = opening;
  let refused = false;
  let failure: unknown;
  const cached = await cachedScripts(files);
  if (cached) applying = applying.then(async () => applyPrepared((await opening).sql, cached));
  else {
    const parsed: Script[] = [];
    // Parsing blocks this thread, which copies the template while an embedded server starts.
    await scratch.booting();
    const { prepareScripts } = await import('../migrate/script.js');
    for (const file of files) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      let script: Script;
      try {
        [script] = (await prepareScripts([file], readSqlFile)) as [Script];
      } catch (error) {
        if (!(error instanceof ConfigError)) {
          failure = error;
          break;
        }
        // The whole set is refused below, by the runner's own reading of every file.
        refused = true;
        break;
      }
      parsed.push(script);
      applying = applying.then(async () => applyPrepared((await opening).sql, [script]));
    }
    if (failure === undefined && !refused) await storeScripts(files, parsed);
  }
  applying.catch(() => undefined);
  const { db, sql } = await opening;
  try {
    if (failure !== undefined) throw failure;
    // A refused file: the whole set is refused, with the runner's own message, before anything
    // applied here is looked at (the scratch database is thrown away).
    if (refused) {
      await applying.catch(() => undefined);
      await prepareAll(files);
    }
    await applying;
    // Its objects belong to the scratch server's role, and its roles (and the defaults set for
    // that role) are not those the plan meets.
    const { roles: _roles, defaultPrivileges: _defaults, ...built } = withoutOwners(await introspect(sql, { ...(options.schemas ? { schemas: options.schemas.filter((s) => s) } : {}), ...(options.ownTables ? { ownTables: options.ownTables } : {}) }));
    return built;
  } finally {
    await sql.end({ timeout: 5 }).catch(() => undefined);
    await db.drop().catch(() => undefined);
  }
}

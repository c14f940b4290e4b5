// Where a Schema comes from, for `diff` and `check`: a live database (postgres:// URL), the
// migrations directory applied to a throwaway database, or the TypeScript models.
import { basename, relative } from 'node:path';
import { connect, type Sql } from '../db/connect.js';
import { startEmbedded, type EmbeddedServer } from '../db/embedded.js';
import { createScratchDatabase } from '../db/scratch.js';
import { findServerBinaries, majorOfNum } from '../db/binaries.js';
import { ConfigError, UsageError } from '../errors.js';
import { introspect } from '../introspect/index.js';
import { applyScripts } from '../migrate/apply.js';
import { listMigrationFiles, readSqlFile } from '../migrate/files.js';
import { prepareScripts, type Script } from '../migrate/script.js';
import type { QualifiedName, Schema } from '../schema/types.js';
import type { CommandContext } from './context.js';

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

/** How the scratch server's release compares with the database it is diffed against. */
export interface ReleaseMatch {
  readonly scratch: number;
  readonly target: number;
}

/**
 * Scratch databases for `migrations`: on SCHEMAGUARD_SCRATCH_URL's server if set, else an
 * embedded one; of the release of the database named by matchUrl() when binaries of it are
 * found (views, defaults and casts print differently across releases).
 */
export class ScratchServer {
  private server: Promise<{ adminUrl: string; embedded?: EmbeddedServer; release?: ReleaseMatch }> | undefined;
  private target: string | undefined;
  constructor(private readonly ctx: CommandContext) {}

  /** Build on the release of the server at `url` (called before the first adminUrl()). */
  matchUrl(url: string): void {
    this.target = url;
  }

  /** Begin starting the server now (it is an external process: it starts while we compile models). */
  warmUp(): void {
    this.adminUrl().catch(() => undefined);
  }

  adminUrl(): Promise<string> {
    return this.start().then((s) => s.adminUrl);
  }

  /** The releases of scratch and target when they differ (after the server started), else undefined. */
  async mismatch(): Promise<ReleaseMatch | undefined> {
    const r = (await this.start()).release;
    return r && r.scratch !== r.target ? r : undefined;
  }

  private start(): Promise<{ adminUrl: string; embedded?: EmbeddedServer; release?: ReleaseMatch }> {
    this.server ??= (async () => {
      const given = this.ctx.env.SCHEMAGUARD_SCRATCH_URL;
      const target = this.target ? await releaseOf(this.target) : undefined;
      if (given) return { adminUrl: given, ...(target ? { release: { scratch: await releaseOf(given), target } } : {}) };
      // SCHEMAGUARD_MATCH_RELEASE=off: always the embedded release (views then compared by parse tree).
      const search = target !== undefined && this.ctx.env.SCHEMAGUARD_MATCH_RELEASE !== 'off';
      const binDir = search ? await findServerBinaries(target, this.ctx.env, this.ctx.cwd) : undefined;
      const embedded = await startEmbedded(binDir ? { binDir } : {});
      this.ctx.onCleanup(() => embedded.stop());
      return { adminUrl: embedded.url, embedded, ...(target ? { release: { scratch: await releaseOf(embedded.url), target } } : {}) };
    })();
    return this.server;
  }
}

async function releaseOf(url: string): Promise<number> {
  const sql = await connect(url, { max: 1, applicationName: 'schemaguard diff' });
  try {
    const [row] = await sql.unsafe<{ v: number }[]>(`select current_setting('server_version_num')::int as v`);
    return majorOfNum(row!.v);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

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

/** The up migrations in version order, by the runner's own lister and name rules (migrate/files.ts). */
export function upMigrationFiles(dir: string): string[] {
  return listMigrationFiles(dir).map((f) => f.upPath);
}

/**
 * Apply every up migration as the runner does (same files, same order, same parser, same
 * transaction rules: migrate/apply.ts), to a scratch database.
 */
export async function applyMigrations(sql: Sql, dir: string, cwd: string): Promise<number> {
  return applyPrepared(sql, await prepareMigrations(dir, cwd));
}

/** Read, decode and parse every up migration (no database needed: done while a server starts). */
function prepareMigrations(dir: string, cwd: string): Promise<Script[]> {
  const files = listMigrationFiles(dir).map((f) => ({ path: f.upPath, shown: relative(cwd, f.upPath) || basename(f.upPath) }));
  return prepareScripts(files, readSqlFile);
}

function applyPrepared(sql: Sql, scripts: readonly Script[]): Promise<number> {
  return applyScripts(sql, scripts, {
    hooks: {
      onError: (_script, _st, error, where) =>
        new ConfigError(`${where}: ${(error as Error).message} (applying migrations to a scratch database)`, { cause: error }),
    },
  });
}

async function migrationsSchema(ctx: CommandContext, options: SourceOptions, scratch: ScratchServer): Promise<Schema> {
  const files = upMigrationFiles(options.migrationsDir);
  // Parsing (libpg-query) overlaps with the server's start and the CREATE DATABASE.
  const scripts = files.length > 0 ? prepareMigrations(options.migrationsDir, ctx.cwd) : Promise.resolve([]);
  scripts.catch(() => undefined);
  const db = await createScratchDatabase(await scratch.adminUrl(), 'sg_migrations');
  try {
    const sql = await connect(db.url, { max: 1, applicationName: 'schemaguard scratch' });
    try {
      const parsed = await scripts;
      if (parsed.length > 0) await applyPrepared(sql, parsed);
      return await introspect(sql, { ...(options.schemas ? { schemas: options.schemas.filter((s) => s) } : {}), ...(options.ownTables ? { ownTables: options.ownTables } : {}) });
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    await db.drop().catch(() => undefined);
  }
}

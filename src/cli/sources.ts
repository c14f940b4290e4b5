// Where a Schema comes from, for `diff` and `check`: a live database (postgres:// URL), the
// migrations directory applied to a throwaway database, or the TypeScript models.
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { connect, type Sql } from '../db/connect.js';
import { startEmbedded, type EmbeddedServer } from '../db/embedded.js';
import { createScratchDatabase } from '../db/scratch.js';
import { ConfigError, UsageError } from '../errors.js';
import { introspect } from '../introspect/index.js';
import { runsOutsideTransaction } from '../lint/checks.js';
import { parseSqlFile } from '../lint/source.js';
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

/** Scratch databases for `migrations`: on SCHEMAGUARD_SCRATCH_URL's server if set, else an embedded one. */
export class ScratchServer {
  private server: Promise<{ adminUrl: string; embedded?: EmbeddedServer }> | undefined;
  constructor(private readonly ctx: CommandContext) {}

  adminUrl(): Promise<string> {
    this.server ??= (async () => {
      const given = this.ctx.env.SCHEMAGUARD_SCRATCH_URL;
      if (given) return { adminUrl: given };
      const embedded = await startEmbedded();
      this.ctx.onCleanup(() => embedded.stop());
      return { adminUrl: embedded.url, embedded };
    })();
    return this.server.then((s) => s.adminUrl);
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

/** The up migrations in name order (golang-migrate naming; a plain .sql counts as an up). */
export async function upMigrationFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`cannot read migrations directory ${dir}: ${code === 'ENOENT' ? 'no such directory' : (error as Error).message}`);
  }
  return names.filter((n) => n.endsWith('.sql') && !n.endsWith('.down.sql')).sort().map((n) => join(dir, n));
}

/**
 * Apply every up migration as the runner does: each file in one transaction, or statement by
 * statement when its first line is `-- schemaguard:no-transaction`.
 */
export async function applyMigrations(sql: Sql, dir: string, cwd: string): Promise<number> {
  const files = await upMigrationFiles(dir);
  for (const file of files) {
    const shown = relative(cwd, file) || basename(file);
    const text = await readFile(file, 'utf8');
    const source = await parseSqlFile(shown, text);
    const run = async (db: Sql) => {
      for (const stmt of source.statements) {
        try {
          await db.unsafe(stmt.text);
        } catch (error) {
          const at = source.positions.atByte(stmt.start);
          throw new ConfigError(`${shown}:${at.line}:${at.column}: ${(error as Error).message} (applying migrations to a scratch database)`, { cause: error });
        }
      }
    };
    if (runsOutsideTransaction(text)) await run(sql);
    else await sql.begin((tx) => run(tx as unknown as Sql));
  }
  return files.length;
}

async function migrationsSchema(ctx: CommandContext, options: SourceOptions, scratch: ScratchServer): Promise<Schema> {
  const files = await upMigrationFiles(options.migrationsDir);
  const db = await createScratchDatabase(await scratch.adminUrl(), 'sg_migrations');
  try {
    const sql = await connect(db.url, { max: 1, applicationName: 'schemaguard scratch' });
    try {
      if (files.length > 0) await applyMigrations(sql, options.migrationsDir, ctx.cwd);
      return await introspect(sql, { ...(options.schemas ? { schemas: options.schemas.filter((s) => s) } : {}), ...(options.ownTables ? { ownTables: options.ownTables } : {}) });
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    await db.drop().catch(() => undefined);
  }
}

// schemaguard.config.{ts,mts,js,mjs,json}: where the models, migrations, legacy declarations and
// accepted drift live. Found in the working directory (or given with --config), overridden by
// flags. Paths in a config file are relative to the file.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { importModule } from './import.js';

import { CONFIG_FILES } from './files.js';

export { CONFIG_FILES };

const targetEntry = z.strictObject({
  name: z.string().min(1).optional(),
  db: z.string().min(1),
  schema: z.string().min(1).optional(),
  schemaPattern: z.string().min(1).optional(),
});

export type TargetConfigEntry = z.infer<typeof targetEntry>;

const configShape = z.strictObject({
  /** The models entry module (exports tables, enums and legacy declarations). */
  models: z.string().min(1).optional(),
  /** Migrations directory. */
  migrations: z.string().min(1).optional(),
  /** PostgreSQL schemas to consider. */
  schemas: z.array(z.string().min(1)).min(1).optional(),
  /** A module exporting legacy declarations, when they are not in the models module. */
  legacy: z.string().min(1).optional(),
  /** The accepted-drift file (JSON). */
  acceptedDrift: z.string().min(1).optional(),
  /** Confirmed renames for diff and migrate generate, "old:new" (added by the plan issue). */
  renames: z.array(z.string().regex(/^[^:]+:[^:]+$/, 'expected "old:new"')).optional(),
  /** No golang-migrate leniency: a file of only CREATE INDEX CONCURRENTLY needs its no-transaction directive. */
  strict: z.boolean().optional(),
  /** `schemaguard lint` settings (added by the lint issue). */
  lint: z.strictObject({
    /** The migrations run outside a transaction (another runner): lint follows that, not the directive. */
    assumeNoTransaction: z.boolean().optional(),
  }).optional(),
  /**
   * Fleet targets (docs/fleet.md): a list of { name, db, schema? } (db: a URL or env:VAR), a
   * { db, schemaPattern } expanding to one target per tenant schema, or a targets file.
   */
  targets: z.union([z.string().min(1), targetEntry, z.array(targetEntry).min(1)]).optional(),
});

export type ConfigFile = z.infer<typeof configShape>;

export interface ResolvedConfig {
  /** The config file used, or null when none was found. */
  readonly file: string | null;
  readonly models: string | null;
  readonly migrations: string;
  readonly schemas: readonly string[] | null;
  readonly legacy: string | null;
  readonly acceptedDrift: string | null;
  /** Confirmed renames, "old:new" as `--rename` takes them. */
  readonly renames: readonly string[];
  /** `strict: true` in the config (migrate refuses what it would otherwise accept with a note). */
  readonly strict: boolean;
  /** `lint.assumeNoTransaction` in the config. */
  readonly lintAssumeNoTransaction: boolean;
  /** Fleet targets: entries, or the absolute path of a targets file; null when none. */
  readonly targets: readonly TargetConfigEntry[] | { readonly file: string; readonly shownAs: string } | null;
}

export interface ConfigFlags {
  readonly config?: string;
  readonly models?: string;
  readonly migrations?: string;
  readonly schema?: readonly string[];
}

/** Define a config with types: `export default defineConfig({ models: './schemas/index.ts' })`. */
export function defineConfig(config: ConfigFile): ConfigFile {
  return config;
}

export async function loadConfig(cwd: string, flags: ConfigFlags = {}): Promise<ResolvedConfig> {
  let file: string | null = null;
  if (flags.config) {
    file = resolve(cwd, flags.config);
    if (!existsSync(file)) throw new ConfigError(`config file not found: ${flags.config}`);
  } else {
    file = CONFIG_FILES.map((name) => resolve(cwd, name)).find((path) => existsSync(path)) ?? null;
  }
  let raw: unknown = {};
  if (file) raw = file.endsWith('.json') ? readJson(file) : await importModule(file, 'config');
  const parsed = configShape.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the config';
    throw new ConfigError(`invalid config ${file ?? ''}: ${where}: ${issue.message}`);
  }
  const c = parsed.data;
  const base = file ? dirname(file) : cwd;
  const fromFile = (p: string | undefined) => (p === undefined ? null : isAbsolute(p) ? p : resolve(base, p));
  const fromFlag = (p: string | undefined) => (p === undefined ? null : resolve(cwd, p));
  return {
    file,
    models: fromFlag(flags.models) ?? fromFile(c.models),
    migrations: fromFlag(flags.migrations) ?? fromFile(c.migrations) ?? resolve(cwd, 'migrations'),
    schemas: flags.schema && flags.schema.length > 0 ? [...flags.schema] : (c.schemas ?? null),
    legacy: fromFile(c.legacy),
    acceptedDrift: fromFile(c.acceptedDrift),
    renames: c.renames ?? [],
    strict: c.strict ?? false,
    lintAssumeNoTransaction: c.lint?.assumeNoTransaction ?? false,
    targets: c.targets === undefined ? null : typeof c.targets === 'string' ? { file: fromFile(c.targets)!, shownAs: c.targets } : Array.isArray(c.targets) ? c.targets : [c.targets],
  };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
}

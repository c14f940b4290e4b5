// schemaguard.config.{ts,mts,js,mjs,json}: where the models, migrations, legacy declarations and
// accepted drift live. Found in the working directory (or given with --config), overridden by
// flags. Paths in a config file are relative to the file.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { cachedCompile } from './compile-cache.js';
import { importModuleTracked } from './import.js';

import { CONFIG_FILES } from './files.js';
import { nearest } from '../nearest.js';

export { CONFIG_FILES };

const targetEntry = z.strictObject({
  name: z.string().min(1).optional(),
  db: z.string().min(1),
  schema: z.string().min(1).optional(),
  schemaPattern: z.string().min(1).optional(),
});

export type TargetConfigEntry = z.infer<typeof targetEntry>;

/** What may differ between a project's databases: chosen with `--env NAME`. */
const environmentShape = z.strictObject({
  /** postgres:// URL (a password is better left to ~/.pgpass or PGPASSWORD); `${VAR}` is expanded. */
  db: z.string().min(1).optional(),
  /** The migration history table, [schema.]name. */
  historyTable: z.string().min(1).optional(),
  schemas: z.array(z.string().min(1)).min(1).optional(),
});

const configShape = z.strictObject({
  /** The database when no --db, --env or DATABASE_URL says otherwise. */
  db: z.string().min(1).optional(),
  /** The migration history table, [schema.]name (default public.schemaguard_migrations). */
  historyTable: z.string().min(1).optional(),
  /** Named databases: `environments: { dev: { db, historyTable, schemas }, prod: { … } }`. */
  environments: z.record(z.string().min(1), environmentShape).optional(),
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
   * Fleet targets (README, "Fleets"): a list of { name, db, schema? } (db: a URL or env:VAR), a
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
  /** The environment chosen with --env, or null. */
  readonly environment: string | null;
  /** The chosen environment's database, else the top-level one; `${VAR}` expanded. */
  readonly db: string | null;
  /** Whether `db` came from the chosen environment (it then outranks DATABASE_URL). */
  readonly dbFromEnvironment: boolean;
  /** The history table the config names ([schema.]name), or null for the default. */
  readonly historyTable: string | null;
}

export interface ConfigFlags {
  readonly config?: string;
  readonly models?: string;
  readonly migrations?: string;
  readonly schema?: readonly string[];
  /** --env NAME: an entry of `environments`. */
  readonly env?: string;
}

/** Define a config with types: `export default defineConfig({ models: './schemas/index.ts' })`. */
export function defineConfig(config: ConfigFile): ConfigFile {
  return config;
}

export async function loadConfig(cwd: string, flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedConfig> {
  let file: string | null = null;
  if (flags.config) {
    file = resolve(cwd, flags.config);
    if (!existsSync(file)) throw new ConfigError(`config file not found: ${flags.config}`);
  } else {
    file = CONFIG_FILES.map((name) => resolve(cwd, name)).find((path) => existsSync(path)) ?? null;
  }
  const c = file ? await readConfigFile(file) : {};
  const environment = flags.env ?? null;
  const chosen = environment === null ? undefined : pickEnvironment(c, environment, file);
  const base = file ? dirname(file) : cwd;
  const fromFile = (p: string | undefined) => (p === undefined ? null : isAbsolute(p) ? p : resolve(base, p));
  const fromFlag = (p: string | undefined) => (p === undefined ? null : resolve(cwd, p));
  return {
    file,
    models: fromFlag(flags.models) ?? fromFile(c.models),
    migrations: fromFlag(flags.migrations) ?? fromFile(c.migrations) ?? resolve(cwd, 'migrations'),
    schemas: flags.schema && flags.schema.length > 0 ? [...flags.schema] : (chosen?.schemas ?? c.schemas ?? null),
    legacy: fromFile(c.legacy),
    acceptedDrift: fromFile(c.acceptedDrift),
    renames: c.renames ?? [],
    strict: c.strict ?? false,
    lintAssumeNoTransaction: c.lint?.assumeNoTransaction ?? false,
    targets: c.targets === undefined ? null : typeof c.targets === 'string' ? { file: fromFile(c.targets)!, shownAs: c.targets } : Array.isArray(c.targets) ? c.targets : [c.targets],
    environment,
    db: expandVariables(chosen?.db ?? c.db, file, env),
    dbFromEnvironment: chosen?.db !== undefined,
    historyTable: chosen?.historyTable ?? c.historyTable ?? null,
  };
}

// A config file is read once per process: the CLI resolves the database from it before the
// command runs, and the command reads it again.
const cache = new Map<string, Promise<ConfigFile>>();

function readConfigFile(file: string): Promise<ConfigFile> {
  let pending = cache.get(file);
  if (!pending) {
    pending = (async () => {
      const text = file.endsWith('.json') ? readText(file) : null;
      // A .ts/.js config is evaluated through jiti; its exports, when plain data, are cached.
      const raw = text !== null ? parseJsonConfig(file, text) : await cachedCompile('config', file, () => importModuleTracked(file, 'config').then((m) => ({ value: m.exports, files: m.files })));
      const parsed = configShape.safeParse(raw);
      if (parsed.success) return parsed.data;
      throw new ConfigError(describeIssue(file, text ?? readText(file), parsed.error.issues[0]!));
    })();
    cache.set(file, pending);
    pending.catch(() => cache.delete(file));
  }
  return pending;
}

function pickEnvironment(c: ConfigFile, name: string, file: string | null): z.infer<typeof environmentShape> {
  const known = Object.keys(c.environments ?? {});
  const chosen = c.environments?.[name];
  if (chosen) return chosen;
  if (!file) throw new ConfigError(`--env ${name}: no config file found (schemaguard.config.{ts,js,json} with "environments")`);
  throw new ConfigError(`--env ${name}: no such environment in ${file}${known.length ? ` (it has ${known.join(', ')})` : ' (it has no "environments")'}`);
}

/** `${NAME}` in a config value is the environment variable NAME; an unset one is an error. */
function expandVariables(value: string | undefined, file: string | null, env: NodeJS.ProcessEnv = process.env): string | null {
  if (value === undefined) return null;
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const v = env[name];
    if (v === undefined || v === '') throw new ConfigError(`${file ?? 'config'}: "db" uses \${${name}}, which is not set`);
    return v;
  });
}

/** One line: file:line:col, the key's path and what is wrong with it. */
function describeIssue(file: string, text: string | null, issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const at = locateKey(text, [...path, key]);
    const near = nearest(key, allowedKeys(path));
    return `${file}${at}: unknown key "${[...path, key].join('.')}"${near ? ` (did you mean "${near}"?)` : ''}`;
  }
  const at = locateKey(text, path);
  return `${file}${at}: ${path.length > 0 ? `"${path.join('.')}": ` : ''}${issue.message}`;
}

function allowedKeys(path: readonly string[]): string[] {
  if (path[0] === 'environments' && path.length === 2) return Object.keys(environmentShape.shape);
  return path.length === 0 ? Object.keys(configShape.shape) : [];
}

/**
 * `:line:col` of the last key of `path` in the config's text, found by looking for each key in
 * turn (`"key":` in JSON, `key:` or `'key':` in TS/JS) after the previous one; '' if not found.
 */
export function locateKey(text: string | null, path: readonly string[]): string {
  if (text === null || path.length === 0) return '';
  let from = 0;
  let found = -1;
  for (const key of path) {
    if (/^\d+$/.test(key)) continue;
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(?:["'\`]${escaped}["'\`]|(?<![\\w$])${escaped})\\s*:`, 'g');
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m) return found === -1 ? '' : position(text, found);
    found = m.index;
    from = m.index + m[0].length;
  }
  return position(text, found);
}

function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `:${line}:${col}`;
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** JSON.parse, with a syntax error placed at file:line:col. */
function parseJsonConfig(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!;
    const at = /at position (\d+)/.exec(message);
    const where = at ? position(text, Number(at[1])) : /end of JSON input/.test(message) ? position(text, text.length) : '';
    throw new ConfigError(`${file}${where}: invalid JSON: ${message.replace(/\s*in JSON at position \d+.*$/, '')}`);
  }
}

// schemaguard.config.{ts,mts,js,mjs,json}: where the models, migrations, legacy declarations and
// accepted drift live. Found in the working directory (or given with --config), overridden by
// flags. Paths in a config file are relative to the file.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { cachedCompile } from './compile-cache.js';
import type { ConfigFile, EnvironmentConfig, TargetConfigEntry } from './config-shape.js';
import { importModuleTracked } from './import.js';
import { CONFIG_FILES } from './files.js';
import { position } from './positions.js';

export { CONFIG_FILES };
export { locateKey } from './positions.js';
export type { ConfigFile, TargetConfigEntry } from './config-shape.js';

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
    // The validated config is cached (compile-cache.ts): a hit needs neither jiti nor zod.
    pending = cachedCompile<ConfigFile>('config', file, async () => {
      const text = file.endsWith('.json') ? readText(file) : null;
      const imported = text !== null ? { exports: parseJsonConfig(file, text), files: [file] } : await importModuleTracked(file, 'config');
      const { validateConfig } = await import('./config-shape.js');
      return { value: validateConfig(file, imported.exports, text ?? readText(file)), files: imported.files };
    });
    cache.set(file, pending);
    pending.catch(() => cache.delete(file));
  }
  return pending;
}

function pickEnvironment(c: ConfigFile, name: string, file: string | null): EnvironmentConfig {
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

// A disk cache of what schemaguard computes from the project's TypeScript files (the models'
// Schema IR, a .ts config's exports), so that a command does not load jiti and run 20,000
// column builders on every start. Under <cache root>/compiled/, one JSON file per entry file;
// safe to delete at any time; SCHEMAGUARD_MODEL_CACHE=0 turns it off.
//
// An entry is named by what decides how its files are read (the kind, the entry's path, the
// working directory, schemaguard's version and build) and holds every file the import read,
// each with a hash of its content, and the environment variables it read, with their values
// (and the names in the environment if it listed them): it is used only when all of them are
// still the same. An entry that cannot be read or parsed is treated as missing and rewritten.
// Written to a temporary name and renamed, so a concurrent reader sees a whole entry or none.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { cacheRoot } from '../cache-dir.js';

/** Bumped when the layout of an entry changes. */
const FORMAT = 3;

/** What a computation read of process.env: these variables' values, and whether it listed the names. */
export interface EnvRead {
  readonly values: ReadonlySet<string>;
  readonly listed: boolean;
}

export type CacheEvent = 'hit' | 'miss' | 'stale' | 'corrupt' | 'stored' | 'unstorable' | 'off';

export interface CompileCacheOptions {
  /** The cache root; default $XDG_CACHE_HOME/schemaguard (or ~/.cache/schemaguard); false: off. */
  readonly root?: string | false;
  /** Where the cache root and SCHEMAGUARD_MODEL_CACHE are read (the project's code reads process.env). */
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Told what happened: lets tests observe a hit or a rebuild without timing anything. */
  readonly onEvent?: (event: CacheEvent, entryFile: string) => void;
}

export interface Computed<T> {
  readonly value: T;
  /** The files `value` was computed from (the entry first); null: unknown, so never cached. */
  readonly files: readonly string[] | null;
}

interface Entry<T> {
  readonly format: number;
  readonly key: string;
  readonly files: ReadonlyArray<readonly [string, string]>;
  readonly env: {
    /** The variables read while computing, with their values (null: unset). */
    readonly values: ReadonlyArray<readonly [string, string | null]>;
    /** When the code listed process.env: a hash of the names it had (not their values). */
    readonly names?: string;
  };
  readonly value: T;
}

export function compileCacheRoot(options: Pick<CompileCacheOptions, 'root' | 'env'> = {}): string | false {
  const env = options.env ?? process.env;
  if (options.root !== undefined) return options.root;
  if (env.SCHEMAGUARD_MODEL_CACHE === '0' || env.SCHEMAGUARD_MODEL_CACHE === 'off') return false;
  return join(cacheRoot(env), 'compiled');
}

/**
 * `compute()`'s value for `entryFile`, from the cache when every file it was computed from is
 * unchanged. `compute` runs on a miss; its value is stored only when it survives a JSON round
 * trip unchanged (plain data), so what a hit returns is what compute would have returned.
 */
export async function cachedCompile<T>(kind: string, entryFile: string, compute: () => Promise<Computed<T>>, options: CompileCacheOptions = {}): Promise<T> {
  const found = await lookupCompiled<T>(kind, entryFile, options);
  if (found.hit) return found.value;
  if (found.off) return (await compute()).value;
  const { value: computed, read } = await watchingEnv(compute);
  await storeCompiled(kind, entryFile, computed, options, read);
  return computed.value;
}

/** The entry's value when it is valid; else the caller computes it (and may store it). */
export async function lookupCompiled<T>(kind: string, entryFile: string, options: CompileCacheOptions = {}): Promise<{ hit: true; value: T } | { hit: false; off: boolean }> {
  const root = compileCacheRoot(options);
  const tell = (event: CacheEvent) => options.onEvent?.(event, entryFile);
  if (root === false) {
    tell('off');
    return { hit: false, off: true };
  }
  const key = entryKey(kind, entryFile, options);
  const found = await readEntry<T>(entryPath(root, kind, key, await readVariables(root, kind, key)), key);
  tell(found.state === 'valid' ? 'hit' : found.state);
  return found.state === 'valid' ? { hit: true, value: found.value } : { hit: false, off: false };
}

/**
 * Store a value computed without cachedCompile. `read`: the environment variables the
 * computation read (default none: for code of schemaguard's own, such as the SQL parser).
 */
export async function storeCompiled<T>(kind: string, entryFile: string, computed: Computed<T>, options: CompileCacheOptions = {}, read: EnvRead = { values: new Set(), listed: false }): Promise<void> {
  const root = compileCacheRoot(options);
  if (root === false) return;
  const tell = (event: CacheEvent) => options.onEvent?.(event, entryFile);
  if (computed.files === null || !isDeepStrictEqual(JSON.parse(JSON.stringify(computed.value)), computed.value)) {
    tell('unstorable');
    return;
  }
  const files = computed.files.map((file) => [file, hashFile(file)] as const);
  if (files.some(([, hash]) => hash === null)) {
    tell('unstorable');
    return;
  }
  const key = entryKey(kind, entryFile, options);
  const names = [...read.values].sort();
  const env = { values: names.map((name) => [name, process.env[name] ?? null] as const), ...(read.listed ? { names: namesHash() } : {}) };
  const entry: Entry<T> = { format: FORMAT, key, files: files as Array<readonly [string, string]>, env, value: computed.value };
  // The path is chosen by every name any computation of this entry read: one that read fewer
  // (a package that read its variables once per process) must not pick another path.
  const previous = await readVariables(root, kind, key);
  const union = [...new Set([...previous, ...names])].sort();
  await writeEntry(variablesPath(root, kind, key), { format: FORMAT, key, names: union });
  if (await writeEntry(entryPath(root, kind, key, union), entry)) {
    tell('stored');
    await prune(root);
  }
}

// One entry per set of values of the variables read: two shells, or CI and a laptop, that
// differ in one of them (NO_COLOR, CI) each keep theirs instead of rewriting one entry in turn.
// Which variables to look at is the `.vars` file's: every name a computation of it read.
function entryPath(root: string, kind: string, key: string, names: readonly string[]): string {
  const values = JSON.stringify(names.map((name) => [name, process.env[name] ?? null]));
  return join(root, `${kind}-${key.slice(0, 32)}-${createHash('sha256').update(values).digest('hex').slice(0, 16)}.json`);
}

function variablesPath(root: string, kind: string, key: string): string {
  return join(root, `${kind}-${key.slice(0, 32)}.vars`);
}

/** The names of the `.vars` file; none when it is missing or damaged (the entry is then a miss). */
async function readVariables(root: string, kind: string, key: string): Promise<readonly string[]> {
  try {
    const stored = JSON.parse(await readFile(variablesPath(root, kind, key), 'utf8')) as { format?: unknown; key?: unknown; names?: unknown };
    if (stored.format !== FORMAT || stored.key !== key) return [];
    return Array.isArray(stored.names) && stored.names.every((n) => typeof n === 'string') ? (stored.names as string[]) : [];
  } catch {
    return [];
  }
}

/** Entries kept: each project directory and environment has its own, so they pile up otherwise. */
const KEEP = 100;

/** Past 2 × KEEP entries, the least recently written are deleted down to KEEP. */
async function prune(root: string): Promise<void> {
  let names: string[];
  try {
    names = readdirSync(root).filter((name) => name.endsWith('.json') || name.endsWith('.vars'));
  } catch {
    return;
  }
  if (names.length <= 2 * KEEP) return;
  const aged = names.map((name) => {
    try {
      return { name, mtime: statSync(join(root, name)).mtimeMs };
    } catch {
      return { name, mtime: 0 };
    }
  });
  aged.sort((a, b) => b.mtime - a.mtime);
  await Promise.all(aged.slice(KEEP).map((e) => rm(join(root, e.name), { force: true }).catch(() => undefined)));
}

type Lookup<T> = { state: 'valid'; value: T } | { state: 'miss' | 'stale' | 'corrupt' };

async function readEntry<T>(path: string, key: string): Promise<Lookup<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { state: 'miss' };
  }
  let entry: Entry<T>;
  try {
    entry = JSON.parse(text) as Entry<T>;
  } catch {
    return { state: 'corrupt' };
  }
  if (!entry || typeof entry !== 'object' || entry.format !== FORMAT || entry.key !== key || !Array.isArray(entry.files) || !entry.env || typeof entry.env !== 'object' || !('value' in entry)) {
    return { state: 'corrupt' };
  }
  const env = entry.env as Partial<Entry<T>['env']>;
  if (!Array.isArray(env.values) || (env.names !== undefined && typeof env.names !== 'string')) return { state: 'corrupt' };
  for (const item of env.values) {
    if (!Array.isArray(item) || typeof item[0] !== 'string') return { state: 'corrupt' };
    if ((process.env[item[0]] ?? null) !== item[1]) return { state: 'stale' };
  }
  if (env.names !== undefined && env.names !== namesHash()) return { state: 'stale' };
  for (const item of entry.files) {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || hashFile(item[0]) !== item[1]) return { state: 'stale' };
  }
  return { state: 'valid', value: entry.value };
}

async function writeEntry(path: string, entry: object): Promise<boolean> {
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(temporary, JSON.stringify(entry), { mode: 0o600 });
    await rename(temporary, path);
    return true;
  } catch {
    // A read-only or full cache costs speed, never a failure.
    await rm(temporary, { force: true }).catch(() => undefined);
    return false;
  }
}

function hashFile(file: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}

// Variables that change between two runs in the same shell and that no project reads.
const VOLATILE = /^(_|OLDPWD|PWD|SHLVL|TERM_SESSION_ID|WINDOWID|COLUMNS|LINES)$/;

function entryKey(kind: string, entryFile: string, options: CompileCacheOptions): string {
  return createHash('sha256')
    .update(JSON.stringify([FORMAT, kind, entryFile, options.cwd ?? process.cwd(), buildIdentity()]))
    .digest('hex');
}

/** The names in the environment (less VOLATILE), for code that listed them: their values are not part of it. */
function namesHash(): string {
  const names = Object.keys(process.env)
    .filter((name) => !VOLATILE.test(name))
    .sort();
  return createHash('sha256').update(JSON.stringify(names)).digest('hex');
}

/**
 * `compute()` with process.env watched: the variables whose values it read, and whether it
 * listed the names. A .ts file may read process.env when it is evaluated; the whole environment
 * in the key missed on every CI run (GITHUB_RUN_ID, CI_JOB_ID, BUILD_NUMBER differ each time),
 * so an entry records what was read instead. Listing the names (the `debug` package inside
 * jiti's transpiler looks for DEBUG_* that way) ties the entry to the set of names, not to
 * their values: the values of the listed names that the code then reads are recorded one by one.
 * Reads by anything else running meanwhile are recorded too: an entry can only be stricter for
 * it. Code that kept process.env keeps a working object afterwards.
 */
async function watchingEnv<T>(compute: () => Promise<T>): Promise<{ value: T; read: EnvRead }> {
  const real = process.env;
  const values = new Set<string>();
  // Object.keys() asks for every name's descriptor: a value read only when nothing listed the names.
  const described = new Set<string>();
  let listed = false;
  let watching = true;
  const note = (into: Set<string>, name: string | symbol) => {
    if (watching && typeof name === 'string') into.add(name);
  };
  const watched = new Proxy(real, {
    get: (target, name) => (note(values, name), Reflect.get(target, name)),
    has: (target, name) => (note(values, name), Reflect.has(target, name)),
    getOwnPropertyDescriptor: (target, name) => (note(described, name), Reflect.getOwnPropertyDescriptor(target, name)),
    ownKeys: (target) => {
      if (watching) listed = true;
      return Reflect.ownKeys(target);
    },
    set: (target, name, value) => (note(values, name), Reflect.set(target, name, value)),
    deleteProperty: (target, name) => (note(values, name), Reflect.deleteProperty(target, name)),
    defineProperty: (target, name, descriptor) => (note(values, name), Reflect.defineProperty(target, name, descriptor)),
  });
  process.env = watched;
  try {
    const value = await compute();
    return { value, read: { values: listed ? values : new Set([...values, ...described]), listed } };
  } finally {
    watching = false;
    if (process.env === watched) process.env = real;
  }
}

let build: string | undefined;

/**
 * schemaguard's version and the size and time of every file of the code that turns exports
 * into the IR (model/, schema/, config/) or parses migrations (migrate/): a rebuilt schemaguard
 * never reads its old entries.
 */
function buildIdentity(): string {
  if (build !== undefined) return build;
  const here = dirname(fileURLToPath(import.meta.url));
  const parts: string[] = [];
  for (const pkg of [join(here, '..', '..', 'package.json'), join(here, '..', '..', '..', 'package.json')]) {
    try {
      parts.push(`${pkg}:${(JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version ?? ''}`);
      break;
    } catch {
      /* the other layout (src/ under vitest, dist/src/ when built) */
    }
  }
  // The parser's release decides where statements split (the parsed-migrations entries).
  try {
    const entry = createRequire(import.meta.url).resolve('libpg-query');
    const pkg = join(dirname(entry), '..', 'package.json');
    parts.push(`libpg-query:${(JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version ?? ''}`);
  } catch {
    /* not installed: nothing of the parser is cached either */
  }
  for (const folder of ['model', 'schema', 'config', 'migrate']) {
    const dir = join(here, '..', folder);
    let names: string[] = [];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      try {
        const s = statSync(join(dir, name));
        parts.push(`${folder}/${name}:${s.size}:${s.mtimeMs}`);
      } catch {
        /* removed meanwhile */
      }
    }
  }
  build = createHash('sha256').update(parts.join('\n')).digest('hex');
  return build;
}

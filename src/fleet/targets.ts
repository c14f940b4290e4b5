// Which databases (and tenant schemas) a fleet run covers. A target is a name, a connection
// and optionally a schema; targets come from `--db` given several times, else the config's
// `targets` (a list, or a file of one per line), narrowed by `--target NAME…` (globs), and
// `--schema-pattern` / `schemaPattern` expands a database into one target per matching schema.
import { readFileSync } from 'node:fs';
import { connect, describeTarget, parseDatabaseUrl } from '../db/connect.js';
import { ConfigError, SchemaguardError, UsageError } from '../errors.js';
import { globToRegExp, isGlob, matchesGlob } from './glob.js';

export interface Target {
  /** Unique within the run; what reports and --target use. */
  readonly name: string;
  /** The connection (may hold a password: never print it, use `where`). */
  readonly url: string;
  /** host:port/database, without credentials. */
  readonly where: string;
  /** A tenant schema: migrated with search_path set to it, history table inside it. */
  readonly schema?: string;
  /** The entry it came from (a database expanded into tenant schemas keeps the database's name). */
  readonly group: string;
  /** Set when the target could not be resolved (env var unset, schema listing failed). */
  readonly error?: SchemaguardError;
}

/** One entry as the config or a targets file gives it. */
export interface TargetEntry {
  readonly name?: string;
  /** postgres:// URL, or env:VAR. */
  readonly db: string;
  readonly schema?: string;
  readonly schemaPattern?: string;
}

export interface TargetSources {
  /** Every --db given (in order). */
  readonly dbs: readonly string[];
  /** --target NAME… (globs allowed). */
  readonly names?: readonly string[];
  /** --schema-pattern: applies to every entry without a schema of its own. */
  readonly schemaPattern?: string;
  /** The config's entries (already read from a targets file). */
  readonly configured: readonly TargetEntry[];
  readonly env: NodeJS.ProcessEnv;
}

/** A targets file: `name db [schema|schema-pattern]` per line, or a bare URL; # comments. */
export function parseTargetsFile(path: string, shownAs: string): TargetEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read targets file ${shownAs}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const entries: TargetEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const fields = line.split(/\s+/);
    if (fields.length === 1) return entries.push({ db: fields[0]! });
    if (fields.length > 3) throw new ConfigError(`${shownAs}:${i + 1}: expected "name db [schema]", got ${fields.length} fields`);
    const [name, db, schema] = fields as [string, string, string | undefined];
    entries.push({ name, db, ...(schema === undefined ? {} : isGlob(schema) ? { schemaPattern: schema } : { schema }) });
  });
  if (entries.length === 0) throw new ConfigError(`targets file ${shownAs} lists no target`);
  return entries;
}

/** env:VAR → the variable's value; a URL as given. Throws a ConfigError naming the variable. */
function connectionOf(db: string, env: NodeJS.ProcessEnv, name: string): string {
  if (!db.startsWith('env:')) return db;
  const variable = db.slice(4);
  const value = env[variable];
  if (!value) throw new ConfigError(`target ${name}: environment variable ${variable} is not set`);
  return value;
}

function databaseName(db: string): string {
  if (db.startsWith('env:')) return db.slice(4);
  try {
    return parseDatabaseUrl(db).database;
  } catch {
    return db.replace(/:[^:@/]*@/, ':***@');
  }
}

/** Names for entries without one: the database name, or host:port/database when that repeats. */
function namedEntries(entries: readonly TargetEntry[]): { entry: TargetEntry; name: string }[] {
  const short = entries.map((e) => e.name ?? databaseName(e.db));
  const counts = new Map<string, number>();
  for (const n of short) counts.set(n, (counts.get(n) ?? 0) + 1);
  const seen = new Map<string, number>();
  return entries.map((entry, i) => {
    let name = short[i]!;
    if (entry.name === undefined && counts.get(name)! > 1 && !entry.db.startsWith('env:')) name = describeTarget(entry.db);
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return { entry, name: n > 1 ? `${name}#${n}` : name };
  });
}

/** The schemas of a database matching a glob, system schemas excluded, sorted. */
export async function schemasMatching(url: string, pattern: string): Promise<string[]> {
  const sql = await connect(url, { max: 1, applicationName: 'schemaguard (targets)', fetchTypes: false });
  try {
    const rows = await sql<{ name: string }[]>`
      select nspname as name from pg_catalog.pg_namespace
      where nspname !~ '^pg_' and nspname <> 'information_schema' order by nspname`;
    const re = globToRegExp(pattern);
    return rows.map((r) => r.name).filter((n) => re.test(n));
  } finally {
    await sql.end({ timeout: 2 }).catch(() => undefined);
  }
}

function failed(name: string, where: string, error: unknown): Target {
  const e = error instanceof SchemaguardError ? error : new ConfigError((error as Error).message ?? String(error));
  return { name, url: '', where, group: name, error: e };
}

/**
 * Resolve the run's targets. Usage errors (nothing given, a --target that matches nothing)
 * throw; a problem with one target (an unset variable, a database that cannot be listed)
 * becomes that target's error, so the others still run.
 */
export async function resolveTargets(sources: TargetSources): Promise<Target[]> {
  const entries: TargetEntry[] =
    sources.dbs.length > 0 ? sources.dbs.map((db) => ({ db })) : sources.configured.length > 0 ? [...sources.configured] : sources.env.DATABASE_URL ? [{ db: sources.env.DATABASE_URL }] : [];
  if (entries.length === 0) throw new UsageError('no targets: pass --db more than once, or list targets in the config (targets: [{ name, db }])');
  const targets: Target[] = [];
  for (const { entry, name } of namedEntries(entries)) {
    const pattern = entry.schema === undefined ? (entry.schemaPattern ?? sources.schemaPattern) : undefined;
    let url: string;
    try {
      url = connectionOf(entry.db, sources.env, name);
      parseDatabaseUrl(url);
    } catch (error) {
      targets.push(failed(name, entry.db.startsWith('env:') ? entry.db : '(malformed URL)', error));
      continue;
    }
    const where = describeTarget(url);
    if (pattern === undefined) {
      targets.push({ name, url, where, group: name, ...(entry.schema === undefined ? {} : { schema: entry.schema }) });
      continue;
    }
    try {
      const schemas = await schemasMatching(url, pattern);
      if (schemas.length === 0) throw new ConfigError(`no schema of ${where} matches ${JSON.stringify(pattern)}`);
      for (const schema of schemas) targets.push({ name: `${name}/${schema}`, url, where, group: name, schema });
    } catch (error) {
      targets.push(failed(name, where, error));
    }
  }
  return selectTargets(targets, sources.names);
}

/** --target NAME…: each pattern must match a target (by its name or its database's). */
export function selectTargets(targets: readonly Target[], names: readonly string[] | undefined): Target[] {
  if (!names || names.length === 0) return [...targets];
  const chosen = new Set<Target>();
  for (const pattern of names) {
    const hits = targets.filter((t) => matchesGlob(t.name, pattern) || matchesGlob(t.group, pattern));
    if (hits.length === 0) {
      const known = targets.map((t) => t.name);
      throw new UsageError(`--target ${JSON.stringify(pattern)} matches no target (known: ${known.slice(0, 10).join(', ')}${known.length > 10 ? `, … ${known.length - 10} more` : ''})`);
    }
    for (const t of hits) chosen.add(t);
  }
  return targets.filter((t) => chosen.has(t));
}

/** The URL a tenant target migrates through: search_path set at connection start-up. */
export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('search_path', `"${schema.replace(/"/g, '""')}"`);
  return u.toString();
}

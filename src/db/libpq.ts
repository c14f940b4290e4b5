// The connection parameters libpq would use, as one postgres:// URL: what the URL gives, then
// the service file (PGSERVICE or ?service=), then PGHOST/PGPORT/PGUSER/PGDATABASE/PGPASSWORD/
// PGSSLMODE, then libpq's defaults; a password still missing comes from ~/.pgpass. Teams
// already configure psql this way, and schemaguard should connect wherever psql does.
// Reading files is this module's only effect; warnings are returned, never printed.
import { readFileSync, statSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ConfigError, UsageError } from '../errors.js';

export interface ConnectionParams {
  host?: string;
  port?: string;
  user?: string;
  password?: string;
  dbname?: string;
  sslmode?: string;
  /** Other URL query parameters (application_name, options, …), passed through. */
  extra: Record<string, string>;
}

export interface ResolvedConnection {
  readonly url: string;
  /** Where the password came from, for messages (never the password itself). */
  readonly passwordSource: 'url' | 'service' | 'PGPASSWORD' | 'pgpass' | null;
  /** What libpq would print to stderr (an ignored .pgpass, say). */
  readonly warnings: readonly string[];
}

const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

/** The environment variables that say "connect the way libpq would" when no URL is given. */
export const LIBPQ_TARGET_VARIABLES = ['PGSERVICE', 'PGHOST', 'PGPORT', 'PGDATABASE', 'PGUSER'] as const;

export function hasLibpqTarget(env: NodeJS.ProcessEnv): boolean {
  return LIBPQ_TARGET_VARIABLES.some((name) => Boolean(env[name]));
}

export interface ResolveOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
}

/** Complete `url` (or nothing) with libpq's other sources into one postgres:// URL. */
export function resolveConnection(url: string | undefined, options: ResolveOptions = {}): ResolvedConnection {
  const env = options.env ?? process.env;
  const home = options.home ?? env.HOME ?? safeHomedir();
  const warnings: string[] = [];
  const params = url ? paramsFromUrl(url) : { extra: {} };
  let passwordSource: ResolvedConnection['passwordSource'] = params.password !== undefined ? 'url' : null;

  const service = params.extra.service ?? env.PGSERVICE;
  delete params.extra.service;
  if (service) {
    const fromService = lookupService(service, env, home);
    if (params.password === undefined && fromService.password !== undefined) passwordSource = 'service';
    fill(params, fromService);
  }
  if (params.password === undefined && env.PGPASSWORD) passwordSource = 'PGPASSWORD';
  fill(params, {
    host: env.PGHOST || undefined,
    port: env.PGPORT || undefined,
    user: env.PGUSER || undefined,
    password: env.PGPASSWORD || undefined,
    dbname: env.PGDATABASE || undefined,
    sslmode: env.PGSSLMODE || undefined,
  });
  const host = params.host || 'localhost';
  const port = params.port || '5432';
  // libpq's default user is the OS user; 'postgres' when the system cannot name one.
  const user = params.user || osUser() || 'postgres';
  const dbname = params.dbname || user;
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw new UsageError(`invalid port "${port}" (from ${url ? 'the URL' : 'PGPORT or the service file'})`);
  if (params.sslmode !== undefined && !(SSL_MODES as readonly string[]).includes(params.sslmode)) {
    throw new UsageError(`invalid sslmode "${params.sslmode}": expected one of ${SSL_MODES.join(', ')}`);
  }
  let password = params.password;
  if (password === undefined) {
    const file = env.PGPASSFILE || join(home, '.pgpass');
    const found = passwordFromPgpass(file, { host, port, dbname, user }, warnings);
    if (found !== undefined) {
      password = found;
      passwordSource = 'pgpass';
    }
  }
  return { url: buildUrl({ host, port, user, dbname, password, sslmode: params.sslmode, extra: params.extra }), passwordSource, warnings };
}

function fill(into: ConnectionParams, from: Partial<ConnectionParams>): void {
  for (const key of ['host', 'port', 'user', 'password', 'dbname', 'sslmode'] as const) {
    if (into[key] === undefined && from[key] !== undefined) into[key] = from[key];
  }
  for (const [k, v] of Object.entries(from.extra ?? {})) if (!(k in into.extra)) into.extra[k] = v;
}

function paramsFromUrl(url: string): ConnectionParams {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError('malformed database URL: expected postgres://user:password@host:port/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new UsageError(`malformed database URL: scheme must be postgres:// or postgresql://, not ${parsed.protocol}//`);
  }
  const decode = (part: string, text: string): string => {
    try {
      return decodeURIComponent(text);
    } catch {
      throw new UsageError(`malformed database URL: bad percent-escape in the ${part} (write % as %25)`);
    }
  };
  const extra: Record<string, string> = {};
  for (const [k, v] of parsed.searchParams) extra[k] = v;
  const params: ConnectionParams = { extra };
  // libpq's URI form names its parameters in the query too: ?host=…&user=…
  const take = (key: string): string | undefined => {
    const v = extra[key];
    delete extra[key];
    return v;
  };
  const host = take('host') || parsed.hostname;
  const port = take('port') || parsed.port;
  const user = parsed.username ? decode('user name', parsed.username) : take('user');
  const password = parsed.password ? decode('password', parsed.password) : take('password');
  const path = parsed.pathname.replace(/^\//, '');
  const dbname = path ? decode('database name', path) : take('dbname');
  const sslmode = take('sslmode');
  if (host) params.host = host;
  if (port) params.port = port;
  if (user) params.user = user;
  if (password !== undefined && password !== '') params.password = password;
  if (dbname) params.dbname = dbname;
  if (sslmode) params.sslmode = sslmode;
  return params;
}

function buildUrl(p: Required<Pick<ConnectionParams, 'host' | 'port' | 'user' | 'dbname'>> & ConnectionParams): string {
  const auth = encodeURIComponent(p.user) + (p.password !== undefined ? `:${encodeURIComponent(p.password)}` : '');
  const query = new URLSearchParams(p.extra);
  if (p.sslmode !== undefined) query.set('sslmode', p.sslmode);
  // A Unix-socket directory cannot sit in a URL's host: it travels as ?host=, as libpq's URIs
  // allow, and connect() opens the socket.
  if (p.host.startsWith('/')) query.set('host', p.host);
  const host = p.host.startsWith('/') ? 'localhost' : p.host.includes(':') && !p.host.startsWith('[') ? `[${p.host}]` : p.host;
  const q = query.toString();
  return `postgres://${auth}@${host}:${p.port}/${encodeURIComponent(p.dbname)}${q ? `?${q}` : ''}`;
}

// --- pg_service.conf --------------------------------------------------------------------

/** Sections of a pg_service.conf: `[name]` then `key=value` lines; `#` starts a comment. */
export function parseServiceFile(text: string): Map<string, Record<string, string>> {
  const services = new Map<string, Record<string, string>>();
  let current: Record<string, string> | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = {};
      services.set(section[1]!.trim(), current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current && eq > 0) current[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return services;
}

function lookupService(name: string, env: NodeJS.ProcessEnv, home: string): Partial<ConnectionParams> {
  // libpq's order: the user's file (PGSERVICEFILE, else ~/.pg_service.conf), then the system
  // one in PGSYSCONFDIR; the first file defining the service wins.
  const files = [env.PGSERVICEFILE || join(home, '.pg_service.conf'), ...(env.PGSYSCONFDIR ? [join(env.PGSYSCONFDIR, 'pg_service.conf')] : [])];
  for (const file of files) {
    const text = readIfExists(file);
    if (text === null) continue;
    const entry = parseServiceFile(text).get(name);
    if (!entry) continue;
    const extra: Record<string, string> = {};
    const known = new Set(['host', 'port', 'user', 'password', 'dbname', 'sslmode']);
    for (const [k, v] of Object.entries(entry)) if (!known.has(k)) extra[k] = v;
    return { host: entry.host, port: entry.port, user: entry.user, password: entry.password, dbname: entry.dbname, sslmode: entry.sslmode, extra };
  }
  throw new ConfigError(`definition of service "${name}" not found (looked in ${files.join(', ')})`);
}

// --- .pgpass ------------------------------------------------------------------------------

export interface PgpassEntry {
  readonly host: string;
  readonly port: string;
  readonly dbname: string;
  readonly user: string;
  readonly password: string;
}

/** hostname:port:database:username:password lines; `*` matches anything; `\:` and `\\` escape. */
export function parsePgpass(text: string): PgpassEntry[] {
  const entries: PgpassEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const fields: string[] = [];
    let field = '';
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (ch === '\\' && i + 1 < line.length) field += line[++i]!;
      else if (ch === ':' && fields.length < 4) {
        fields.push(field);
        field = '';
      } else field += ch;
    }
    fields.push(field);
    if (fields.length < 5) continue;
    const [host, port, dbname, user, password] = fields as [string, string, string, string, string];
    entries.push({ host, port, dbname, user, password });
  }
  return entries;
}

export function matchPgpass(entries: readonly PgpassEntry[], target: Omit<PgpassEntry, 'password'>): string | undefined {
  // A Unix-socket host matches the "localhost" entries, as in libpq.
  const host = target.host.startsWith('/') ? 'localhost' : target.host;
  const ok = (pattern: string, value: string) => pattern === '*' || pattern === value;
  return entries.find((e) => ok(e.host, host) && ok(e.port, target.port) && ok(e.dbname, target.dbname) && ok(e.user, target.user))?.password;
}

function passwordFromPgpass(file: string, target: Omit<PgpassEntry, 'password'>, warnings: string[]): string | undefined {
  let mode: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) {
      warnings.push(`password file "${file}" is not a plain file`);
      return undefined;
    }
    mode = stat.mode;
  } catch {
    return undefined;
  }
  // libpq ignores a password file others can read (on Unix; Windows has no such bits).
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    warnings.push(`password file "${file}" has group or world access; permissions should be u=rw (0600) or less`);
    return undefined;
  }
  const text = readIfExists(file);
  return text === null ? undefined : matchPgpass(parsePgpass(text), target);
}

function readIfExists(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The operating-system user running schemaguard ('' when the system cannot say). */
export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? '';
  }
}

function safeHomedir(): string {
  try {
    return homedir();
  } catch {
    return '/';
  }
}

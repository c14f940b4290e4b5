// Index validity (issue 16, item 1): the runner never records a migration as applied while an
// index it built or found is INVALID, and `status` / pre-flight always list invalid indexes.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { appliedNames, migrationsDir, spawnCli, waitFor, writeMigration } from '../support/migrate.js';

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
  const db = await createTestDatabase('sg_migidx');
  open.push(db);
  const dir = migrationsDir(files);
  return { db, dir, migrate: (...args: string[]) => runCli(['migrate', ...args, '--migrations', dir], { env: { DATABASE_URL: db.url } }) };
}

/** A unique index built concurrently over duplicate rows: PostgreSQL leaves it INVALID. */
async function handMadeInvalidIndex(db: TestDatabase): Promise<void> {
  await db.sql.unsafe('CREATE TABLE dup (a int); INSERT INTO dup VALUES (1), (1)');
  await expect(db.sql.unsafe('CREATE UNIQUE INDEX CONCURRENTLY "dup a uniq" ON dup (a)')).rejects.toThrow(/could not create unique index/);
  const [row] = await db.sql<{ valid: boolean }[]>`select indisvalid as valid from pg_index where indexrelid = '"dup a uniq"'::regclass`;
  expect(row!.valid).toBe(false);
}

describe('invalid indexes are always shown', () => {
  it('status lists an invalid index made by hand, in the table and in JSON; a valid database lists none', async () => {
    const f = await fixture({ '000001_t.up.sql': 'CREATE TABLE t (a int);\n' });
    expect((await f.migrate('up')).code).toBe(0);
    const clean = await f.migrate('status');
    expect(clean.code).toBe(0);
    expect(clean.stdout).not.toContain('invalid index');
    await handMadeInvalidIndex(f.db);
    const status = await f.migrate('status');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('warning: invalid index public."dup a uniq"');
    const json = await f.migrate('status', '--format', 'json');
    expect(JSON.parse(json.stdout).invalidIndexes).toEqual(['public."dup a uniq"']);
  });

  it('the pre-flight of up names an invalid index even when there is work unrelated to it', async () => {
    const f = await fixture({ '000001_t.up.sql': 'CREATE TABLE t (a int);\n' });
    await handMadeInvalidIndex(f.db);
    const up = await f.migrate('up');
    expect(up.code).toBe(0);
    expect(up.stderr).toContain('warning: invalid index public."dup a uniq"');
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t']);
  });
});

/** Index validity as the catalog says: null when the index does not exist. */
async function validity(db: TestDatabase, name: string): Promise<{ valid: boolean; ready: boolean } | null> {
  const rows = await db.sql<{ valid: boolean; ready: boolean }[]>`
    select i.indisvalid as valid, i.indisready as ready from pg_index i join pg_class c on c.oid = i.indexrelid
    where c.relname = ${name} and c.relnamespace = 'public'::regnamespace`;
  return rows[0] ?? null;
}

async function invalidCount(db: TestDatabase): Promise<number> {
  const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from pg_index i join pg_class c on c.oid = i.indexrelid where not i.indisvalid and c.relnamespace = 'public'::regnamespace`;
  return row!.n;
}

/**
 * The reproduction: another session holds a REPEATABLE READ snapshot that has read the
 * table, so CREATE INDEX CONCURRENTLY (which waits for older snapshots) hits lock_timeout after
 * it has created its catalog entry, leaving an INVALID index behind.
 */
const CIC_FILES = {
  '000001_t.up.sql': 'CREATE TABLE t (a int);\nINSERT INTO t SELECT g FROM generate_series(1, 100) g;\n',
  '000002_idx.up.sql': '-- schemaguard:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS "t a idx" ON t (a);\n',
};

async function holdSnapshot(db: TestDatabase): Promise<{ release(): Promise<void> }> {
  const holder = await db.sql.reserve();
  await holder.unsafe('BEGIN ISOLATION LEVEL REPEATABLE READ');
  await holder.unsafe('SELECT count(*) FROM t');
  return {
    async release() {
      await holder.unsafe('COMMIT');
      holder.release();
    },
  };
}

describe('concurrent index builds are valid when recorded', () => {
  it('CIC behind a REPEATABLE READ snapshot for every retry: exit 3 naming the index, not recorded; the rerun refuses the old invalid index until it is dropped', async () => {
    const f = await fixture(CIC_FILES);
    expect((await f.migrate('up', '--step', '1')).code).toBe(0);
    const snapshot = await holdSnapshot(f.db);
    let up: CliResult;
    try {
      up = await f.migrate('up', '--step', '1', '--lock-timeout', '300ms', '--retries', '1', '--retry-delay', '10');
    } finally {
      await snapshot.release();
    }
    expect(up.code, up.stderr).toBe(3);
    expect(up.stderr).toMatch(/000002_idx: lock_timeout \(300ms\) waiting for a lock held by pid \d+, .*holding public\.t \(AccessShareLock\).*retrying/);
    // The retry first drops what the failed build left; the snapshot blocks that too.
    expect(up.stderr).toMatch(/schemaguard: \S+000002_idx\.up\.sql:2:1: cannot drop the invalid index public\."t a idx" an earlier attempt left \(canceling statement due to lock timeout, SQLSTATE 55P03\).*gave up after 2 attempt\(s\)/);
    // The leftover could not be dropped while the snapshot was held: named, with the command.
    expect(up.stderr).toContain('it left the INVALID index public."t a idx", not dropped yet: drop it with DROP INDEX CONCURRENTLY IF EXISTS public."t a idx"');
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t']);
    expect(await validity(f.db, 't a idx')).toEqual({ valid: false, ready: expect.any(Boolean) });

    // The rerun finds it (IF NOT EXISTS skips the build): not recorded, exit 3, the command named.
    const rerun = await f.migrate('up');
    expect(rerun.code, rerun.stderr).toBe(3);
    expect(rerun.stderr).toContain('warning: invalid index public."t a idx"');
    expect(rerun.stderr).toMatch(/000002_idx\.up\.sql:2:1: index public\."t a idx" exists but is INVALID .*drop it with DROP INDEX CONCURRENTLY IF EXISTS public\."t a idx" and run migrate up again/);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t']);

    await f.db.sql.unsafe('DROP INDEX CONCURRENTLY IF EXISTS public."t a idx"');
    const fixed = await f.migrate('up');
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(await validity(f.db, 't a idx')).toEqual({ valid: true, ready: true });
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t', '000002_idx']);
  });

  it('the snapshot ends during the retries: the invalid index of the failed attempt is dropped and rebuilt, exit 0 with a valid index', async () => {
    const f = await fixture(CIC_FILES);
    expect((await f.migrate('up', '--step', '1')).code).toBe(0);
    const snapshot = await holdSnapshot(f.db);
    let released = false;
    try {
      const run = spawnCli(['migrate', 'up', '--migrations', f.dir, '--lock-timeout', '300ms', '--retries', '8', '--retry-delay', '100'], { DATABASE_URL: f.db.url });
      // Observed, not timed: the first attempt has failed and left its invalid index.
      await waitFor(async () => run.stderr().includes('retrying') || run.child.exitCode !== null, 60_000);
      expect(run.stderr()).toContain('retrying');
      expect((await validity(f.db, 't a idx'))?.valid).toBe(false);
      await snapshot.release();
      released = true;
      const r = await run.result;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('applied 000002_idx');
    } finally {
      if (!released) await snapshot.release();
    }
    expect(await validity(f.db, 't a idx')).toEqual({ valid: true, ready: true });
    expect(await invalidCount(f.db)).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t', '000002_idx']);
  });

  it('a unique CIC over duplicate rows: exit 3, its own invalid index dropped, nothing recorded', async () => {
    const f = await fixture({
      '000001_t.up.sql': 'CREATE TABLE t (a int);\nINSERT INTO t VALUES (1), (1);\n',
      '000002_uniq.up.sql': '-- schemaguard:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY "t a uniq" ON t (a);\n',
    });
    const up = await f.migrate('up');
    expect(up.code, up.stderr).toBe(3);
    expect(up.stderr).toMatch(/000002_uniq\.up\.sql:2:1: could not create unique index "t a uniq" \(SQLSTATE 23505\).*the invalid index public\."t a uniq" the failed build left was dropped/);
    expect(await validity(f.db, 't a uniq')).toBeNull();
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t']);
  });

  it('a transactional CREATE INDEX IF NOT EXISTS over an invalid index of that name: exit 3, rolled back, not recorded', async () => {
    const f = await fixture({ '000001_t.up.sql': 'CREATE TABLE t (a int);\n' });
    expect((await f.migrate('up')).code).toBe(0);
    await handMadeInvalidIndex(f.db);
    writeMigration(f.dir, '000002_idx.up.sql', 'CREATE TABLE u (b int);\nCREATE UNIQUE INDEX IF NOT EXISTS "dup a uniq" ON dup (a);\n');
    const up = await f.migrate('up');
    expect(up.code, up.stderr).toBe(3);
    expect(up.stderr).toMatch(/000002_idx\.up\.sql: index public\."dup a uniq" is INVALID .*rolled back: drop it with DROP INDEX CONCURRENTLY IF EXISTS public\."dup a uniq"/);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t']);
    const [u] = await f.db.sql<{ r: string | null }[]>`select to_regclass('u')::text as r`;
    expect(u!.r).toBeNull();
  });

  it('REINDEX CONCURRENTLY behind a snapshot: the _ccnew index its failed attempt left is dropped before the retry', async () => {
    const f = await fixture({
      ...CIC_FILES,
      '000002_idx.up.sql': 'CREATE INDEX "t a idx" ON t (a);\n',
      '000003_reindex.up.sql': '-- schemaguard:no-transaction\nREINDEX INDEX CONCURRENTLY "t a idx";\n',
    });
    expect((await f.migrate('up', '--step', '2')).code).toBe(0);
    const snapshot = await holdSnapshot(f.db);
    let released = false;
    try {
      const run = spawnCli(['migrate', 'up', '--migrations', f.dir, '--lock-timeout', '300ms', '--retries', '8', '--retry-delay', '100'], { DATABASE_URL: f.db.url });
      await waitFor(async () => run.stderr().includes('retrying') || run.child.exitCode !== null, 60_000);
      expect(run.stderr()).toContain('retrying');
      expect(await invalidCount(f.db)).toBeGreaterThan(0);
      await snapshot.release();
      released = true;
      const r = await run.result;
      expect(r.code, r.stderr).toBe(0);
    } finally {
      if (!released) await snapshot.release();
    }
    expect(await invalidCount(f.db)).toBe(0);
    expect(await validity(f.db, 't a idx')).toEqual({ valid: true, ready: true });
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t', '000002_idx', '000003_reindex']);
  });
});

// Consecutive transactional migrations are sent without waiting for each one's answer
// (execute.ts startChain). A failure anywhere in such a chain must leave exactly the files
// before it applied and recorded, the failing one not at all, and nothing after it run.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { appliedNames, migrationsDir, tablePairs, writeMigration } from '../support/migrate.js';

const open: TestDatabase[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()!.dispose();
});

async function fixture(files: Record<string, string>) {
  const db = await createTestDatabase('sg_chain');
  open.push(db);
  const dir = migrationsDir(files);
  return { db, dir, migrate: (...args: string[]): Promise<CliResult> => runCli(['migrate', ...args, '--migrations', dir], { env: { DATABASE_URL: db.url } }) };
}

async function tables(db: TestDatabase): Promise<string[]> {
  const rows = await db.sql<{ relname: string }[]>`
    select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and relname <> 'schemaguard_migrations' order by relname`;
  return rows.map((r) => r.relname);
}

function errorLine(r: CliResult): string {
  const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('schemaguard:'));
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

describe('migrate up/down: a failure inside a chain of transactional files', () => {
  it('up: a statement failing in the middle leaves the files before it applied and recorded, it and every later file not at all', async () => {
    const f = await fixture({
      ...tablePairs(2),
      // Its first statement succeeds and must be rolled back with the failing second one.
      '000003_bad.up.sql': 'CREATE TABLE bad_first (id integer);\nSELECT 1 / 0;\n',
      '000003_bad.down.sql': 'DROP TABLE bad_first;\n',
      ...tablePairs(3, 4),
    });
    const up = await f.migrate('up');
    expect(up.code, up.stderr).toBe(3);
    const line = errorLine(up);
    expect(line).toMatch(/000003_bad\.up\.sql:2:\d+: division by zero/);
    expect(line).toMatch(/rolled back, nothing of it was applied/);
    expect(line).toMatch(/2 earlier migration\(s\) of this run stay applied \(000001_t1, 000002_t2\)/);
    expect(up.stderr).not.toMatch(/applied 00000[3-6]/);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1', '000002_t2']);
    expect(await tables(f.db)).toEqual(['t1', 't2']);
    // Fixed, the file and the ones after it apply on the next run.
    writeMigration(f.dir, '000003_bad.up.sql', 'CREATE TABLE bad_first (id integer);\n');
    const again = await f.migrate('up');
    expect(again.code, again.stderr).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1', '000002_t2', '000003_bad', '000004_t4', '000005_t5', '000006_t6']);
    expect(await tables(f.db)).toEqual(['bad_first', 't1', 't2', 't4', 't5', 't6']);
  });

  it('up: a COMMIT that fails (deferred constraint) stops the chain: the files sent after it do not run', async () => {
    const f = await fixture({
      ...tablePairs(2),
      '000003_deferred.up.sql': [
        'CREATE TABLE parent (id integer PRIMARY KEY);',
        'CREATE TABLE child (parent_id integer REFERENCES parent DEFERRABLE INITIALLY DEFERRED);',
        // Violates the foreign key, checked only at COMMIT.
        'INSERT INTO child VALUES (1);',
        '',
      ].join('\n'),
      '000003_deferred.down.sql': 'DROP TABLE child;\nDROP TABLE parent;\n',
      ...tablePairs(3, 4),
    });
    const up = await f.migrate('up');
    expect(up.code, up.stderr).toBe(3);
    const line = errorLine(up);
    expect(line).toMatch(/000003_deferred\.up\.sql/);
    expect(line).toMatch(/foreign key/);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1', '000002_t2']);
    expect(await tables(f.db)).toEqual(['t1', 't2']);
  });

  it('down: a down file failing in the middle leaves the ones before it rolled back and unrecorded, it and the older ones applied', async () => {
    const f = await fixture({
      ...tablePairs(2),
      '000003_keep.up.sql': 'CREATE TABLE keep (id integer);\n',
      // Drops its table, then fails: the drop must be rolled back with it.
      '000003_keep.down.sql': 'DROP TABLE keep;\nDROP TABLE no_such_table;\n',
      ...tablePairs(3, 4),
    });
    expect((await f.migrate('up')).code).toBe(0);
    const down = await f.migrate('down', '--to', '0', '--yes');
    expect(down.code, down.stderr).toBe(3);
    const line = errorLine(down);
    expect(line).toMatch(/000003_keep\.down\.sql:2:\d+: table "no_such_table" does not exist/);
    expect(line).toMatch(/3 earlier migration\(s\) of this run stay rolled back \(000006_t6, 000005_t5, 000004_t4\)/);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1', '000002_t2', '000003_keep']);
    expect(await tables(f.db)).toEqual(['keep', 't1', 't2']);
  });

  it('a no-transaction file between two chains runs on its own, statement by statement, and the history matches', async () => {
    const f = await fixture({
      ...tablePairs(2),
      '000003_idx.up.sql': '-- schemaguard:no-transaction\nCREATE INDEX CONCURRENTLY t2_note ON t2 (note);\nCREATE INDEX CONCURRENTLY t1_note ON t1 (note);\n',
      '000003_idx.down.sql': '-- schemaguard:no-transaction\nDROP INDEX CONCURRENTLY t1_note;\nDROP INDEX CONCURRENTLY t2_note;\n',
      ...tablePairs(3, 4),
    });
    const up = await f.migrate('up');
    expect(up.code, up.stderr).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1', '000002_t2', '000003_idx', '000004_t4', '000005_t5', '000006_t6']);
    const [row] = await f.db.sql<{ n: number }[]>`select count(*)::int as n from pg_indexes where indexname in ('t1_note', 't2_note')`;
    expect(row!.n).toBe(2);
    const down = await f.migrate('down', '--to', '0', '--yes');
    expect(down.code, down.stderr).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual([]);
    expect(await tables(f.db)).toEqual([]);
  });
});

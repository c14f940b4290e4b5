// Index validity (issue 16, item 1): the runner never records a migration as applied while an
// index it built or found is INVALID, and `status` / pre-flight always list invalid indexes.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { appliedNames, migrationsDir } from '../support/migrate.js';

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

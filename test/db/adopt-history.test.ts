// `migrate baseline --from golang-migrate|dbmate`: a database another runner migrated is
// adopted without running anything again, and its own table is left exactly as it was.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { appliedNames, catalogSnapshot, migrationsDir, tablePairs } from '../support/migrate.js';

const open: TestDatabase[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()!.dispose();
});

// golang-migrate's own layout: unpadded versions, `N_name.up.sql`.
function golangFiles(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= count; i++) {
    files[`${i}_t${i}.up.sql`] = `CREATE TABLE t${i} (id integer PRIMARY KEY);\nINSERT INTO t${i} VALUES (${i});\n`;
    files[`${i}_t${i}.down.sql`] = `DROP TABLE t${i};\n`;
  }
  return files;
}

async function setup(files: Record<string, string>): Promise<{ db: TestDatabase; migrate: (...a: string[]) => Promise<CliResult> }> {
  const db = await createTestDatabase('sg_adopt');
  open.push(db);
  const dir = migrationsDir(files);
  return { db, migrate: (...args) => runCli(['migrate', ...args, '--migrations', dir], { env: { DATABASE_URL: db.url } }) };
}

/** What golang-migrate leaves after `migrate up` to `version`: the tables, and one row. */
async function golangMigrated(db: TestDatabase, version: number, dirty: boolean): Promise<void> {
  for (let i = 1; i <= version; i++) await db.sql.unsafe(`CREATE TABLE t${i} (id integer PRIMARY KEY); INSERT INTO t${i} VALUES (${i})`);
  await db.sql.unsafe('CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)');
  await db.sql`INSERT INTO schema_migrations VALUES (${version}, ${dirty})`;
}

describe('migrate baseline --from golang-migrate', () => {
  it('adopts a clean history at version 5: status shows 1-5 as baseline, up runs only 6 and 7, their table untouched', async () => {
    const { db, migrate } = await setup(golangFiles(7));
    await golangMigrated(db, 5, false);

    const adopt = await migrate('baseline', '--from', 'golang-migrate');
    expect(adopt.stderr).toContain('golang-migrate history reaches 5_t5');
    expect(adopt.code).toBe(0);
    expect(await appliedNames(db.sql)).toEqual(['1_t1', '2_t2', '3_t3', '4_t4', '5_t5']);

    const status = await migrate('status', '--format', 'json');
    expect(status.code).toBe(0);
    const report = JSON.parse(status.stdout) as { migrations: { name: string; state: string; baseline: boolean }[] };
    expect(report.migrations.map((m) => [m.name, m.state, m.baseline])).toEqual([
      ['1_t1', 'applied', true],
      ['2_t2', 'applied', true],
      ['3_t3', 'applied', true],
      ['4_t4', 'applied', true],
      ['5_t5', 'applied', true],
      ['6_t6', 'pending', false],
      ['7_t7', 'pending', false],
    ]);

    const up = await migrate('up');
    expect(up.code).toBe(0);
    expect(up.stderr).not.toMatch(/applied [1-5]_/);
    expect(await appliedNames(db.sql)).toEqual(['1_t1', '2_t2', '3_t3', '4_t4', '5_t5', '6_t6', '7_t7']);
    // Each table's row exists once: nothing older ran a second time (it would fail on the PK).
    const counts = await db.sql<{ n: number }[]>`select (select count(*) from t1)::int + (select count(*) from t7)::int as n`;
    expect(counts[0]!.n).toBe(2);
    expect(await db.sql`select version::int, dirty from schema_migrations`).toEqual([{ version: 5, dirty: false }]);

    // Adopting again records nothing new.
    const again = await migrate('baseline', '--from', 'golang-migrate');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('nothing to baseline');
  });

  it('refuses a dirty history with one line naming the version, exit 2, database unchanged', async () => {
    const { db, migrate } = await setup(golangFiles(7));
    await golangMigrated(db, 5, true);
    const before = await catalogSnapshot(db.sql);
    const r = await migrate('baseline', '--from', 'golang-migrate');
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/golang-migrate marks version 5 dirty in public\.schema_migrations/);
    expect(await catalogSnapshot(db.sql)).toBe(before);
  });

  it('refuses a version with no file, a missing table, and a wrong flag combination, each exit 2 and unchanged', async () => {
    const { db, migrate } = await setup(golangFiles(3));
    const empty = await catalogSnapshot(db.sql);
    const noTable = await migrate('baseline', '--from', 'golang-migrate');
    expect(noTable.code).toBe(2);
    expect(noTable.stderr).toMatch(/no golang-migrate history table public\.schema_migrations/);
    expect(await catalogSnapshot(db.sql)).toBe(empty);

    await golangMigrated(db, 3, false);
    await db.sql`UPDATE schema_migrations SET version = 9`;
    const before = await catalogSnapshot(db.sql);
    const noFile = await migrate('baseline', '--from', 'golang-migrate');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/records version 9 as applied, but no migration file has that version/);
    expect((await migrate('baseline', '--from', 'flyway')).stderr).toMatch(/unknown --from "flyway": expected golang-migrate or dbmate/);
    const both = await migrate('baseline', '--from', 'golang-migrate', '--to', '1_t1');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exactly one of --to NAME or --from/);
    expect(await catalogSnapshot(db.sql)).toBe(before);
  });
});

describe('migrate baseline --from dbmate', () => {
  it('adopts every version dbmate recorded, from a table elsewhere, and refuses a gap', async () => {
    const files = tablePairs(4);
    const { db, migrate } = await setup(files);
    for (const i of [1, 2, 3]) await db.sql.unsafe(`CREATE TABLE t${i} (id integer PRIMARY KEY, note text)`);
    await db.sql.unsafe('CREATE SCHEMA dbm; CREATE TABLE dbm.schema_migrations (version varchar(128) PRIMARY KEY)');
    await db.sql`INSERT INTO dbm.schema_migrations VALUES ('000001'), ('000003')`;
    const before = await catalogSnapshot(db.sql);
    const gap = await migrate('baseline', '--from', 'dbmate', '--from-table', 'dbm.schema_migrations');
    expect(gap.code).toBe(2);
    expect(gap.stderr).toMatch(/dbmate never applied 000002_t2, older than its newest version 000003/);
    expect(await catalogSnapshot(db.sql)).toBe(before);

    await db.sql`INSERT INTO dbm.schema_migrations VALUES ('000002')`;
    const ok = await migrate('baseline', '--from', 'dbmate', '--from-table', 'dbm.schema_migrations');
    expect(ok.code).toBe(0);
    expect(await appliedNames(db.sql)).toEqual(['000001_t1', '000002_t2', '000003_t3']);
    expect((await migrate('up')).code).toBe(0);
    expect(await appliedNames(db.sql)).toEqual(['000001_t1', '000002_t2', '000003_t3', '000004_t4']);
  });
});

// The loop that applies migrations to check's and diff's scratch database
// (src/migrate/apply.ts): a transactional file's statements are sent without waiting for each
// answer, and must still mean what they meant one by one: the failing statement is the one
// named, the file is rolled back whole, later files are not run, and the connection is left
// outside any transaction.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/cli/sources.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

describe('applyScripts on a scratch database', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase('sg_apply');
  });
  afterAll(async () => {
    await db?.dispose();
  });
  beforeEach(async () => {
    await db.sql.unsafe('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    dir = await mkdtemp(join(tmpdir(), 'sg-apply-'));
    await mkdir(join(dir, 'migrations'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const write = (name: string, text: string) => writeFile(join(dir, 'migrations', `${name}.up.sql`), text);
  const tables = async () => (await db.sql<{ t: string }[]>`select tablename as t from pg_tables where schemaname = 'public' order by 1`).map((r) => r.t);
  // No connection of the pool is left inside a transaction (open or aborted).
  const idle = async () => {
    const rows = await db.sql<{ state: string }[]>`select state from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state like 'idle in transaction%'`;
    return rows.length === 0;
  };

  it('applies every file, each in its own transaction', async () => {
    await write('000001_a', 'CREATE TABLE a (id int PRIMARY KEY);\nCREATE INDEX a_id ON a (id);\n');
    await write('000002_b', 'CREATE TABLE b (id int PRIMARY KEY REFERENCES a);\nINSERT INTO a VALUES (1);\nINSERT INTO b VALUES (1);\n');
    expect(await applyMigrations(db.sql, join(dir, 'migrations'), dir)).toBe(2);
    expect(await tables()).toEqual(['a', 'b']);
    expect(await idle()).toBe(true);
  });

  it('names the statement that failed (an error without a position), rolls its file back and runs no later file', async () => {
    await write('000001_a', 'CREATE TABLE a (id int PRIMARY KEY);\n');
    await write('000002_b', 'CREATE TABLE b (id int);\nINSERT INTO a VALUES (1);\n\nINSERT INTO a VALUES (1);\nCREATE TABLE c (id int);\n');
    await write('000003_d', 'CREATE TABLE d (id int);\n');
    const error = await applyMigrations(db.sql, join(dir, 'migrations'), dir).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toBe('migrations/000002_b.up.sql:4:1: duplicate key value violates unique constraint "a_pkey" (applying migrations to a scratch database)');
    expect(await tables()).toEqual(['a']);
    expect(await idle()).toBe(true);
  });

  it('a failure at COMMIT (a deferred constraint) is the file\'s, rolled back', async () => {
    await write(
      '000001_a',
      'CREATE TABLE a (id int PRIMARY KEY, parent int);\nALTER TABLE a ADD CONSTRAINT a_parent FOREIGN KEY (parent) REFERENCES a DEFERRABLE INITIALLY DEFERRED;\nINSERT INTO a VALUES (1, 2);\n',
    );
    const error = await applyMigrations(db.sql, join(dir, 'migrations'), dir).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/^migrations\/000001_a\.up\.sql:3:1: insert or update on table "a" violates foreign key constraint "a_parent"/);
    expect(await tables()).toEqual([]);
    expect(await idle()).toBe(true);
  });
});

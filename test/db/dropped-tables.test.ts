// The rollback prompt's probe of the tables the down files drop: all of them in one round trip,
// each on its own when that fails (a locked table), with the same answers either way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../../src/db/connect.js';
import { droppedTables } from '../../src/migrate/dropped-tables.js';
import { loadParser, parseScript } from '../../src/migrate/script.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
let sql: Sql;
beforeAll(async () => {
  await loadParser();
  db = await createTestDatabase('sg_dropped');
  await db.sql.unsafe(`
    CREATE TABLE full_one (id int); INSERT INTO full_one VALUES (1);
    CREATE TABLE empty_one (id int);
    CREATE SCHEMA other; CREATE TABLE other."Odd ""name""" (id int); INSERT INTO other."Odd ""name""" VALUES (1);`);
  sql = await connect(db.url, { max: 1 });
});
afterAll(async () => {
  await sql?.end({ timeout: 5 });
  await db?.dispose();
});

const scripts = () => [
  parseScript('000003_x.down.sql', 'DROP TABLE full_one;\nDROP TABLE IF EXISTS missing_one;\n'),
  parseScript('000002_x.down.sql', 'DROP TABLE empty_one, other."Odd ""name""";\n'),
];

describe('droppedTables', () => {
  it('says which dropped tables exist and hold rows, in the order the down files drop them', async () => {
    expect(await droppedTables(sql, scripts())).toEqual({
      tables: [
        { name: 'full_one', hasRows: true },
        { name: 'empty_one', hasRows: false },
        { name: 'other."Odd ""name"""', hasRows: true },
      ],
      unchecked: 0,
    });
    // The connection is left outside any transaction.
    expect(await sql`select current_setting('transaction_read_only') as ro, current_setting('lock_timeout') as lt`).toEqual([{ ro: 'off', lt: '0' }]);
  });

  it('a table locked by another session is marked unchecked (null), the others still answered', async () => {
    const locker = await connect(db.url, { max: 1 });
    try {
      const held = locker.begin(async (tx) => {
        await tx.unsafe('LOCK TABLE empty_one IN ACCESS EXCLUSIVE MODE');
        await new Promise((resolve) => setTimeout(resolve, 12_000));
      });
      held.catch(() => undefined);
      // Wait for the lock to be granted before probing.
      for (;;) {
        const [r] = await db.sql<{ n: number }[]>`select count(*)::int as n from pg_locks where relation = 'empty_one'::regclass and mode = 'AccessExclusiveLock' and granted`;
        if (r!.n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const result = await droppedTables(sql, scripts());
      expect(result.tables).toEqual([
        { name: 'full_one', hasRows: true },
        { name: 'empty_one', hasRows: null },
        { name: 'other."Odd ""name"""', hasRows: true },
      ]);
      expect(await sql`select current_setting('transaction_read_only') as ro, current_setting('lock_timeout') as lt`).toEqual([{ ro: 'off', lt: '0' }]);
    } finally {
      await locker.end({ timeout: 1 });
    }
  }, 30_000);
});

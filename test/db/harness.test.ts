import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

describe('test harness', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('gives each file its own database on a real server', async () => {
    const [row] = await db.sql<{ current_database: string; server_version_num: string }[]>`
      select current_database(), current_setting('server_version_num') as server_version_num`;
    expect(row!.current_database).toBe(db.name);
    expect(Number(row!.server_version_num)).toBeGreaterThanOrEqual(130000);
    // The version matrix says which release it started; prove that is what we talk to.
    const expected = process.env.SCHEMAGUARD_EXPECT_PG_MAJOR;
    if (expected) expect(Math.floor(Number(row!.server_version_num) / 10000)).toBe(Number(expected));
  });
});

// A database of its own for each test file (or test), dropped afterwards.
import { inject } from 'vitest';
import { connect, type Sql } from '../../src/db/connect.js';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch.js';

export interface TestDatabase extends ScratchDatabase {
  readonly sql: Sql;
  /** Close the pool and drop the database. */
  dispose(): Promise<void>;
}

export function adminUrl(): string {
  return inject('adminUrl');
}

export async function createTestDatabase(prefix = 'sg_test'): Promise<TestDatabase> {
  const db = await createScratchDatabase(adminUrl(), prefix);
  const sql = await connect(db.url, { max: 4 });
  return {
    ...db,
    sql,
    async dispose() {
      await sql.end({ timeout: 5 });
      await db.drop();
    },
  };
}

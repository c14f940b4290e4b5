// Fixture SQL files for audit tests, applied through one connection that is closed afterwards
// (so its statistics are flushed before a test resets them).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { connect } from '../../src/db/connect.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function fixture(path: string): string {
  return readFileSync(`${FIXTURES}${path}`, 'utf8');
}

export async function applySql(url: string, ...sqlTexts: string[]): Promise<void> {
  const sql = await connect(url);
  try {
    for (const text of sqlTexts) await sql.unsafe(text);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Zero the statistics of a database once every other session on it has gone, so usage figures
 * in reports are deterministic (nothing has read or written the tables since).
 */
export async function resetStatistics(url: string): Promise<void> {
  const sql = await connect(url);
  try {
    for (let i = 0; i < 100; i += 1) {
      const [{ n }] = (await sql.unsafe(`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`)) as unknown as [{ n: number }];
      if (n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await sql.unsafe('select pg_stat_reset()');
  } finally {
    await sql.end({ timeout: 5 });
  }
}

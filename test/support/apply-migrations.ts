// Applies this repository's migrations/ files in order, for the domain tests, the way the
// runner does: a transaction per file, or statement by statement for a file whose first line
// is the no-transaction directive. Statements are split with libpg-query's real grammar.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadModule, parseSync } from 'libpg-query';
import type { Sql } from '../../src/db/connect.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
export const LEGACY_LEVEL = 7;
export const HEAD_LEVEL = 15;
const NO_TRANSACTION = /^--\s*schemaguard:no-transaction\b/;

interface MigrationFile {
  readonly version: number;
  readonly name: string;
  readonly up: string;
  readonly down: string;
}

export function migrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  const names = readdirSync(dir).filter((f) => f.endsWith('.up.sql')).sort();
  return names.map((f) => {
    const base = f.slice(0, -'.up.sql'.length);
    return {
      version: Number(base.slice(0, 6)),
      name: base,
      up: readFileSync(join(dir, f), 'utf8'),
      down: readFileSync(join(dir, `${base}.down.sql`), 'utf8'),
    };
  });
}

async function runFile(sql: Sql, text: string): Promise<void> {
  if (!NO_TRANSACTION.test(text)) {
    await sql.begin((tx) => tx.unsafe(text));
    return;
  }
  await loadModule();
  const bytes = Buffer.from(text, 'utf8');
  for (const stmt of parseSync(text).stmts ?? []) {
    const start = stmt.stmt_location ?? 0;
    const len = stmt.stmt_len ?? bytes.length - start;
    await sql.unsafe(bytes.subarray(start, start + len).toString('utf8'));
  }
}

/** Apply the up files with from < version <= to. */
export async function migrateUp(sql: Sql, from: number, to: number): Promise<void> {
  for (const m of migrationFiles()) if (m.version > from && m.version <= to) await runFile(sql, m.up);
}

/** Apply the down files with to < version <= from, newest first. */
export async function migrateDown(sql: Sql, from: number, to: number): Promise<void> {
  for (const m of migrationFiles().reverse()) if (m.version > to && m.version <= from) await runFile(sql, m.down);
}

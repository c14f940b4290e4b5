// `migrate create NAME`: the next number, both files.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { sqlComment } from '../schema/quote.js';
import { checkMigrationLabel, listMigrationFiles } from './files.js';

export interface CreatedMigration {
  readonly name: string;
  readonly upPath: string;
  readonly downPath: string;
}

export function createMigration(dir: string, label: string): CreatedMigration {
  const problem = checkMigrationLabel(label);
  if (problem) throw new UsageError(`invalid migration name ${JSON.stringify(label)}: ${problem}`);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const files = listMigrationFiles(dir);
  const last = files[files.length - 1];
  const next = last ? BigInt(last.version) + 1n : 1n;
  const width = Math.max(6, last?.version.length ?? 0);
  const name = `${next.toString().padStart(width, '0')}_${label}`;
  const upPath = join(dir, `${name}.up.sql`);
  const downPath = join(dir, `${name}.down.sql`);
  // 'wx': never overwrite a file someone created meanwhile.
  writeFileSync(upPath, `${sqlComment(`${name}: up`)}\n-- Runs in one transaction. For CREATE INDEX CONCURRENTLY and the like, make the first line:\n-- schemaguard:no-transaction\n\n`, { flag: 'wx' });
  writeFileSync(downPath, `${sqlComment(`${name}: down (undoes the up file)`)}\n\n`, { flag: 'wx' });
  return { name, upPath, downPath };
}

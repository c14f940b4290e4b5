// What other parts of schemaguard use from migrate: the history check for `audit`, the file
// listing and checksums for `check`/`diff --from migrations`, and the runner entry points.
import type { Sql } from '../db/connect.js';
import { checksumOf, listMigrationFiles, readSqlFile } from './files.js';
import { DEFAULT_HISTORY_TABLE, readHistory, type HistoryTable } from './history.js';
import { checkHistory, type AppliedMigration, type HistoryProblem } from './integrity.js';

export { checkHistory, describeProblem, type AppliedMigration, type FileOnDisk, type HistoryProblem } from './integrity.js';
export { checksumOf, listMigrationFiles, readSqlFile, type MigrationFile } from './files.js';
export { DEFAULT_HISTORY_TABLE, parseHistoryTable, displayHistory, type HistoryTable } from './history.js';
export { baseline, migrateDown, migrateUp, migrationStatus, type MigrateOptions, type RunResult, type StatusReport } from './runner.js';
export { createMigration } from './create.js';

export interface HistoryCheck {
  /** False when the database has no history table yet (every migration is pending). */
  readonly historyExists: boolean;
  readonly applied: readonly AppliedMigration[];
  readonly problems: readonly HistoryProblem[];
}

/**
 * The history of `sql`'s database against the migrations in `dir`: for `audit` findings.
 * Reads only. Throws ConfigError for a malformed directory or a foreign/newer history table.
 */
export async function historyCheck(sql: Sql, dir: string, history: HistoryTable = DEFAULT_HISTORY_TABLE): Promise<HistoryCheck> {
  const files = listMigrationFiles(dir);
  const state = await readHistory(sql, history);
  const problems = checkHistory(
    state.applied,
    files.map((f) => ({ name: f.name, version: f.version, checksum: checksumOf(readSqlFile(f.upPath)) })),
  );
  return { historyExists: state.exists, applied: state.applied, problems };
}

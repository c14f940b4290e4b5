// Adopting another runner's history: read golang-migrate's or dbmate's `schema_migrations`
// (never written) and work out which of our migration files it says are applied, so that
// `migrate baseline` can record exactly those and `migrate up` runs only what is newer.
import { ConfigError } from '../errors.js';
import { connect, type Sql } from '../db/connect.js';
import { quoteQualified } from '../schema/quote.js';
import { compareVersions, listMigrationFiles, type MigrationFile } from './files.js';
import { displayHistory, type HistoryTable } from './history.js';

export type ForeignRunner = 'golang-migrate' | 'dbmate';
export const FOREIGN_RUNNERS: readonly ForeignRunner[] = ['golang-migrate', 'dbmate'];

/** Both tools default to `schema_migrations` in the connection's first schema. */
export const DEFAULT_FOREIGN_TABLE: HistoryTable = { schema: 'public', table: 'schema_migrations' };

export function parseForeignRunner(value: string): ForeignRunner {
  if ((FOREIGN_RUNNERS as readonly string[]).includes(value)) return value as ForeignRunner;
  throw new ConfigError(`unknown --from ${JSON.stringify(value)}: expected ${FOREIGN_RUNNERS.join(' or ')}`);
}

async function tableExists(sql: Sql, t: HistoryTable): Promise<boolean> {
  const [row] = await sql<{ found: boolean }[]>`
    select exists (
      select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${t.schema} and c.relname = ${t.table} and c.relkind in ('r', 'p')
    ) as found`;
  return Boolean(row?.found);
}

/** The versions the other tool records as applied (read-only). */
export async function readForeignVersions(sql: Sql, from: ForeignRunner, table: HistoryTable): Promise<string[]> {
  const where = displayHistory(table);
  if (!(await tableExists(sql, table))) {
    throw new ConfigError(`no ${from} history table ${where} in this database (pass --from-table SCHEMA.NAME if it lives elsewhere)`);
  }
  const q = quoteQualified(table.schema, table.table);
  if (from === 'golang-migrate') {
    // golang-migrate keeps one row: the current version, and whether it stopped half-way.
    const rows = await sql.unsafe<{ version: string; dirty: boolean }[]>(`SELECT version::text AS version, dirty FROM ${q}`);
    if (rows.length === 0) return [];
    if (rows.length > 1) throw new ConfigError(`${where} holds ${rows.length} rows; golang-migrate keeps exactly one (is this dbmate's table? pass --from dbmate)`);
    const row = rows[0]!;
    // -1 is golang-migrate's "no version" (everything rolled back).
    if (row.version === '-1' && !row.dirty) return [];
    if (row.dirty) {
      throw new ConfigError(
        `golang-migrate marks version ${row.version} dirty in ${where}: that migration stopped half-way; check what it changed, finish or undo it by hand, then \`migrate force\` it with golang-migrate, and adopt again`,
      );
    }
    return [row.version];
  }
  const rows = await sql.unsafe<{ version: string }[]>(`SELECT version::text AS version FROM ${q}`);
  return rows.map((r) => r.version);
}

/**
 * The last migration file the other tool's history covers. golang-migrate records only the
 * newest version, which implies every file up to it; dbmate records each version, so a file
 * older than its newest that it never ran is a gap we refuse to paper over.
 */
export function adoptedTarget(from: ForeignRunner, versions: readonly string[], files: readonly MigrationFile[]): MigrationFile | null {
  if (versions.length === 0) return null;
  const bad = versions.filter((v) => !/^\d+$/.test(v));
  if (bad.length > 0) throw new ConfigError(`${from} history holds non-numeric versions: ${bad.slice(0, 5).join(', ')}`);
  const newest = [...versions].sort(compareVersions).at(-1)!;
  const target = files.find((f) => compareVersions(f.version, newest) === 0);
  if (!target) {
    throw new ConfigError(`${from} records version ${newest} as applied, but no migration file has that version in the migrations directory`);
  }
  if (from === 'dbmate') {
    const recorded = new Set(versions.map((v) => BigInt(v).toString()));
    const gaps = files.filter((f) => compareVersions(f.version, newest) <= 0 && !recorded.has(BigInt(f.version).toString()));
    if (gaps.length > 0) {
      throw new ConfigError(
        `dbmate never applied ${gaps.map((f) => f.name).join(', ')}, older than its newest version ${newest}: apply or remove ${gaps.length === 1 ? 'it' : 'them'} first`,
      );
    }
  }
  return target;
}

/** Connect read-only, read the other runner's history, and name the file it reached. */
export async function foreignBaselineTarget(url: string, dir: string, from: ForeignRunner, table: HistoryTable): Promise<MigrationFile | null> {
  const files = listMigrationFiles(dir);
  const sql = await connect(url, { max: 1, applicationName: 'schemaguard migrate baseline' });
  try {
    const versions = await sql.begin('READ ONLY', (tx) => readForeignVersions(tx as unknown as Sql, from, table));
    return adoptedTarget(from, versions, files);
  } finally {
    await sql.end({ timeout: 2 }).catch(() => undefined);
  }
}

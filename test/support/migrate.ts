// Helpers for migrate tests: migration directories on disk, a catalog snapshot to prove a
// database unchanged, and a CLI child process the test can signal.
import { qualifiedHistory, parseHistoryTable } from '../../src/migrate/history.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sql } from '../../src/db/connect.js';
import { CLI, type CliResult } from './cli.js';

/** A fresh migrations directory holding `files` (name → content). */
export function migrationsDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'sg-migrations-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

export function writeMigration(dir: string, name: string, content: string): void {
  writeFileSync(join(dir, name), content);
}

/** `count` numbered pairs creating and dropping tables t1…tN. */
export function tablePairs(count: number, start = 1): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = start; i < start + count; i++) {
    const n = String(i).padStart(6, '0');
    files[`${n}_t${i}.up.sql`] = `CREATE TABLE t${i} (id integer PRIMARY KEY, note text);\n`;
    files[`${n}_t${i}.down.sql`] = `DROP TABLE t${i};\n`;
  }
  return files;
}

/**
 * Everything a migration can change, as sorted text: relations with their columns, indexes
 * with validity, functions, types, and the history rows. Equal snapshots = unchanged database.
 */
export async function catalogSnapshot(sql: Sql, history = 'public.schemaguard_migrations'): Promise<string> {
  const rels = await sql<{ line: string }[]>`
    select format('%s.%s %s %s', n.nspname, c.relname, c.relkind,
      coalesce((select string_agg(a.attname || ':' || format_type(a.atttypid, a.atttypmod) || case when a.attnotnull then '!' else '' end, ',' order by a.attnum)
                from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '')) ||
      coalesce((select ' valid=' || i.indisvalid from pg_index i where i.indexrelid = c.oid), '') as line
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'
    order by 1`;
  const procs = await sql<{ line: string }[]>`
    select p.oid::regprocedure::text as line from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname not in ('pg_catalog', 'information_schema') order by 1`;
  const types = await sql<{ line: string }[]>`
    select format('%s.%s', n.nspname, t.typname) as line from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where n.nspname not in ('pg_catalog', 'information_schema') and t.typtype in ('e', 'd', 'c') and t.typrelid = 0 order by 1`;
  const exists = await sql<{ ok: boolean }[]>`select to_regclass(${history}) is not null as ok`;
  const rows = exists[0]?.ok
    ? await sql.unsafe<{ line: string }[]>(`select name || ' ' || checksum as line from ${qualifiedHistory(parseHistoryTable(history))} order by name`)
    : [];
  return [...rels, ...procs, ...types, ...rows.map((r) => ({ line: `history ${r.line}` }))].map((r) => r.line).join('\n');
}

export async function appliedNames(sql: Sql, history = 'public.schemaguard_migrations'): Promise<string[]> {
  const exists = await sql<{ ok: boolean }[]>`select to_regclass(${history}) is not null as ok`;
  if (!exists[0]?.ok) return [];
  const rows = await sql.unsafe<{ name: string }[]>(
    `select name from ${qualifiedHistory(parseHistoryTable(history))} order by version::numeric`,
  );
  return rows.map((r) => r.name);
}

export interface SpawnedCli {
  readonly child: ChildProcess;
  readonly result: Promise<CliResult>;
  /** stderr so far. */
  stderr(): string;
}

/** Start the built CLI asynchronously and keep the handle, to signal it mid-run. */
export function spawnCli(args: readonly string[], env: Record<string, string> = {}, timeoutMs = 60_000): SpawnedCli {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  child.stdin!.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, result, stderr: () => stderr };
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000, intervalMs = 50): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error('timed out waiting for a condition');
}

/** True when a session of this database is running a statement matching `pattern`. */
export async function isRunning(sql: Sql, pattern: string): Promise<boolean> {
  const rows = await sql<{ n: number }[]>`
    select count(*)::int as n from pg_stat_activity
    where datname = current_database() and state = 'active' and query like ${pattern} and pid <> pg_backend_pid()`;
  return (rows[0]?.n ?? 0) > 0;
}

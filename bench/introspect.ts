// `npm run bench -- introspect`: builds N tables × 20 columns of mixed types (1,000 and 100),
// two indexes per table (the primary key and one on the foreign key column), a foreign key per
// table and 50 views on the embedded server, then times
//   - `node bin/schemaguard.js inspect --format json` (spawned, output consumed),
//   - introspect() in this process,
//   - psql running the same catalog queries raw, in one read-only transaction (the baseline),
// and prints the medians, the ratio to psql and the number of queries issued.
import { spawn } from 'node:child_process';
import { writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { connect, type Sql } from '../src/db/connect.js';
import { startEmbedded } from '../src/db/embedded.js';
import { withDatabase } from '../src/db/scratch.js';
import { SESSION_SETUP, catalogQueries, introspect } from '../src/introspect/index.js';
import { quoteIdent } from '../src/schema/quote.js';

const CLI = fileURLToPath(new URL('../../bin/schemaguard.js', import.meta.url));
const PSQL = process.env.PSQL ?? '/usr/bin/psql';
const RUNS = 5;
// Issue 15's targets: ≤ 1.2× psql at 1,000 tables, ≤ 1.5× at 100 (start-up weighs more there).
const TARGETS: Readonly<Record<number, number>> = { 100: 1.5, 1000: 1.2 };

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Run a child to completion, consuming (and counting) its stdout; never blocks this process. */
function timeChild(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (bytes += c.length));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`${command} exited ${code}: ${stderr.split('\n')[0]}`));
      else resolve({ ms, bytes });
    });
  });
}

// Twenty columns of mixed types; parent_id references the previous table.
const COLUMNS = [
  'id bigint PRIMARY KEY', 'c1 integer', `c2 text NOT NULL DEFAULT ''`, 'c3 numeric(10,2)', 'c4 timestamptz DEFAULT now()',
  'c5 boolean', 'c6 jsonb', 'c7 varchar(100)', 'c8 uuid', 'c9 date', 'c10 text[]', 'c11 smallint',
  'c12 double precision', 'c13 bytea', 'c14 inet', 'c15 interval', 'c16 bigint NOT NULL DEFAULT 0', 'c17 real',
  'c18 char(3)', 'parent_id bigint',
].join(', ');

export async function buildDatabase(admin: Sql, adminUrl: string, name: string, tables: number): Promise<string> {
  await admin.unsafe(`CREATE DATABASE ${quoteIdent(name)}`);
  const url = withDatabase(adminUrl, name);
  const sql = await connect(url);
  try {
    // Generated server-side in one statement per object kind: fast, and no DDL text shipped.
    await sql.unsafe(`
      DO $build$
      BEGIN
        FOR i IN 1..${tables} LOOP
          EXECUTE format('CREATE TABLE %I (${COLUMNS.replace(/'/g, "''")})', 't' || i);
          EXECUTE format('CREATE INDEX %I ON %I (parent_id)', 't' || i || '_parent_idx', 't' || i);
        END LOOP;
        FOR i IN 2..${tables} LOOP
          EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I FOREIGN KEY (parent_id) REFERENCES %I (id)', 't' || i, 't' || i || '_parent_fk', 't' || (i - 1));
        END LOOP;
        FOR i IN 1..50 LOOP
          EXECUTE format('CREATE VIEW %I AS SELECT id, c2, c16 FROM %I WHERE c5', 'v' || i, 't' || i);
        END LOOP;
      END
      $build$`);
    await sql.unsafe('ANALYZE');
  } finally {
    await sql.end({ timeout: 5 });
  }
  return url;
}

/** The catalog queries introspect() sends, as one psql script: the very same texts. */
async function psqlScript(url: string, dir: string): Promise<{ file: string; count: number }> {
  const sql = await connect(url);
  try {
    const [server] = await sql<{ version: number }[]>`select current_setting('server_version_num')::int as version`;
    const queries = Object.values(catalogQueries(server!.version, null));
    const file = join(dir, 'catalog.sql');
    writeFileSync(file, `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\n${SESSION_SETUP};\n${queries.join(';\n')};\nCOMMIT;\n`);
    return { file, count: queries.length };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

interface Figures {
  readonly tables: number;
  readonly cliMs: number;
  readonly inProcessMs: number;
  readonly psqlMs: number;
  readonly queries: number;
  readonly psqlQueries: number;
  readonly jsonBytes: number;
  readonly schemaTables: number;
}

async function measure(url: string, tables: number, dir: string): Promise<Figures> {
  const { file, count } = await psqlScript(url, dir);
  const psqlArgs = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-o', '/dev/null', '-f', file, url];
  const cliArgs = [CLI, 'inspect', '--format', 'json', '--db', url];
  const cli: number[] = [];
  const raw: number[] = [];
  let jsonBytes = 0;
  // One warm-up of each so that neither side pays for a cold page cache alone.
  await timeChild(PSQL, psqlArgs);
  await timeChild(process.execPath, cliArgs);
  for (let i = 0; i < RUNS; i += 1) {
    raw.push((await timeChild(PSQL, psqlArgs)).ms);
    const r = await timeChild(process.execPath, cliArgs);
    cli.push(r.ms);
    jsonBytes = r.bytes;
  }
  // As the CLI connects: two connections, no type fetch.
  const sql = await connect(url, { max: 2, fetchTypes: false });
  const inProcess: number[] = [];
  let queries = 0;
  let schemaTables = 0;
  try {
    for (let i = 0; i < RUNS; i += 1) {
      let n = 0;
      const started = performance.now();
      const schema = await introspect(sql, { onQuery: () => (n += 1) });
      inProcess.push(performance.now() - started);
      queries = n;
      schemaTables = schema.tables.length;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
  return { tables, cliMs: median(cli), inProcessMs: median(inProcess), psqlMs: median(raw), queries, psqlQueries: count, jsonBytes, schemaTables };
}

export async function run(_args: readonly string[]): Promise<void> {
  const server = await startEmbedded();
  const dir = mkdtempSync(join(tmpdir(), 'sg-bench-introspect-'));
  const results: Figures[] = [];
  try {
    const admin = await connect(server.url);
    try {
      for (const tables of [100, 1000]) {
        const started = performance.now();
        const url = await buildDatabase(admin, server.url, `bench_${tables}`, tables);
        process.stdout.write(`built ${tables} tables × 20 columns, ${2 * tables} indexes, ${tables - 1} foreign keys, 50 views in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
        results.push(await measure(url, tables, dir));
      }
    } finally {
      await admin.end({ timeout: 5 });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  process.stdout.write(`\nmedian of ${RUNS} runs (wall clock, process start to exit for the CLI and psql; load average ${load} on ${cpus().length} CPUs):\n`);
  process.stdout.write('tables  schemaguard inspect  introspect() in-process  psql raw  ratio CLI/psql  queries (psql)  json\n');
  for (const r of results) {
    const ratio = r.cliMs / r.psqlMs;
    process.stdout.write(
      `${String(r.tables).padStart(6)}  ${r.cliMs.toFixed(0).padStart(16)} ms  ${r.inProcessMs.toFixed(0).padStart(20)} ms  ${r.psqlMs.toFixed(0).padStart(5)} ms  ${ratio.toFixed(2).padStart(14)}  ${String(r.queries).padStart(7)} (${r.psqlQueries})  ${(r.jsonBytes / 1e6).toFixed(1)} MB\n`,
    );
    if (r.schemaTables !== r.tables) process.stdout.write(`  !! introspected ${r.schemaTables} tables, expected ${r.tables}\n`);
  }
  const sameCount = results.every((r) => r.queries === results[0]!.queries);
  process.stdout.write('\n');
  for (const r of results) {
    const ratio = r.cliMs / r.psqlMs;
    const target = TARGETS[r.tables] ?? 1.2;
    process.stdout.write(`ratio at ${r.tables} tables: ${ratio.toFixed(2)} (target ≤ ${target}) ${ratio <= target ? 'OK' : 'MISSED'}  [load ${load}]\n`);
  }
  process.stdout.write('(introspect() sends the 15 catalog queries psql runs, plus pg_export_snapshot() for its second connection)\n');
  process.stdout.write(`queries issued: ${results.map((r) => `${r.queries} at ${r.tables} tables`).join(', ')}: ${sameCount ? 'independent of table count' : 'DEPENDS ON TABLE COUNT'}\n`);
}

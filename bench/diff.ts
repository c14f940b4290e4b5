// `npm run bench -- diff`: two databases of 1,000 tables × 20 columns (bench/introspect.ts's
// shape), the second one release later (a column added to every tenth table, a type widened on
// every twentieth, an index per fiftieth, ten tables dropped and ten added), then times
//   - `schemaguard diff --from A --to B --format sql` (spawned, output consumed),
//   - the baseline: `schemaguard inspect --format json` of A, then of B (two processes),
// interleaved, median of RUNS, and prints the ratio: diff's own work (pairing, planning,
// ordering, rendering) is what diff costs beyond reading the two catalogs.
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { connect, type Sql } from '../src/db/connect.js';
import { startEmbedded } from '../src/db/embedded.js';
import { buildDatabase } from './introspect.js';

const CLI = fileURLToPath(new URL('../../bin/schemaguard.js', import.meta.url));
const TABLES = 1000;
const RUNS = 3;
const TARGET_RATIO = 1.2;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function timeCli(args: readonly string[], okCodes: readonly number[] = [0]): Promise<{ ms: number; out: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (!okCodes.includes(code ?? -1)) reject(new Error(`schemaguard ${args[0]} exited ${code}: ${stderr.split('\n')[0]}`));
      else resolve({ ms, out: Buffer.concat(out).toString() });
    });
  });
}

/** The next release of bench/introspect.ts's schema, changed in place. */
async function release(url: string): Promise<void> {
  const sql: Sql = await connect(url);
  try {
    await sql.unsafe(`
      DO $release$
      BEGIN
        FOR i IN 1..${TABLES} LOOP
          IF i % 10 = 0 THEN EXECUTE format('ALTER TABLE %I ADD COLUMN added_note text', 't' || i); END IF;
          IF i % 20 = 0 THEN EXECUTE format('ALTER TABLE %I ALTER COLUMN c1 TYPE bigint', 't' || i); END IF;
          IF i % 50 = 0 THEN EXECUTE format('CREATE INDEX %I ON %I (c9)', 't' || i || '_c9_idx', 't' || i); END IF;
        END LOOP;
        FOR i IN ${TABLES - 9}..${TABLES} LOOP EXECUTE format('DROP TABLE %I CASCADE', 't' || i); END LOOP;
        FOR i IN 1..10 LOOP EXECUTE format('CREATE TABLE %I (id bigint PRIMARY KEY, body text NOT NULL)', 'new_t' || i); END LOOP;
      END
      $release$`);
    await sql.unsafe('ANALYZE');
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function run(_args: readonly string[]): Promise<void> {
  const server = await startEmbedded();
  let a: string;
  let b: string;
  try {
    const admin = await connect(server.url);
    try {
      const started = performance.now();
      [a, b] = await Promise.all([buildDatabase(admin, server.url, 'bench_diff_a', TABLES), buildDatabase(admin, server.url, 'bench_diff_b', TABLES)]);
      await release(b);
      process.stdout.write(`built two ${TABLES}-table databases (B one release later) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    } finally {
      await admin.end({ timeout: 5 });
    }
    const diffArgs = ['diff', '--from', a, '--to', b, '--format', 'sql'];
    // One warm-up each, so neither side alone pays for a cold page cache.
    const first = await timeCli(diffArgs, [0, 1]);
    await timeCli(['inspect', '--format', 'json', '--db', a]);
    const diffs: number[] = [];
    const inspects: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      diffs.push((await timeCli(diffArgs, [0, 1])).ms);
      const x = await timeCli(['inspect', '--format', 'json', '--db', a]);
      const y = await timeCli(['inspect', '--format', 'json', '--db', b]);
      inspects.push(x.ms + y.ms);
    }
    const statements = first.out.split('\n').filter((l) => /^(ALTER|CREATE|DROP)\b/.test(l)).length;
    const d = median(diffs);
    const base = median(inspects);
    const ratio = d / base;
    const load = loadavg().map((l) => l.toFixed(1)).join(' ');
    process.stdout.write(`\nmedian of ${RUNS} interleaved runs (load average ${load} on ${cpus().length} CPUs):\n`);
    process.stdout.write(`diff --format sql, ${TABLES} vs ${TABLES} tables (${statements} statements planned): ${d.toFixed(0)} ms\n`);
    process.stdout.write(`inspect A + inspect B (the baseline):                        ${base.toFixed(0)} ms\n`);
    process.stdout.write(`ratio diff / two inspects: ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}) ${ratio <= TARGET_RATIO ? 'OK' : 'MISSED'}\n`);
  } finally {
    await server.stop();
  }
}

// `npm run bench -- split`: a migration file of N INSERTs (20k and 100k statements, some text
// non-ASCII so byte and character offsets differ) through schemaguard: libpg-query's parse
// alone, our parseScript (split + offsets + directives + comments), `migrate up --dry-run`,
// and `migrate up`, against `psql -1 -f` of the same file, on one embedded server in one run.
// Issue 16 item 7: splitting must be linear (it re-encoded the file per statement).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModule, parseSync } from 'libpg-query';
import { connect } from '../src/db/connect.js';
import { startEmbedded } from '../src/db/embedded.js';
import { createScratchDatabase } from '../src/db/scratch.js';
import { loadParser, parseScript } from '../src/migrate/script.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCHEMAGUARD = join(ROOT, 'bin/schemaguard.js');
const PSQL = process.env.SCHEMAGUARD_BENCH_PSQL ?? '/usr/lib/postgresql/15/bin/psql';

function fileOf(n: number): string {
  const lines = ['CREATE TABLE bench_rows (id int PRIMARY KEY, label text NOT NULL);'];
  for (let i = 1; i <= n; i++) lines.push(`INSERT INTO bench_rows (id, label) VALUES (${i}, 'row ${i} ${i % 10 === 0 ? 'café – ünïcode' : 'plain'}');`);
  return `${lines.join('\n')}\n`;
}

function timed(cmd: string, args: readonly string[], env: Record<string, string>): Promise<{ ms: number; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, stderr }));
  });
}

function must(t: { ms: number; code: number | null; stderr: string }, what: string): number {
  if (t.code !== 0) throw new Error(`${what} failed (exit ${t.code}): ${t.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return t.ms;
}

async function rows(url: string): Promise<number> {
  const sql = await connect(url);
  try {
    const [r] = await sql<{ n: number }[]>`select count(*)::int as n from bench_rows`;
    return r!.n;
  } finally {
    await sql.end({ timeout: 2 });
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ROUNDS = 3;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(args: readonly string[]): Promise<void> {
  const sizes = args.includes('--small') ? [2_000, 10_000] : [20_000, 100_000];
  const root = mkdtempSync(join(tmpdir(), 'sg-bench-split-'));
  await loadModule();
  await loadParser();
  const server = await startEmbedded();
  try {
    process.stdout.write(`statements  MB     pg-query parse  parseScript  up --dry-run  migrate up  psql -1 -f  up/psql\n`);
    for (const n of sizes) {
      const dir = join(root, String(n));
      mkdirSync(dir);
      const path = join(dir, '000001_rows.up.sql');
      writeFileSync(path, fileOf(n));
      const text = readFileSync(path, 'utf8');
      let t = performance.now();
      parseSync(text);
      const parseOnly = performance.now() - t;
      t = performance.now();
      const script = parseScript(path, text);
      const ours = performance.now() - t;
      if (script.statements.length !== n + 1) throw new Error(`parseScript found ${script.statements.length} statements, expected ${n + 1}`);
      // Rounds interleaved (schemaguard, then psql, each on a fresh database), median of 3: a
      // single pair swung from 0.65× to 3.6× with the machine's load.
      const dryDb = await createScratchDatabase(server.url, 'bench_split_dry');
      const dry = must(await timed(process.execPath, [SCHEMAGUARD, 'migrate', 'up', '--dry-run', '--migrations', dir], { DATABASE_URL: dryDb.url }), 'migrate up --dry-run');
      await dryDb.drop();
      const ups: number[] = [];
      const psqls: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const dbSg = await createScratchDatabase(server.url, 'bench_split_sg');
        ups.push(must(await timed(process.execPath, [SCHEMAGUARD, 'migrate', 'up', '--migrations', dir], { DATABASE_URL: dbSg.url }), 'migrate up'));
        if ((await rows(dbSg.url)) !== n) throw new Error('migrate up did not insert every row');
        await dbSg.drop();
        const dbPsql = await createScratchDatabase(server.url, 'bench_split_psql');
        psqls.push(must(await timed(PSQL, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-f', path, '-d', dbPsql.url], {}), 'psql -1 -f'));
        if ((await rows(dbPsql.url)) !== n) throw new Error('psql did not insert every row');
        await dbPsql.drop();
      }
      const up = median(ups);
      const psql = median(psqls);
      const mb = (Buffer.byteLength(text) / 1e6).toFixed(1);
      process.stdout.write(
        `${String(n).padEnd(11)} ${mb.padEnd(6)} ${s(parseOnly).padEnd(15)} ${s(ours).padEnd(12)} ${s(dry).padEnd(13)} ${s(up).padEnd(11)} ${s(psql).padEnd(11)} ${(up / psql).toFixed(2)}x (target ≤ 2x) ${up / psql <= 2 ? 'met' : 'MISSED'}\n`,
      );
    }
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

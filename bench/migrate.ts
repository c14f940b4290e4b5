// `npm run bench -- migrate`: 300 small migrations applied and rolled back by schemaguard
// (one transaction per migration), by node-pg-migrate on equivalent SQL files (per-migration
// transactions and one transaction for all), and by psql applying the same SQL in one
// transaction, all on one embedded server in the same run. Every tool runs as a child
// process, so process start-up is counted for each. Median of --rounds=N (default 3).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from '../src/db/connect.js';
import { startEmbedded } from '../src/db/embedded.js';
import { createScratchDatabase } from '../src/db/scratch.js';

const COUNT = 300;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCHEMAGUARD = join(ROOT, 'bin/schemaguard.js');
const NODE_PG_MIGRATE = join(ROOT, 'node_modules/node-pg-migrate/bin/node-pg-migrate.js');
const PSQL = '/usr/bin/psql';

function upSql(i: number): string {
  return `CREATE TABLE bench_${i} (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());\nCREATE INDEX bench_${i}_name ON bench_${i} (name);\n`;
}
function downSql(i: number): string {
  return `DROP TABLE bench_${i};\n`;
}

function writeFixtures(): { sg: string; npm: string; psqlUp: string[]; psqlDown: string[]; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'sg-bench-migrate-'));
  const sg = join(root, 'schemaguard');
  const npm = join(root, 'node-pg-migrate');
  const psqlUp: string[] = [];
  const psqlDown: string[] = [];
  for (const d of [sg, npm]) mkdirSync(d, { recursive: true });
  for (let i = 1; i <= COUNT; i++) {
    const n = String(i).padStart(6, '0');
    writeFileSync(join(sg, `${n}_bench_${i}.up.sql`), upSql(i));
    writeFileSync(join(sg, `${n}_bench_${i}.down.sql`), downSql(i));
    // node-pg-migrate's SQL format: one file, up and down sections marked by comments.
    writeFileSync(join(npm, `${n}_bench_${i}.sql`), `-- Up Migration\n${upSql(i)}\n-- Down Migration\n${downSql(i)}`);
    psqlUp.push(join(sg, `${n}_bench_${i}.up.sql`));
    psqlDown.unshift(join(sg, `${n}_bench_${i}.down.sql`));
  }
  return { sg, npm, psqlUp, psqlDown, root };
}

interface Timed {
  readonly ms: number;
  readonly code: number | null;
  readonly stderr: string;
}

function timed(cmd: string, args: readonly string[], env: Record<string, string>): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, stderr }));
  });
}

function must(t: Timed, what: string): number {
  if (t.code !== 0) throw new Error(`${what} failed (exit ${t.code}): ${t.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return t.ms;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function countTables(url: string): Promise<number> {
  const sql = await connect(url);
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from pg_class where relname like 'bench\\_%' and relkind = 'r'`;
    return row!.n;
  } finally {
    await sql.end({ timeout: 2 });
  }
}

export async function run(args: readonly string[]): Promise<void> {
  // --rounds=N (the bench runner takes bare words for benchmark names).
  const roundsArg = args.find((a) => a.startsWith('--rounds='));
  const rounds = roundsArg ? Math.max(1, Number(roundsArg.slice('--rounds='.length)) || 3) : 3;
  const fx = writeFixtures();
  // PORT: the embedded server's port (helpers sharing a machine each keep to their own range).
  const server = await startEmbedded(process.env.PORT ? { port: Number(process.env.PORT) } : {});
  const results = new Map<string, { up: number[]; down: number[] }>();
  const record = (name: string, up: number, down: number) => {
    const r = results.get(name) ?? { up: [], down: [] };
    r.up.push(up);
    r.down.push(down);
    results.set(name, r);
  };
  // One runner per tool; the order rotates each round so no tool always runs first (cold).
  const runners: Array<() => Promise<void>> = [
    async () => {
      // schemaguard: a transaction per migration, history row inside it.
      const db = await createScratchDatabase(server.url, 'bench_sg');
      const env = { DATABASE_URL: db.url };
      const up = must(await timed(process.execPath, [SCHEMAGUARD, 'migrate', 'up', '--migrations', fx.sg], env), 'schemaguard up');
      if ((await countTables(db.url)) !== COUNT) throw new Error('schemaguard up did not create every table');
      const down = must(await timed(process.execPath, [SCHEMAGUARD, 'migrate', 'down', '--to', '0', '--yes', '--migrations', fx.sg], env), 'schemaguard down');
      if ((await countTables(db.url)) !== 0) throw new Error('schemaguard down left tables behind');
      record('schemaguard (transaction per migration)', up, down);
      await db.drop();
    },
    ...[false, true].map((single) => async () => {
      const db = await createScratchDatabase(server.url, 'bench_npm');
      const env = { DATABASE_URL: db.url };
      const mode = single ? '--single-transaction' : '--no-single-transaction';
      const common = ['-m', fx.npm, '--no-verbose', mode, '--migration-file-language', 'sql'];
      const up = must(await timed(process.execPath, [NODE_PG_MIGRATE, 'up', ...common], env), 'node-pg-migrate up');
      if ((await countTables(db.url)) !== COUNT) throw new Error('node-pg-migrate up did not create every table');
      const down = must(await timed(process.execPath, [NODE_PG_MIGRATE, 'down', String(COUNT), ...common], env), 'node-pg-migrate down');
      if ((await countTables(db.url)) !== 0) throw new Error('node-pg-migrate down left tables behind');
      record(`node-pg-migrate (${single ? 'one transaction for all' : 'transaction per migration'})`, up, down);
      await db.drop();
    }),
    async () => {
      const db = await createScratchDatabase(server.url, 'bench_psql');
      const flags = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-d', db.url];
      const up = must(await timed(PSQL, [...flags, ...fx.psqlUp.flatMap((f) => ['-f', f])], {}), 'psql up');
      if ((await countTables(db.url)) !== COUNT) throw new Error('psql did not create every table');
      const down = must(await timed(PSQL, [...flags, ...fx.psqlDown.flatMap((f) => ['-f', f])], {}), 'psql down');
      record('psql (one transaction, no history)', up, down);
      await db.drop();
    },
  ];
  try {
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < runners.length; i++) await runners[(i + round) % runners.length]!();
    }
  } finally {
    await server.stop();
    rmSync(fx.root, { recursive: true, force: true });
  }

  const base = results.get('psql (one transaction, no history)')!;
  const baseUp = median(base.up);
  const baseDown = median(base.down);
  const baseTotal = median(base.up.map((u, i) => u + base.down[i]!));
  process.stdout.write(`${COUNT} migrations (CREATE TABLE + CREATE INDEX up, DROP TABLE down), median of ${rounds} round(s), child process wall time\n`);
  process.stdout.write(`${'tool'.padEnd(48)}${'up'.padStart(10)}${'down'.padStart(10)}${'total'.padStart(10)}${'× psql'.padStart(9)}\n`);
  for (const [name, r] of results) {
    const up = median(r.up);
    const down = median(r.down);
    const total = median(r.up.map((u, i) => u + r.down[i]!));
    process.stdout.write(
      `${name.padEnd(48)}${`${Math.round(up)}ms`.padStart(10)}${`${Math.round(down)}ms`.padStart(10)}${`${Math.round(total)}ms`.padStart(10)}${(total / baseTotal).toFixed(2).padStart(8)}×   rounds: ${r.up.map((u, i) => `${Math.round(u)}+${Math.round(r.down[i]!)}`).join(', ')}\n`,
    );
  }
  const sg = results.get('schemaguard (transaction per migration)')!;
  const sgTotal = median(sg.up.map((u, i) => u + sg.down[i]!));
  const npmPer = results.get('node-pg-migrate (transaction per migration)')!;
  const npmTotal = median(npmPer.up.map((u, i) => u + npmPer.down[i]!));
  // Issue 15's targets: up ≤ 1.2× and down ≤ 2× psql -1, and ahead of node-pg-migrate.
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  const verdict = (ratio: number, target: number) => `${ratio.toFixed(2)}× (target ≤ ${target}×) ${ratio <= target ? 'met' : 'MISSED'}`;
  process.stdout.write(`schemaguard / psql: up ${verdict(median(sg.up) / baseUp, 1.2)}, down ${verdict(median(sg.down) / baseDown, 2)}, total ${(sgTotal / baseTotal).toFixed(2)}×  [load ${load}]\n`);
  const ahead = npmTotal / sgTotal;
  process.stdout.write(`node-pg-migrate (per migration) / schemaguard: ${ahead.toFixed(2)}× (target > 1: ${ahead > 1 ? 'met' : 'MISSED'})\n`);
}

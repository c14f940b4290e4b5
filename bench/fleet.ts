// `npm run bench -- fleet [--dbs=200] [--small=20] [--sequential=N]`: three embedded servers,
// one with --dbs databases and two with --small each, all at the worked example's head (this
// repository's migrations, copied from a template database), a little drift in 10 of them.
// Measured in one run, each CLI as a child process:
//   - `audit --concurrency 8` over every target (one process, the fleet layer),
//   - the same audits as single-target processes one after another (the loop a platform team
//     would script; --sequential=N times the first N and extrapolates, when all is too slow),
//   - `migrate up --canary 1 --concurrency 8` of one new migration over every target.
// Reported: wall time, peak connections per server (pg_stat_activity, polled), peak RSS of
// the CLI process (VmHWM from /proc, polled).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { connect, type Sql } from '../src/db/connect.js';
import { startEmbedded, type EmbeddedServer } from '../src/db/embedded.js';
import { CLI } from './spawn.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONCURRENCY = 8;
const DRIFTED = 10;

function arg(args: readonly string[], name: string, fallback: number): number {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  const n = a ? Number(a.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
}

interface Measured {
  readonly ms: number;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly peakRssMb: number;
}

/** Run the CLI, polling its peak RSS (VmHWM) while it runs. */
function measure(args: readonly string[], cwd: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let hwmKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
      } catch {
        /* exited */
      }
    }, 50);
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ ms: performance.now() - started, code, stdout, stderr, peakRssMb: hwmKb / 1024 });
    });
  });
}

/** Peak count of schemaguard's connections on each server while `work` runs. */
async function peakConnections<T>(admins: readonly Sql[], work: () => Promise<T>): Promise<{ value: T; peaks: number[] }> {
  const peaks = admins.map(() => 0);
  let stop = false;
  const pollers = admins.map(async (sql, i) => {
    while (!stop) {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where backend_type = 'client backend' and application_name like 'schemaguard%' and pid <> pg_backend_pid()`;
      peaks[i] = Math.max(peaks[i]!, row!.n);
      await new Promise((r) => setTimeout(r, 25));
    }
  });
  try {
    const value = await work();
    return { value, peaks };
  } finally {
    stop = true;
    await Promise.all(pollers);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function run(args: readonly string[]): Promise<void> {
  const big = arg(args, 'dbs', 200);
  const small = arg(args, 'small', 20);
  const counts = [big, small, small];
  const total = big + 2 * small;
  const sequential = Math.min(arg(args, 'sequential', total), total);
  const dir = mkdtempSync(join(tmpdir(), 'sg-bench-fleet-'));
  const servers: EmbeddedServer[] = [];
  const admins: Sql[] = [];
  try {
    const t0 = performance.now();
    servers.push(...(await Promise.all(counts.map(() => startEmbedded({ settings: { max_connections: '300' } })))));
    for (const s of servers) admins.push(await connect(s.url, { max: 1, applicationName: 'bench admin' }));
    cpSync(join(ROOT, 'migrations'), join(dir, 'migrations'), { recursive: true });
    writeFileSync(
      join(dir, 'schemaguard.config.json'),
      JSON.stringify({ models: join(ROOT, 'schemas/index.ts'), migrations: './migrations', schemas: ['public'], acceptedDrift: join(ROOT, 'schemaguard.accepted.json'), targets: './targets.txt' }),
    );
    // The worked example's head once per server, then copied: CREATE DATABASE … TEMPLATE.
    const urls: string[] = [];
    await Promise.all(
      servers.map(async (s, i) => {
        await admins[i]!.unsafe('CREATE DATABASE fleet_template');
        const r = await measure(['migrate', 'up', '--db', s.urlFor('fleet_template')], dir);
        if (r.code !== 0) throw new Error(`migrate up on the template failed: ${r.stderr.trim().split('\n').pop()}`);
      }),
    );
    for (const [i, s] of servers.entries()) {
      for (let k = 1; k <= counts[i]!; k += 1) {
        const name = `fleet_${'abc'[i]}${String(k).padStart(3, '0')}`;
        await admins[i]!.unsafe(`CREATE DATABASE ${name} TEMPLATE fleet_template STRATEGY FILE_COPY`);
        urls.push(s.urlFor(name));
      }
    }
    // A little drift in 10, spread over the servers.
    const step = Math.max(1, Math.floor(urls.length / DRIFTED));
    for (let d = 0; d < DRIFTED && d * step < urls.length; d += 1) {
      const sql = await connect(urls[d * step]!, { max: 1, applicationName: 'bench admin' });
      await sql.unsafe('ALTER TABLE users ADD COLUMN bench_drift text');
      await sql.end({ timeout: 2 });
    }
    writeFileSync(join(dir, 'targets.txt'), urls.map((u, i) => `t${String(i + 1).padStart(3, '0')} ${u}`).join('\n') + '\n');
    process.stdout.write(`${total} databases (${counts.join(' + ')} on 3 servers), built in ${seconds(performance.now() - t0)}; ${DRIFTED} drifted\n`);

    const auditArgs = ['audit', '--format', 'json', '--sample', '0', '--fail-on', 'never'];
    const fleet = await peakConnections(admins, () => measure([...auditArgs, '--concurrency', String(CONCURRENCY)], dir));
    if (fleet.value.code !== 0) throw new Error(`fleet audit exited ${fleet.value.code}: ${fleet.value.stderr.trim().split('\n').pop()}`);
    const doc = JSON.parse(fleet.value.stdout) as { summary: { targets: number; ok: number; drifted: number; failed: number } };

    const seq = await peakConnections(admins, async () => {
      let ms = 0;
      let peakRssMb = 0;
      for (const url of urls.slice(0, sequential)) {
        const r = await measure([...auditArgs, '--db', url], dir);
        if (r.code !== 0) throw new Error(`single audit exited ${r.code}: ${r.stderr.trim().split('\n').pop()}`);
        ms += r.ms;
        peakRssMb = Math.max(peakRssMb, r.peakRssMb);
      }
      return { ms, peakRssMb };
    });
    const seqTotal = (seq.value.ms / sequential) * total;

    writeFileSync(join(dir, 'migrations', '000016_bench_fleet_column.up.sql'), 'ALTER TABLE users ADD COLUMN bench_fleet text;\n');
    writeFileSync(join(dir, 'migrations', '000016_bench_fleet_column.down.sql'), 'ALTER TABLE users DROP COLUMN bench_fleet;\n');
    const up = await peakConnections(admins, () => measure(['migrate', 'up', '--canary', '1', '--concurrency', String(CONCURRENCY), '--format', 'json'], dir));
    if (up.value.code !== 0) throw new Error(`fleet migrate up exited ${up.value.code}: ${up.value.stderr.trim().split('\n').pop()}`);
    const upDoc = JSON.parse(up.value.stdout) as { summary: { ok: number; failed: number } };

    const ratio = fleet.value.ms / seqTotal;
    const peaks = (p: number[]) => p.map((n, i) => `${'ABC'[i]} ${n}`).join(', ');
    process.stdout.write(`\naudit over ${doc.summary.targets} targets (${doc.summary.ok} clean, ${doc.summary.drifted} drifted, ${doc.summary.failed} failed):\n`);
    process.stdout.write(`  fleet, --concurrency ${CONCURRENCY}: ${seconds(fleet.value.ms).padStart(9)}   peak connections per server ${peaks(fleet.peaks)}   peak RSS ${fleet.value.peakRssMb.toFixed(0)} MB\n`);
    process.stdout.write(
      `  sequential single audits:  ${seconds(seqTotal).padStart(9)}   ${sequential === total ? `(${total} processes)` : `(${sequential} timed, ${seconds(seq.value.ms)}, extrapolated to ${total})`}   peak connections ${peaks(seq.peaks)}   peak RSS ${seq.value.peakRssMb.toFixed(0)} MB per process\n`,
    );
    process.stdout.write(`  ratio fleet/sequential: ${ratio.toFixed(3)} (target ≤ 0.25) ${ratio <= 0.25 ? 'OK' : 'MISSED'}; connections ≤ ${CONCURRENCY + 1} per server: ${fleet.peaks.every((n) => n <= CONCURRENCY + 1) ? 'OK' : 'MISSED'}\n`);
    process.stdout.write(`\nmigrate up --canary 1 --concurrency ${CONCURRENCY} of one new migration: ${seconds(up.value.ms)}; ${upDoc.summary.ok} at head, ${upDoc.summary.failed} failed; peak connections per server ${peaks(up.peaks)} (two per running target: migration + lock session); peak RSS ${up.value.peakRssMb.toFixed(0)} MB\n`);
  } finally {
    for (const a of admins) await a.end({ timeout: 2 }).catch(() => undefined);
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

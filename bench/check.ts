// `npm run bench -- check`: how long `schemaguard check` takes on this repository (all of
// migrations/ applied to a throwaway database, compared with schemas/), cold (it starts its own
// embedded PostgreSQL) and warm (scratch databases on a running server), against baselines
// measured in the same run: starting and stopping the embedded server alone (from the template
// cache, and with initdb as before the cache), and `--help`. Runs are interleaved so a change of
// load hits every figure alike.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmbedded } from '../src/db/embedded.js';
import { limitLine, loadAverage, ratioLine, seconds } from './report.js';
import { median } from './spawn.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../bin/schemaguard.js', import.meta.url));

function runCli(args: string[], env: Record<string, string | undefined>): Promise<{ ms: number; code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, out }));
  });
}

async function startStop(cacheDir?: false): Promise<{ startMs: number; totalMs: number; source: string }> {
  const t = performance.now();
  const s = await startEmbedded(cacheDir === false ? { cacheDir } : {});
  const startMs = performance.now() - t;
  await s.stop();
  return { startMs, totalMs: performance.now() - t, source: s.source };
}

export async function run(): Promise<void> {
  const runs = 5;
  // Warm the cache (the first start after a change of version builds it).
  await startStop();
  const cached = { start: [] as number[], total: [] as number[] };
  const initdb = { start: [] as number[], total: [] as number[] };
  const cold: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = await startStop();
    if (c.source !== 'template') throw new Error(`the template cache was not used (source ${c.source})`);
    cached.start.push(c.startMs);
    cached.total.push(c.totalMs);
    const n = await startStop(false);
    initdb.start.push(n.startMs);
    initdb.total.push(n.totalMs);
    const r = await runCli(['check'], { SCHEMAGUARD_SCRATCH_URL: undefined, DATABASE_URL: undefined });
    if (r.code !== 0) throw new Error(`check failed: ${r.out}`);
    cold.push(r.ms);
  }
  const server = await startEmbedded();
  const warm: number[] = [];
  const help: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const r = await runCli(['check'], { SCHEMAGUARD_SCRATCH_URL: server.url, DATABASE_URL: undefined });
      if (r.code !== 0) throw new Error(`check failed: ${r.out}`);
      warm.push(r.ms);
      help.push((await runCli(['--help'], {})).ms);
    }
  } finally {
    await server.stop();
  }
  const m = (xs: number[]) => median(xs);
  process.stdout.write(
    [
      `embedded server and check on this repository (migrations/ vs schemaguard's schemas/), median of ${runs}, load average ${loadAverage()}:`,
      `  server start, template cache: ${seconds(m(cached.start))}; start + stop ${seconds(m(cached.total))}`,
      `  server start, initdb (no cache): ${seconds(m(initdb.start))}; start + stop ${seconds(m(initdb.total))}`,
      `  check warm (scratch database on a running server): ${seconds(m(warm))}; schemaguard --help ${seconds(m(help))}`,
      '  ' + limitLine('server start (template cache)', m(cached.start), 2000),
      '  ' + ratioLine('server start, cache vs initdb', m(cached.start), 'initdb', m(initdb.start), 1),
      '  ' + ratioLine('check cold', m(cold), 'server start + stop', m(cached.total), 1.5),
      '  ' + ratioLine('check cold', m(cold), 'server start + stop with initdb (before the cache)', m(initdb.total), 1.5),
      '',
    ].join('\n'),
  );
}

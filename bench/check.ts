// `npm run bench -- check`: how long `schemaguard check` takes on this repository (all of
// migrations/ applied to a throwaway database, compared with schemas/), cold (it starts its own
// embedded PostgreSQL) and warm (scratch databases on a running server), against baselines
// measured in the same run: starting and stopping the embedded server alone, and `--help`.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmbedded } from '../src/db/embedded.js';

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function run(): Promise<void> {
  const runs = 3;
  const serverMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const s = await startEmbedded();
    await s.stop();
    serverMs.push(performance.now() - t);
  }
  const cold: number[] = [];
  for (let i = 0; i < runs; i++) {
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
  process.stdout.write(
    [
      `check on this repository (migrations/ vs schemas/), median of ${runs}:`,
      `  cold (starts its own embedded PostgreSQL): ${fmt(median(cold))}`,
      `  warm (scratch database on a running server): ${fmt(median(warm))}`,
      `baselines in the same run:`,
      `  embedded server start + stop alone: ${fmt(median(serverMs))}`,
      `  schemaguard --help: ${fmt(median(help))}`,
      `ratios: cold check / server start = ${(median(cold) / median(serverMs)).toFixed(2)}; warm check / --help = ${(median(warm) / median(help)).toFixed(2)}`,
      '',
    ].join('\n'),
  );
}

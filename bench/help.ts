// `npm run bench -- help`: `schemaguard --help` from a cold process against `node -e 0` in the
// same run (runs interleaved so that both see the same machine load). Target: within 2×.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const CLI = fileURLToPath(new URL('../../bin/schemaguard.js', import.meta.url));
const RUNS = 21;
const TARGET_RATIO = 2;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function timeNode(args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`node ${args.join(' ')} exited ${code}`))));
  });
}

export async function run(_args: readonly string[]): Promise<void> {
  const help: number[] = [];
  const bare: number[] = [];
  await timeNode(['-e', '0']);
  await timeNode([CLI, '--help']);
  for (let i = 0; i < RUNS; i += 1) {
    bare.push(await timeNode(['-e', '0']));
    help.push(await timeNode([CLI, '--help']));
  }
  const h = median(help);
  const b = median(bare);
  const ratio = h / b;
  process.stdout.write(`median of ${RUNS} cold runs each, interleaved:\n`);
  process.stdout.write(`  node bin/schemaguard.js --help  ${h.toFixed(0)} ms\n`);
  process.stdout.write(`  node -e 0                       ${b.toFixed(0)} ms\n`);
  process.stdout.write(`ratio: ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}) ${ratio <= TARGET_RATIO ? 'OK' : 'MISSED'}\n`);
}

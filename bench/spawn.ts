// Shared by the benchmarks that time the CLI as a spawned process, start to exit.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

export const CLI = fileURLToPath(new URL('../../bin/schemaguard.js', import.meta.url));

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Run the CLI and time it; exit codes 0 and 1 (findings) count as success. */
export function timeCli(args: readonly string[], cwd: string): Promise<{ ms: number; stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0 && code !== 1) reject(new Error(`schemaguard ${args[0]} exited ${code}: ${stderr.split('\n')[0]}`));
      else resolve({ ms, stdout: Buffer.concat(chunks).toString('utf8'), code });
    });
  });
}

// Apply a SQL file with the real psql client, asynchronously (spawn, never execFileSync:
// the embedded server's log pipe must keep draining), stopping at the first error.
import { spawn } from 'node:child_process';

export const PSQL = process.env.SG_PSQL ?? '/usr/lib/postgresql/15/bin/psql';

export function psql(url: string, file: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PSQL, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

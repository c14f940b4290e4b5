// `schemaguard inspect --format json | head`: the reader closes the pipe after its first lines.
// The CLI must stop at once, quietly (no "internal error: write EPIPE"), exit 141 as a tool
// killed by SIGPIPE does, and with stderr on the same closed pipe must not loop on reporting
// the failure (it used to grow without bound).
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

function closeAfterFirstChunk(args: readonly string[], stderrToo: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.GITHUB_ACTIONS;
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.once('data', () => {
      child.stdout.destroy();
      if (stderrToo) child.stderr.destroy();
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('a reader that closes the pipe early', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sg_pipe');
    // Enough output to overflow the pipe many times over.
    const tables = Array.from({ length: 150 }, (_, i) => `CREATE TABLE t${i} (${Array.from({ length: 12 }, (_, j) => `c${j} text DEFAULT 'some default text'`).join(', ')});`).join('\n');
    await db.sql.unsafe(tables);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('stdout closed: exit 141, nothing on stderr', async () => {
    const r = await closeAfterFirstChunk(['inspect', '--format', 'json', '--db', db.url], false);
    expect(r.stderr).toBe('');
    expect(r.signal).toBeNull();
    expect(r.code).toBe(141);
  });

  it('stdout and stderr closed: the process still ends, exit 141', async () => {
    const r = await closeAfterFirstChunk(['inspect', '--format', 'json', '--db', db.url], true);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(141);
  });
});

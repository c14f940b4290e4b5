import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('CLI usage errors', () => {
  it('--help exits 0 and documents the exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes:');
    expect(r.stdout).toContain('3  a migration failed');
  });

  it('an unknown flag is one line on stderr and exit 2', async () => {
    const r = await runCli(['--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain("unknown option '--no-such-flag'");
  });

  it('an unknown command is exit 2', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command/);
  });
});

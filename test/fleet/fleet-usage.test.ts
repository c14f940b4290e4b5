// Bad input to a fleet run: one line on stderr, exit 2, nothing touched.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { fleetProject } from '../support/fleet.js';

const project = fleetProject();
project.writeConfig([{ name: 'one', db: 'postgres://u:pw@127.0.0.1:1/one' }, { name: 'two', db: 'postgres://u:pw@127.0.0.1:1/two' }]);

async function fails(args: string[], message: RegExp): Promise<void> {
  const r = await runCli(args, { cwd: project.dir, env: { DATABASE_URL: undefined } });
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toContain('internal error');
}

describe('fleet usage errors', () => {
  it('--concurrency and --target-timeout are checked', async () => {
    await fails(['audit', '--concurrency', '0'], /--concurrency must be a whole number from 1 to 1000, not "0"/);
    await fails(['migrate', 'status', '--target-timeout', 'soon'], /--target-timeout must be a duration like 90s/);
  });
  it('a --target that matches nothing names the known targets', async () => {
    await fails(['audit', '--target', 'thr*'], /--target "thr\*" matches no target \(known: one, two\)/);
  });
  it('migrate down over several targets needs --yes', async () => {
    await fails(['migrate', 'down', '--target', '*'], /migrate down over several targets needs --yes/);
  });
  it('inspect --format sql takes one database', async () => {
    await fails(['inspect', '--format', 'sql', '--target', 'one', 'two'], /inspect --format sql takes one database/);
  });
  it('--canary naming no target of the run', async () => {
    await fails(['migrate', 'up', '--canary', 'nope'], /--canary "nope" matches no target of this run/);
  });
});

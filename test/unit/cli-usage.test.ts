import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program.js';
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

  it('a typo\'d command or flag gets "did you mean", still on one line', async () => {
    const command = await runCli(['audti']);
    expect(command.code).toBe(2);
    expect(command.stderr).toBe("schemaguard: unknown command 'audti' (did you mean audit?)\n");
    const flag = await runCli(['audit', '--fromat', 'json']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe("schemaguard: unknown option '--fromat' (did you mean --format?)\n");
    const nested = await runCli(['migrate', 'stauts']);
    expect(nested.stderr).toBe("schemaguard: unknown command 'stauts' (did you mean status?)\n");
  });

  it('every subcommand\'s help lists the global options', async () => {
    const all: Command[] = [];
    const walk = (c: Command) => c.commands.forEach((s) => (all.push(s), walk(s)));
    walk(buildProgram());
    expect(all.length).toBeGreaterThan(10);
    for (const c of all) {
      const help = c.helpInformation();
      for (const flag of ['--db <url>', '--env <name>', '--config <file>', '--migrations <dir>', '--models <file>', '--schema <name...>']) {
        expect(help, `${c.name()} --help`).toContain(flag);
      }
    }
    const r = await runCli(['migrate', 'up', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Global Options:[\s\S]*--db <url>/);
  });
});

// `schemaguard demo`: the README's first command. Runs the whole worked example on a
// throwaway server and leaves nothing behind.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { CLI, runCli } from '../support/cli.js';
import { adminUrl } from '../support/db.js';
import { REPO_ROOT } from '../support/domain.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const embeddedDirs = () => new Set(readdirSync(tmpdir()).filter((d) => d.startsWith('schemaguard-pg-')));

describe('schemaguard demo', () => {
  it('audits the legacy fixture, migrates it and audits it clean, then removes the embedded server', async () => {
    const before = embeddedDirs();
    const r = await runCli(['demo', '--domains', '1500'], { env: { DATABASE_URL: undefined }, cwd: REPO_ROOT, timeoutMs: 240_000 });
    expect(r.stderr).toContain('starting the embedded PostgreSQL server');
    expect(r.code).toBe(0);
    // The legacy audit, then the clean one, then the summary.
    // The audit table wraps its messages at the terminal width (80 off a terminal).
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/legacy table public\.dns_validation_results is still present \(\d[\d,]* rows/);
    expect(r.stdout).toMatch(/audit before\s+\d+ findings across \d+ tables: \d+ critical/);
    expect(r.stdout).toMatch(/migrate up\s+8 migrations in [\d.]+ s/);
    expect(r.stdout).toContain('audit after       no drift: 13 declared tables match the database');
    expect(r.stderr).toMatch(/fold domain results: batch 1 of 1/);
    expect(r.stderr).toContain('server stopped and its files removed');
    // Its data directory is gone: a directory that appeared during the run and whose owning
    // process has exited would be the demo's (other test files' servers belong to live ones).
    const orphaned = [...embeddedDirs()].filter((d) => !before.has(d) && !alive(Number(d.split('-')[2])));
    expect(orphaned).toEqual([]);
  }, 300_000);

  it('with --db, works in a throwaway database on that server and drops it', async () => {
    const r = await runCli(['demo', '--db', adminUrl(), '--domains', '300'], { cwd: REPO_ROOT, timeoutMs: 240_000 });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('throwaway database dropped');
    const admin = await connect(adminUrl());
    try {
      const left = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'schemaguard_demo_%'`;
      expect(left).toEqual([]);
    } finally {
      await admin.end({ timeout: 5 });
    }
  }, 300_000);

  it('with --keep, keeps serving until Ctrl-C, then stops and cleans up', async () => {
    const child = spawn(process.execPath, [CLI, 'demo', '--keep', '--db', adminUrl(), '--domains', '200'], {
      cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${stderr}`)), 200_000);
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString('utf8');
        const m = /The server keeps running: (postgres:\/\/\S+)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('close', (code) => reject(new Error(`demo exited ${code} before printing its URL: ${stderr}`)));
    });
    const sql = await connect(url);
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from lead_generation_campaigns`;
    await sql.end({ timeout: 5 });
    expect(row!.n).toBeGreaterThan(0);

    const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.kill('SIGINT');
    // Ctrl-C is how --keep ends; like any interrupted command it exits 130.
    expect(await exit).toBe(130);
    const name = new URL(url).pathname.slice(1);
    const admin = await connect(adminUrl());
    try {
      expect(await admin`select 1 from pg_database where datname = ${name}`).toHaveLength(0);
    } finally {
      await admin.end({ timeout: 5 });
    }
  }, 300_000);

  it('refuses a bad --domains with one line and exit 2', async () => {
    const r = await runCli(['demo', '--domains', 'lots'], { env: { DATABASE_URL: undefined }, cwd: REPO_ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('schemaguard: --domains must be a whole number up to 50,000,000, not "lots"');
    expect(r.stdout).toBe('');
  });

  it('reports an unreachable --db with one line and exit 2', async () => {
    const r = await runCli(['demo', '--db', 'postgres://nobody:secret@127.0.0.1:1/x'], { cwd: REPO_ROOT });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^schemaguard: cannot connect to 127\.0\.0\.1:1\/x: /);
    expect(lines.filter((l) => l.startsWith('schemaguard:'))).toHaveLength(1);
    expect(r.stderr).not.toContain('secret');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

// "A clean database must audit clean": the database built by hand from the models (with other
// spellings of every type and default) gives zero findings and exit 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { runCli } from '../support/cli.js';
import { FIXTURES, REPO_ROOT, applySql, fixture } from '../support/fixtures.js';

describe('audit of a database built from the models', () => {
  let target: TestDatabase;
  let spellings: TestDatabase;
  beforeAll(async () => {
    [target, spellings] = await Promise.all([createTestDatabase('sg_audit_clean'), createTestDatabase('sg_audit_spell')]);
    await applySql(target.url, fixture('phase-centric.sql'));
    await applySql(spellings.url, fixture('spellings/spellings.sql'));
  });
  afterAll(async () => {
    await Promise.all([target?.dispose(), spellings?.dispose()]);
  });

  it("the phase-centric target audits clean from the repository root with this repository's config", async () => {
    const r = await runCli(['audit'], { cwd: REPO_ROOT, env: { DATABASE_URL: target.url } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no drift: 13 declared tables match the database');
  });

  it('JSON: zero findings, every declared table ok, even at --fail-on info', async () => {
    const r = await runCli(['audit', '--db', target.url, '--format', 'json', '--fail-on', 'info'], { cwd: REPO_ROOT });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { failed: boolean; summary: { findings: number; critical: number }; tables: { table: string; status: string; findings: unknown[] }[] };
    expect(doc.failed).toBe(false);
    expect(doc.summary.findings).toBe(0);
    expect(doc.tables).toHaveLength(13);
    expect(doc.tables.every((t) => t.status === 'ok' && t.findings.length === 0)).toBe(true);
  });

  it('no false drift: every type and default spelling, another schema, another search_path', async () => {
    const r = await runCli(['audit', '--db', spellings.url, '--format', 'json', '--fail-on', 'info'], { cwd: `${FIXTURES}spellings` });
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as { summary: { findings: number }; tables: { findings: { message: string }[] }[] };
    expect(doc.tables.flatMap((t) => t.findings.map((f) => f.message))).toEqual([]);
    expect(doc.summary.findings).toBe(0);
    expect(r.code).toBe(0);
  });

  it('and the same check still sees real drift in that schema', async () => {
    await applySql(spellings.url, 'ALTER TABLE app.everything ALTER COLUMN a_varchar TYPE varchar(30); ALTER TABLE app.everything ALTER COLUMN a_bigint SET DEFAULT 1');
    const r = await runCli(['audit', '--db', spellings.url, '--format', 'json', '--fail-on', 'warning'], { cwd: `${FIXTURES}spellings` });
    const doc = JSON.parse(r.stdout) as { tables: { findings: { id: string; severity: string }[] }[] };
    expect(doc.tables.flatMap((t) => t.findings.map((f) => `${f.severity} ${f.id}`))).toEqual([
      'warning column-mismatch:app.everything.a_bigint',
      'warning column-mismatch:app.everything.a_varchar',
    ]);
    expect(r.code).toBe(1);
  });
});

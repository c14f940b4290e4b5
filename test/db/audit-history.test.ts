// This repository end to end: its migrations/ applied by `migrate up` land exactly on its
// schemas/ (audit clean, the history table is schemaguard's own and not drift), and an applied
// migration edited afterwards is a migration-history finding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { runCli } from '../support/cli.js';
import { REPO_ROOT } from '../support/fixtures.js';

interface JsonReport {
  summary: { findings: number; text: string };
  tables: { table: string; findings: { id: string; severity: string; message: string }[] }[];
}

describe('audit after migrate up, and the migration history', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sg_audit_history');
    const up = await runCli(['migrate', 'up', '--db', db.url], { cwd: REPO_ROOT, timeoutMs: 300_000 });
    if (up.code !== 0) throw new Error(`migrate up exited ${up.code}: ${up.stderr.trim()}`);
  }, 300_000);
  afterAll(async () => {
    await db?.dispose();
  });

  const audit = async () => {
    const r = await runCli(['audit', '--db', db.url, '--format', 'json', '--fail-on', 'warning'], { cwd: REPO_ROOT });
    return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout) as JsonReport };
  };

  it('the migrated database matches schemas/: no findings, the history table is not drift', async () => {
    const { code, report, stderr } = await audit();
    expect(stderr).toBe('');
    expect(report.tables.flatMap((t) => t.findings.map((f) => `${f.severity} ${f.id}: ${f.message}`))).toEqual([]);
    expect(report.tables.map((t) => t.table)).not.toContain('public.schemaguard_migrations');
    expect(code).toBe(0);
  });

  it('an applied migration edited afterwards is reported', async () => {
    const [last] = (await db.sql.unsafe(`select name from public.schemaguard_migrations order by version desc limit 1`)) as unknown as [{ name: string }];
    await db.sql.unsafe(`update public.schemaguard_migrations set checksum = repeat('0', 64) where name = $1`, [last.name]);
    const { code, report } = await audit();
    const findings = report.tables.flatMap((t) => t.findings);
    expect(findings.map((f) => `${f.severity} ${f.id}`)).toEqual([`warning migration-history:${last.name}:edited`]);
    expect(findings[0]!.message).toMatch(new RegExp(`^migration ${last.name} was edited after it was applied \\(checksum 000000000000… recorded, [0-9a-f]{12}… in migrations \\(history public\\.schemaguard_migrations\\)\\)`));
    expect(code).toBe(1);
  });
});

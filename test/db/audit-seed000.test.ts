// Seed 000 ("Final Database Audit Report - Phase-Centric Cleanup"), reproduced: the phase-centric
// tables exist, but the legacy phase, parameter and event tables remain, an index is orphaned,
// migration 000045's indexes are missing, and one campaign's JSONB was never migrated.
// Audited with this repository's own schemas/ and config.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTarget } from '../../src/db/connect.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { runCli } from '../support/cli.js';
import { REPO_ROOT, applySql, fixture, resetStatistics } from '../support/fixtures.js';

interface JsonFinding {
  id: string;
  severity: string;
  message: string;
  accepted: unknown;
  usage?: { rowCount: number; rowCountCapped: boolean; reads: number; writes: number };
  documents?: { sampled: number; failing: number; paths: string[] };
}
interface JsonReport {
  failed: boolean;
  summary: { findings: number; tables: number; critical: number; warning: number; info: number; accepted: number; text: string };
  tables: { table: string; status: string; origin: string; findings: JsonFinding[] }[];
}

const GOLDEN = join(REPO_ROOT, 'test/golden');

/** Compare with a golden file; UPDATE_GOLDEN=1 rewrites it. */
function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('seed 000: legacy remains after the phase-centric migration', () => {
  let db: TestDatabase;
  let json: string;
  let report: JsonReport;
  const audit = (args: string[], env: Record<string, string> = {}) => runCli(['audit', '--db', db.url, ...args], { cwd: REPO_ROOT, env });
  const stable = (text: string) => text.split(describeTarget(db.url)).join('<target>');

  beforeAll(async () => {
    db = await createTestDatabase('sg_audit_seed000');
    await applySql(db.url, fixture('phase-centric.sql'), fixture('seed000/remains.sql'));
    await resetStatistics(db.url);
    const r = await audit(['--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    json = r.stdout;
    report = JSON.parse(json) as JsonReport;
  });
  afterAll(async () => {
    await db?.dispose();
  });

  const all = () => report.tables.flatMap((t) => t.findings);

  it('reports exactly these findings, all warnings', () => {
    expect(all().map((f) => `${f.severity} ${f.id}`)).toEqual([
      'warning legacy-table:public.analysis_phases',
      'warning missing-index:public.idx_campaign_phases_active_phases',
      'warning legacy-table:public.dns_validation_campaign_params',
      'warning legacy-table:public.dns_validation_phases',
      'warning legacy-table:public.domain_generation_phases',
      'warning legacy-table:public.event_projections',
      'warning legacy-table:public.event_store',
      'warning missing-index:public.idx_generated_domains_campaign_status',
      'warning orphaned-index:public.idx_generated_domains_dns_validation_legacy',
      'warning legacy-table:public.http_keyword_campaign_params',
      'warning legacy-table:public.http_keyword_validation_phases',
      'warning missing-index:public.idx_lead_gen_campaigns_phase_data_counts',
      'warning jsonb-shape:public.lead_generation_campaigns.domains_data',
      'warning legacy-enum:public.campaign_type_enum',
    ]);
    expect(report.summary).toMatchObject({ findings: 14, tables: 11, critical: 0, warning: 14, info: 0 });
  });

  it('legacy tables carry their row counts and usage: evidence for "safe to drop"', () => {
    const usage = Object.fromEntries(all().filter((f) => f.usage).map((f) => [f.id.split(':')[1], f.usage!.rowCount]));
    expect(usage).toEqual({
      'public.analysis_phases': 0,
      'public.dns_validation_campaign_params': 1,
      'public.dns_validation_phases': 1,
      'public.domain_generation_phases': 1,
      'public.event_projections': 0,
      'public.event_store': 3,
      'public.http_keyword_campaign_params': 0,
      'public.http_keyword_validation_phases': 0,
    });
    const eventStore = all().find((f) => f.id === 'legacy-table:public.event_store')!;
    expect(eventStore.usage).toEqual({ rowCount: 3, rowCountCapped: false, reads: 0, writes: 0, lastRead: null });
    expect(eventStore.message).toBe(
      'legacy table public.event_store is still present (3 rows; no reads or writes since statistics were reset): event sourcing is not used by the standalone services (seed 000)',
    );
    expect(report.tables.find((t) => t.table === 'public.event_store')!.origin).toBe('legacy');
  });

  it('reads and writes since the statistics reset show up as usage', async () => {
    const scratch = await createTestDatabase('sg_audit_usage');
    try {
      await applySql(scratch.url, 'CREATE TABLE event_store (id int); CREATE TABLE users (id uuid)');
      await resetStatistics(scratch.url);
      await applySql(scratch.url, 'INSERT INTO event_store SELECT generate_series(1, 5)', 'SELECT count(*) FROM event_store');
      // statistics reach the shared counters when the writing session ends (applySql closed
      // it) and the server flushes them, which is not instantaneous: poll briefly.
      let usage: JsonFinding['usage'];
      for (let i = 0; i < 40; i += 1) {
        const r = await runCli(['audit', '--db', scratch.url, '--format', 'json', '--fail-on', 'never'], { cwd: REPO_ROOT });
        const doc = JSON.parse(r.stdout) as JsonReport;
        usage = doc.tables.flatMap((t) => t.findings).find((f) => f.id === 'legacy-table:public.event_store')?.usage;
        if (usage && usage.writes > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(usage).toMatchObject({ rowCount: 5, writes: 5 });
      expect(usage!.reads).toBeGreaterThanOrEqual(1);
    } finally {
      await scratch.dispose();
    }
  });

  it('JSONB documents are checked against the declared shapes: share failing and first failing paths', () => {
    const f = all().find((x) => x.id === 'jsonb-shape:public.lead_generation_campaigns.domains_data')!;
    expect(f.documents).toEqual({
      sampled: 2,
      failing: 1,
      paths: [
        'config.variable_length: Invalid input: expected number, received string',
        'config.character_set: Invalid input: expected string, received undefined',
        'config.constant_string: Invalid input: expected string, received undefined',
      ],
    });
    expect(f.message).toMatch(/^50% of sampled documents in public\.lead_generation_campaigns\.domains_data \(1 of 2\) do not match the declared shape/);
  });

  it('--sample 0 skips JSONB sampling; --sample 1 validates only the first document', async () => {
    const none = JSON.parse((await audit(['--format', 'json', '--sample', '0'])).stdout) as JsonReport;
    expect(none.tables.flatMap((t) => t.findings).some((f) => f.id.startsWith('jsonb-shape:'))).toBe(false);
    // the first document in physical order is the well-formed one
    const one = JSON.parse((await audit(['--format', 'json', '--sample', '1'])).stdout) as JsonReport;
    expect(one.tables.flatMap((t) => t.findings).some((f) => f.id.startsWith('jsonb-shape:'))).toBe(false);
    expect(one.summary.findings).toBe(13);
    const bad = await audit(['--sample', '-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('schemaguard: --sample must be a whole number of documents (0 skips), not "-1"\n');
  });

  it('exit codes follow --fail-on: 0 at critical (default), 1 at warning and info', async () => {
    expect(report.failed).toBe(false);
    expect((await audit(['--fail-on', 'warning'])).code).toBe(1);
    expect((await audit(['--fail-on', 'info', '--format', 'junit'])).code).toBe(1);
  });

  it('golden files: JSON and Markdown', async () => {
    golden('audit-seed000.json', stable(json));
    const md = await audit(['--format', 'markdown']);
    expect(md.code).toBe(0);
    golden('audit-seed000.md', stable(md.stdout));
  });

  it('JUnit: a suite per table, a test case per finding, failures for findings at --fail-on', async () => {
    const r = await audit(['--format', 'junit', '--fail-on', 'warning']);
    expect(r.code).toBe(1);
    const clean = report.tables.filter((t) => t.findings.length === 0).length;
    expect(r.stdout.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="schemaguard audit <target>" tests="${14 + clean}" failures="14" errors="0" skipped="0" time="0">`.replace('<target>', describeTarget(db.url)))).toBe(true);
    expect(r.stdout).toContain('<testsuite name="public.users" tests="1" failures="0" errors="0" skipped="0" time="0">');
    expect(r.stdout.match(/<testcase /g)).toHaveLength(14 + clean);
    expect(r.stdout.match(/<failure /g)).toHaveLength(14);
    expect(r.stdout).toContain('<failure type="orphaned-index" message="warning: index idx_generated_domains_dns_validation_legacy on public.generated_domains is not declared');
  });

  it('--out writes the report to a file and prints only the summary on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-audit-out-'));
    const r = await audit(['--format', 'markdown', '--out', join(dir, 'report.md')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`14 findings across 11 tables: 0 critical, 14 warnings, 0 info; report written to ${join(dir, 'report.md')}\n`);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('## Legacy objects still present');
    const bad = await audit(['--out', join(dir, 'missing-dir', 'r.md')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^schemaguard: cannot write .*r\.md: ENOENT\n$/);
  });

  it('accepted drift silences its finding until its expiry date, then it fails again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-audit-accept-'));
    const config = join(dir, 'schemaguard.config.json');
    const accepted = join(dir, 'accepted.json');
    writeFileSync(config, JSON.stringify({ models: join(REPO_ROOT, 'schemas/index.ts'), acceptedDrift: './accepted.json' }));
    const accept = (expires: string) =>
      writeFileSync(
        accepted,
        JSON.stringify({
          version: 1,
          accepted: [{ finding: 'orphaned-index:public.idx_generated_domains_dns_validation_legacy', reason: 'dropped with migration 000046', owner: 'dba@example.com', expires }],
        }),
      );
    const run = () => runCli(['audit', '--db', db.url, '--config', config, '--format', 'json', '--sample', '0'], { cwd: dir });

    accept('2999-12-31');
    const before = JSON.parse((await run()).stdout) as JsonReport;
    const f = before.tables.flatMap((t) => t.findings).find((x) => x.id === 'orphaned-index:public.idx_generated_domains_dns_validation_legacy')!;
    expect(f.accepted).toEqual({ reason: 'dropped with migration 000046', owner: 'dba@example.com', expires: '2999-12-31' });
    expect(before.summary).toMatchObject({ findings: 12, accepted: 1 });

    accept('2000-01-01');
    const after = JSON.parse((await run()).stdout) as JsonReport;
    const g = after.tables.flatMap((t) => t.findings).find((x) => x.id === 'orphaned-index:public.idx_generated_domains_dns_validation_legacy')!;
    expect(g.accepted).toBeNull();
    expect(g.message).toContain('(accepted drift expired on 2000-01-01; owner dba@example.com)');
    expect(after.summary).toMatchObject({ findings: 13, accepted: 0 });
  });
});

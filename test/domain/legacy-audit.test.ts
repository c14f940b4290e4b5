// Audit at the legacy level: what the seed reports wrote by hand. Legacy tables with their row
// counts (seed 000), the campaign_jobs renames and the missing columns (seed 002), the legacy
// columns and enums of the dual architecture (seed 004), and the orphaned index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumTables, loadFixture } from '../../fixtures/index.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { auditJson, LEGACY_MIGRATION, migrate, ok, type AuditJson } from '../support/domain.js';

describe('audit of the legacy database', () => {
  let db: TestDatabase;
  let report: AuditJson;
  let code: number | null;
  let rows: Map<string, number>;
  beforeAll(async () => {
    db = await createTestDatabase('sg_domain_legacy_audit');
    ok(await migrate(db.url, ['up', '--to', LEGACY_MIGRATION]), 'migrate up to the legacy level');
    await loadFixture(db.sql, { domains: 1_500, seed: 5 });
    rows = new Map((await checksumTables(db.sql)).map((c) => [c.table, c.rows]));
    ({ report, code } = await auditJson(db.url));
  }, 180_000);
  afterAll(async () => db?.dispose());

  const findings = () => report.tables.flatMap((t) => t.findings.map((f) => ({ ...f, table: t.table, origin: t.origin })));

  it('fails (exit 1) with critical findings', () => {
    expect(code).toBe(1);
    expect(report.summary.critical).toBeGreaterThan(0);
  });

  it('reports each legacy table with its exact row count', () => {
    const legacy = ['domain_generation_phases', 'dns_validation_phases', 'http_keyword_validation_phases', 'analysis_phases',
      'domain_generation_campaign_params', 'dns_validation_campaign_params', 'http_keyword_campaign_params',
      'dns_validation_results', 'http_keyword_results', 'event_store', 'event_projections'];
    for (const table of legacy) {
      const table_ = report.tables.find((t) => t.table === `public.${table}`);
      expect(table_, table).toBeDefined();
      expect(table_!.origin).toBe('legacy');
      const finding = table_!.findings.find((f) => f.rule === 'legacy-table');
      expect(finding?.usage?.rowCount, table).toBe(rows.get(table));
      expect(rows.get(table)).toBeGreaterThan(0);
    }
  });

  it('reports the campaign_jobs renames of seed 002 as renames, not as drop + add', () => {
    const jobs = findings().filter((f) => f.table === 'public.campaign_jobs');
    for (const [from, to] of [['payload', 'job_payload'], ['campaign_type', 'job_type'], ['worker_id', 'processing_server_id']]) {
      const rename = jobs.find((f) => f.message.includes(`${from} is likely renamed`) && f.message.includes(`column ${to} is missing`));
      expect(rename, `${from} → ${to}`).toBeDefined();
      expect(rename!.severity).toBe('critical');
      expect(rename!.confidence).toBeGreaterThan(0.5);
    }
  });

  it('reports the missing columns of seed 002', () => {
    const missing = findings().filter((f) => f.severity === 'critical' && /is declared but missing/.test(f.message)).map((f) => f.object);
    expect(missing).toEqual(expect.arrayContaining([
      'public.campaign_jobs.business_status',
      'public.campaign_jobs.last_attempted_at',
      'public.generated_domains.business_status',
    ]));
  });

  it('reports campaigns as renamed to lead_generation_campaigns, its dual-architecture columns and enums (seed 004), and the orphaned index', () => {
    const all = findings();
    const rule = (r: string) => all.filter((f) => f.rule === r).map((f) => f.object);
    expect(rule('renamed-table')).toEqual(['public.lead_generation_campaigns']);
    expect(rule('legacy-column')).toEqual(expect.arrayContaining([
      'public.lead_generation_campaigns.campaign_type', 'public.lead_generation_campaigns.status', 'public.lead_generation_campaigns.progress_percentage']));
    expect(rule('legacy-enum')).toEqual(expect.arrayContaining(['public.campaign_status_enum', 'public.campaign_type_enum']));
    expect(rule('orphaned-index')).toContain('public.idx_generated_domains_dns_status_legacy');
  });
});

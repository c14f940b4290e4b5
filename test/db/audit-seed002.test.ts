// Seed 002 ("Comprehensive Backend Schema Audit Report"), reproduced: the backend's models
// against the database its migrations had built. The hand-written report listed these by
// reading Go code; `audit` must find them by itself, with renames as renames.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { runCli } from '../support/cli.js';
import { FIXTURES, applySql, fixture } from '../support/fixtures.js';

interface JsonFinding {
  id: string;
  rule: string;
  severity: string;
  message: string;
  fix: string;
  confidence?: number;
}
interface JsonReport {
  failed: boolean;
  summary: { findings: number; tables: number; critical: number; warning: number; info: number; accepted: number; text: string };
  tables: { table: string; status: string; origin: string; findings: JsonFinding[] }[];
}

const cwd = `${FIXTURES}seed002`;

describe('seed 002: backend models vs the database they broke against', () => {
  let db: TestDatabase;
  let report: JsonReport;
  let exitCode: number | null;
  beforeAll(async () => {
    db = await createTestDatabase('sg_audit_seed002');
    await applySql(db.url, fixture('seed002/db.sql'));
    const r = await runCli(['audit', '--db', db.url, '--format', 'json'], { cwd });
    expect(r.stderr).toBe('');
    exitCode = r.code;
    report = JSON.parse(r.stdout) as JsonReport;
  });
  afterAll(async () => {
    await db?.dispose();
  });

  const all = () => report.tables.flatMap((t) => t.findings);

  it('reports exactly these findings, with these severities', () => {
    expect(all().map((f) => `${f.severity} ${f.id}`)).toEqual([
      'critical missing-table:public.architecture_refactor_log',
      'critical missing-column:public.campaign_jobs.business_status',
      'critical renamed-column:public.campaign_jobs.job_payload',
      'critical renamed-column:public.campaign_jobs.job_type',
      'critical missing-column:public.campaign_jobs.last_attempted_at',
      'critical renamed-column:public.campaign_jobs.processing_server_id',
      'critical missing-table:public.communication_patterns',
      'critical missing-column:public.dns_validation_results.business_status',
      'critical missing-column:public.domain_generation_campaign_params.created_at',
      'critical missing-column:public.domain_generation_campaign_params.updated_at',
      'critical missing-table:public.keyword_rules',
      'critical missing-table:public.service_architecture_metrics',
      'critical missing-table:public.service_capacity_metrics',
      'critical missing-table:public.service_dependencies',
      'critical missing-enum:public.job_type_enum',
      'info undeclared-enum:public.campaign_type_enum',
    ]);
  });

  it('campaign_jobs: three likely renames, each one finding with a confidence, not a drop and an add', () => {
    const jobs = report.tables.find((t) => t.table === 'public.campaign_jobs')!;
    const renames = jobs.findings.filter((f) => f.rule === 'renamed-column');
    expect(renames.map((f) => f.message.match(/; (\w+) is likely renamed/)?.[1])).toEqual(['payload', 'campaign_type', 'worker_id']);
    for (const f of renames) {
      expect(f.confidence).toBeGreaterThan(0.5);
      expect(f.confidence).toBeLessThan(1);
    }
    expect(jobs.findings.some((f) => f.rule === 'undeclared-column' || f.id.includes('campaign_type') || f.id.includes('worker_id'))).toBe(false);
    const jobType = renames.find((f) => f.id.endsWith('.job_type'))!;
    expect(jobType.message).toContain('type public.campaign_type_enum in the database, public.job_type_enum in the models');
    // The planner's SQL: one enum has no cast to another, so the conversion goes through text.
    expect(jobType.fix).toMatch(
      /^ALTER TABLE "public"\."campaign_jobs" RENAME COLUMN "campaign_type" TO "job_type"; .*ALTER TABLE "public"\."campaign_jobs" ALTER COLUMN "job_type" TYPE public\.job_type_enum USING "job_type"::text::public\.job_type_enum;/,
    );
    expect(renames.find((f) => f.id.endsWith('.processing_server_id'))!.fix).toBe('ALTER TABLE "public"."campaign_jobs" RENAME COLUMN "worker_id" TO "processing_server_id";');
  });

  it('domain_generation_campaign_params: created_at/updated_at missing, with the column to add', () => {
    const params = report.tables.find((t) => t.table === 'public.domain_generation_campaign_params')!;
    expect(params.status).toBe('critical');
    expect(params.findings.map((f) => f.fix)).toEqual([
      'ALTER TABLE "public"."domain_generation_campaign_params" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;',
      'ALTER TABLE "public"."domain_generation_campaign_params" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;',
    ]);
  });

  it('totals and per-table status', () => {
    expect(report.summary).toMatchObject({ findings: 16, tables: 9, critical: 15, warning: 0, info: 1, accepted: 0 });
    expect(report.summary.text).toBe('16 findings across 9 tables: 15 critical, 0 warnings, 1 info');
    expect(report.tables.filter((t) => t.status === 'ok').map((t) => t.table)).toEqual([
      'public.audit_logs', 'public.authorization_decisions', 'public.campaigns', 'public.generated_domains', 'public.http_keyword_results',
      'public.keyword_sets', 'public.personas', 'public.proxies', 'public.proxy_pool_memberships', 'public.proxy_pools', 'public.security_events', 'public.users',
    ]);
  });

  it('exit codes: 1 at the default --fail-on critical, 0 with --fail-on never', async () => {
    expect(exitCode).toBe(1);
    expect(report.failed).toBe(true);
    const never = await runCli(['audit', '--db', db.url, '--fail-on', 'never'], { cwd });
    expect(never.code).toBe(0);
    expect(never.stdout).toContain('16 findings across 9 tables: 15 critical, 0 warnings, 1 info');
  });

  it('the terminal report groups by table, worst first, one line of summary', async () => {
    const r = await runCli(['audit', '--db', db.url], { cwd });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe('16 findings across 9 tables: 15 critical, 0 warnings, 1 info');
    expect(r.stdout).toContain('public.campaign_jobs  CRITICAL');
    expect(r.stdout).not.toMatch(/\u001b\[/); // NO_COLOR: no escapes
    expect(lines.at(-2)).toBe('drift at or above --fail-on critical: exit 1');
  });
});

import { describe, expect, it } from 'vitest';
import { auditSchemas, reachesFailOn, summaryLine, type Finding } from '../../src/audit/index.js';
import { compileModels, enumType, legacy, t, table } from '../../src/model/index.js';
import type { Schema } from '../../src/schema/types.js';

const schema = (...models: unknown[]): Schema => compileModels(models).schema;
const ids = (findings: readonly Finding[]) => findings.map((f) => `${f.severity} ${f.id}`);

describe('audit severities', () => {
  const base = { id: t.uuid().primaryKey() };

  it('undeclared columns: NOT NULL without a default breaks inserts (critical), otherwise a warning', () => {
    const actual = schema(table('t', { ...base, must: t.text().notNull(), may: t.text(), filled: t.text().notNull().default('x') }));
    const desired = schema(table('t', base));
    expect(ids(auditSchemas({ actual, desired }).findings)).toEqual([
      'critical undeclared-column:public.t.must',
      'warning undeclared-column:public.t.filled',
      'warning undeclared-column:public.t.may',
    ]);
  });

  it('nullability: looser in the database is a warning; stricter without a default is critical', () => {
    const actual = schema(table('t', { ...base, a: t.text(), b: t.text().notNull(), c: t.text().notNull().default('x') }));
    const desired = schema(table('t', { ...base, a: t.text().notNull(), b: t.text(), c: t.text() }));
    expect(ids(auditSchemas({ actual, desired }).findings)).toEqual([
      'critical column-mismatch:public.t.b',
      'warning column-mismatch:public.t.a',
      'warning column-mismatch:public.t.c',
    ]);
  });

  it('types: incompatible is critical, same family is a warning; a comment alone is info', () => {
    const actual = schema(table('t', { ...base, n: t.text(), v: t.varchar(20), c: t.text() }));
    const desired = schema(table('t', { ...base, n: t.integer(), v: t.varchar(50), c: t.text().comment('why') }));
    expect(ids(auditSchemas({ actual, desired }).findings)).toEqual([
      'critical column-mismatch:public.t.n',
      'warning column-mismatch:public.t.v',
      'info column-mismatch:public.t.c',
    ]);
  });

  it('a NOT NULL column the models fill by default but the database does not: critical', () => {
    const actual = schema(table('t', { ...base, at: t.timestamptz().notNull() }));
    const desired = schema(table('t', { ...base, at: t.timestamptz().notNull().defaultNow() }));
    const [f] = auditSchemas({ actual, desired }).findings;
    expect(f).toMatchObject({ severity: 'critical', id: 'column-mismatch:public.t.at', fix: 'ALTER TABLE "public"."t" ALTER COLUMN "at" SET DEFAULT now();' });
  });

  it('fixes are the planner\'s SQL: collation, opclass and NULLS NOT DISTINCT kept, NOT NULL through a validated check', () => {
    const actual = schema(table('t', { ...base, email: t.text(), code: t.text() }));
    const desired = schema(table('t', { ...base, email: t.text(), code: t.text().notNull() }, {
      indexes: [{ name: 'Email Key', unique: true, nullsNotDistinct: true, columns: [{ column: 'email', opclass: 'text_pattern_ops', collation: 'C' }] }],
    }));
    const byId = new Map(auditSchemas({ actual, desired }).findings.map((f) => [f.id, f.fix]));
    expect(byId.get('missing-index:public.Email Key')).toBe('CREATE UNIQUE INDEX CONCURRENTLY "Email Key" ON "public"."t" USING btree ("email" COLLATE "C" text_pattern_ops) NULLS NOT DISTINCT;');
    expect(byId.get('column-mismatch:public.t.code')).toMatch(/ADD CONSTRAINT .* CHECK \("code" IS NOT NULL\) NOT VALID; .*VALIDATE CONSTRAINT .*; .*ALTER COLUMN "code" SET NOT NULL;/);
  });

  it('a missing enum label is critical, an extra one a warning', () => {
    const actual = schema(enumType('s', ['a', 'old']));
    const desired = schema(enumType('s', ['a', 'b']));
    const findings = auditSchemas({ actual, desired }).findings;
    expect(ids(findings)).toEqual(['critical enum-mismatch:public.s', 'warning enum-mismatch:public.s:extra-labels']);
    expect(findings[0]!.fix).toBe("ALTER TYPE public.s ADD VALUE 'b' AFTER 'a';");
  });

  it('legacy declarations: a declared rename is reported as declared, legacy columns with what replaced them', () => {
    const actual = schema(table('campaigns', { ...base, name: t.text(), campaign_type: t.text() }));
    const desired = schema(table('lead_generation_campaigns', { ...base, name: t.text(), current_phase: t.text().notNull().default('x') }));
    const decl = [
      legacy.table('campaigns', { reason: 'renamed', renamedTo: 'lead_generation_campaigns' }),
      legacy.column('lead_generation_campaigns', 'campaign_type', { reason: 'dual architecture', replacedBy: 'current_phase' }),
    ];
    const r = auditSchemas({ actual, desired, legacy: decl });
    expect(ids(r.findings)).toEqual([
      'critical renamed-table:public.lead_generation_campaigns',
      'critical missing-column:public.lead_generation_campaigns.current_phase',
      'warning legacy-column:public.lead_generation_campaigns.campaign_type',
    ]);
    expect(r.findings[0]!.message).toBe('table public.lead_generation_campaigns is missing; public.campaigns is declared renamed to it');
    expect(r.findings[2]!.legacy).toEqual({ reason: 'dual architecture', replacedBy: 'current_phase' });
  });
});

describe('accepted drift', () => {
  const actual = schema(table('t', { id: t.uuid().primaryKey(), extra: t.text() }));
  const desired = schema(table('t', { id: t.uuid().primaryKey() }));
  const accepted = [{ finding: 'undeclared-column:public.t.extra', reason: 'used by reporting until Q1', owner: 'data team', expires: '2026-11-23' }];

  it('holds through its expiry day (UTC), and fails again the day after', () => {
    const during = auditSchemas({ actual, desired, accepted, now: new Date('2026-11-23T23:59:59Z') });
    expect(during.findings[0]!.accepted).toEqual({ reason: 'used by reporting until Q1', owner: 'data team', expires: '2026-11-23' });
    expect(during.totals).toMatchObject({ findings: 0, accepted: 1 });
    expect(reachesFailOn(during, 'info')).toBe(false);
    expect(summaryLine(during)).toBe('no drift: 1 declared table matches the database (1 accepted)');

    const after = auditSchemas({ actual, desired, accepted, now: new Date('2026-11-24T00:00:00Z') });
    expect(after.findings[0]!.accepted).toBeNull();
    expect(after.findings[0]!.message).toContain('(accepted drift expired on 2026-11-23; owner data team)');
    expect(reachesFailOn(after, 'warning')).toBe(true);
  });

  it('a trailing * accepts every finding with that prefix', () => {
    const r = auditSchemas({ actual, desired, accepted: [{ ...accepted[0]!, finding: 'undeclared-column:public.t.*', expires: '2999-01-01' }] });
    expect(r.totals.accepted).toBe(1);
  });
});

describe('migration history findings', () => {
  it('join the report, count in the totals and reach --fail-on like any other', () => {
    const s = schema(table('t', { id: t.uuid().primaryKey() }));
    const history: Finding = {
      id: 'migration-history:000002_add_jobs',
      rule: 'migration-history',
      severity: 'critical',
      table: null,
      object: '000002_add_jobs',
      message: 'migration 000002_add_jobs was edited after it was applied (checksum differs)',
      fix: 'restore the applied file, or write a new migration',
      accepted: null,
    };
    const r = auditSchemas({ actual: s, desired: s, historyFindings: [history] });
    expect(r.totals).toMatchObject({ findings: 1, critical: 1, tables: 0 });
    expect(r.tables.at(-1)).toMatchObject({ table: '(schema)', status: 'critical' });
    expect(reachesFailOn(r, 'critical')).toBe(true);
    expect(reachesFailOn(r, 'never')).toBe(false);
  });
});

describe('findingsFromHistory', () => {
  it('turns each history problem into a warning with a stable id', async () => {
    const { findingsFromHistory } = await import('../../src/audit/index.js');
    const f = findingsFromHistory(
      [
        { kind: 'checksum-mismatch', name: '000002_b', recorded: 'a'.repeat(64), actual: 'b'.repeat(64) },
        { kind: 'missing-file', name: '000003_c' },
        { kind: 'out-of-order', name: '000001_a', latestApplied: '000003_c' },
      ],
      'migrations',
    );
    expect(f.map((x) => `${x.severity} ${x.id}`)).toEqual([
      'warning migration-history:000002_b:edited',
      'warning migration-history:000003_c:missing',
      'warning migration-history:000001_a:out-of-order',
    ]);
    expect(f[1]!.message).toBe('migration 000003_c is applied but its file is missing from migrations');
  });
});

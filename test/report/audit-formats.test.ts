// audit in the CI formats, on the legacy database of this repository's worked example (the
// issue's case: 22 critical findings, a 22 KB Markdown report): SARIF validated against the
// 2.1.0 schema with results on the model declarations, JUnit with a test case per finding and
// counts that match, GitHub annotations chosen by GITHUB_ACTIONS, gcc lines, and a Markdown
// report that fits a comment and says what to run next.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../../fixtures/index.js';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { auditJson, HISTORY_TABLE, LEGACY_MIGRATION, migrate, ok, REPO_ROOT, type AuditJson } from '../support/domain.js';
import { sarifValidator } from '../support/sarif.js';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } }; logicalLocations?: { fullyQualifiedName: string }[] }[];
  partialFingerprints?: Record<string, string>;
}

/** The 1-based line of the first line of a repository file containing `needle`. */
function lineOf(file: string, needle: string): number {
  return readFileSync(join(REPO_ROOT, file), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('audit --format sarif | junit | github | gcc | markdown', () => {
  let db: TestDatabase;
  let report: AuditJson;
  const audit = (args: string[], env: Record<string, string> = {}) =>
    runCli(['audit', '--db', db.url, '--history-table', HISTORY_TABLE, '--fail-on', 'info', ...args], { cwd: REPO_ROOT, env, timeoutMs: 120_000 });
  const findings = () => report.tables.flatMap((t) => t.findings);

  beforeAll(async () => {
    db = await createTestDatabase('sg_report_formats');
    ok(await migrate(db.url, ['up', '--to', LEGACY_MIGRATION]), 'migrate up to the legacy level');
    await loadFixture(db.sql, { domains: 50, seed: 3 });
    ({ report } = await auditJson(db.url));
    expect(report.summary.critical).toBeGreaterThan(0);
  }, 180_000);
  afterAll(async () => db?.dispose());

  it('sarif: valid 2.1.0, one rule per finding kind with help, one result per finding, located at the declaration', async () => {
    const r = await audit(['--format', 'sarif']);
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; help: { text: string } }[] } }; results: SarifResult[] }[] };
    expect(sarifValidator()(doc)).toEqual([]);
    const run = doc.runs[0]!;
    const ruleIds = run.tool.driver.rules.map((x) => x.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const rule of new Set(findings().map((f) => f.rule))) expect(ruleIds).toContain(rule);
    for (const rule of run.tool.driver.rules) expect(rule.help.text.length).toBeGreaterThan(20);
    expect(run.results).toHaveLength(findings().length);
    for (const res of run.results) {
      expect(run.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
      // Code scanning files every result under a file.
      expect(res.locations[0]!.physicalLocation, res.ruleId).toBeDefined();
    }
    const byId = new Map(run.results.map((res) => [res.partialFingerprints!['schemaguard/v1']!, res]));
    // A column the models declare and the database lacks: on its line in schemas/tables.ts.
    const renamed = findings().find((f) => f.rule === 'renamed-column' && f.object === 'public.campaign_jobs.job_payload')!;
    const at = byId.get(renamed.id)!.locations[0]!;
    expect(at.physicalLocation!.artifactLocation.uri).toBe('schemas/tables.ts');
    expect(at.physicalLocation!.region.startLine).toBe(lineOf('schemas/tables.ts', 'job_payload:'));
    expect(at.logicalLocations![0]!.fullyQualifiedName).toBe('public.campaign_jobs.job_payload');
    // A legacy table: on its legacy declaration.
    const legacy = findings().find((f) => f.id === 'legacy-table:public.event_store')!;
    expect(byId.get(legacy.id)!.locations[0]!.physicalLocation!.artifactLocation.uri).toBe('schemas/legacy.ts');
    expect(byId.get(legacy.id)!.locations[0]!.physicalLocation!.region.startLine).toBe(lineOf('schemas/legacy.ts', "'event_store'"));
    // The fix is in the message (code scanning shows only the message).
    expect(byId.get(renamed.id)!.message.text).toContain('Fix: ');
    expect(byId.get(renamed.id)!.level).toBe('error');
  });

  it('junit: one test case per finding in a suite per table, and every count matches', async () => {
    const r = await audit(['--format', 'junit', '--fail-on', 'critical']);
    expect(r.code, r.stderr).toBe(1);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(r.stdout, true) as {
      testsuites: { tests: string; failures: string; skipped: string; testsuite: { name: string; tests: string; failures: string; testcase: { name: string; failure?: unknown }[] }[] };
    };
    const suites = parsed.testsuites.testsuite;
    expect(suites.map((s) => s.name).sort()).toEqual(report.tables.map((t) => (t.table === '(schema)' ? 'types, views and functions' : t.table)).sort());
    let cases = 0;
    let failures = 0;
    for (const s of suites) {
      const t = report.tables.find((x) => x.table === s.name || (x.table === '(schema)' && s.name === 'types, views and functions'))!;
      expect(s.testcase).toHaveLength(Math.max(1, t.findings.length));
      expect(Number(s.tests)).toBe(s.testcase.length);
      expect(Number(s.failures)).toBe(s.testcase.filter((c) => c.failure !== undefined).length);
      expect(Number(s.failures)).toBe(t.findings.filter((f) => f.severity === 'critical').length);
      cases += s.testcase.length;
      failures += Number(s.failures);
    }
    expect(Number(parsed.testsuites.tests)).toBe(cases);
    expect(Number(parsed.testsuites.failures)).toBe(failures);
    expect(failures).toBe(report.summary.critical);
    expect(cases).toBe(findings().length + report.tables.filter((t) => t.findings.length === 0).length);
  });

  it('github annotations by default inside GitHub Actions, on the declaration line; gcc lines with the fix', async () => {
    const gh = await audit([], { GITHUB_ACTIONS: 'true' });
    expect(gh.code).toBe(1);
    const lines = gh.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::'))).toHaveLength(findings().length);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^::error file=schemas/tables\\.ts,line=${lineOf('schemas/tables.ts', 'job_payload:')},col=\\d+,title=schemaguard audit renamed-column%3A public\\.campaign_jobs\\.job_payload::`)));
    expect(lines.at(-1)).toMatch(/^schemaguard audit: \d+ findings across/);
    // an explicit format wins over the environment
    expect((await audit(['--format', 'json'], { GITHUB_ACTIONS: 'true' })).stdout.startsWith('{')).toBe(true);

    const gcc = await audit(['--format', 'gcc']);
    expect(gcc.stdout).toMatch(new RegExp(`^schemas/tables\\.ts:${lineOf('schemas/tables.ts', 'job_payload:')}:\\d+: error: column job_payload is missing from public\\.campaign_jobs.* \\[renamed-column\\]$`, 'm'));
    expect(gcc.stdout).toMatch(/^schemas\/tables\.ts:\d+:\d+: note: fix: ALTER TABLE/m);
  });

  it('markdown: summary first, clean tables in one line, long tables folded, migrate up while migrations are pending, under the comment cap', async () => {
    const r = await audit(['--format', 'markdown']);
    expect(r.code).toBe(1);
    const md = r.stdout;
    expect(md.length).toBeLessThan(65_536);
    const lines = md.split('\n');
    expect(lines[0]).toMatch(/^## Schema audit: `/);
    expect(lines[2]).toMatch(/^❌ \*\*Fails\*\* at `--fail-on info`: \d+ findings across \d+ tables/);
    const clean = report.tables.filter((t) => t.findings.length === 0);
    if (clean.length > 0) expect(md.split('\n').filter((l) => l.startsWith('✅ ') && l.includes('the models:'))).toHaveLength(1);
    for (const t of clean) expect(md).not.toContain(`| \`${t.table}\` |`);
    const long = report.tables.filter((t) => t.findings.length > 5);
    expect(long.length).toBeGreaterThan(0);
    expect(md.match(/<details><summary>/g)?.length).toBeGreaterThanOrEqual(long.length);
    expect(md.match(/<details>/g)?.length).toBe(md.match(/<\/details>/g)?.length);
    const next = md.slice(md.indexOf('## Next steps'));
    // The database is at migration 000007 of 15: applying them comes before writing new ones.
    expect(next).toMatch(/Apply the 8 pending migrations .*`schemaguard migrate up`/);
    expect(next).toContain('--rename OLD:NEW');
    expect(next).toContain('accepted-drift file');
  });
});

// The shared CI renderer: SARIF validated against the official 2.1.0 JSON schema (draft-04,
// as shipped in @microsoft/jest-sarif), gcc lines, GitHub annotations and their escaping.
import { describe, expect, it } from 'vitest';
import { defaultFormat, escapeData, escapeProperty, renderDiagnostics, sarifLog, type Diagnostic, type DiagnosticReport, type DiagnosticRule } from '../../src/report/ci/index.js';
import { sarifValidator } from '../support/sarif.js';

const indexRule: DiagnosticRule = { id: 'SG001', name: 'index-without-concurrently', summary: 'CREATE INDEX without CONCURRENTLY', help: 'Building an index without CONCURRENTLY blocks writes. Use CREATE INDEX CONCURRENTLY in a no-transaction migration.', level: 'warning' };
const missing: DiagnosticRule = { id: 'missing-column', summary: 'A column the models declare is missing from the database', help: 'Write a migration that adds it: schemaguard migrate generate NAME.', level: 'error' };

const diagnostics: Diagnostic[] = [
  { rule: indexRule, level: 'warning', message: 'CREATE INDEX on "users" blocks writes', fix: 'CREATE INDEX CONCURRENTLY users_email ON users (email);', location: { file: { file: 'migrations/000002 add index.up.sql', line: 3, column: 1, endLine: 3, endColumn: 40 } }, fingerprint: 'SG001:migrations/000002:3' },
  { rule: missing, level: 'error', message: 'column public.users.email is missing', fix: 'ALTER TABLE "public"."users" ADD COLUMN "email" text;', location: { file: { file: 'schemas/tables.ts', line: 12, column: 5 }, logical: { name: 'public.users.email', kind: 'column' } }, fingerprint: 'missing-column:public.users.email' },
  { rule: { ...missing, id: 'undeclared-table', level: 'note' }, level: 'note', message: 'table public.tmp, 100% unused: a,b', fix: '', location: { logical: { name: 'public.tmp', kind: 'table' } } },
];
const report: DiagnosticReport = { tool: 'lint', diagnostics, summary: '3 findings', rules: [indexRule, { ...indexRule, id: 'SG002' }] };

describe('SARIF', () => {
  const validate = sarifValidator();

  it('validates against the SARIF 2.1.0 schema, with every rule and result', () => {
    const doc = JSON.parse(renderDiagnostics('sarif', report));
    expect(validate(doc)).toEqual([]);
    const run = doc.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['SG001', 'SG002', 'missing-column', 'undeclared-table']);
    expect(run.results).toHaveLength(3);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('migrations/000002%20add%20index.up.sql');
    expect(run.results[1].locations[0].logicalLocations[0].fullyQualifiedName).toBe('public.users.email');
    expect(run.results[1].message.text).toContain('Fix: ALTER TABLE');
    expect(run.results[2].locations[0].physicalLocation).toBeUndefined();
    // ruleIndex points at the rule of the same id
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('the validator rejects a broken log (it can fail)', () => {
    const doc = sarifLog(report) as { runs: { results: Record<string, unknown>[] }[] };
    doc.runs[0]!.results[0]!.level = 'critical';
    expect(validate(doc).length).toBeGreaterThan(0);
    expect(validate({ version: '2.0.0', runs: [] }).length).toBeGreaterThan(0);
  });

  it('an empty report is a valid log with no results', () => {
    const doc = JSON.parse(renderDiagnostics('sarif', { tool: 'audit', diagnostics: [], summary: 'clean' }));
    expect(validate(doc)).toEqual([]);
    expect(doc.runs[0].results).toEqual([]);
  });
});

describe('gcc', () => {
  it('prints file:line:col: level: message [rule], a note with the fix, and the object when no file', () => {
    const lines = renderDiagnostics('gcc', report).trimEnd().split('\n');
    expect(lines).toEqual([
      'migrations/000002 add index.up.sql:3:1: warning: CREATE INDEX on "users" blocks writes [SG001]',
      'migrations/000002 add index.up.sql:3:1: note: fix: CREATE INDEX CONCURRENTLY users_email ON users (email);',
      'schemas/tables.ts:12:5: error: column public.users.email is missing [missing-column]',
      'schemas/tables.ts:12:5: note: fix: ALTER TABLE "public"."users" ADD COLUMN "email" text;',
      'schemaguard: note: table public.tmp, 100% unused: a,b (public.tmp) [undeclared-table]',
      'schemaguard lint: 3 findings',
    ]);
  });

  it('keeps one diagnostic on one line whatever the message holds', () => {
    const text = renderDiagnostics('gcc', { tool: 'audit', summary: 's', diagnostics: [{ ...diagnostics[0]!, message: 'a\nb\r\nc' }] });
    expect(text.split('\n')[0]).toBe('migrations/000002 add index.up.sql:3:1: warning: a b c [SG001]');
  });
});

describe('GitHub annotations', () => {
  it('escapes % CR LF in data, and : , too in properties', () => {
    expect(escapeData('100%\r\nnext')).toBe('100%25%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('one workflow command per diagnostic, on the file and line when known', () => {
    const lines = renderDiagnostics('github', report).trimEnd().split('\n');
    expect(lines[0]).toBe('::warning file=migrations/000002 add index.up.sql,line=3,col=1,endLine=3,endColumn=40,title=schemaguard lint SG001 index-without-concurrently::CREATE INDEX on "users" blocks writes%0Afix: CREATE INDEX CONCURRENTLY users_email ON users (email);');
    expect(lines[1]).toBe('::error file=schemas/tables.ts,line=12,col=5,title=schemaguard lint missing-column%3A public.users.email::column public.users.email is missing%0Afix: ALTER TABLE "public"."users" ADD COLUMN "email" text;');
    expect(lines[2]).toBe('::notice title=schemaguard lint undeclared-table%3A public.tmp::table public.tmp, 100%25 unused: a,b');
    expect(lines[3]).toBe('schemaguard lint: 3 findings');
  });

  it('a file name with a comma or colon cannot end the property', () => {
    const d: Diagnostic = { ...diagnostics[0]!, location: { file: { file: 'a,b:c.sql', line: 1 } } };
    expect(renderDiagnostics('github', { tool: 'lint', summary: '', diagnostics: [d] })).toContain('file=a%2Cb%3Ac.sql,line=1,');
  });

  it('is the default inside GitHub Actions only', () => {
    expect(defaultFormat({ GITHUB_ACTIONS: 'true' }, 'table')).toBe('github');
    expect(defaultFormat({}, 'table')).toBe('table');
    expect(defaultFormat({ GITHUB_ACTIONS: 'false' }, 'text')).toBe('text');
  });
});

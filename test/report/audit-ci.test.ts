// Audit findings as CI diagnostics, on hand-built schemas: one rule per finding kind (every
// kind has help), levels from severities, accepted drift suppressed in SARIF and absent from
// the line formats, and the fallback location when no declaration is known.
import { describe, expect, it } from 'vitest';
import { auditSchemas, type FindingRule } from '../../src/audit/index.js';
import { compileModels, t, table } from '../../src/model/index.js';
import { AUDIT_RULES, auditDiagnostics, renderDiagnostics } from '../../src/report/ci/index.js';
import { sarifValidator } from '../support/sarif.js';

const actual = compileModels([table('jobs', { id: t.uuid().primaryKey(), extra: t.text() })]).schema;
const desired = compileModels([table('jobs', { id: t.uuid().primaryKey(), due: t.timestamptz() })]).schema;

describe('audit diagnostics', () => {
  it('a rule with help for every finding kind', () => {
    const kinds: FindingRule[] = ['missing-table', 'undeclared-table', 'legacy-table', 'renamed-table', 'missing-column', 'undeclared-column', 'legacy-column', 'renamed-column', 'column-mismatch', 'table-mismatch', 'missing-enum', 'undeclared-enum', 'legacy-enum', 'enum-mismatch', 'missing-index', 'orphaned-index', 'index-mismatch', 'invalid-index', 'missing-constraint', 'orphaned-constraint', 'constraint-mismatch', 'undeclared-object', 'legacy-object', 'object-mismatch', 'jsonb-shape', 'migration-history', 'acceptance-expired'];
    expect(AUDIT_RULES.map((r) => r.id).sort()).toEqual([...kinds].sort());
    for (const r of AUDIT_RULES) expect(r.help.length, r.id).toBeGreaterThan(20);
  });

  it('accepted drift is a suppressed SARIF result and absent from gcc and GitHub', () => {
    const result = auditSchemas({ actual, desired, accepted: [{ finding: 'undeclared-column:public.jobs.extra', reason: 'dropped next sprint', owner: 'dba@example.com', expires: '2999-01-01' }] });
    const report = auditDiagnostics({ result, summary: 's', locations: { models: { tables: { 'public.jobs': { file: 'm.ts', line: 3 } }, columns: { 'public.jobs.due': { file: 'm.ts', line: 5, column: 3 } }, enums: {}, objects: {}, legacy: {}, entry: 'm.ts' } } });
    const sarif = JSON.parse(renderDiagnostics('sarif', report)) as { runs: { results: { ruleId: string; level: string; suppressions?: { kind: string; justification: string }[]; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    expect(sarifValidator()(sarif)).toEqual([]);
    const results = sarif.runs[0]!.results;
    const extra = results.find((r) => r.ruleId === 'undeclared-column')!;
    expect(extra.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'dropped next sprint; owner dba@example.com; until 2999-01-01' }]);
    // undeclared: no declaration, no migration: filed under its table's declaration
    expect(extra.locations[0]!.physicalLocation.region.startLine).toBe(3);
    const due = results.find((r) => r.ruleId === 'missing-column')!;
    expect([due.level, due.locations[0]!.physicalLocation.region.startLine]).toEqual(['error', 5]);
    expect(renderDiagnostics('gcc', report)).not.toContain('extra');
    expect(renderDiagnostics('github', report)).not.toContain('extra');
    expect(renderDiagnostics('gcc', report)).toContain('m.ts:5:3: error: column due');
  });

  it('without locations a result still has a logical location and the SARIF stays valid', () => {
    const report = auditDiagnostics({ result: auditSchemas({ actual, desired }), summary: 's' });
    const sarif = JSON.parse(renderDiagnostics('sarif', report)) as { runs: { results: { locations: { logicalLocations: { fullyQualifiedName: string; kind: string }[] }[] }[] }[] };
    expect(sarifValidator()(sarif)).toEqual([]);
    expect(sarif.runs[0]!.results.map((r) => r.locations[0]!.logicalLocations[0])).toEqual(expect.arrayContaining([{ fullyQualifiedName: 'public.jobs.due', kind: 'column' }]));
    expect(renderDiagnostics('gcc', report)).toContain('schemaguard: error: column due');
  });
});

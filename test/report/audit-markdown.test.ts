// The Markdown report's shape on hand-built schemas: the comment cap, code spans that no name
// breaks, next steps chosen from the findings.
import { describe, expect, it } from 'vitest';
import { auditSchemas, reachesFailOn, type AuditResult } from '../../src/audit/index.js';
import { compileModels, t, table } from '../../src/model/index.js';
import { nextSteps, renderAuditMarkdown } from '../../src/report/audit-markdown.js';
import { cell, code } from '../../src/report/markdown.js';

function input(result: AuditResult, extra: Partial<Parameters<typeof renderAuditMarkdown>[0]> = {}) {
  return { result, target: 'db:5432/app', failOn: 'critical' as const, failed: reachesFailOn(result, 'critical'), ...extra };
}

/** n tables of which each lacks `columns` declared columns. */
function manyFindings(n: number, columns: number): AuditResult {
  const cols = Object.fromEntries(Array.from({ length: columns }, (_, i) => [`column_with_a_long_name_${i}`, t.text().notNull()]));
  const desired = compileModels(Array.from({ length: n }, (_, i) => table(`table_${String(i).padStart(4, '0')}`, { id: t.uuid().primaryKey(), ...cols }))).schema;
  const actual = compileModels(Array.from({ length: n }, (_, i) => table(`table_${String(i).padStart(4, '0')}`, { id: t.uuid().primaryKey() }))).schema;
  return auditSchemas({ actual, desired });
}

describe('markdown report', () => {
  it('code spans hold backticks and pipes verbatim; cells escape Markdown and HTML', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('``x')).toBe('``` ``x ```');
    expect(code('a|b\nc')).toBe('`a\\|b c`');
    expect(cell('a|b `c` <details> *x*\r\n[y]')).toBe('a\\|b \\`c\\` &lt;details&gt; \\*x\\* \\[y\\]');
  });

  it('a name with a backtick and a pipe stays inside its code span and its row', () => {
    const actual = compileModels([table('we`ird|name', { id: t.uuid() })]).schema;
    const md = renderAuditMarkdown(input(auditSchemas({ actual, desired: compileModels([table('x', { id: t.uuid() })]).schema })));
    expect(md).toContain('``public.we`ird\\|name``');
    for (const line of md.split('\n')) if (line.startsWith('|')) expect(line.endsWith('|'), line).toBe(true);
  });

  it('stays under the cap, worst tables first, and points at the full report', () => {
    const result = manyFindings(400, 8);
    expect(result.findings.length).toBe(400 * 8);
    const md = renderAuditMarkdown(input(result, { fullReport: 'https://ci.example/runs/7' }));
    expect(md.length).toBeLessThan(65_536);
    expect(md).toContain('**Cut to fit a comment**');
    expect(md).toContain('Full report: https://ci.example/runs/7');
    expect(md).toContain('## Next steps');
    expect(md.match(/<details>/g)?.length).toBe(md.match(/<\/details>/g)?.length);
    // small cap: still valid, still under it
    const small = renderAuditMarkdown(input(result), { maxLength: 5_000 });
    expect(small.length).toBeLessThanOrEqual(5_000);
    expect(small).toContain('schemaguard audit --format markdown --out report.md');
    // a report that fits is not cut
    expect(renderAuditMarkdown(input(manyFindings(2, 1)))).not.toContain('Cut to fit');
  });

  it('next steps: migrate up while migrations are pending, generate when none are, nothing when clean', () => {
    const result = manyFindings(1, 1);
    expect(nextSteps(result.findings, ['000009_x']).join('\n')).toMatch(/Apply the 1 pending migration .*`schemaguard migrate up`/);
    const none = nextSteps(result.findings, []).join('\n');
    expect(none).toContain('`schemaguard migrate generate NAME`');
    expect(none).not.toContain('pending');
    expect(none).toContain('accepted-drift file');
    expect(nextSteps([], [])).toEqual(['- Nothing to do: the database matches the models.']);
  });
});

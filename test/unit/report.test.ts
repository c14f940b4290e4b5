import { describe, expect, it } from 'vitest';
import { auditSchemas, reachesFailOn } from '../../src/audit/index.js';
import { compileModels, t, table } from '../../src/model/index.js';
import { renderAudit } from '../../src/report/audit.js';
import { UsageError } from '../../src/errors.js';

const actual = compileModels([table('jobs', { id: t.uuid().primaryKey(), payload: t.jsonb(), extra: t.text() })]).schema;
const desired = compileModels([table('jobs', { id: t.uuid().primaryKey(), payload: t.jsonb(), due: t.timestamptz() }), table('users', { id: t.uuid().primaryKey() })]).schema;
const result = auditSchemas({ actual, desired });
const input = (color: boolean) => ({ result, target: 'db:5432/app', failOn: 'critical' as const, failed: reachesFailOn(result, 'critical'), color });

describe('audit renderers', () => {
  it('table: colour by severity only when asked, never otherwise', () => {
    const plain = renderAudit('table', input(false));
    const coloured = renderAudit('table', input(true));
    expect(plain).not.toMatch(/\u001b\[/);
    expect(coloured).toMatch(/\u001b\[31m\u001b\[1mCRITICAL/);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
    expect(plain.split('\n').slice(0, 2)).toEqual(['schemaguard audit: db:5432/app', '3 findings across 2 tables: 2 critical, 1 warning, 0 info']);
  });

  it('table: every line fits the width, a table heading too long for it ends in an ellipsis', () => {
    const long = `t_${'x'.repeat(60)}`;
    const wide = auditSchemas({ actual: compileModels([table(long, { id: t.uuid().primaryKey() })]).schema, desired: compileModels([table(long, { id: t.uuid().primaryKey(), note: t.text() })]).schema });
    const text = renderAudit('table', { result: wide, target: 'db:5432/app', failOn: 'critical', failed: true, width: 40 });
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(40);
    expect(text).toMatch(/^public\.t_x+…  CRITICAL$/m);
  });

  it('junit: a suite per table, a test case per finding, failures only at --fail-on', () => {
    const xml = renderAudit('junit', input(false));
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toContain('tests="3" failures="2"');
    expect(xml).toContain('<system-out>warning: column extra (text) exists on public.jobs but is not declared\nfix: ');
  });

  it('markdown escapes pipes in messages', () => {
    const weird = auditSchemas({ actual: compileModels([table('a|b', { id: t.uuid() })]).schema, desired: compileModels([table('x', { id: t.uuid() })]).schema });
    const md = renderAudit('markdown', { result: weird, target: 't', failOn: 'critical', failed: true });
    expect(md).toContain('table public.a\\|b exists');
  });

  it('an unknown format is a usage error', () => {
    expect(() => renderAudit('xml', input(false))).toThrow(UsageError);
  });
});

// Declarations located in model sources: DSL and Drizzle, across re-exports, positions exact.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelDeclarations, scanDeclarations } from '../../src/config/model-locations.js';
import { REPO_ROOT } from '../support/fixtures.js';

/** The 1-based line of the first occurrence of `needle` in a repository file. */
function lineOf(file: string, needle: string): number {
  const lines = readFileSync(join(REPO_ROOT, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${file}`);
  return i + 1;
}

describe('model declarations', () => {
  it('follows the models entry through its re-exports to tables, columns, enums, indexes and legacy objects', () => {
    const d = modelDeclarations(REPO_ROOT, ['schemas/index.ts']);
    expect(d.entry).toBe('schemas/index.ts');
    expect(d.tables['public.users'] ?? d.tables.users).toEqual({ file: 'schemas/tables.ts', line: lineOf('schemas/tables.ts', "table('users'"), column: 28 });
    expect(d.columns['users.email']).toEqual({ file: 'schemas/tables.ts', line: lineOf('schemas/tables.ts', 'email: t.varchar(255)'), column: 3 });
    expect(d.enums.phase_type_enum?.line).toBe(lineOf('schemas/enums.ts', "'phase_type_enum'"));
    expect(d.objects.idx_user_sessions_expires_at?.line).toBe(lineOf('schemas/tables.ts', "'idx_user_sessions_expires_at'"));
    expect(d.legacy['table:campaigns']?.file).toBe('schemas/legacy.ts');
    expect(d.legacy['column:lead_generation_campaigns.campaign_type']?.line).toBe(lineOf('schemas/legacy.ts', "legacy.column('lead_generation_campaigns', 'campaign_type'"));
  });

  it('reads Drizzle tables by their database names', () => {
    const d = modelDeclarations(REPO_ROOT, ['test/fixtures/drizzle/schema.ts']);
    const file = 'test/fixtures/drizzle/schema.ts';
    expect(d.tables.users?.line).toBe(lineOf(file, "'users',"));
    expect(d.columns['users.last_ip']?.line).toBe(lineOf(file, "lastIp: inet('last_ip')"));
    expect(d.columns['users.lastIp']?.line).toBe(lineOf(file, "lastIp: inet('last_ip')"));
    expect(d.enums.status?.line).toBe(lineOf(file, "pgEnum('status'"));
  });

  it('ignores strings and comments that only look like declarations, and a schema option qualifies the table', () => {
    const source = [
      "// table('ghost', { a: t.text() })",
      "const s = \"table('ghost2', {})\";",
      "export const x = table('real', {",
      "  'quoted key': t.text(),",
      "  nested: t.jsonb().shape({ inner: 1 }),",
      "}, { schema: 'app', indexes: [{ name: 'real_idx', columns: ['nested'] }] });",
    ].join('\n');
    const d = scanDeclarations('m.ts', source);
    expect(Object.keys(d.tables).sort()).toEqual(['app.real', 'real']);
    expect(d.columns['app.real.quoted key']).toEqual({ file: 'm.ts', line: 4, column: 3 });
    expect(d.columns['real.nested']?.line).toBe(5);
    expect(d.columns['real.inner']).toBeUndefined();
    expect(d.objects.real_idx).toEqual({ file: 'm.ts', line: 6, column: 39 });
  });

  it('a missing or unreadable entry locates nothing and throws nothing', () => {
    const d = modelDeclarations(REPO_ROOT, ['does/not/exist.ts', undefined]);
    expect(d.tables).toEqual({});
    expect(d.entry).toBe('does/not/exist.ts');
  });
});

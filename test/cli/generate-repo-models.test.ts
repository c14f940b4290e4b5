// `migrate generate` on this repository's own models (schemas/: the phase-centric layout):
// from an empty migrations directory, then after a model change. Each time `check` accepts the
// result, and the down of the change restores the schema the earlier migrations build.
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/cli/sources.js';
import { diff } from '../../src/diff/index.js';
import { introspect } from '../../src/introspect/index.js';
import { parseSqlFile } from '../../src/lint/source.js';
import { resetDatabase } from '../convergence/harness.js';
import { runCli } from '../support/cli.js';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/db.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('migrate generate on this repository\'s models', () => {
  let dir: string;
  let a: TestDatabase;
  let b: TestDatabase;
  const env = () => ({ SCHEMAGUARD_SCRATCH_URL: adminUrl(), DATABASE_URL: undefined });

  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase('sg_gen_a'), createTestDatabase('sg_gen_b')]);
    // Inside the repository, so that the models resolve zod and the model DSL as they do here.
    await mkdir(join(ROOT, 'test', '.tmp'), { recursive: true });
    dir = await mkdtemp(join(ROOT, 'test', '.tmp', 'repo-models-'));
    await cp(join(ROOT, 'schemas'), join(dir, 'schemas'), { recursive: true });
    for (const f of await readdir(join(dir, 'schemas'))) {
      if (!f.endsWith('.ts')) continue;
      const path = join(dir, 'schemas', f);
      await writeFile(path, (await readFile(path, 'utf8')).replaceAll("'../src/model/index.js'", JSON.stringify(join(ROOT, 'src/model/index.js'))));
    }
    await mkdir(join(dir, 'migrations'));
    await writeFile(join(dir, 'schemaguard.config.json'), JSON.stringify({ models: './schemas/index.ts', migrations: './migrations', schemas: ['public'] }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await Promise.all([a?.dispose(), b?.dispose()]);
  });

  it('generates the whole schema from nothing, and check accepts it', async () => {
    const before = await runCli(['check'], { cwd: dir, env: env() });
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('model declares table public.lead_generation_campaigns but no migration creates it');
    const g = await runCli(['migrate', 'generate', 'phase centric schema'], { cwd: dir, env: env() });
    expect(g.stderr).toMatch(/^generated \d+ statements/);
    expect(g.code).toBe(0);
    const c = await runCli(['check'], { cwd: dir, env: env() });
    expect([c.code, c.stdout]).toEqual([0, 'check passed: 1 migration build exactly what the models declare\n']);
  });

  it('after a model change: a migration check accepts, whose down restores the previous schema', async () => {
    const tables = join(dir, 'schemas', 'tables.ts');
    const original = await readFile(tables, 'utf8');
    expect(original).toContain("export const users = table('users', {\n  id: id(),");
    await writeFile(tables, original.replace("export const users = table('users', {\n  id: id(),", "export const users = table('users', {\n  id: id(),\n  locale: t.varchar(10).notNull().default('en'),"));
    const g = await runCli(['migrate', 'generate', 'add user locale'], { cwd: dir, env: env() });
    expect(g.code).toBe(0);
    expect(g.stdout).toBe('migrations/000002_add_user_locale.up.sql\nmigrations/000002_add_user_locale.down.sql\n');
    const up = await readFile(join(dir, 'migrations', '000002_add_user_locale.up.sql'), 'utf8');
    expect(up).toMatch(/\nALTER TABLE "public"\."users" ADD COLUMN "locale" character varying\(10\) DEFAULT 'en'[^;\n]* NOT NULL;\n/);
    const c = await runCli(['check'], { cwd: dir, env: env() });
    expect([c.code, c.stdout]).toEqual([0, 'check passed: 2 migrations build exactly what the models declare\n']);

    // Down of 000002 after all ups equals what 000001 alone builds.
    await Promise.all([resetDatabase(a.sql), resetDatabase(b.sql)]);
    await applyMigrations(a.sql, join(dir, 'migrations'), dir);
    const down = await parseSqlFile('down', await readFile(join(dir, 'migrations', '000002_add_user_locale.down.sql'), 'utf8'));
    for (const s of down.statements) await a.sql.unsafe(s.text);
    const first = await parseSqlFile('up', await readFile(join(dir, 'migrations', '000001_phase_centric_schema.up.sql'), 'utf8'));
    for (const s of first.statements) await b.sql.unsafe(s.text);
    expect(diff(await introspect(a.sql), await introspect(b.sql), { detectRenames: false })).toEqual([]);
  });
});

// Issue 10: one owner for a migration file. `migrate up`, `check`, `diff --from migrations` and
// `lint` must take the files in the same order: numeric version order, so 9 < 10 < 000011.
// Each file renames what the previous one built, so any other order fails outright.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/db.js';

const MODEL_DSL = fileURLToPath(new URL('../../src/model/index.js', import.meta.url));
const MODELS = `import { t, table } from ${JSON.stringify(MODEL_DSL)};
export const ord = table('ord', { after_b: t.integer(), c: t.integer() });
`;

const FILES: Record<string, string> = {
  '9_a.up.sql': 'CREATE TABLE ord (id int);\n',
  '9_a.down.sql': 'DROP TABLE ord;\n',
  '10_b.up.sql': 'ALTER TABLE ord RENAME COLUMN id TO after_a;\n',
  '10_b.down.sql': 'ALTER TABLE ord RENAME COLUMN after_a TO id;\n',
  '000011_c.up.sql': 'ALTER TABLE ord RENAME COLUMN after_a TO after_b;\nALTER TABLE ord ADD COLUMN c int;\n',
  '000011_c.down.sql': 'ALTER TABLE ord DROP COLUMN c;\nALTER TABLE ord RENAME COLUMN after_b TO after_a;\n',
};
const ORDER = ['9_a', '10_b', '000011_c'];

describe('migration file order is the same for migrate, check, diff and lint', () => {
  let dir: string;
  let db: TestDatabase;
  const env = () => ({ SCHEMAGUARD_SCRATCH_URL: adminUrl(), DATABASE_URL: undefined });

  beforeAll(async () => {
    db = await createTestDatabase('sg_order');
    dir = await mkdtemp(join(tmpdir(), 'sg-order-'));
    await mkdir(join(dir, 'migrations'));
    await writeFile(join(dir, 'models.ts'), MODELS);
    await writeFile(join(dir, 'schemaguard.config.json'), JSON.stringify({ models: './models.ts', migrations: './migrations' }));
    for (const [name, text] of Object.entries(FILES)) await writeFile(join(dir, 'migrations', name), text);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await db?.dispose();
  });

  it('migrate up applies 9, 10, 000011 in that order', async () => {
    const r = await runCli(['migrate', 'up', '--db', db.url], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const output = r.stdout + r.stderr;
    const positions = ORDER.map((n) => output.indexOf(`${n}`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const cols = await db.sql<{ column_name: string }[]>`select column_name from information_schema.columns where table_schema = 'public' and table_name = 'ord' order by ordinal_position`;
    expect(cols.map((c) => c.column_name)).toEqual(['after_b', 'c']);
    const rows = await db.sql<{ name: string }[]>`select name from public.schemaguard_migrations order by version::numeric`;
    expect(rows.map((x) => x.name)).toEqual(ORDER);
  });

  it('check builds the same schema from the files (it fails in any other order) and sees them all applied', async () => {
    const r = await runCli(['check', '--db', db.url], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect([r.code, r.stdout]).toEqual([0, 'check passed: 3 migrations build exactly what the models declare; the database matches them and has applied every migration\n']);
  });

  it('diff --from migrations --to models is empty (the files applied in version order)', async () => {
    const r = await runCli(['diff', '--from', 'migrations', '--to', 'models', '--format', 'sql'], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
  });

  it('lint lists and replays the files in version order', async () => {
    const r = await runCli(['lint', '--format', 'json'], { cwd: dir, env: env(), timeoutMs: 120_000 });
    const doc = JSON.parse(r.stdout) as { files: string[] };
    expect(doc.files).toEqual(ORDER.flatMap((n) => [`migrations/${n}.up.sql`, `migrations/${n}.down.sql`]));
  });

  it('a second file with the same version is refused the same way by all four (exit 2)', async () => {
    await writeFile(join(dir, 'migrations', '0010_dup.up.sql'), 'SELECT 1;\n');
    try {
      for (const args of [['migrate', 'up', '--db', db.url], ['check'], ['diff', '--from', 'migrations', '--to', 'models'], ['lint']]) {
        const r = await runCli(args, { cwd: dir, env: env(), timeoutMs: 120_000 });
        expect([args[0], r.code]).toEqual([args[0], 2]);
        expect(r.stderr).toMatch(/two migrations share version 10: 0010_dup and 10_b/);
      }
    } finally {
      await rm(join(dir, 'migrations', '0010_dup.up.sql'));
    }
  });
});

// `migrate generate` is safe by construction (issue 16, item 2): off a terminal it refuses to
// write data-destroying SQL; concurrent index builds go into files of their own; what it writes
// runs on a table with rows and passes lint. The reproduction: two columns renamed in the models,
// a unique constraint added, a table with 2 rows.
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/db.js';

const MODEL_DSL = fileURLToPath(new URL('../../src/model/index.js', import.meta.url));

const ITEMS_UP = 'CREATE TABLE items (id bigserial PRIMARY KEY, title text NOT NULL, body text NOT NULL, sku text NOT NULL);\n';

const MODELS = `import { t, table } from ${JSON.stringify(MODEL_DSL)};
export const items = table('items', {
  id: t.bigserial().primaryKey(),
  item_title: t.text().notNull(),
  item_body: t.text().notNull(),
  sku: t.text().notNull().unique(),
});
`;

describe('migrate generate refuses data loss off a terminal and splits concurrent steps', () => {
  let dir: string;
  let live: TestDatabase;
  const env = () => ({ SCHEMAGUARD_SCRATCH_URL: adminUrl(), DATABASE_URL: undefined });
  const migrations = () => join(dir, 'migrations');

  beforeAll(async () => {
    live = await createTestDatabase('sg_gen_safe_live');
    dir = await mkdtemp(join(tmpdir(), 'sg-gen-safe-'));
    await mkdir(migrations());
    await writeFile(join(dir, 'models.ts'), MODELS);
    await writeFile(join(dir, 'schemaguard.config.json'), JSON.stringify({ models: './models.ts', migrations: './migrations' }));
    await writeFile(join(migrations(), '000001_items.up.sql'), ITEMS_UP);
    await writeFile(join(migrations(), '000001_items.down.sql'), 'DROP TABLE items;\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await live?.dispose();
  });

  it('off a TTY, without --rename: exit 1, names each rename and drop with its flag, writes nothing', async () => {
    const g = await runCli(['migrate', 'generate', 'rename columns'], { cwd: dir, env: env(), timeoutMs: 180_000 });
    expect(g.code).toBe(1);
    expect(g.stdout).toBe('');
    expect(g.stderr).toContain('--rename items.title:item_title');
    expect(g.stderr).toContain('--rename items.body:item_body');
    expect(g.stderr).toMatch(/DROP COLUMN "title"[^\n]*--accept-data-loss/);
    expect(g.stderr).toMatch(/DROP COLUMN "body"[^\n]*--accept-data-loss/);
    expect(g.stderr).toContain('nothing written');
    expect(await readdir(migrations())).toEqual(['000001_items.down.sql', '000001_items.up.sql']);
  }, 240_000);

  it('with --rename: one transactional file, the index build in a file of its own; up succeeds on a table with rows; lint is clean', async () => {
    const first = await runCli(['migrate', 'up', '--db', live.url], { cwd: dir, env: env(), timeoutMs: 180_000 });
    expect([first.code, first.stderr]).toEqual([0, expect.any(String)]);
    await live.sql.unsafe("INSERT INTO items (title, body, sku) VALUES ('a', 'first', 'A-1'), ('b', 'second', 'B-2')");

    const g = await runCli(['migrate', 'generate', 'rename columns', '--rename', 'items.title:item_title', '--rename', 'items.body:item_body'], { cwd: dir, env: env(), timeoutMs: 180_000 });
    expect(g.code).toBe(0);
    // generate lints what it wrote and says so (clean, or the findings with their summary).
    expect(g.stderr).toMatch(/\nlint(: no findings in 6 files|(?: of the generated files:\n)[\s\S]*\) in \d of 6 files)/);
    expect(g.stdout).toBe([
      'migrations/000002_rename_columns.up.sql', 'migrations/000002_rename_columns.down.sql',
      'migrations/000003_rename_columns_items_sku_key.up.sql', 'migrations/000003_rename_columns_items_sku_key.down.sql',
      'migrations/000004_rename_columns_constraints.up.sql', 'migrations/000004_rename_columns_constraints.down.sql',
    ].join('\n') + '\n');
    const read = (f: string) => readFile(join(migrations(), f), 'utf8');
    const main = await read('000002_rename_columns.up.sql');
    expect(main).not.toMatch(/no-transaction|CONCURRENTLY|DROP COLUMN/);
    expect(main).toContain('ALTER TABLE "public"."items" RENAME COLUMN "title" TO "item_title";');
    expect(main).toContain('ALTER TABLE "public"."items" RENAME COLUMN "body" TO "item_body";');
    const index = await read('000003_rename_columns_items_sku_key.up.sql');
    expect(index.split('\n')[0]).toBe('-- schemaguard:no-transaction');
    expect(index.match(/;\n/g)).toHaveLength(1);
    expect(index).toContain('CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "items_sku_key" ON "public"."items" ("sku");');
    expect(await read('000003_rename_columns_items_sku_key.down.sql')).toMatch(/^-- schemaguard:no-transaction\n[\s\S]*DROP INDEX CONCURRENTLY IF EXISTS "public"."items_sku_key";/);
    const constraints = await read('000004_rename_columns_constraints.up.sql');
    expect(constraints).not.toContain('no-transaction');
    expect(constraints).toContain('ADD CONSTRAINT "items_sku_key" UNIQUE USING INDEX "items_sku_key";');

    const up = await runCli(['migrate', 'up', '--db', live.url], { cwd: dir, env: env(), timeoutMs: 180_000 });
    expect(up.code).toBe(0);
    expect(await live.sql.unsafe('SELECT item_title, item_body, sku FROM items ORDER BY sku')).toEqual([
      { item_title: 'a', item_body: 'first', sku: 'A-1' },
      { item_title: 'b', item_body: 'second', sku: 'B-2' },
    ]);
    expect(await live.sql.unsafe("SELECT i.indisvalid FROM pg_index i JOIN pg_constraint c ON c.conindid = i.indexrelid WHERE c.conname = 'items_sku_key'")).toEqual([{ indisvalid: true }]);

    const lint = await runCli(['lint', '--format', 'json'], { cwd: dir, env: env() });
    const doc = JSON.parse(lint.stdout) as { findings: { severity: string; rule: string; file: string }[] };
    // A rename breaks the previous release mid-deploy (SG016, issue 12): the one warning left,
    // on the two confirmed renames of the up file (its down file renames back, and is spared).
    expect(doc.findings.filter((f) => f.severity !== 'info' && f.rule !== 'SG016')).toEqual([]);
    expect(doc.findings.filter((f) => f.rule === 'SG016').map((f) => f.file)).toEqual([
      'migrations/000002_rename_columns.up.sql', 'migrations/000002_rename_columns.up.sql',
    ]);
    expect(lint.code).toBe(1);
    const check = await runCli(['check'], { cwd: dir, env: env(), timeoutMs: 180_000 });
    expect(check.code).toBe(0);
  }, 600_000);
});

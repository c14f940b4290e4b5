// `schemaguard check` and `schemaguard migrate generate` on a project of their own (config,
// TypeScript models, migrations/), with seed 003's situation: models with no migration behind
// them. Scratch databases go on the test server (SCHEMAGUARD_SCRATCH_URL).
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

const MODEL_DSL = fileURLToPath(new URL('../../src/model/index.js', import.meta.url));

const MODELS = `import { t, table } from ${JSON.stringify(MODEL_DSL)};
export const jobs = table('jobs', {
  id: t.uuid().primaryKey().defaultSql('gen_random_uuid()'),
  job_type: t.text().notNull(),
  status: t.text().default('pending'),
  created_at: t.timestamptz().notNull().defaultNow(),
});
export const settings = table('settings', {
  id: t.uuid().primaryKey().defaultSql('gen_random_uuid()'),
  key: t.text().notNull().unique(),
  value: t.jsonb(),
});
export const discoveryQueries = table('discovery_queries', {
  id: t.uuid().primaryKey().defaultSql('gen_random_uuid()'),
  job_id: t.uuid().notNull().references('jobs', 'id', { onDelete: 'CASCADE' }),
  keyword: t.text().notNull(),
});
`;

const SETTINGS_UP = `CREATE TABLE settings (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), key text NOT NULL, value jsonb, CONSTRAINT settings_key_key UNIQUE (key));\n`;

describe('schemaguard check and migrate generate (CLI)', () => {
  let dir: string;
  let live: TestDatabase;
  let scratch: TestDatabase;
  const env = () => ({ SCHEMAGUARD_SCRATCH_URL: adminUrl(), DATABASE_URL: undefined });

  beforeAll(async () => {
    [live, scratch] = await Promise.all([createTestDatabase('sg_check_live'), createTestDatabase('sg_check_scratch')]);
    dir = await mkdtemp(join(tmpdir(), 'sg-check-'));
    await mkdir(join(dir, 'migrations'));
    await writeFile(join(dir, 'models.ts'), MODELS);
    await writeFile(join(dir, 'schemaguard.config.json'), JSON.stringify({ models: './models.ts', migrations: './migrations' }));
    await writeFile(join(dir, 'migrations', '000001_add_settings_table.up.sql'), SETTINGS_UP);
    await writeFile(join(dir, 'migrations', '000001_add_settings_table.down.sql'), 'DROP TABLE settings;\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await Promise.all([live?.dispose(), scratch?.dispose()]);
  });

  it('fails (exit 1) when models declare tables that no migration creates (seed 003)', async () => {
    const r = await runCli(['check'], { cwd: dir, env: env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('check failed: 2 differences');
    expect(r.stdout).toContain('  - model declares table public.discovery_queries but no migration creates it');
    expect(r.stdout).toContain('  - model declares table public.jobs but no migration creates it');
    expect(r.stdout).toContain('to write the missing migration: schemaguard migrate generate NAME');
  });

  it('fails when a migration creates something no model declares', async () => {
    await writeFile(join(dir, 'migrations', '000002_stray.up.sql'), 'CREATE TABLE event_store (id bigserial PRIMARY KEY);\nALTER TABLE settings ADD COLUMN note text;\n');
    await writeFile(join(dir, 'migrations', '000002_stray.down.sql'), 'ALTER TABLE settings DROP COLUMN note;\nDROP TABLE event_store;\n');
    try {
      const r = await runCli(['check', '--format', 'json'], { cwd: dir, env: env() });
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.stdout) as { ok: boolean; problems: { subject: string; message: string }[] };
      expect(doc.ok).toBe(false);
      expect(doc.problems.map((p) => p.message)).toEqual(expect.arrayContaining([
        'a migration creates table public.event_store that no model declares',
        'a migration creates column public.settings.note that no model declares',
      ]));
    } finally {
      await rm(join(dir, 'migrations', '000002_stray.up.sql'));
      await rm(join(dir, 'migrations', '000002_stray.down.sql'));
    }
  });

  it('migrate generate writes the next pair; check passes afterwards; the down restores the previous schema', async () => {
    const g = await runCli(['migrate', 'generate', 'Create base tables'], { cwd: dir, env: env() });
    expect(g.stderr).toMatch(/^generated \d+ statements from \d+ changes/);
    expect(g.code).toBe(0);
    expect(g.stdout).toBe('migrations/000002_create_base_tables.up.sql\nmigrations/000002_create_base_tables.down.sql\n');
    const up = await readFile(join(dir, 'migrations', '000002_create_base_tables.up.sql'), 'utf8');
    expect(up).toContain('CREATE TABLE "public"."jobs" (');
    expect(up.indexOf('CREATE TABLE "public"."jobs"')).toBeLessThan(up.indexOf('FOREIGN KEY ("job_id") REFERENCES "public"."jobs"'));

    const c = await runCli(['check'], { cwd: dir, env: env() });
    expect([c.code, c.stdout]).toEqual([0, 'check passed: 2 migrations build exactly what the models declare\n']);

    // Down after up gives back what migration 000001 alone builds.
    await resetDatabase(scratch.sql);
    await applyMigrations(scratch.sql, join(dir, 'migrations'), dir);
    const down = await parseSqlFile('down', await readFile(join(dir, 'migrations', '000002_create_base_tables.down.sql'), 'utf8'));
    for (const s of down.statements) await scratch.sql.unsafe(s.text);
    await resetDatabase(live.sql);
    await live.sql.unsafe(SETTINGS_UP);
    expect(diff(await introspect(scratch.sql), await introspect(live.sql), { detectRenames: false })).toEqual([]);

    const again = await runCli(['migrate', 'generate', 'nothing'], { cwd: dir, env: env() });
    expect([again.code, again.stdout, again.stderr]).toEqual([0, '', 'nothing to generate: the migrations already build what the models declare\n']);
    expect((await readdir(join(dir, 'migrations'))).length).toBe(4);
  });

  it('a model change generates a migration check accepts (column added, type changed)', async () => {
    await writeFile(join(dir, 'models.ts'), MODELS.replace("keyword: t.text().notNull(),", "keyword: t.text().notNull(),\n  location_code: t.integer(),").replace("status: t.text().default('pending')", "status: t.varchar(20).default('pending')"));
    try {
      const g = await runCli(['migrate', 'generate', 'add_location_code'], { cwd: dir, env: env() });
      expect(g.code).toBe(0);
      const up = await readFile(join(dir, 'migrations', '000003_add_location_code.up.sql'), 'utf8');
      expect(up).toContain('ALTER TABLE "public"."discovery_queries" ADD COLUMN "location_code" integer;');
      expect(up).toMatch(/-- hazard rewrites-table: [^\n]*\n(-- [^\n]*\n)*ALTER TABLE "public"."jobs" ALTER COLUMN "status" TYPE character varying\(20\)/);
      const c = await runCli(['check'], { cwd: dir, env: env() });
      expect(c.code).toBe(0);
    } finally {
      await writeFile(join(dir, 'models.ts'), MODELS);
      await rm(join(dir, 'migrations', '000003_add_location_code.up.sql'), { force: true });
      await rm(join(dir, 'migrations', '000003_add_location_code.down.sql'), { force: true });
    }
  });

  it('--db: the live database must match the models and have applied every migration', async () => {
    await resetDatabase(live.sql);
    await applyMigrations(live.sql, join(dir, 'migrations'), dir);
    const noHistory = await runCli(['check', '--db', live.url], { cwd: dir, env: env() });
    expect(noHistory.code).toBe(1);
    expect(noHistory.stdout).toContain('migration history:\n  - the database has no migration history table public.schemaguard_migrations');
    await live.sql.unsafe(`CREATE TABLE public.schemaguard_migrations (name text PRIMARY KEY);
      INSERT INTO public.schemaguard_migrations VALUES ('000001_add_settings_table'), ('000002_create_base_tables');`);
    const ok = await runCli(['check', '--db', live.url], { cwd: dir, env: env() });
    expect([ok.code, ok.stdout]).toEqual([0, 'check passed: 2 migrations build exactly what the models declare; the database matches them and has applied every migration\n']);
    await live.sql.unsafe(`ALTER TABLE jobs DROP COLUMN status; DELETE FROM public.schemaguard_migrations WHERE name = '000002_create_base_tables'`);
    const drift = await runCli(['check', '--db', live.url], { cwd: dir, env: env() });
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain('live database vs models:\n  - model declares column public.jobs.status but the database lacks it');
    expect(drift.stdout).toContain('  - migration 000002_create_base_tables is not applied to the database');
  });

  it('passes on this repository: migrations/ build exactly what schemas/ declare', async () => {
    const r = await runCli(['check', '--format', 'json'], { env: env() });
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as { ok: boolean; migrations: number; problems: unknown[] };
    expect(doc.problems).toEqual([]);
    expect(doc.ok).toBe(true);
    expect(doc.migrations).toBeGreaterThan(0);
    expect(r.code).toBe(0);
  });

  it('bad input: no models configured, a bad migration name, unreachable --db', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'sg-check-empty-'));
    try {
      await mkdir(join(empty, 'migrations'));
      const noModels = await runCli(['check'], { cwd: empty, env: env() });
      expect([noModels.code, noModels.stderr]).toEqual([2, 'schemaguard: no models given: pass --models FILE or set "models" in schemaguard.config.ts\n']);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
    const badName = await runCli(['migrate', 'generate', '!!!'], { cwd: dir, env: env() });
    expect([badName.code, badName.stderr]).toEqual([2, 'schemaguard: migration name must contain letters or digits, not "!!!"\n']);
    const down = await runCli(['check', '--db', 'postgres://u:topsecret@127.0.0.1:1/x'], { cwd: dir, env: env() });
    expect(down.code).toBe(2);
    expect(down.stderr).not.toContain('topsecret');
  });
});

// Hostile names: a table, columns, an enum, its labels, a default and a migration name made of
// quotes, semicolons, `--`, spaces and unicode go through migrate generate, migrate up, audit,
// diff and check without breaking SQL or executing anything they contain. A canary table and
// its row must survive every step.
import { quoteIdent, quoteQualified } from '../../src/schema/quote.js';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const TABLE = 'ta"ble; DROP TABLE canary; --';
const COLUMN = 'co"l; DELETE FROM canary; --';
const ENUM = `mo"od'; DROP TABLE canary; --`;
const MIGRATION = `hostile "name"; DROP TABLE canary; -- ünï`;
const DSL = new URL('../../src/model/index.ts', import.meta.url).pathname;

const MODELS = `import { t, table, enumType } from ${JSON.stringify(DSL)};
export const mood = enumType(${JSON.stringify(ENUM)}, ["ha'ppy", 'sa"d; --', 'ünï cødé']);
export const evil = table(${JSON.stringify(TABLE)}, {
  id: t.integer().primaryKey(),
  ${JSON.stringify(COLUMN)}: t.text().notNull().default("x'; DROP TABLE canary; --"),
  'spa ced ünï': t.enumOf(mood),
});
export const canary = table('canary', { id: t.integer().primaryKey() });
`;

describe('hostile identifiers through generate, migrate, audit, diff and check', () => {
  let db: TestDatabase;
  let dir: string;
  let migrations: string;
  let models: string;

  const canaryAlive = async () => {
    const rows = await db.sql<{ n: number }[]>`select count(*)::int as n from public.canary`;
    expect(rows[0]!.n).toBe(1);
  };

  beforeAll(async () => {
    db = await createTestDatabase('sg_hostile');
    dir = mkdtempSync(join(tmpdir(), 'sg-hostile-'));
    migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    models = join(dir, 'models.ts');
    writeFileSync(models, MODELS);
    writeFileSync(join(dir, 'schemaguard.config.json'), JSON.stringify({ models: './models.ts', migrations: './migrations' }));
  }, 60_000);

  afterAll(async () => db?.dispose());

  it('migrate generate writes a pair with the hostile name, and it applies cleanly', async () => {
    const gen = await runCli(['migrate', 'generate', MIGRATION, '--models', models, '--migrations', migrations], { cwd: dir, timeoutMs: 120_000 });
    expect(gen.code, gen.stderr).toBe(0);
    const files = readdirSync(migrations).sort();
    expect(files).toHaveLength(2);
    // The file name is a slug of the hostile name: nothing of it can reach a shell or SQL.
    expect(files[0]).toMatch(/^000001_[a-z0-9_]+\.down\.sql$/);
    const up = await runCli(['migrate', 'up', '--db', db.url, '--migrations', migrations], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    await db.sql`insert into public.canary values (1)`;
    const [t] = await db.sql<{ n: number }[]>`select count(*)::int as n from pg_class where relname = ${TABLE}`;
    expect(t!.n).toBe(1);
    const status = await runCli(['migrate', 'status', '--db', db.url, '--migrations', migrations, '--format', 'json'], { cwd: dir });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain(files[0]!.replace(/\.down\.sql$/, ''));
  });

  it('audit is clean, then names the hostile column exactly when it drifts', async () => {
    const clean = await runCli(['audit', '--db', db.url, '--models', models, '--format', 'json', '--fail-on', 'info'], { cwd: dir });
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    await db.sql.unsafe(`ALTER TABLE ${quoteQualified('public', TABLE)} DROP COLUMN ${quoteIdent(COLUMN)}`);
    const drift = await runCli(['audit', '--db', db.url, '--models', models, '--format', 'json'], { cwd: dir });
    expect(drift.code, drift.stderr).toBe(1);
    const report = JSON.parse(drift.stdout) as { tables: { table: string; findings: { severity: string; message: string }[] }[] };
    const table = report.tables.find((x) => x.table.includes(TABLE));
    expect(table, drift.stdout).toBeDefined();
    expect(table!.findings.some((f) => f.severity === 'critical' && f.message.includes(COLUMN))).toBe(true);
    await canaryAlive();
  });

  it('diff --format sql from the drifted database to the models repairs it, executing nothing it names', async () => {
    const d = await runCli(['diff', '--from', db.url, '--to', 'models', '--models', models, '--format', 'sql'], { cwd: dir, timeoutMs: 120_000 });
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toContain('ADD COLUMN');
    await db.sql.unsafe(d.stdout);
    await canaryAlive();
    const again = await runCli(['diff', '--from', db.url, '--to', 'models', '--models', models, '--format', 'sql'], { cwd: dir, timeoutMs: 120_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('');
    const audit = await runCli(['audit', '--db', db.url, '--models', models, '--fail-on', 'info'], { cwd: dir });
    expect(audit.code, audit.stdout).toBe(0);
  });

  it('check agrees that the migrations build the models; down removes everything it created', async () => {
    const check = await runCli(['check', '--models', models, '--migrations', migrations], { cwd: dir, timeoutMs: 180_000 });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    await db.sql`delete from public.canary`;
    const down = await runCli(['migrate', 'down', '--db', db.url, '--migrations', migrations, '--to', '0', '--yes'], { cwd: dir });
    expect(down.code, down.stderr).toBe(0);
    const [left] = await db.sql<{ n: number }[]>`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'schemaguard_migrations'`;
    expect(left!.n).toBe(0);
  });
});

// The library API (src/api, exported as schemaguard/api) against a real PostgreSQL: inspect,
// diffSchemas whose SQL converges, migrate up/down/status on a temp directory, audit against
// a models object, typed errors instead of exits, and nothing on stdout.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../../src/api/index.js';
import { ConfigError, ConnectionError, SchemaguardError, UsageError } from '../../src/errors.js';
import { t, table } from '../../src/model/index.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { migrationsDir } from '../support/migrate.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..');

const MIGRATIONS = {
  '000001_users.up.sql': 'CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);\n',
  '000001_users.down.sql': 'DROP TABLE users;\n',
  '000002_posts.up.sql': 'CREATE TABLE posts (id integer PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id), body text);\nCREATE INDEX posts_user_id_idx ON posts (user_id);\n',
  '000002_posts.down.sql': 'DROP TABLE posts;\n',
};

describe('schemaguard/api', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  let stdout: ReturnType<typeof vi.spyOn>;
  let exit: ReturnType<typeof vi.spyOn>;
  let consoleLog: ReturnType<typeof vi.spyOn>;

  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase('sg_api_a'), createTestDatabase('sg_api_b')]);
  });
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
  });
  beforeEach(() => {
    stdout = vi.spyOn(process.stdout, 'write');
    consoleLog = vi.spyOn(console, 'log');
    exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`process.exit(${code}) called`);
    }) as never);
  });
  afterEach(() => {
    // Nothing the API does prints or exits.
    expect(stdout).not.toHaveBeenCalled();
    expect(consoleLog).not.toHaveBeenCalled();
    expect(exit).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });

  it('inspect returns a table created in the database', async () => {
    await a.sql.unsafe('CREATE TABLE widgets (id integer PRIMARY KEY, name text NOT NULL)');
    const schema = await api.inspect({ db: a.url });
    const widgets = schema.tables.find((x) => x.schema === 'public' && x.name === 'widgets');
    expect(widgets?.columns.map((c) => c.name)).toEqual(['id', 'name']);
    // Plain data: it survives JSON.
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    const scoped = await api.inspect({ db: a.url, schemas: ['public'] });
    expect(scoped.tables.map((x) => x.name)).toContain('widgets');
  });

  it('diffSchemas between two inspected databases gives SQL that makes the second diff empty', async () => {
    await b.sql.unsafe(`
      CREATE TABLE widgets (id integer PRIMARY KEY, name text);
      CREATE TABLE gadgets (id bigint PRIMARY KEY, widget_id integer REFERENCES widgets (id), label varchar(40) DEFAULT 'x');
      CREATE INDEX gadgets_widget_idx ON gadgets (widget_id);`);
    const [from, to] = await Promise.all([api.inspect({ db: a.url }), api.inspect({ db: b.url })]);
    const first = await api.diffSchemas(from, to);
    expect(first.changes.length).toBeGreaterThan(0);
    expect(first.sql.length).toBe(first.statements.length);
    expect(first.sql.some((s) => /CREATE TABLE/i.test(s) && s.includes('gadgets'))).toBe(true);
    for (const statement of first.sql) await a.sql.unsafe(statement);
    const second = await api.diffSchemas(await api.inspect({ db: a.url }), to);
    expect(second.changes).toEqual([]);
    expect(second.sql).toEqual([]);
  });

  it('diffSchemas rejects what is not a Schema with a UsageError', async () => {
    await expect(api.diffSchemas({} as never, {} as never)).rejects.toBeInstanceOf(UsageError);
  });

  it('migrateUp applies a directory, migrationStatus shows it, migrateDown rolls one back', async () => {
    const db = await createTestDatabase('sg_api_migrate');
    try {
      const dir = migrationsDir(MIGRATIONS);
      const lines: string[] = [];
      const before = await api.migrationStatus({ db: db.url, dir });
      expect(before.historyExists).toBe(false);
      expect(before.migrations.map((m) => m.state)).toEqual(['pending', 'pending']);

      const dry = await api.migrateUp({ db: db.url, dir, dryRun: true });
      expect(dry.dryRunSql).toContain('CREATE TABLE users');
      expect((await api.migrationStatus({ db: db.url, dir })).migrations.map((m) => m.state)).toEqual(['pending', 'pending']);

      const up = await api.migrateUp({ db: db.url, dir, log: (l) => lines.push(l) });
      expect(up.direction).toBe('up');
      expect(up.done.map((d) => d.name)).toEqual(['000001_users', '000002_posts']);
      const applied = await api.migrationStatus({ db: db.url, dir });
      expect(applied.historyExists).toBe(true);
      expect(applied.migrations.map((m) => [m.name, m.state])).toEqual([
        ['000001_users', 'applied'],
        ['000002_posts', 'applied'],
      ]);
      expect(applied.problems).toEqual([]);

      const down = await api.migrateDown({ db: db.url, dir });
      expect(down.done.map((d) => d.name)).toEqual(['000002_posts']);
      const after = await api.migrationStatus({ db: db.url, dir });
      expect(after.migrations.map((m) => m.state)).toEqual(['applied', 'pending']);
      const [row] = await db.sql.unsafe<{ posts: string | null }[]>(`select to_regclass('public.posts')::text as posts`);
      expect(row?.posts).toBeNull();

      // The history table is left out of inspect, as the CLI does.
      const schema = await api.inspect({ db: db.url });
      expect(schema.tables.map((x) => x.name)).toEqual(['users']);

      // Audit against a models object: users is declared, accounts is missing.
      const report = await api.audit({
        db: db.url,
        models: {
          users: table('users', { id: t.integer().primaryKey(), email: t.text().notNull() }),
          accounts: table('accounts', { id: t.integer().primaryKey() }),
        },
        migrationsDir: dir,
      });
      expect(report.findings.map((f) => f.rule)).toEqual(['missing-table']);
      expect(report.pendingMigrations).toEqual(['000002_posts']);
      expect(api.reachesFailOn(report, 'critical')).toBe(report.totals.critical > 0);

      // Or a path to the models module, as the config's `models` (this repository's domain models).
      const fromFile = await api.audit({ db: db.url, models: join(REPO_ROOT, 'schemas/index.ts'), sample: 0 });
      expect(fromFile.declaredTables).toBeGreaterThan(0);
      expect(fromFile.findings.some((f) => f.rule === 'missing-table')).toBe(true);
      expect(fromFile.pendingMigrations).toBeNull();
    } finally {
      await db.dispose();
    }
  });

  it('bad input rejects with typed errors, never an exit', async () => {
    const unreachable = 'postgres://nobody:secret@127.0.0.1:1/nowhere';
    const refused = api.inspect({ db: unreachable });
    await expect(refused).rejects.toBeInstanceOf(ConnectionError);
    await expect(refused).rejects.not.toThrow(/secret/);
    await expect(api.migrationStatus({ db: unreachable, dir: migrationsDir(MIGRATIONS) })).rejects.toBeInstanceOf(ConnectionError);
    await expect(api.migrateUp({ db: unreachable, dir: migrationsDir(MIGRATIONS) })).rejects.toBeInstanceOf(ConnectionError);
    await expect(api.inspect({ db: 'not a url' })).rejects.toBeInstanceOf(UsageError);
    await expect(api.inspect({} as never)).rejects.toBeInstanceOf(UsageError);
    await expect(api.migrateUp({ db: a.url, dir: '/nonexistent/migrations' })).rejects.toBeInstanceOf(SchemaguardError);
    await expect(api.migrateDown({ db: a.url, dir: migrationsDir(MIGRATIONS), step: 0 })).rejects.toBeInstanceOf(UsageError);
    await expect(api.migrateUp({ db: a.url, dir: migrationsDir(MIGRATIONS), retries: 1.5 })).rejects.toBeInstanceOf(UsageError);
    await expect(api.inspect({ db: a.url, historyTable: '.x' })).rejects.toThrow(/invalid historyTable/);
    await expect(api.audit({ db: a.url, models: {} })).rejects.toBeInstanceOf(ConfigError);
    await expect(api.audit({ db: a.url, models: '/nonexistent/models.ts' })).rejects.toBeInstanceOf(SchemaguardError);
  });
});

// The built dist, as `npm test` makes it before vitest runs (the CLI tests use it too): not
// rebuilt here, where files other test files' CLI children are loading would be rewritten.
describe('the package export "./api"', () => {
  it('resolves by the package name to the built module, which exports the API', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { types: string; default: string }> };
    const entry = pkg.exports['./api'];
    expect(entry).toEqual({ types: './dist/src/api/index.d.ts', default: './dist/src/api/index.js' });
    expect(existsSync(join(REPO_ROOT, entry!.default)), 'build first: npx tsc -p tsconfig.build.json').toBe(true);
    expect(existsSync(join(REPO_ROOT, entry!.types))).toBe(true);
    // Self-reference through "exports", as a dependent package would import it.
    const script = `const m = await import('schemaguard/api'); console.log(import.meta.resolve('schemaguard/api')); console.log(Object.keys(m).sort().join(','))`;
    const { stdout: printed } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    const [url, names] = printed.trim().split('\n');
    expect(url).toBe(pathToFileURL(join(REPO_ROOT, entry!.default)).href);
    expect(names?.split(',')).toEqual(expect.arrayContaining(['audit', 'diffSchemas', 'inspect', 'migrateDown', 'migrateUp', 'migrationStatus', 'ConnectionError']));
  });
});

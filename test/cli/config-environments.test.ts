// The config says which database and history table: at the top level, or per environment
// chosen with --env NAME. Unknown keys and typo'd accepted-drift entries are one-line errors
// (exit 2) naming the key at file:line:col.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

let dev: TestDatabase;
let prod: TestDatabase;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sg-config-env-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const MIGRATIONS = {
  'migrations/000001_widgets.up.sql': 'create table widgets (id int primary key);\n',
  'migrations/000001_widgets.down.sql': 'drop table widgets;\n',
};

function oneLine(r: CliResult, code: number, says: RegExp): void {
  expect(r.code).toBe(code);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(says);
}

async function tables(db: TestDatabase): Promise<string[]> {
  const rows = await db.sql<{ t: string }[]>`select table_schema || '.' || table_name as t from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema') order by 1`;
  return rows.map((r) => r.t);
}

beforeAll(async () => {
  [dev, prod] = await Promise.all([createTestDatabase('sg_env_dev'), createTestDatabase('sg_env_prod')]);
  await prod.sql.unsafe('create schema ops');
});

afterAll(async () => {
  await Promise.all([dev?.dispose(), prod?.dispose()]);
});

describe('environments', () => {
  it('--env prod selects its database and history table; the top level stays the default', async () => {
    const dir = project({
      ...MIGRATIONS,
      'schemaguard.config.json': JSON.stringify({
        db: dev.url,
        historyTable: 'public.dev_history',
        environments: { prod: { db: '${PROD_URL}', historyTable: 'ops.prod_history' } },
      }, null, 2),
    });
    const env = { DATABASE_URL: undefined, PROD_URL: prod.url };
    const up = await runCli(['migrate', 'up', '--env', 'prod'], { cwd: dir, env });
    expect(up.stderr).not.toMatch(/error/i);
    expect(up.code).toBe(0);
    expect(await tables(prod)).toEqual(['ops.prod_history', 'public.widgets']);
    expect(await tables(dev)).toEqual([]);

    const status = await runCli(['migrate', 'status', '--env', 'prod', '--format', 'json'], { cwd: dir, env });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ historyTable: 'ops.prod_history' });

    // No --env: the top-level db and historyTable.
    const devUp = await runCli(['migrate', 'up'], { cwd: dir, env });
    expect(devUp.code).toBe(0);
    expect(await tables(dev)).toEqual(['public.dev_history', 'public.widgets']);
  });

  it('--db and --history-table outrank the environment', async () => {
    const dir = project({
      ...MIGRATIONS,
      'schemaguard.config.json': JSON.stringify({ environments: { prod: { db: 'postgres://nobody@127.0.0.1:1/nowhere', historyTable: 'ops.prod_history' } } }),
    });
    const r = await runCli(['migrate', 'status', '--env', 'prod', '--db', prod.url, '--history-table', 'public.other', '--format', 'json'], { cwd: dir, env: { DATABASE_URL: undefined } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ historyTable: 'public.other' });
  });

  it('an unknown environment names the ones there are', async () => {
    const dir = project({ 'schemaguard.config.json': JSON.stringify({ environments: { dev: {}, prod: {} } }) });
    oneLine(await runCli(['migrate', 'status', '--env', 'staging'], { cwd: dir }), 2, /^schemaguard: --env staging: no such environment in .*schemaguard\.config\.json \(it has dev, prod\)\n$/);
  });

  it('a ${VAR} that is not set is an error, not an empty URL', async () => {
    const dir = project({ 'schemaguard.config.json': JSON.stringify({ environments: { prod: { db: '${SG_UNSET_URL}' } } }) });
    oneLine(await runCli(['migrate', 'status', '--env', 'prod'], { cwd: dir, env: { SG_UNSET_URL: undefined } }), 2, /"db" uses \$\{SG_UNSET_URL\}, which is not set\n$/);
  });
});

describe('config errors', () => {
  it('an unknown key in JSON: file:line:col, the key, a suggestion, exit 2, nothing run', async () => {
    const dir = project({ ...MIGRATIONS, 'schemaguard.config.json': `{\n  "db": "${prod.url}",\n  "environments": {\n    "prod": { "histroyTable": "x" }\n  }\n}\n` });
    oneLine(await runCli(['migrate', 'up'], { cwd: dir }), 2, /^schemaguard: .*schemaguard\.config\.json:4:15: unknown key "environments\.prod\.histroyTable" \(did you mean "historyTable"\?\)\n$/);
    expect(await tables(prod)).not.toContain('public.schemaguard_migrations');
  });

  it('an unknown key in a TS config: file:line:col', async () => {
    const dir = project({ 'schemaguard.config.ts': `export default {\n  migrations: './migrations',\n  historyTabel: 'x',\n};\n` });
    oneLine(await runCli(['migrate', 'status'], { cwd: dir }), 2, /^schemaguard: .*schemaguard\.config\.ts:3:3: unknown key "historyTabel" \(did you mean "historyTable"\?\)\n$/);
  });

  it('a JSON syntax error: file:line:col', async () => {
    const dir = project({ 'schemaguard.config.json': `{\n  "migrations": "./m"\n  "db": "x"\n}\n` });
    oneLine(await runCli(['migrate', 'status'], { cwd: dir }), 2, /^schemaguard: .*schemaguard\.config\.json:3:3: invalid JSON: /);
  });

  it('a bad historyTable in the config is named as such', async () => {
    const dir = project({ 'schemaguard.config.json': JSON.stringify({ historyTable: 'a.' }) });
    oneLine(await runCli(['migrate', 'status', '--db', prod.url], { cwd: dir }), 2, /^schemaguard: invalid historyTable in the config "a\.": expected \[schema\.\]name/);
  });

  it('a typo in an accepted-drift entry is an error, not an acceptance that never matches', async () => {
    const dir = project({
      'schemaguard.config.json': JSON.stringify({ models: fileURLToPath(new URL('../../schemas/index.ts', import.meta.url)), acceptedDrift: './accepted.json' }),
      'accepted.json': JSON.stringify({ accepted: [{ finding: 'undeclard-column:public.t.extra', reason: 'r', owner: 'o', expires: '2999-01-01' }] }),
    });
    oneLine(await runCli(['audit', '--db', prod.url], { cwd: dir }), 2, /^schemaguard: invalid accepted-drift file .*accepted\.json: "accepted\.0\.finding": unknown finding kind "undeclard-column" \(did you mean "undeclared-column"\?\)\n$/);
  });
});

// Bad input to `audit`: one line on stderr, exit 2, no stack trace, no password, and the
// database untouched.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { runCli } from '../support/cli.js';
import { REPO_ROOT, applySql } from '../support/fixtures.js';

const DSL = join(REPO_ROOT, 'src/model/index.js');

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sg-audit-bad-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function expectOneLineError(r: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).toMatch(pattern);
}

describe('audit: bad input', () => {
  let db: TestDatabase;
  const fingerprint = async () =>
    (await db.sql.unsafe(`select string_agg(relname || ':' || relkind::text, ',' order by relname) as f from pg_class where relnamespace = 'public'::regnamespace`))[0]!.f as string;
  let before: string;
  beforeAll(async () => {
    db = await createTestDatabase('sg_audit_errors');
    await applySql(db.url, 'CREATE TABLE users (id uuid PRIMARY KEY)');
    before = await fingerprint();
  });
  afterAll(async () => {
    expect(await fingerprint()).toBe(before);
    await db?.dispose();
  });

  it('a model file that fails to load', async () => {
    const syntax = project({ 'schemaguard.config.json': '{"models": "./models.ts"}', 'models.ts': 'export const users = table(\n' });
    expectOneLineError(await runCli(['audit', '--db', db.url], { cwd: syntax }), /^schemaguard: cannot load models .*models\.ts:\d+:\d+: /);
    const throws = project({ 'schemaguard.config.json': '{"models": "./models.ts"}', 'models.ts': "throw new Error('no models today');\n" });
    expectOneLineError(await runCli(['audit', '--db', db.url], { cwd: throws }), /^schemaguard: cannot load models .*models\.ts: no models today\n$/);
    expectOneLineError(await runCli(['audit', '--db', db.url, '--models', 'nope.ts'], { cwd: throws }), /^schemaguard: models file not found: .*nope\.ts\n$/);
  });

  it('an invalid model: duplicate column, reference to a missing table', async () => {
    const dup = project({
      'models.ts': `import { t, table } from ${JSON.stringify(DSL)};\nexport const users = table('users', { id: t.uuid().primaryKey(), email: t.text(), mail: t.text().named('email') });\n`,
    });
    expectOneLineError(await runCli(['audit', '--db', db.url, '--models', 'models.ts'], { cwd: dup }), /^schemaguard: invalid model: table public\.users declares the column "email" twice\n$/);
    const missing = project({
      'models.ts': `import { t, table } from ${JSON.stringify(DSL)};\nexport const posts = table('posts', { id: t.uuid().primaryKey(), author_id: t.uuid().references('authors') });\n`,
    });
    expectOneLineError(
      await runCli(['audit', '--db', db.url, '--models', 'models.ts'], { cwd: missing }),
      /^schemaguard: invalid model: the foreign key of public\.posts\.author_id references the missing table public\.authors\n$/,
    );
    const empty = project({ 'models.ts': 'export const nothing = 1;\n' });
    expectOneLineError(await runCli(['audit', '--db', db.url, '--models', 'models.ts'], { cwd: empty }), /^schemaguard: no models found in .*models\.ts/);
  });

  it('an unknown format or --fail-on', async () => {
    expectOneLineError(await runCli(['audit', '--db', db.url, '--format', 'xml'], { cwd: REPO_ROOT }), /argument 'xml' is invalid/);
    expectOneLineError(await runCli(['audit', '--db', db.url, '--fail-on', 'sometimes'], { cwd: REPO_ROOT }), /argument 'sometimes' is invalid/);
  });

  it('config problems', async () => {
    expectOneLineError(await runCli(['audit', '--db', db.url, '--config', 'missing.json'], { cwd: REPO_ROOT }), /^schemaguard: config file not found: missing\.json\n$/);
    const unknownKey = project({ 'schemaguard.config.json': '{"models": "./m.ts", "modles": "typo"}' });
    expectOneLineError(await runCli(['audit', '--db', db.url], { cwd: unknownKey }), /^schemaguard: .*schemaguard\.config\.json:1:22: unknown key "modles" \(did you mean "models"\?\)\n$/);
    const brokenJson = project({ 'schemaguard.config.json': '{"models": ' });
    expectOneLineError(await runCli(['audit', '--db', db.url], { cwd: brokenJson }), /^schemaguard: .*schemaguard\.config\.json:1:12: invalid JSON: /);
    const noModels = project({});
    expectOneLineError(await runCli(['audit', '--db', db.url], { cwd: noModels }), /^schemaguard: no models given: pass --models FILE or set "models" in schemaguard\.config\.ts\n$/);
    const badAccepted = project({
      'schemaguard.config.json': JSON.stringify({ models: join(REPO_ROOT, 'schemas/index.ts'), acceptedDrift: './accepted.json' }),
      'accepted.json': JSON.stringify({ accepted: [{ finding: 'x', reason: 'r', owner: 'o', expires: 'next week' }] }),
    });
    expectOneLineError(await runCli(['audit', '--db', db.url], { cwd: badAccepted }), /^schemaguard: invalid accepted-drift file .*accepted\.json: "accepted\.0\.expires": expected a date YYYY-MM-DD\n$/);
  });

  it('no database, or one that cannot be reached: one line, no password', async () => {
    expectOneLineError(await runCli(['audit'], { cwd: REPO_ROOT, env: { DATABASE_URL: undefined } }), /^schemaguard: no database given: pass --db postgres:\/\/… or --env NAME, set DATABASE_URL, "db" in the config, or PGHOST\/PGDATABASE\/PGSERVICE\n$/);
    const r = await runCli(['audit', '--db', 'postgres://auditor:s3cret-pw@127.0.0.1:1/app'], { cwd: REPO_ROOT });
    expectOneLineError(r, /^schemaguard: cannot connect to 127\.0\.0\.1:1\/app: connection refused/);
    expect(r.stderr).not.toContain('s3cret-pw');
  });
});

describe('audit: models in a schema the database does not have', () => {
  it('is drift (missing enum and table), not an error', async () => {
    const db = await createTestDatabase('sg_audit_noschema');
    try {
      const dir = project({
        'models.ts': `import { enumType, t, table } from ${JSON.stringify(DSL)};\nexport const s = enumType('s', ['a'], { schema: 'billing' });\nexport const invoices = table('invoices', { id: t.uuid().primaryKey(), state: t.enumOf(s) }, { schema: 'billing' });\n`,
      });
      const r = await runCli(['audit', '--db', db.url, '--models', 'models.ts', '--format', 'json'], { cwd: dir });
      expect(r.stderr).toBe('');
      const doc = JSON.parse(r.stdout) as { tables: { findings: { id: string }[] }[] };
      expect(doc.tables.flatMap((t) => t.findings.map((f) => f.id))).toEqual(['missing-table:billing.invoices', 'missing-enum:billing.s']);
      expect(r.code).toBe(1);
    } finally {
      await db.dispose();
    }
  });
});

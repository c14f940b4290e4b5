// Drizzle schema files as models, read through drizzle-orm's getTableConfig: a database built
// by the SQL drizzle-kit would generate audits clean against the Drizzle schema, and each kind
// of drift is found with exactly the findings the same schema gives as DSL models (pulled).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { ok, type AuditJson } from '../support/domain.js';
import { catalogSnapshot } from '../support/migrate.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DRIZZLE = fileURLToPath(new URL('../fixtures/drizzle/schema.ts', import.meta.url));
const SQL = readFileSync(new URL('../fixtures/drizzle/schema.sql', import.meta.url), 'utf8');
const WORK = join(REPO, 'test', '.tmp', `drizzle-${process.pid}-${randomBytes(3).toString('hex')}`);

const open: TestDatabase[] = [];
beforeAll(() => mkdirSync(WORK, { recursive: true }));
afterAll(async () => {
  while (open.length > 0) await open.pop()!.dispose();
  rmSync(WORK, { recursive: true, force: true });
});

async function built(): Promise<TestDatabase> {
  const db = await createTestDatabase('sg_drizzle');
  open.push(db);
  await db.sql.unsafe(SQL);
  return db;
}

async function audit(url: string, models: string, extra: readonly string[] = []): Promise<{ code: number | null; report: AuditJson; stderr: string }> {
  const r = await runCli(['audit', '--db', url, '--models', models, '--format', 'json', '--fail-on', 'warning', ...extra], { cwd: WORK, timeoutMs: 120_000 });
  expect(r.stderr).not.toMatch(/internal error/);
  return { code: r.code, report: JSON.parse(r.stdout) as AuditJson, stderr: r.stderr };
}

const findings = (report: AuditJson) =>
  report.tables.flatMap((t) => t.findings.map((f) => `${f.severity} ${f.rule} ${f.object}: ${f.message}`)).sort();

describe('Drizzle models', () => {
  it('a database built from the drizzle-kit SQL audits clean: exit 0, zero findings', async () => {
    const db = await built();
    const { code, report } = await audit(db.url, DRIZZLE, ['--fail-on', 'info']);
    expect(findings(report)).toEqual([]);
    expect(report.tables.map((t) => t.table).sort()).toEqual(['billing.invoices', 'public.post_tags', 'public.posts', 'public.users']);
    expect(code).toBe(0);
    const d = await runCli(['diff', '--from', 'models', '--to', db.url, '--models', DRIZZLE, '--format', 'json'], { cwd: WORK });
    expect((JSON.parse(d.stdout) as { changes: unknown[] }).changes).toEqual([]);
  });

  it('each kind of drift is found, with the same findings as the same schema declared as DSL models', async () => {
    const db = await built();
    // The same schema as DSL models, written by pull from the clean database.
    const dsl = join(WORK, 'dsl');
    ok(await runCli(['pull', '--db', db.url, '--out', dsl], { cwd: WORK }), 'pull');
    await db.sql.unsafe(`
      ALTER TABLE posts DROP COLUMN body;                            -- missing column
      ALTER TABLE users ALTER COLUMN score TYPE numeric(12,2);       -- type
      ALTER TABLE users ALTER COLUMN name DROP NOT NULL;             -- nullability
      ALTER TABLE users ALTER COLUMN active SET DEFAULT false;       -- default
      DROP INDEX users_name_idx;                                     -- missing index
      ALTER TABLE users RENAME COLUMN last_ip TO last_address;       -- rename
    `);
    const fromDrizzle = await audit(db.url, DRIZZLE);
    const fromDsl = await audit(db.url, join(dsl, 'index.ts'));
    const got = findings(fromDrizzle.report);
    expect(got).toEqual(findings(fromDsl.report));
    expect(fromDrizzle.code).toBe(1);
    const text = got.join('\n');
    expect(text).toMatch(/posts\.body/);
    expect(text).toMatch(/users\.score/);
    expect(text).toMatch(/users\.name/);
    expect(text).toMatch(/users\.active/);
    expect(text).toMatch(/users_name_idx/);
    expect(text).toMatch(/likely.*renamed|renamed/i);
    expect(text).toMatch(/last_ip.*last_address|last_address.*last_ip/);
  });

  it('migrate generate from Drizzle models builds the database the drizzle-kit SQL builds', async () => {
    const reference = await built();
    const dir = join(WORK, 'gen');
    mkdirSync(join(dir, 'migrations'), { recursive: true });
    writeFileSync(join(dir, 'schemaguard.config.json'), JSON.stringify({ models: DRIZZLE, migrations: './migrations' }));
    ok(await runCli(['migrate', 'generate', 'initial'], { cwd: dir, timeoutMs: 120_000 }), 'generate');
    const target = await createTestDatabase('sg_drizzle_gen');
    open.push(target);
    ok(await runCli(['migrate', 'up', '--db', target.url], { cwd: dir }), 'migrate up');
    const d = await runCli(['diff', '--from', reference.url, '--to', target.url, '--format', 'json', '--schema', 'public', 'billing'], { cwd: dir });
    // The target also holds schemaguard's own history table.
    const changes = (JSON.parse(d.stdout) as { changes: unknown[] }).changes.filter((c) => !JSON.stringify(c).includes('"schemaguard_migrations"'));
    expect(changes).toEqual([]);
  });

  it('a Drizzle schema whose drizzle-orm cannot be resolved, or with an unreadable feature, is one line, exit 2', async () => {
    const db = await built();
    const before = await catalogSnapshot(db.sql);
    // Outside any project with drizzle-orm installed: a file that fakes a Drizzle table.
    const lonely = join('/tmp', `sg-drizzle-lonely-${process.pid}.mjs`);
    writeFileSync(lonely, `export const users = { [Symbol.for('drizzle:IsDrizzleTable')]: true };\n`);
    try {
      const r = await runCli(['audit', '--db', db.url, '--models', lonely], { cwd: '/tmp' });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/drizzle-orm cannot be resolved from it/);
    } finally {
      rmSync(lonely, { force: true });
    }
    const bad = join(WORK, 'bad-schema.ts');
    writeFileSync(bad, `import { pgTable, smallserial } from 'drizzle-orm/pg-core';\nexport const t = pgTable('t', { id: smallserial('id') });\n`);
    const r = await runCli(['audit', '--db', db.url, '--models', bad], { cwd: WORK });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/Drizzle table public\.t: column id is smallserial/);
    expect(await catalogSnapshot(db.sql)).toBe(before);
  });
});

// The README's recipe "Adopting schemaguard on an existing database", end to end: a database
// built by hand with no migrations (seed 003's `create_all` case: tables an ORM created, no
// history) → pull → migrate generate initial → baseline --to 1 → check → a model change →
// migrate generate → migrate up → audit clean. Nothing of the application's is rewritten.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { ok, type AuditJson } from '../support/domain.js';
import { appliedNames } from '../support/migrate.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WORK = join(REPO, 'test', '.tmp', `adopt-${process.pid}-${randomBytes(3).toString('hex')}`);

// What `Base.metadata.create_all()` leaves: uuid keys, ix_* indexes, one foreign key, rows.
const CREATE_ALL = `
CREATE TABLE jobs (
  id uuid NOT NULL PRIMARY KEY, user_id uuid, job_type varchar NOT NULL, params json, status varchar DEFAULT 'pending',
  result json, error_message text, created_at timestamptz DEFAULT now(), updated_at timestamptz DEFAULT now());
CREATE INDEX ix_jobs_job_type ON jobs (job_type);
CREATE INDEX ix_jobs_status ON jobs (status);
CREATE TABLE prospects (
  id uuid NOT NULL PRIMARY KEY, domain varchar NOT NULL, page_url text, contact_email varchar, da_est numeric(5,2),
  score numeric(5,2) DEFAULT 0, outreach_status varchar DEFAULT 'pending', last_sent timestamptz, created_at timestamptz DEFAULT now());
CREATE INDEX ix_prospects_domain ON prospects (domain);
CREATE INDEX ix_prospects_contact_email ON prospects (contact_email);
CREATE TABLE email_logs (
  id uuid NOT NULL PRIMARY KEY, prospect_id uuid NOT NULL REFERENCES prospects (id), subject text, body text, response json,
  sent_at timestamptz DEFAULT now());
CREATE INDEX ix_email_logs_prospect_id ON email_logs (prospect_id);
INSERT INTO prospects (id, domain) VALUES ('00000000-0000-0000-0000-000000000001', 'example.com');
INSERT INTO email_logs (id, prospect_id, subject) VALUES ('00000000-0000-0000-0000-0000000000e1', '00000000-0000-0000-0000-000000000001', 'hi');
`;

let db: TestDatabase | undefined;
afterAll(async () => {
  await db?.dispose();
  rmSync(WORK, { recursive: true, force: true });
});

describe('adopting schemaguard on an existing database (README recipe)', () => {
  it('pull → generate initial → baseline → check → change → generate → up → audit clean', async () => {
    db = await createTestDatabase('sg_adopt_recipe');
    await db.sql.unsafe(CREATE_ALL);
    const dir = join(WORK, 'app');
    mkdirSync(join(dir, 'migrations'), { recursive: true });
    writeFileSync(join(dir, 'schemaguard.config.json'), JSON.stringify({ models: './models/index.ts', migrations: './migrations' }));
    const env = { DATABASE_URL: db.url };
    const sg = (...args: string[]): Promise<CliResult> => runCli(args, { cwd: dir, env, timeoutMs: 180_000 });

    ok(await sg('pull', '--out', 'models'), 'pull');
    ok(await sg('migrate', 'generate', 'initial'), 'migrate generate initial');
    expect(readdirSync(join(dir, 'migrations')).sort()).toEqual(['000001_initial.down.sql', '000001_initial.up.sql']);
    const initial = readFileSync(join(dir, 'migrations', '000001_initial.up.sql'), 'utf8');
    expect(initial).toContain('CREATE TABLE "public"."email_logs"');

    ok(await sg('migrate', 'baseline', '--to', '1'), 'migrate baseline --to 1');
    expect(await appliedNames(db.sql)).toEqual(['000001_initial']);
    const check = await sg('check');
    expect(check.stderr + check.stdout).not.toMatch(/internal error/);
    expect(check.code).toBe(0);

    // A model change: a new nullable column on prospects.
    const modelFile = join(dir, 'models', 'public.ts');
    const models = readFileSync(modelFile, 'utf8');
    const changed = models.replace('export const prospects = table("prospects", {\n', 'export const prospects = table("prospects", {\n  notes: t.text(),\n');
    expect(changed).not.toBe(models);
    writeFileSync(modelFile, changed);
    const drift = await sg('audit', '--format', 'json');
    expect(drift.code).toBe(1);

    ok(await sg('migrate', 'generate', 'add_prospect_notes'), 'migrate generate add_prospect_notes');
    ok(await sg('migrate', 'up'), 'migrate up');
    expect(await appliedNames(db.sql)).toEqual(['000001_initial', '000002_add_prospect_notes']);

    const audit = await sg('audit', '--format', 'json', '--fail-on', 'info');
    const report = JSON.parse(audit.stdout) as AuditJson;
    expect(report.tables.flatMap((t) => t.findings)).toEqual([]);
    expect(audit.code).toBe(0);
    // The application's rows are where they were.
    expect(await db.sql`select domain, notes from prospects`).toEqual([{ domain: 'example.com', notes: null }]);
    expect((await sg('check')).code).toBe(0);
  });
});

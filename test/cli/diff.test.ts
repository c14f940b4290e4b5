// `schemaguard diff` through the built CLI, on real databases: sql output converges, text and
// json formats, migrations as a source, renames, and bad input.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/db/connect.js';
import { parseSqlFile } from '../../src/lint/source.js';
import { runCli } from '../support/cli.js';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/db.js';
import { resetDatabase } from '../convergence/harness.js';
import { ensureRole } from '../support/roles.js';

async function runScript(sql: Sql, script: string): Promise<void> {
  const source = await parseSqlFile('plan.sql', script);
  for (const s of source.statements) await sql.unsafe(s.text);
}

const OLD = `CREATE TABLE campaigns (id int PRIMARY KEY, name text, campaign_type text);
CREATE TABLE jobs (id int PRIMARY KEY, payload jsonb, status text);
INSERT INTO campaigns VALUES (1, 'a', 'x');`;
const NEW = `CREATE TABLE lead_generation_campaigns (id int PRIMARY KEY, name text, campaign_type text);
CREATE TABLE jobs (id int PRIMARY KEY, job_payload jsonb, status text NOT NULL, created_at timestamptz DEFAULT now());
CREATE INDEX jobs_status ON jobs (status);`;

describe('schemaguard diff (CLI)', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase('sg_diff_a'), createTestDatabase('sg_diff_b')]);
    dir = await mkdtemp(join(tmpdir(), 'sg-diff-'));
  });
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('--format sql with confirmed renames converges: applied to FROM, a second diff prints nothing', async () => {
    await Promise.all([resetDatabase(a.sql), resetDatabase(b.sql)]);
    await a.sql.unsafe(OLD);
    await b.sql.unsafe(NEW);
    const r = await runCli(['diff', '--from', a.url, '--to', b.url, '--format', 'sql', '--rename', 'campaigns:lead_generation_campaigns', '--rename', 'jobs.payload:job_payload']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ALTER TABLE "public"."campaigns" RENAME TO "lead_generation_campaigns";');
    expect(r.stdout).toContain('ALTER TABLE "public"."jobs" RENAME COLUMN "payload" TO "job_payload";');
    expect(r.stdout).toContain('-- runs outside a transaction\nCREATE INDEX CONCURRENTLY "jobs_status"');
    expect(r.stdout).toContain('-- hazard may-fail: fails if status holds NULL');
    await runScript(a.sql, r.stdout);
    const again = await runCli(['diff', '--from', a.url, '--to', b.url, '--format', 'sql']);
    expect([again.code, again.stdout, again.stderr]).toEqual([0, '', '']);
    const [row] = await a.sql<{ name: string }[]>`select name from lead_generation_campaigns where id = 1`;
    expect(row?.name).toBe('a');
  });

  it('unconfirmed renames are drop + add, with a note on stderr naming the flag', async () => {
    await Promise.all([resetDatabase(a.sql), resetDatabase(b.sql)]);
    await a.sql.unsafe(OLD);
    await b.sql.unsafe(NEW);
    const r = await runCli(['diff', '--from', a.url, '--to', b.url, '--format', 'sql']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('likely rename public.campaigns → public.lead_generation_campaigns not confirmed: planned as drop + add (confirm with --rename campaigns:lead_generation_campaigns)');
    expect(r.stdout).toContain('-- hazard deletes-data: drops table public.campaigns and its rows\nDROP TABLE "public"."campaigns";');
    expect(r.stdout).not.toContain('RENAME');
  });

  it('renames recorded in the config are confirmed; one already applied is ignored', async () => {
    await writeFile(join(dir, 'schemaguard.config.json'), JSON.stringify({ renames: ['campaigns:lead_generation_campaigns', 'old_table:new_table'] }));
    try {
      const r = await runCli(['diff', '--from', a.url, '--to', b.url, '--format', 'sql'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('ALTER TABLE "public"."campaigns" RENAME TO "lead_generation_campaigns";');
      expect(r.stdout).not.toContain('RENAME COLUMN');
      expect(r.stderr).toContain('likely rename public.jobs.payload → job_payload not confirmed');
    } finally {
      await rm(join(dir, 'schemaguard.config.json'));
    }
  });

  it('text: a summary line per object and a unified diff of its DDL', async () => {
    const r = await runCli(['diff', '--from', a.url, '--to', b.url]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ changes in 2 objects from 127\.0\.0\.1:\d+\/sg_diff_a_\w+ to /);
    expect(r.stdout).toContain('~ table public.jobs: RenameColumn payload → job_payload (confidence');
    expect(r.stdout).toContain('-  "payload" jsonb,');
    expect(r.stdout).toContain('+  "job_payload" jsonb,');
    expect(r.stdout).toContain('+CREATE INDEX "jobs_status" ON "public"."jobs" USING btree ("status");');
  });

  it('json: the changes, versioned', async () => {
    const r = await runCli(['diff', '--from', a.url, '--to', b.url, '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { version: number; changes: { kind: string }[] };
    expect(doc.version).toBe(1);
    expect(doc.changes.map((c) => c.kind)).toContain('RenameTable');
    expect(doc.changes.map((c) => c.kind)).toContain('AddIndex');
  });

  it('owners between two databases: ALTER … OWNER TO, left alone with --no-owners', async () => {
    await ensureRole('sg diff "owner"');
    await Promise.all([resetDatabase(a.sql), resetDatabase(b.sql)]);
    await a.sql.unsafe('CREATE TABLE t (id int PRIMARY KEY)');
    await b.sql.unsafe('CREATE TABLE t (id int PRIMARY KEY); ALTER TABLE t OWNER TO "sg diff ""owner"""');
    const r = await runCli(['diff', '--from', a.url, '--to', b.url, '--format', 'sql'], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('ALTER TABLE "public"."t" OWNER TO "sg diff ""owner""";');
    const left = await runCli(['diff', '--from', a.url, '--to', b.url, '--format', 'sql', '--no-owners'], { cwd: dir });
    expect([left.code, left.stdout, left.stderr]).toEqual([0, '', '']);
  });

  it('migrations as a source: applied to a scratch database, compared with a live one', async () => {
    await mkdir(join(dir, 'migrations'), { recursive: true });
    await writeFile(join(dir, 'migrations', '000001_init.up.sql'), '-- schemaguard:no-transaction\nCREATE TABLE t (id int PRIMARY KEY);\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n');
    await writeFile(join(dir, 'migrations', '000001_init.down.sql'), 'DROP TABLE t;\n');
    await resetDatabase(a.sql);
    await a.sql.unsafe('CREATE TABLE t (id int PRIMARY KEY); CREATE INDEX t_id ON t (id);');
    const same = await runCli(['diff', '--from', 'migrations', '--to', a.url, '--format', 'sql'], { cwd: dir, env: { SCHEMAGUARD_SCRATCH_URL: adminUrl() } });
    expect([same.code, same.stdout, same.stderr]).toEqual([0, '', '']);
    await a.sql.unsafe('ALTER TABLE t ADD COLUMN note text');
    const differ = await runCli(['diff', '--from', 'migrations', '--to', a.url, '--format', 'sql'], { cwd: dir, env: { SCHEMAGUARD_SCRATCH_URL: adminUrl() } });
    expect(differ.stdout).toContain('ALTER TABLE "public"."t" ADD COLUMN "note" text;');
  });

  it('migrations on the embedded server when no scratch server is given', async () => {
    const r = await runCli(['diff', '--from', 'migrations', '--to', a.url, '--format', 'json'], { cwd: dir, env: { SCHEMAGUARD_SCRATCH_URL: undefined }, timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { changes: { kind: string }[] }).changes.map((c) => c.kind)).toEqual(['AddColumn']);
  });

  it('bad input: unknown source, missing flag, bad --rename, a rename that matches nothing, unreachable URL, failing migration', async () => {
    const unknown = await runCli(['diff', '--from', 'yesterday', '--to', 'models']);
    expect([unknown.code, unknown.stderr]).toEqual([2, 'schemaguard: --from must be a postgres:// URL, "migrations" or "models", not "yesterday"\n']);
    const missing = await runCli(['diff', '--from', a.url]);
    expect(missing.code).toBe(2);
    const badRename = await runCli(['diff', '--from', a.url, '--to', b.url, '--rename', 'nocolon', '--format', 'sql']);
    expect([badRename.code, badRename.stderr.split('\n').length]).toEqual([2, 2]);
    const noMatch = await runCli(['diff', '--from', a.url, '--to', b.url, '--rename', 'x:y', '--format', 'sql']);
    expect(noMatch.code).toBe(2);
    expect(noMatch.stderr).toMatch(/--rename x:y matches no likely rename/);
    const down = await runCli(['diff', '--from', 'postgres://u:pw-secret@127.0.0.1:1/x', '--to', b.url]);
    expect(down.code).toBe(2);
    expect(down.stderr).not.toContain('pw-secret');
    await writeFile(join(dir, 'migrations', '000002_bad.up.sql'), '\nALTER TABLE missing ADD COLUMN x int;\n');
    const failing = await runCli(['diff', '--from', 'migrations', '--to', a.url], { cwd: dir, env: { SCHEMAGUARD_SCRATCH_URL: adminUrl() } });
    expect(failing.code).toBe(2);
    expect(failing.stderr).toBe('schemaguard: migrations/000002_bad.up.sql:2:1: relation "missing" does not exist (applying migrations to a scratch database)\n');
    await rm(join(dir, 'migrations', '000002_bad.up.sql'));
  });

  it('the history table is never compared: two migrated databases, or one migrated and one not, diff to nothing', async () => {
    await Promise.all([resetDatabase(a.sql), resetDatabase(b.sql)]);
    await a.sql.unsafe(`DROP SCHEMA IF EXISTS ops CASCADE`);
    const mig = join(dir, 'history-migrations');
    await mkdir(mig, { recursive: true });
    await writeFile(join(mig, '000001_items.up.sql'), 'CREATE TABLE items (id int PRIMARY KEY, name text);\n');
    await writeFile(join(mig, '000001_items.down.sql'), 'DROP TABLE items;\n');
    const up = (url: string, extra: string[] = []) => runCli(['migrate', 'up', '--db', url, '--migrations', mig, ...extra], { timeoutMs: 120_000 });
    // A by schemaguard (default history table), B by hand: the plan must not drop the history.
    expect((await up(a.url)).code).toBe(0);
    await b.sql.unsafe('CREATE TABLE items (id int PRIMARY KEY, name text)');
    const oneSided = await runCli(['diff', '--from', a.url, '--to', b.url, '--format', 'sql']);
    expect([oneSided.code, oneSided.stdout, oneSided.stderr]).toEqual([0, '', '']);
    const reverse = await runCli(['diff', '--from', b.url, '--to', a.url, '--format', 'sql']);
    expect([reverse.code, reverse.stdout, reverse.stderr]).toEqual([0, '', '']);
    // Both migrated by schemaguard, B with its history in a schema of its own.
    await b.sql.unsafe('DROP TABLE items');
    expect((await up(b.url, ['--history-table', 'ops.history'])).code).toBe(0);
    const both = await runCli(['diff', '--from', a.url, '--to', b.url, '--format', 'sql', '--history-table', 'ops.history']);
    expect([both.code, both.stdout, both.stderr]).toEqual([0, '', '']);
    const text = await runCli(['diff', '--from', a.url, '--to', b.url, '--history-table', 'ops.history']);
    expect(text.stdout).not.toMatch(/schemaguard_migrations|ops/);
    // inspect does not count it either.
    const inspect = await runCli(['inspect', '--db', a.url, '--format', 'json']);
    expect(inspect.code).toBe(0);
    expect((JSON.parse(inspect.stdout) as { tables: { name: string }[] }).tables.map((t) => t.name)).toEqual(['items']);
    await b.sql.unsafe(`DROP SCHEMA IF EXISTS ops CASCADE`);
  });
});

// Fleets (issue 14): three servers × two databases each plus a database with five tenant
// schemas, driven through the config's targets. Each step builds on the one before: roll out
// the head with a canary, audit everything, a canary that fails, then passes, and a rollout
// stopped by Ctrl-C (sent once a target is seen mid-migration) and resumed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../../src/db/connect.js';
import { startEmbedded, freePort, type EmbeddedServer } from '../../src/db/embedded.js';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch.js';
import { runCli } from '../support/cli.js';
import { adminUrl } from '../support/db.js';
import { fleetProject, type FleetDoc, type FleetProject } from '../support/fleet.js';
import { appliedNames, spawnCli, waitFor } from '../support/migrate.js';

const TENANTS = ['tenant_1', 'tenant_2', 'tenant_3', 'tenant_4', 'tenant_5'];

interface Db {
  readonly name: string;
  readonly db: ScratchDatabase;
  readonly sql: Sql;
}

let servers: EmbeddedServer[] = [];
let dbs: Db[] = [];
let tenants: Db;
let project: FleetProject;

/** Every target: name → [connection, history table]. */
function everyTarget(): { name: string; sql: Sql; history: string }[] {
  return [...dbs.map((d) => ({ name: d.name, sql: d.sql, history: 'public.schemaguard_migrations' })), ...TENANTS.map((t) => ({ name: `tenants/${t}`, sql: tenants.sql, history: `${t}.schemaguard_migrations` }))];
}

async function historyOf(name: string): Promise<string[]> {
  const t = everyTarget().find((x) => x.name === name)!;
  return appliedNames(t.sql, t.history);
}

function fleet(args: readonly string[], timeoutMs = 180_000) {
  return runCli(args, { cwd: project.dir, timeoutMs, env: { DATABASE_URL: undefined } });
}

function doc(stdout: string): FleetDoc {
  return JSON.parse(stdout) as FleetDoc;
}

beforeAll(async () => {
  project = fleetProject();
  servers = await Promise.all([startEmbedded(), startEmbedded()]);
  const admins = [adminUrl(), ...servers.map((s) => s.url)];
  const made = await Promise.all(
    admins.flatMap((admin, i) => ['1', '2'].map(async (n) => ({ name: `${'abc'[i]}${n}`, db: await createScratchDatabase(admin, `sg_fleet_${'abc'[i]}${n}`) }))),
  );
  dbs = await Promise.all(made.map(async (m) => ({ ...m, sql: await connect(m.db.url, { max: 2 }) })));
  const t = await createScratchDatabase(adminUrl(), 'sg_fleet_tenants');
  tenants = { name: 'tenants', db: t, sql: await connect(t.url, { max: 2 }) };
  for (const s of TENANTS) await tenants.sql.unsafe(`CREATE SCHEMA "${s}"`);
  project.writeConfig([...dbs.map((d) => ({ name: d.name, db: d.db.url })), { name: 'tenants', db: tenants.db.url, schemaPattern: 'tenant_*' }]);
});

afterAll(async () => {
  for (const d of [...dbs, tenants].filter(Boolean)) {
    await d.sql.end({ timeout: 5 });
    await d.db.drop().catch(() => undefined);
  }
  await Promise.all(servers.map((s) => s.stop()));
});

describe('fleet over 3 servers × 2 databases + 5 tenant schemas', () => {
  it('migrate up --canary 1: the canary first, then every target at head, each migration applied exactly once', async () => {
    const r = await fleet(['migrate', 'up', '--canary', '1', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const d = doc(r.stdout);
    expect(d.version).toBe(1);
    expect(d.targets.map((t) => t.name)).toEqual(everyTarget().map((t) => t.name));
    expect(d.targets.filter((t) => t.canary).map((t) => t.name)).toEqual(['a1']);
    expect(d.summary).toMatchObject({ targets: 11, ok: 11, failed: 0, exitCode: 0 });
    expect(r.stderr).toMatch(/fleet: canary a1 first, then 10 more/);
    for (const t of everyTarget()) expect(await historyOf(t.name), t.name).toEqual(['000001_accounts', '000002_notes']);
    // Exactly once: each (target, migration) appears once among the runs' "applied" lines.
    const applied = [...r.stderr.matchAll(/^\[(\S+)\] applied (\S+) /gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(applied.length).toBe(22);
    expect(new Set(applied).size).toBe(22);
    // The tenants' tables are in their own schemas, nothing in the tenant database's public.
    const tables = await tenants.sql<{ t: string }[]>`select table_schema || '.' || table_name as t from information_schema.tables where table_schema like 'tenant%' or table_schema = 'public' order by 1`;
    expect(tables.map((x) => x.t)).toEqual(TENANTS.flatMap((s) => [`${s}.accounts`, `${s}.notes`, `${s}.schemaguard_migrations`]));
    // Rerun: nothing to do anywhere.
    const again = await fleet(['migrate', 'up', '--format', 'json']);
    expect(again.code, again.stderr).toBe(0);
    expect(doc(again.stdout).targets.every((t) => t.summary === 'at head: nothing to apply')).toBe(true);
  });

  it('audit over all: one JSON document with a result per target; exit code is the worst target', async () => {
    const clean = await fleet(['audit', '--format', 'json', '--concurrency', '3']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(doc(clean.stdout).targets.map((t) => t.status)).toEqual(everyTarget().map(() => 'ok'));

    await dbs.find((d) => d.name === 'b1')!.sql.unsafe('ALTER TABLE notes ADD COLUMN extra text');
    await tenants.sql.unsafe('ALTER TABLE tenant_3.accounts ADD COLUMN legacy_flag boolean');
    const r = await fleet(['audit', '--format', 'json', '--fail-on', 'warning']);
    expect(r.code, r.stderr).toBe(1);
    const d = doc(r.stdout);
    expect(d.schemaguard).toBe('fleet');
    expect(d.summary, JSON.stringify(d.targets.map((t) => [t.name, t.findings]))).toMatchObject({ targets: 11, ok: 9, drifted: 2, failed: 0, exitCode: 1 });
    const drifted = d.targets.filter((t) => t.status === 'drifted');
    expect(drifted.map((t) => t.name)).toEqual(['b1', 'tenants/tenant_3']);
    expect(drifted.map((t) => t.findings.map((f) => `${f.rule} ${f.object}`))).toEqual([['undeclared-column public.notes.extra'], ['undeclared-column tenant_3.accounts.legacy_flag']]);
    // Each target carries its own audit document (format version 1).
    for (const t of d.targets) expect(t.detail).toMatchObject({ schemaguard: 'audit', version: 1 });
    expect(d.summary.worst).toMatchObject({ severity: 'warning' });

    // Default --fail-on critical: the warnings do not fail it; markdown and junit render the same run.
    const md = await fleet(['audit', '--format', 'markdown']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('| b1 | drifted |');
    const junit = await fleet(['audit', '--format', 'junit', '--target', 'b*', 'tenants/tenant_3']);
    expect(junit.code).toBe(0);
    expect([...junit.stdout.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1])).toEqual(['b1', 'b2', 'tenants/tenant_3']);
    await dbs.find((d) => d.name === 'b1')!.sql.unsafe('ALTER TABLE notes DROP COLUMN extra');
    await tenants.sql.unsafe('ALTER TABLE tenant_3.accounts DROP COLUMN legacy_flag');
  });

  it('one unreachable target: the others complete, exit 2 naming it', async () => {
    const dead = `postgres://postgres:secret@127.0.0.1:${await freePort()}/gone`;
    const args = ['audit', '--format', 'json', ...dbs.slice(0, 3).flatMap((d) => ['--db', d.db.url]), '--db', dead];
    const r = await fleet(args);
    expect(r.code, r.stderr).toBe(2);
    const d = doc(r.stdout);
    expect(d.targets.map((t) => t.status)).toEqual(['ok', 'ok', 'ok', 'failed']);
    expect(d.targets[3]).toMatchObject({ name: 'gone', exitCode: 2 });
    expect(d.targets[3]!.error).toMatch(/cannot connect to 127\.0\.0\.1:\d+\/gone: connection refused/);
    expect(r.stderr).toMatch(/1 failed; worst: error on gone: cannot connect/);
    expect(r.stdout + r.stderr).not.toContain('secret');
  });

  it('migrate up --canary NAME where the canary fails: nothing else migrated, exit 3; then it passes: all at head, once each', async () => {
    project.addMigration('000003_flags', 'CREATE TABLE flags (id bigint PRIMARY KEY);\n', 'DROP TABLE flags;\n');
    const canary = dbs.find((d) => d.name === 'c2')!;
    await canary.sql.unsafe('CREATE TABLE flags (id text)');
    const r = await fleet(['migrate', 'up', '--canary', 'c2', '--format', 'json']);
    expect(r.code, r.stderr).toBe(3);
    const d = doc(r.stdout);
    expect(d.stopped).toBe('canary c2 failed');
    expect(d.targets.find((t) => t.name === 'c2')).toMatchObject({ status: 'failed', exitCode: 3, canary: true });
    expect(d.targets.filter((t) => t.name !== 'c2').every((t) => t.status === 'skipped' && t.error === 'not started: canary c2 failed')).toBe(true);
    for (const t of everyTarget()) expect(await historyOf(t.name), t.name).toEqual(['000001_accounts', '000002_notes']);
    const flags = await Promise.all(dbs.filter((x) => x !== canary).map(async (x) => (await x.sql`select to_regclass('public.flags') is not null as ok`)[0]!.ok));
    expect(flags.every((ok) => ok === false)).toBe(true);

    await canary.sql.unsafe('DROP TABLE flags');
    const ok = await fleet(['migrate', 'up', '--canary', 'c2', '--format', 'json']);
    expect(ok.code, ok.stderr).toBe(0);
    for (const t of everyTarget()) expect(await historyOf(t.name), t.name).toEqual(['000001_accounts', '000002_notes', '000003_flags']);
    const applied = [...ok.stderr.matchAll(/^\[(\S+)\] applied (\S+) /gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(applied.sort()).toEqual(everyTarget().map((t) => `${t.name} 000003_flags`).sort());
  });

  it('Ctrl-C stops starting targets, lets the running one finish its current migration; rerunning resumes, each migration once', async () => {
    project.addMigration('000004_plan', 'ALTER TABLE accounts ADD COLUMN plan text;\n');
    project.addMigration('000005_note_index', 'CREATE INDEX notes_account_idx ON notes (account_id);\n');
    const order = ['a1', 'a2', 'b1', 'b2', 'c1', 'c2'];
    const second = dbs.find((d) => d.name === 'a2')!;
    // a2's first new migration waits behind this lock: the signal is sent once it is seen waiting.
    const holder = await second.sql.reserve();
    await holder.unsafe('BEGIN; LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE');
    const args = ['migrate', 'up', '--concurrency', '1', '--lock-timeout', 'none', '--format', 'json', '--target', ...order];
    const run = spawnCli(['--config', `${project.dir}/schemaguard.config.json`, ...args], {}, 180_000);
    try {
      await waitFor(async () => {
        const rows = await second.sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%ADD COLUMN plan%'`;
        return rows[0]!.n > 0;
      }, 120_000);
      expect(await historyOf('a1')).toContain('000005_note_index');
      run.child.kill('SIGINT');
      await waitFor(async () => run.stderr().includes('SIGINT received'), 30_000);
    } finally {
      await holder.unsafe('COMMIT');
      holder.release();
    }
    const r = await run.result;
    expect(r.code, r.stderr).toBe(130);
    const d = doc(r.stdout);
    expect(d.targets.map((t) => `${t.name} ${t.status}`)).toEqual(['a1 ok', 'a2 behind', 'b1 skipped', 'b2 skipped', 'c1 skipped', 'c2 skipped']);
    // a2 finished the migration it was on, and stopped before the next.
    expect(await historyOf('a2')).toEqual(['000001_accounts', '000002_notes', '000003_flags', '000004_plan']);
    for (const n of ['b1', 'b2', 'c1', 'c2']) expect(await historyOf(n), n).toEqual(['000001_accounts', '000002_notes', '000003_flags']);

    const again = await fleet(['migrate', 'up', '--format', 'json', '--target', ...order]);
    expect(again.code, again.stderr).toBe(0);
    for (const n of order) expect(await historyOf(n), n).toEqual(['000001_accounts', '000002_notes', '000003_flags', '000004_plan', '000005_note_index']);
    const both = [...`${r.stderr}\n${again.stderr}`.matchAll(/^\[(\S+)\] applied (000004_plan|000005_note_index) /gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(both.sort()).toEqual(order.flatMap((n) => [`${n} 000004_plan`, `${n} 000005_note_index`]).sort());
  });
});

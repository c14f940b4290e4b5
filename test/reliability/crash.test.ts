// Crash safety over the phase-centric moves: `migrate up` is killed with SIGKILL at random
// moments picked from observed progress, never from a clock (a migration drawn at random, and
// the kill sent once the runner's backend is seen inside it; see insideMigration) (seeded; the seed is printed, CRASH_SEED=… reproduces a run, CRASH_RUNS=… sets the
// count), and after each kill the database must be at a migration boundary that the history
// table agrees with, a rerun must reach head, and down to the legacy level must give back every
// legacy row. The same when the server terminates the runner's backend mid-migration.
//
// "At a boundary": the introspected schema equals the schema after some prefix of the
// migrations and the history lists exactly that prefix. The one exception is by design: a
// `-- schemaguard:no-transaction` file (000011's batched fold, 000015's concurrent index
// builds) commits statement by statement, so a kill inside it may leave part of it done and
// unrecorded; the test then requires that the prefix before it is recorded and intact and that
// the rerun completes it.
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../../src/db/connect.js';
import { withDatabase } from '../../src/db/scratch.js';
import { introspect } from '../../src/introspect/index.js';
import { quoteIdent } from '../../src/schema/quote.js';
import type { Schema } from '../../src/schema/types.js';
import { checksumTables, loadFixture, type TableChecksum } from '../../fixtures/index.js';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/db.js';
import { HISTORY_TABLE, LEGACY_MIGRATION, migrate, ok, REPO_ROOT } from '../support/domain.js';
import { appliedNames, spawnCli, waitFor } from '../support/migrate.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../support/rng.js';

const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 1_000_000));
const RUNS = Number(process.env.CRASH_RUNS ?? 30);
const TERMINATE_RUNS = Number(process.env.CRASH_TERMINATE_RUNS ?? 6);

const MIGRATIONS = readdirSync(join(REPO_ROOT, 'migrations'))
  .filter((f) => f.endsWith('.up.sql'))
  .sort()
  .map((f) => f.replace(/\.up\.sql$/, ''));
const LEGACY_COUNT = MIGRATIONS.findIndex((m) => m.startsWith(LEGACY_MIGRATION)) + 1;

const rng = seededRandom;

let template: TestDatabase;
let admin: Sql;
let legacyChecksums: TableChecksum[];
/** boundaries[k]: the public schema with the first k migrations applied (k ≥ LEGACY_COUNT). */
const boundaries = new Map<number, Schema>();

async function cloneTemplate(name: string): Promise<{ url: string; sql: Sql }> {
  await admin.unsafe(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template.name)}`);
  const url = withDatabase(adminUrl(), name);
  return { url, sql: await connect(url, { max: 2 }) };
}

async function dropDatabase(name: string, sql: Sql): Promise<void> {
  await sql.end({ timeout: 5 });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

// The server's role list is cluster-wide: other test files create roles while this one runs, so
// it is left out of what must match a boundary.
async function publicSchema(sql: Sql) {
  const { roles: _roles, ...schema } = await introspect(sql, { schemas: ['public'] });
  return schema;
}

/** A killed client's backend may still be finishing its statement: wait until it is gone. */
async function otherBackendsGone(sql: Sql): Promise<void> {
  await waitFor(async () => {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
        and application_name like 'schemaguard%'`;
    return row!.n === 0;
  }, 60_000);
}

/** Wait until the runner has connected (or already exited). */
async function runnerConnected(sql: Sql, child: { exitCode: number | null }): Promise<void> {
  await waitFor(async () => {
    const [r] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and application_name = 'schemaguard migrate'`;
    return r!.n > 0 || child.exitCode !== null;
  }, 60_000, 5);
}

/**
 * Wait, from observed progress rather than a clock, until the runner is inside the moves:
 * at least `k` migrations recorded and its backend in a transaction (a migration's, or one
 * statement of a no-transaction file). A machine under load only makes this take longer.
 * Returns a description of the moment ('exited' when the run ended first).
 */
async function insideMigration(sql: Sql, k: number, child: { exitCode: number | null }): Promise<string> {
  let moment = 'exited';
  await waitFor(async () => {
    if (child.exitCode !== null) return true;
    const applied = (await appliedNames(sql, HISTORY_TABLE)).length;
    if (applied < k) return false;
    const [r] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and application_name = 'schemaguard migrate' and xact_start is not null and state <> 'idle'`;
    if (r!.n > 0) moment = `${applied} recorded, in a transaction`;
    else if (applied > k) moment = `${applied} recorded, between migrations`;
    else return false;
    return true;
  }, 300_000, 5);
  return moment;
}

interface Outcome {
  readonly applied: number;
  readonly atBoundary: boolean;
}

/** The invariant after any interruption; returns where the database stopped. */
async function assertConsistent(sql: Sql, context: string): Promise<Outcome> {
  const applied = await appliedNames(sql, HISTORY_TABLE);
  // History lists a prefix of the migrations, in order.
  expect(applied, context).toEqual(MIGRATIONS.slice(0, applied.length));
  const schema = await publicSchema(sql);
  const expected = boundaries.get(applied.length);
  expect(expected, `${context}: ${applied.length} applied is below the legacy level`).toBeDefined();
  if (isDeepStrictEqual(schema, expected)) return { applied: applied.length, atBoundary: true };
  // Not at the recorded boundary: only allowed inside a no-transaction file, the next one.
  const next = MIGRATIONS[applied.length];
  expect(next, `${context}: schema differs from the recorded boundary at head`).toBeDefined();
  const { readFileSync } = await import('node:fs');
  const firstLine = readFileSync(join(REPO_ROOT, 'migrations', `${next}.up.sql`), 'utf8').split('\n')[0];
  expect(firstLine, `${context}: schema is between boundaries after ${applied.length} migrations, but ${next} runs in a transaction`).toMatch(
    /schemaguard:no-transaction/,
  );
  return { applied: applied.length, atBoundary: false };
}

async function finishAndRoundTrip(url: string, sql: Sql, context: string): Promise<void> {
  ok(await migrate(url, ['up']), `${context}: rerun of migrate up`);
  expect(await appliedNames(sql, HISTORY_TABLE), context).toEqual(MIGRATIONS);
  expect(isDeepStrictEqual(await publicSchema(sql), boundaries.get(MIGRATIONS.length)), `${context}: head schema`).toBe(true);
  ok(await migrate(url, ['down', '--to', LEGACY_MIGRATION, '--yes']), `${context}: migrate down to the legacy level`);
  expect(await checksumTables(sql), `${context}: legacy rows after the round trip`).toEqual(legacyChecksums);
}

describe('crash safety of migrate up over the phase-centric moves', () => {
  beforeAll(async () => {
    process.stdout.write(`crash test: seed ${SEED} (CRASH_SEED=${SEED} reproduces), ${RUNS} SIGKILL runs, ${TERMINATE_RUNS} terminate runs\n`);
    admin = await connect(adminUrl(), { max: 2 });
    template = await createTestDatabase('sg_crash_tpl');
    ok(await migrate(template.url, ['up', '--to', LEGACY_MIGRATION]), 'migrate up to the legacy level');
    await loadFixture(template.sql, { domains: 600, seed: 11 });
    legacyChecksums = await checksumTables(template.sql);
    boundaries.set(LEGACY_COUNT, await publicSchema(template.sql));
    await template.sql.end({ timeout: 5 });

    // The schema after each migration, and how long a whole `up` takes (to place the kills).
    const probe = await cloneTemplate('sg_crash_probe');
    for (let k = LEGACY_COUNT + 1; k <= MIGRATIONS.length; k += 1) {
      ok(await migrate(probe.url, ['up', '--step', '1']), `probe step to ${MIGRATIONS[k - 1]}`);
      boundaries.set(k, await publicSchema(probe.sql));
    }
    await dropDatabase('sg_crash_probe', probe.sql);
  }, 300_000);

  afterAll(async () => {
    await template?.drop().catch(() => undefined);
    await admin?.end({ timeout: 5 });
  });

  it(`SIGKILL at ${RUNS} random moments leaves a migration boundary; rerun reaches head; down restores every row`, async () => {
    const random = rng(SEED);
    const stops: string[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const name = `sg_crash_kill_${run}`;
      const context = `seed ${SEED}, run ${run}`;
      const db = await cloneTemplate(name);
      try {
        // Which migration to kill inside: LEGACY_COUNT recorded means inside the first move.
        const k = LEGACY_COUNT + Math.floor(random() * (MIGRATIONS.length - LEGACY_COUNT));
        const cli = spawnCli(['migrate', 'up', '--db', db.url, '--history-table', HISTORY_TABLE], {}, 300_000);
        await runnerConnected(db.sql, cli.child);
        const moment = await insideMigration(db.sql, k, cli.child);
        cli.child.kill('SIGKILL');
        const result = await cli.result;
        const delay = `${k}:${moment}`;
        if (result.signal !== 'SIGKILL') expect(result.code, `${context}: ${result.stderr}`).toBe(0);
        await otherBackendsGone(db.sql);
        const outcome = await assertConsistent(db.sql, context);
        stops.push(`${delay}→${outcome.applied}${outcome.atBoundary ? '' : '+'}`);
        await finishAndRoundTrip(db.url, db.sql, context);
      } finally {
        await dropDatabase(name, db.sql);
      }
    }
    process.stdout.write(`crash test: seed ${SEED}: kill moment → migrations applied (+ inside a no-transaction file): ${stops.join(' ')}\n`);
    // The kills must have landed in the moves, not only before or after them.
    const applied = new Set(stops.map((s) => s.split('→')[1]));
    expect(applied.size, `kills landed at too few places: ${stops.join(' ')}`).toBeGreaterThan(2);
  }, 1_200_000);

  it(`the server terminating the runner's backend (${TERMINATE_RUNS} random moments): exit 3, one clear line, nothing half done`, async () => {
    const random = rng(SEED + 1);
    let terminated = 0;
    for (let run = 0; run < TERMINATE_RUNS; run += 1) {
      const name = `sg_crash_term_${run}`;
      const context = `seed ${SEED}, terminate run ${run}`;
      const db = await cloneTemplate(name);
      try {
        const cli = spawnCli(['migrate', 'up', '--db', db.url, '--history-table', HISTORY_TABLE], {}, 300_000);
        // Wait for the runner to be inside a migration picked at random, then terminate it.
        await runnerConnected(db.sql, cli.child);
        await insideMigration(db.sql, LEGACY_COUNT + Math.floor(random() * (MIGRATIONS.length - LEGACY_COUNT)), cli.child);
        const [killed] = await db.sql<{ n: number }[]>`
          select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
          where datname = current_database() and application_name = 'schemaguard migrate'`;
        const result = await cli.result;
        if (killed!.n > 0 && result.code !== 0) {
          // Mid-run: exit 3. Before any migration ran (opening, reading the history): exit 2.
          const before = /before any migration ran .*nothing was changed|^schemaguard: cannot connect to /m.test(result.stderr);
          if (!before) terminated += 1;
          expect(result.code, `${context}: ${JSON.stringify(result.stderr)}`).toBe(before ? 2 : 3);
          const lines = result.stderr.trim().split('\n').filter((l) => l.startsWith('schemaguard:'));
          expect(lines, `${context}: exit ${result.code}: ${JSON.stringify(result.stderr)}`).toHaveLength(1);
          expect(lines[0], `${context}: exit ${result.code}: ${JSON.stringify(result.stderr)}`).toMatch(/terminat|connection/i);
          expect(result.stderr, context).not.toMatch(/\n\s+at /);
        } else {
          expect(result.code, `${context}: ${JSON.stringify(result.stderr)}`).toBe(0);
        }
        await otherBackendsGone(db.sql);
        await assertConsistent(db.sql, context);
        await finishAndRoundTrip(db.url, db.sql, context);
      } finally {
        await dropDatabase(name, db.sql);
      }
    }
    expect(terminated, 'no run was terminated mid-migration: the moments missed the moves').toBeGreaterThan(0);
  }, 1_200_000);
});

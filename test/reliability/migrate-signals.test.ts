// One Ctrl-C or SIGTERM at a random moment inside a migration (issue 16, item 5): the runner
// cancels the statement on the server, rolls back, releases the lock and exits 3, whatever
// the number of statements in flight. The moment comes from observed progress, not from a
// clock: every statement of the file carries a step marker, and the signal goes out once the
// runner's backend is seen running step k (k drawn from a seeded generator; SIGNAL_SEED=…
// replays a run). Each statement lasts a little (pg_sleep), so the signal lands inside.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/db/connect.js';
import { createTestDatabase } from '../support/db.js';
import { appliedNames, migrationsDir, spawnCli, waitFor, type SpawnedCli } from '../support/migrate.js';
import { seededRandom } from '../support/rng.js';

const SEED = Number(process.env.SIGNAL_SEED ?? Math.floor(Math.random() * 1_000_000));
const random = seededRandom(SEED);

beforeAll(() => {
  process.stdout.write(`migrate-signals: seed ${SEED} (SIGNAL_SEED=${SEED} replays)\n`);
});

/** A migrations directory: t, then a file of `n` statements each inserting its step number. */
function files(n: number, transaction: boolean): string {
  const steps = Array.from({ length: n }, (_, i) => `INSERT INTO t SELECT ${i + 1} FROM pg_sleep(0.2) /* step ${i + 1} */;`);
  return migrationsDir({
    '000001_t.up.sql': 'CREATE TABLE t (step int);\n',
    '000002_steps.up.sql': `${transaction ? '' : '-- schemaguard:no-transaction\n'}${steps.join('\n')}\n`,
  });
}

/** The step the runner's backend is running now (0: none). */
async function currentStep(sql: Sql, database: string): Promise<number> {
  const rows = await sql<{ query: string }[]>`
    select query from pg_stat_activity
    where datname = ${database} and application_name = 'schemaguard migrate' and state = 'active'`;
  const m = rows.map((r) => /\/\* step (\d+) \*\//.exec(r.query)).find(Boolean);
  return m ? Number(m[1]) : 0;
}

/** Nothing of the runner left on the server: no session (so none idle in transaction), no advisory lock. */
async function runnerGone(sql: Sql, database: string): Promise<void> {
  await waitFor(async () => {
    const [row] = await sql<{ sessions: number; locks: number }[]>`
      select (select count(*)::int from pg_stat_activity where datname = ${database} and application_name like 'schemaguard migrate%') as sessions,
             (select count(*)::int from pg_locks l join pg_database d on d.oid = l.database where l.locktype = 'advisory' and d.datname = ${database}) as locks`;
    return row!.sessions === 0 && row!.locks === 0;
  }, 30_000);
  const [idle] = await sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = ${database} and state like 'idle in transaction%'`;
  expect(idle!.n).toBe(0);
}

interface Case {
  readonly statements: number;
  readonly signal: NodeJS.Signals;
  readonly transaction: boolean;
}

const cases: Case[] = [1, 3, 50].flatMap((statements) =>
  (['SIGINT', 'SIGTERM'] as const).map((signal) => ({ statements, signal, transaction: true })),
);
cases.push({ statements: 3, signal: 'SIGINT', transaction: false }, { statements: 50, signal: 'SIGTERM', transaction: false });

async function signalAtStep(run: SpawnedCli, sql: Sql, database: string, step: number, signal: NodeJS.Signals): Promise<number> {
  let seen = 0;
  await waitFor(async () => {
    seen = await currentStep(sql, database);
    return seen >= step || run.child.exitCode !== null;
  }, 60_000, 10);
  expect(run.child.exitCode, `the run ended before step ${step}: ${run.stderr()}`).toBeNull();
  run.child.kill(signal);
  return seen;
}

describe('Ctrl-C / SIGTERM inside a migration', () => {
  it.each(cases)('$statements statement(s), $signal, transaction=$transaction: exit 3, nothing half done, no session or lock left', async (c) => {
    const step = 1 + Math.floor(random() * c.statements);
    const target = await createTestDatabase('sg_sig');
    const name = target.name;
    try {
      const dir = files(c.statements, c.transaction);
      const run = spawnCli(['migrate', 'up', '--migrations', dir], { DATABASE_URL: target.url });
      const seen = await signalAtStep(run, target.sql, name, step, c.signal);
      const r = await run.result;
      const context = `seed ${SEED}, step ${step} (seen ${seen}): ${r.stderr}`;
      // Exited by itself (the spawn's own timeout would SIGKILL a hung run).
      expect(r.signal, context).toBeNull();
      expect(r.code, context).toBe(3);
      expect(r.stderr, context).toContain(`${c.signal} received, stopping`);
      expect(r.stderr, context).not.toMatch(/\n\s+at /);
      await runnerGone(target.sql, name);
      const applied = await appliedNames(target.sql);
      const rows = (await target.sql<{ step: number }[]>`select step from t order by step`).map((x) => x.step);
      if (c.transaction) {
        // All or nothing: the migration committed before the signal took effect, or none of it is there.
        if (applied.includes('000002_steps')) expect(rows, context).toHaveLength(c.statements);
        else {
          expect(rows, context).toEqual([]);
          expect(r.stderr, context).toMatch(/interrupted.*rolled back, nothing of it was applied/);
        }
      } else {
        // Statement by statement: a prefix committed, recorded only when complete.
        expect(rows, context).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
        expect(rows.length, context).toBeGreaterThanOrEqual(step - 1);
        if (applied.includes('000002_steps')) expect(rows, context).toHaveLength(c.statements);
        else if (rows.length < c.statements) expect(r.stderr, context).toMatch(/NOT recorded/);
      }
      expect(applied.slice(0, 1)).toEqual(['000001_t']);
    } finally {
      await target.dispose();
    }
  });

  it('a second signal while the first is being handled also exits 3 and leaves nothing behind', async () => {
    const target = await createTestDatabase('sg_sig');
    const name = target.name;
    try {
      const dir = files(50, true);
      const run = spawnCli(['migrate', 'up', '--migrations', dir], { DATABASE_URL: target.url });
      await signalAtStep(run, target.sql, name, 1 + Math.floor(random() * 50), 'SIGINT');
      await waitFor(async () => run.stderr().includes('SIGINT received') || run.child.exitCode !== null);
      run.child.kill('SIGTERM');
      const r = await run.result;
      expect(r.signal, r.stderr).toBeNull();
      expect(r.code, r.stderr).toBe(3);
      await runnerGone(target.sql, name);
      expect(await target.sql<{ step: number }[]>`select step from t`).toEqual([]);
      expect(await appliedNames(target.sql)).toEqual(['000001_t']);
    } finally {
      await target.dispose();
    }
  });
});

// `migrate down` on a terminal: the prompt names the database (never the password) and the
// dropped tables that hold rows; rolling back to 0, or dropping rows, takes the database's name
// typed out instead of a y. Driven through a pseudo-terminal against a real database.
import { afterEach, describe, expect, it } from 'vitest';
import { describeTarget } from '../../src/db/connect.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { appliedNames, catalogSnapshot, migrationsDir, tablePairs } from '../support/migrate.js';
import { runCli } from '../support/cli.js';
import { onTerminal, stopTerminals } from '../support/terminal.js';

// No `$`: readline on a terminal follows its prompt with cursor-movement escapes.
const YN = /Roll them back\? \[y\/N\] /;
const TYPED = /Type the database name \(\S+\) to roll back: /;

let db: TestDatabase | undefined;
afterEach(async () => {
  stopTerminals();
  await db?.dispose();
  db = undefined;
});

async function applied(count: number): Promise<{ db: TestDatabase; dir: string; name: string; down: (args: string[], reply: string, prompt: RegExp) => ReturnType<typeof onTerminal> }> {
  db = await createTestDatabase('sg_down_prompt');
  const dir = migrationsDir(tablePairs(count));
  const up = await runCli(['migrate', 'up', '--migrations', dir], { env: { DATABASE_URL: db.url } });
  expect(up.code, up.stderr).toBe(0);
  const url = db.url;
  return {
    db,
    dir,
    name: new URL(url).pathname.slice(1),
    down: (args, reply, prompt) => onTerminal(['migrate', 'down', ...args, '--migrations', dir], { env: { DATABASE_URL: url }, answers: [{ prompt, reply }] }),
  };
}

function expectNoSecret(text: string, url: string): void {
  const password = decodeURIComponent(new URL(url).password);
  if (password) expect(text).not.toContain(password);
}

describe('migrate down on a terminal', () => {
  it('names the database and asks y/N when the tables it drops are empty; n changes nothing, y rolls back', async () => {
    const f = await applied(2);
    const before = await catalogSnapshot(f.db.sql);
    const no = await f.down([], 'n', YN);
    expect(no.unanswered, no.text).toBe(0);
    expect(no.code, no.text).toBe(2);
    expect(no.text).toContain(`migrate down on ${describeTarget(f.db.url)} will roll back 1 migration(s), newest first:\n  000002_t2\n`);
    expect(no.text).not.toContain('hold rows');
    expect(no.text).toContain('migrate down cancelled: nothing was changed');
    expectNoSecret(no.text, f.db.url);
    expect(await catalogSnapshot(f.db.sql)).toBe(before);

    const yes = await f.down([], 'y', YN);
    expect(yes.code, yes.text).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual(['000001_t1']);
  });

  it('lists a dropped table that holds rows and takes the database name, not y', async () => {
    const f = await applied(2);
    await f.db.sql`insert into t2 values (1, 'kept')`;
    const before = await catalogSnapshot(f.db.sql);
    const y = await f.down(['--step', '2'], 'y', TYPED);
    expect(y.unanswered, y.text).toBe(0);
    expect(y.code, y.text).toBe(2);
    // t2 holds a row; t1, empty, is not listed.
    expect(y.text).toContain('tables it drops that hold rows:\n  t2\n');
    expect(y.text).not.toMatch(/^ {2}t1$/m);
    expect(y.text).toContain(`Type the database name (${f.name}) to roll back: `);
    expect(await catalogSnapshot(f.db.sql)).toBe(before);
    expect(await f.db.sql`select note from t2`).toEqual([{ note: 'kept' }]);

    const typed = await f.down(['--step', '2'], f.name, TYPED);
    expect(typed.code, typed.text).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual([]);
    expect((await f.db.sql`select to_regclass('t2') is null as gone`)[0]).toEqual({ gone: true });
  });

  it('--to 0 takes the database name even when every table is empty; a wrong name changes nothing', async () => {
    const f = await applied(2);
    const before = await catalogSnapshot(f.db.sql);
    const wrong = await f.down(['--to', '0'], `${f.name}x`, TYPED);
    expect(wrong.unanswered, wrong.text).toBe(0);
    expect(wrong.code, wrong.text).toBe(2);
    expect(wrong.text).not.toContain('hold rows');
    expect(await catalogSnapshot(f.db.sql)).toBe(before);

    const typed = await f.down(['--to', '0'], f.name, TYPED);
    expect(typed.code, typed.text).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual([]);
  });

  it('quotes a hostile dropped table name in the probe and the prompt', async () => {
    db = await createTestDatabase('sg_down_prompt');
    const hostile = 'Order "Lines"; drop table victim; --';
    const dir = migrationsDir({
      '000001_hostile.up.sql': `create schema "Sales Ops";\ncreate table "Sales Ops"."Order ""Lines""; drop table victim; --" (id int);\ncreate table victim (id int);\n`,
      '000001_hostile.down.sql': `drop table "Sales Ops"."Order ""Lines""; drop table victim; --";\ndrop schema "Sales Ops";\n`,
    });
    expect((await runCli(['migrate', 'up', '--migrations', dir], { env: { DATABASE_URL: db.url } })).code).toBe(0);
    await db.sql.unsafe(`insert into "Sales Ops"."Order ""Lines""; drop table victim; --" values (1)`);
    const before = await catalogSnapshot(db.sql);
    const r = await onTerminal(['migrate', 'down', '--migrations', dir], { env: { DATABASE_URL: db.url }, answers: [{ prompt: TYPED, reply: 'no' }] });
    expect(r.unanswered, r.text).toBe(0);
    expect(r.code, r.text).toBe(2);
    expect(r.text).toContain(`tables it drops that hold rows:\n  "Sales Ops"."${hostile.replace(/"/g, '""')}"\n`);
    expect(await catalogSnapshot(db.sql)).toBe(before);
  });

  it('a dropped table it cannot probe (locked) counts as holding rows', async () => {
    const f = await applied(2);
    const before = await catalogSnapshot(f.db.sql);
    const holder = await f.db.sql.reserve();
    try {
      await holder`begin`;
      await holder`lock table t2 in access exclusive mode`;
      const r = await f.down([], 'no', TYPED);
      expect(r.unanswered, r.text).toBe(0);
      expect(r.code, r.text).toBe(2);
      expect(r.text).toContain('tables it drops that hold rows:\n  t2 (could not check: counted as holding rows)\n');
    } finally {
      await holder`rollback`;
      holder.release();
    }
    expect(await catalogSnapshot(f.db.sql)).toBe(before);
  });

  it('off a terminal: still refuses without --yes, and --yes rolls back tables with rows without asking', async () => {
    const f = await applied(1);
    await f.db.sql`insert into t1 values (1, 'x')`;
    const refused = await runCli(['migrate', 'down', '--migrations', f.dir], { env: { DATABASE_URL: f.db.url } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pass --yes to confirm when not on a terminal/);
    const yes = await runCli(['migrate', 'down', '--yes', '--migrations', f.dir], { env: { DATABASE_URL: f.db.url } });
    expect(yes.code, yes.stderr).toBe(0);
    expect(await appliedNames(f.db.sql)).toEqual([]);
  });
});

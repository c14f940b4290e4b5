// `migrate force VERSION` and `migrate repair` (issue 16, "Repair"): the history rewritten by
// hand, never the schema; refused off a terminal without --yes; a confirmation that names the
// database; an audit row (who, when, what) beside the history each time; history readers
// (status, up, inspect) unaffected.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/context.js';
import { forceCommand, repairCommand } from '../../src/cli/commands/migrate-repair.js';
import { checksumOf } from '../../src/migrate/files.js';
import { runCli, type CliResult } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { appliedNames, catalogSnapshot, migrationsDir, tablePairs, writeMigration } from '../support/migrate.js';

const run = promisify(execFile);

async function git(dir: string, ...args: string[]): Promise<void> {
  await run('git', ['-c', 'user.name=sg test', '-c', 'user.email=sg@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir });
}

interface AuditRow {
  action: string;
  migration: string | null;
  detail: Record<string, unknown>;
  db_user: string;
  os_user: string;
  client_host: string;
  at: Date;
}

describe('migrate force and migrate repair', () => {
  let db: TestDatabase;
  let dir: string;
  const migrate = (...args: string[]): Promise<CliResult> => runCli(['migrate', ...args, '--migrations', dir], { cwd: dir, env: { DATABASE_URL: db.url } });
  const audit = async () => {
    const [exists] = await db.sql<{ ok: boolean }[]>`select to_regclass('public.schemaguard_migrations_audit') is not null as ok`;
    return exists!.ok ? db.sql.unsafe<AuditRow[]>('select action, migration, detail, db_user, os_user, client_host, at from public.schemaguard_migrations_audit order by id') : [];
  };
  const checksums = async () => Object.fromEntries((await db.sql<{ name: string; checksum: string }[]>`select name, checksum from public.schemaguard_migrations order by name`).map((r) => [r.name, r.checksum]));

  beforeAll(async () => {
    db = await createTestDatabase('sg_repair');
    dir = migrationsDir(tablePairs(4));
    await git(dir, 'init', '-q');
    await git(dir, 'add', '.');
    await git(dir, 'commit', '-q', '-m', 'migrations');
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('off a terminal without --yes both refuse (exit 2, one line), before touching anything', async () => {
    expect((await migrate('up', '--to', '3')).code).toBe(0);
    const before = await catalogSnapshot(db.sql);
    for (const args of [['force', '1'], ['repair']]) {
      const r = await migrate(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`schemaguard: migrate ${args[0]} rewrites the migration history: pass --yes to confirm when not on a terminal (or --dry-run to see what it would change)\n`);
    }
    expect(await catalogSnapshot(db.sql)).toBe(before);
    expect(await audit()).toEqual([]);
  }, 120_000);

  it('force: unknown version is exit 2 with nothing changed; --dry-run shows the plan and changes nothing', async () => {
    const before = await catalogSnapshot(db.sql);
    const unknown = await migrate('force', '9', '--yes');
    expect([unknown.code, unknown.stderr]).toEqual([2, 'schemaguard: unknown migration "9" for migrate force (no such file in the migrations directory; 0 means none applied)\n']);
    const dry = await migrate('force', '1', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('the history of database');
    expect(dry.stdout).toContain('  remove 000002_t2 from the history (it is not rolled back)\n  remove 000003_t3 from the history (it is not rolled back)\n(dry run: nothing was changed)');
    expect(await catalogSnapshot(db.sql)).toBe(before);
    expect(await audit()).toEqual([]);
  }, 120_000);

  it('force back and forth: rows after VERSION removed, files up to it recorded (not run), an audit row each time, the schema untouched', async () => {
    const schemaBefore = (await catalogSnapshot(db.sql)).split('\n').filter((l) => !l.includes('schemaguard_migrations') && !l.startsWith('history ')).join('\n');
    const back = await migrate('force', '000001_t1', '--yes');
    expect(back.code).toBe(0);
    expect(back.stderr).toContain('  remove 000002_t2 from the history (it is not rolled back)\n');
    expect(back.stderr).toMatch(new RegExp(`forced the history of database "${db.name}" \\([^)]+\\) to 000001_t1: 0 recorded without running, 2 removed without rolling back; audit row in public.schemaguard_migrations_audit`));
    expect(await appliedNames(db.sql)).toEqual(['000001_t1']);
    const [first] = await audit();
    expect(first).toMatchObject({ action: 'force', migration: '000001_t1', detail: { to: '000001_t1', recorded: [], removed: ['000002_t2', '000003_t3'] }, os_user: userInfo().username });
    const [me] = await db.sql<{ u: string }[]>`select current_user as u`;
    expect(first!.db_user).toBe(me!.u);
    expect(first!.at).toBeInstanceOf(Date);

    // t2 and t3 still exist: forward again records them without running (a run would fail on CREATE TABLE).
    const forward = await migrate('force', '4', '--yes');
    expect(forward.code).toBe(0);
    expect(await appliedNames(db.sql)).toEqual(['000001_t1', '000002_t2', '000003_t3', '000004_t4']);
    expect((await db.sql<{ n: number }[]>`select count(*)::int as n from public.schemaguard_migrations where baseline`)[0]!.n).toBe(3);
    expect((await audit()).map((a) => [a.action, a.migration, a.detail])).toEqual([
      ['force', '000001_t1', { to: '000001_t1', recorded: [], removed: ['000002_t2', '000003_t3'] }],
      ['force', '000004_t4', { to: '000004_t4', recorded: ['000002_t2', '000003_t3', '000004_t4'], removed: [] }],
    ]);
    expect((await catalogSnapshot(db.sql)).split('\n').filter((l) => !l.includes('schemaguard_migrations') && !l.startsWith('history ')).join('\n')).toBe(schemaBefore);

    // Recorded as at 4: t4 was never run, so the user builds it, as a force implies they did.
    await db.sql.unsafe('CREATE TABLE t4 (id integer PRIMARY KEY, note text)');
    const again = await migrate('force', '4', '--yes');
    expect([again.code, again.stderr]).toEqual([0, expect.stringContaining('nothing to force: the history of database')]);
    expect(await audit()).toHaveLength(2);

    // History readers see the same table as before: status is clean, up has nothing to do.
    const status = await migrate('status', '--format', 'json');
    expect(JSON.parse(status.stdout).problems).toEqual([]);
    expect((await migrate('up')).stderr).toContain('nothing to apply');
  }, 180_000);

  it('repair: nothing to repair is exit 0 with no audit row; an edited applied file is shown as a diff from its git text, then re-recorded', async () => {
    const none = await migrate('repair', '--yes');
    expect([none.code, none.stdout]).toEqual([0, '']);
    expect(none.stderr).toContain("nothing to repair: every applied migration's up file in database");
    expect(await audit()).toHaveLength(2);

    const path = join(dir, '000002_t2.up.sql');
    const old = readFileSync(path, 'utf8');
    writeFileSync(path, old.replace('note text', 'note text -- kept as it was applied; a comment edited later'));
    const refused = await migrate('up');
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringContaining('000002_t2 was applied but its up file has changed')]);
    const recorded = (await checksums())['000002_t2'];

    const dry = await migrate('repair', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/--- 000002_t2\.up\.sql \(applied, git [0-9a-f]{12}\)\n\+\+\+ 000002_t2\.up\.sql \(now\)\n@@ -1,1 \+1,1 @@\n-CREATE TABLE t2 \(id integer PRIMARY KEY, note text\);\n\+CREATE TABLE t2 \(id integer PRIMARY KEY, note text -- kept as it was applied; a comment edited later\);\n/);
    expect(dry.stdout).toContain('(dry run: nothing was changed)');
    expect((await checksums())['000002_t2']).toBe(recorded);

    const r = await migrate('repair', '--yes');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('-CREATE TABLE t2 (id integer PRIMARY KEY, note text);');
    expect(r.stderr).toContain('repaired 1 checksum in database');
    expect((await checksums())['000002_t2']).toBe(checksumOf(readFileSync(path, 'utf8')));
    const last = (await audit()).at(-1)!;
    expect(last).toMatchObject({ action: 'repair', migration: '000002_t2', detail: { checksum: { from: recorded, to: checksumOf(readFileSync(path, 'utf8')) } }, os_user: userInfo().username });
    expect((await migrate('up')).code).toBe(0);
    expect((await migrate('repair', '--yes')).stderr).toContain('nothing to repair');
    expect(await audit()).toHaveLength(3);
  }, 180_000);

  it('repair of a file never committed says the applied text is unknown, and still re-records it', async () => {
    writeMigration(dir, '000005_t5.up.sql', 'CREATE TABLE t5 (id integer);\n');
    writeMigration(dir, '000005_t5.down.sql', 'DROP TABLE t5;\n');
    expect((await migrate('up')).code).toBe(0);
    writeMigration(dir, '000005_t5.up.sql', 'CREATE TABLE t5 (id integer); -- edited\n');
    const r = await migrate('repair', '--yes');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^000005_t5: the text that was applied is not known \(the history keeps its checksum [0-9a-f]{12}…, and no git revision of 000005_t5\.up\.sql has it\)/);
    expect(await audit()).toHaveLength(4);
  }, 180_000);

  it('a table of the audit table\'s name that is not ours is never written into: exit 2, the history unchanged', async () => {
    await db.sql.unsafe('create table public.other_hist_audit (note text)');
    const r = await migrate('force', '1', '--yes', '--history-table', 'public.other_hist');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('schemaguard:'))).toEqual(['schemaguard: public.other_hist_audit exists but is not a schemaguard audit table; nothing was changed (choose another --history-table, or rename that table)']);
    expect(await appliedNames(db.sql, 'public.other_hist')).toEqual([]);
    expect(await db.sql.unsafe('select count(*)::int as n from public.other_hist_audit')).toEqual([{ n: 0 }]);
  }, 120_000);

  it('the audit table is bookkeeping: inspect leaves it out like the history', async () => {
    const inspect = await runCli(['inspect', '--format', 'json'], { env: { DATABASE_URL: db.url } });
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).not.toContain('schemaguard_migrations');
  }, 120_000);

  it('on a terminal the confirmation names the database; "n" cancels with nothing changed, "y" forces', async () => {
    const context = (answer: string) => {
      const stderr = Object.assign(new PassThrough(), { isTTY: true });
      const stdout = new PassThrough();
      let errText = '';
      stderr.on('data', (c: Buffer) => (errText += c.toString()));
      const ctx: CommandContext = {
        global: { db: db.url, migrations: dir }, cwd: dir, env: {}, stdout, stderr,
        stdin: Object.assign(Readable.from([`${answer}\n`]), { isTTY: true }),
        color: false, width: 80, signal: new AbortController().signal, onCleanup: () => undefined,
      };
      return { ctx, err: () => errText };
    };
    const before = await catalogSnapshot(db.sql);
    const no = context('n');
    await expect(forceCommand(no.ctx, '3', {})).rejects.toThrow('migrate force cancelled: nothing was changed');
    expect(no.err()).toContain(`migrate force: the history of database "${db.name}" (`);
    expect(no.err()).toContain('  remove 000004_t4 from the history (it is not rolled back)');
    expect(no.err()).toContain(`Rewrite the history of "${db.name}"? [y/N] `);
    expect(await catalogSnapshot(db.sql)).toBe(before);

    const yes = context('y');
    expect(await forceCommand(yes.ctx, '3', {})).toBe(0);
    expect(await appliedNames(db.sql)).toEqual(['000001_t1', '000002_t2', '000003_t3']);
    expect((await audit()).at(-1)).toMatchObject({ action: 'force', migration: '000003_t3', detail: { removed: ['000004_t4', '000005_t5'] } });

    const repairNo = context('n');
    writeMigration(dir, '000003_t3.up.sql', 'CREATE TABLE t3 (id integer PRIMARY KEY, note text); -- edited\n');
    await expect(repairCommand(repairNo.ctx, {})).rejects.toThrow('migrate repair cancelled: nothing was changed');
    expect(repairNo.err()).toContain(`Record the edited file as applied in database "${db.name}" (`);
  }, 120_000);
});

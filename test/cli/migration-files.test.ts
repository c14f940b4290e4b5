// Real-world migration files through the CLI on the embedded/test server (issue 16 items 3
// and 8): invalid UTF-8 refused with its byte offset and nothing run, a BOM ignored, 0-byte
// and comment-only files applied and recorded as empty migrations, up, down, dry run, lint.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

async function project(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sg-files-'));
  await mkdir(join(dir, 'migrations'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, 'migrations', name), text);
  return dir;
}

describe('migration files nobody here wrote', () => {
  let db: TestDatabase;
  const dirs: string[] = [];
  const env = () => ({ DATABASE_URL: db.url });
  const mk = async (files: Record<string, string | Buffer>) => {
    const d = await project(files);
    dirs.push(d);
    return d;
  };
  beforeAll(async () => {
    db = await createTestDatabase('sg_files');
  });
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    await db?.dispose();
  });

  it('invalid UTF-8: exit 2 naming the byte offset, nothing run, for up, --dry-run and lint', async () => {
    await db.sql.unsafe('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    const dir = await mk({
      '000001_ok.up.sql': 'CREATE TABLE first_one (id int);\n',
      '000001_ok.down.sql': 'DROP TABLE first_one;\n',
      '000002_bad.up.sql': Buffer.concat([Buffer.from("CREATE TABLE t (v text);\nINSERT INTO t VALUES ('a"), Buffer.from([0xff, 0xfe]), Buffer.from("b');\n")]),
      '000002_bad.down.sql': 'DROP TABLE t;\n',
    });
    for (const args of [['migrate', 'up'], ['migrate', 'up', '--dry-run'], ['lint']]) {
      const r = await runCli(args, { cwd: dir, env: env(), timeoutMs: 120_000 });
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toMatch(/000002_bad\.up\.sql: not valid UTF-8: byte 0xff at byte offset 49 \(line 2\)/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const [t] = await db.sql<{ n: number }[]>`select count(*)::int as n from pg_class where relname in ('first_one', 't', 'schemaguard_migrations')`;
    expect(t!.n).toBe(0);
  });

  it('a leading BOM is ignored: the file applies, its directive holds', async () => {
    await db.sql.unsafe('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    const dir = await mk({
      '000001_bom.up.sql': '\uFEFFCREATE TABLE bom (id int);\n',
      '000001_bom.down.sql': '\uFEFFDROP TABLE bom;\n',
      '000002_idx.up.sql': '\uFEFF-- schemaguard:no-transaction\nCREATE INDEX CONCURRENTLY bom_id ON bom (id);\n',
      '000002_idx.down.sql': '\uFEFF-- schemaguard:no-transaction\nDROP INDEX CONCURRENTLY bom_id;\n',
    });
    const up = await runCli(['migrate', 'up'], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect(up.stderr).not.toMatch(/error|syntax/i);
    expect(up.code).toBe(0);
    const [i] = await db.sql<{ ok: boolean }[]>`select to_regclass('public.bom_id') is not null as ok`;
    expect(i!.ok).toBe(true);
    const lint = await runCli(['lint', '--format', 'json'], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect(JSON.parse(lint.stdout).summary.statements).toBe(4);
    const down = await runCli(['migrate', 'down', '--to', '0', '--yes'], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect(down.code).toBe(0);
  });

  it('0-byte and comment-only files are empty migrations: applied, recorded, rolled back; dry run and lint accept them', async () => {
    await db.sql.unsafe('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    const dir = await mk({
      '000001_empty.up.sql': '',
      '000001_empty.down.sql': '',
      '000002_users.up.sql': 'CREATE TABLE users (id int);\n',
      '000002_users.down.sql': 'DROP TABLE users;\n',
      '000003_comment.up.sql': '-- nothing to do here yet\n/* really */\n',
      '000003_comment.down.sql': '-- nothing\n',
    });
    const dry = await runCli(['migrate', 'up', '--dry-run'], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect(dry.stderr).not.toMatch(/error|empty/i);
    expect(dry.code).toBe(0);
    const lint = await runCli(['lint', '--format', 'json'], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect(lint.stderr).toBe('');
    expect(JSON.parse(lint.stdout).files).toHaveLength(6);
    const up = await runCli(['migrate', 'up'], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect(up.code).toBe(0);
    const rows = await db.sql<{ name: string }[]>`select name from public.schemaguard_migrations order by version::numeric`;
    expect(rows.map((r) => r.name)).toEqual(['000001_empty', '000002_users', '000003_comment']);
    const down = await runCli(['migrate', 'down', '--to', '0', '--yes'], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect(down.code).toBe(0);
    const left = await db.sql<{ n: number }[]>`select count(*)::int as n from public.schemaguard_migrations`;
    expect(left[0]!.n).toBe(0);
  });
});

describe('refusals and golang-migrate habits', () => {
  let db: TestDatabase;
  const dirs: string[] = [];
  const env = () => ({ DATABASE_URL: db.url });
  beforeAll(async () => {
    db = await createTestDatabase('sg_files_refuse');
  });
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    await db?.dispose();
  });

  it('three bad files are named in one run, exit 2, nothing run', async () => {
    const dir = await project({
      '000001_ok.up.sql': 'CREATE TABLE ok_one (id int);\n',
      '000001_ok.down.sql': 'DROP TABLE ok_one;\n',
      '000002_syntax.up.sql': 'CREATE TABLE (;\n',
      '000002_syntax.down.sql': '\n',
      '000003_begin.up.sql': 'BEGIN;\nCREATE TABLE x (id int);\nCOMMIT;\n',
      '000003_begin.down.sql': '\n',
      '000004_mixed.up.sql': 'CREATE TABLE y (id int);\nCREATE INDEX CONCURRENTLY y_id ON y (id);\n',
      '000004_mixed.down.sql': '\n',
    });
    dirs.push(dir);
    const r = await runCli(['migrate', 'up'], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^schemaguard: 3 migration files refused, nothing was run: /);
    for (const name of ['000002_syntax.up.sql:1:14: syntax error', '000003_begin.up.sql: contains a transaction control statement', '000004_mixed.up.sql: CREATE INDEX CONCURRENTLY']) expect(r.stderr).toContain(name);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const [t] = await db.sql<{ n: number }[]>`select count(*)::int as n from pg_class where relname in ('ok_one', 'schemaguard_migrations')`;
    expect(t!.n).toBe(0);
  });

  it('a file of only CREATE INDEX CONCURRENTLY without directive runs outside a transaction, with a note; up and down', async () => {
    const dir = await project({
      '000001_t.up.sql': 'CREATE TABLE lone (a int, b int);\n',
      '000001_t.down.sql': 'DROP TABLE lone;\n',
      '000002_idx.up.sql': 'CREATE INDEX CONCURRENTLY lone_a ON lone (a);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS lone_b ON lone (b);\n',
      '000002_idx.down.sql': 'DROP INDEX CONCURRENTLY lone_a;\nDROP INDEX CONCURRENTLY lone_b;\n',
    });
    dirs.push(dir);
    const up = await runCli(['migrate', 'up'], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect([up.code, up.stderr.includes('error')]).toEqual([0, false]);
    expect(up.stderr).toContain('note: ');
    expect(up.stderr).toContain('000002_idx.up.sql holds only CREATE/DROP INDEX CONCURRENTLY and no directive: running it outside a transaction');
    const lint = await runCli(['lint', '--format', 'json'], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect(JSON.parse(lint.stdout).findings.filter((f: { rule: string }) => f.rule === 'SG008')).toEqual([]);
    const idx = await db.sql<{ relname: string; valid: boolean }[]>`select c.relname, i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname like 'lone\\_%' order by 1`;
    expect(idx).toEqual([{ relname: 'lone_a', valid: true }, { relname: 'lone_b', valid: true }]);
    const down = await runCli(['migrate', 'down', '--to', '0', '--yes'], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect([down.code, down.stderr]).toEqual([0, expect.stringContaining('000002_idx.down.sql')]);
    const [left] = await db.sql<{ n: number }[]>`select count(*)::int as n from pg_class where relname like 'lone%'`;
    expect(left!.n).toBe(0);
  });

  it('config strict: true refuses the lone CONCURRENTLY file (exit 2), nothing run', async () => {
    await db.sql.unsafe('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    const dir = await project({
      '000001_t.up.sql': 'CREATE TABLE strict_t (a int);\n',
      '000001_t.down.sql': 'DROP TABLE strict_t;\n',
      '000002_idx.up.sql': 'CREATE INDEX CONCURRENTLY strict_a ON strict_t (a);\n',
      '000002_idx.down.sql': 'DROP INDEX CONCURRENTLY strict_a;\n',
    });
    dirs.push(dir);
    await writeFile(join(dir, 'schemaguard.config.json'), JSON.stringify({ migrations: './migrations', strict: true }));
    const r = await runCli(['migrate', 'up'], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('000002_idx.up.sql: CREATE INDEX CONCURRENTLY strict_a ON strict_t (a) cannot run inside a transaction');
    const [t] = await db.sql<{ n: number }[]>`select count(*)::int as n from pg_class where relname in ('strict_t', 'schemaguard_migrations')`;
    expect(t!.n).toBe(0);
  });
});

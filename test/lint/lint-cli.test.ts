// `schemaguard lint` through the built CLI: formats, exit codes, bad input, and SG005 against
// a real database.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { project, type Project } from './helpers.js';

describe('schemaguard lint (CLI)', () => {
  let db: TestDatabase;
  let p: Project;
  beforeAll(async () => {
    db = await createTestDatabase();
    p = await project({
      '000001_base': 'CREATE TABLE prospects (id bigint PRIMARY KEY, name text);',
      '000002_index': 'CREATE INDEX prospects_name ON prospects (name);',
    });
  });
  afterAll(async () => {
    await p?.remove();
    await db?.dispose();
  });

  it('table format: file:line:col, rule, fix, summary; exit 1 at the default --fail-on warning', async () => {
    const r = await runCli(['lint'], { cwd: p.dir });
    expect(r.code).toBe(1);
    // The location, severity and rule open the line; the message wraps at word boundaries (80 columns off a terminal).
    expect(r.stdout.split('\n')[0]).toMatch(/^migrations\/000002_index\.up\.sql:1:1  warning   SG001 CREATE INDEX/);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('migrations/000002_index.up.sql:1:1 warning SG001 CREATE INDEX prospects_name on existing table prospects without CONCURRENTLY');
    expect(r.stdout).toContain('fix: use CREATE INDEX CONCURRENTLY');
    expect(r.stdout).toContain('1 finding (0 critical, 1 warning, 0 info) in 1 of 4 files');
    expect(r.stderr).toBe('');
  });

  it('--fail-on critical and never exit 0 with only warnings', async () => {
    expect((await runCli(['lint', '--fail-on', 'critical'], { cwd: p.dir })).code).toBe(0);
    expect((await runCli(['lint', '--fail-on', 'never'], { cwd: p.dir })).code).toBe(0);
  });

  it('json is the only thing on stdout and is versioned', async () => {
    const r = await runCli(['lint', '--format', 'json'], { cwd: p.dir });
    const doc = JSON.parse(r.stdout) as { version: number; summary: { findings: number }; findings: { rule: string; line: number }[] };
    expect(doc.version).toBe(1);
    expect(doc.summary.findings).toBe(1);
    expect(doc.findings.map((f) => f.rule)).toEqual(['SG001']);
  });

  it('markdown and junit', async () => {
    const md = await runCli(['lint', '--format', 'markdown'], { cwd: p.dir });
    expect(md.stdout).toContain('| warning | SG001 index-without-concurrently | `migrations/000002_index.up.sql:1:1` |');
    const junit = await runCli(['lint', '--format', 'junit'], { cwd: p.dir });
    expect(junit.stdout).toMatch(/^<\?xml/);
    expect(junit.stdout).toContain('<testcase classname="lint" name="migrations/000002_index.up.sql">');
    expect(junit.stdout).toContain('<failure type="SG001"');
    expect(junit.stdout).toContain('<testcase classname="lint" name="migrations/000001_base.up.sql"/>');
  });

  it('markdown: a backtick or | in a file name cannot break the code span or the table row', async () => {
    const odd = await project({
      '000001_base': 'CREATE TABLE users (id bigint PRIMARY KEY, email text);',
      '000002_ix`a|b': 'CREATE INDEX users_email ON users (email);',
    });
    try {
      const md = await runCli(['lint', '--format', 'markdown'], { cwd: odd.dir });
      const row = md.stdout.split('\n').find((l) => l.includes('SG001'));
      expect(row, md.stdout).toBeDefined();
      // The location is one code span fenced with two backticks (one is inside), | escaped.
      expect(row).toContain('``migrations/000002_ix`a\\|b.up.sql:1:1``');
      // Five cells: the escaped | did not open a sixth.
      expect(row!.split(/(?<!\\)\|/).length - 2).toBe(5);
    } finally {
      await odd.remove();
    }
  });

  it('--out writes the report and prints the summary on stderr', async () => {
    const r = await runCli(['lint', '--format', 'json', '--out', 'lint.json'], { cwd: p.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('1 finding');
    expect(JSON.parse(await readFile(join(p.dir, 'lint.json'), 'utf8')).summary.findings).toBe(1);
  });

  it('bad input exits 2 with one line: missing file, syntax error, bad format, no migrations', async () => {
    const missing = await runCli(['lint', 'nope.sql'], { cwd: p.dir });
    expect([missing.code, missing.stderr]).toEqual([2, `schemaguard: cannot read ${join(p.dir, 'nope.sql')}: no such file\n`]);
    const bad = await project({ '000001_a': 'CREATE TABLE t (\n  id int,\n  name text text\n);' });
    try {
      const syntax = await runCli(['lint'], { cwd: bad.dir });
      expect(syntax.code).toBe(2);
      expect(syntax.stderr).toBe('schemaguard: migrations/000001_a.up.sql:3:13: syntax error at or near "text"\n');
    } finally {
      await bad.remove();
    }
    const format = await runCli(['lint', '--format', 'yaml'], { cwd: p.dir });
    expect(format.code).toBe(2);
    const none = await runCli(['lint', '--migrations', 'elsewhere'], { cwd: p.dir });
    expect([none.code, none.stderr]).toEqual([2, 'schemaguard: cannot read migrations directory elsewhere: no such directory\n']);
  });

  it('a malformed lint-ignore directive: exit 2, one line on stderr, every other file linted, JSON and SARIF still valid', async () => {
    const bad = await project({
      '000001_base': 'CREATE TABLE prospects (id bigint PRIMARY KEY, name text);',
      '000002_bad': '-- schemaguard:lint-ignore SG001\nCREATE INDEX a ON prospects (name);',
      '000003_next': 'CREATE INDEX b ON prospects (name);',
    });
    try {
      const json = await runCli(['lint', '--format', 'json'], { cwd: bad.dir });
      expect(json.code).toBe(2);
      expect(json.stderr).toBe('schemaguard: migrations/000002_bad.up.sql:1:1: lint-ignore directive must give a reason (write: -- schemaguard:lint-ignore SG001 reason: why)\n');
      const doc = JSON.parse(json.stdout) as { summary: { files: number }; findings: { rule: string; file: string; line: number }[] };
      expect(doc.summary.files).toBe(6);
      expect(doc.findings.map((f) => `${f.rule}@${f.file}:${f.line}`)).toEqual([
        'SG000@migrations/000002_bad.up.sql:1',
        'SG001@migrations/000002_bad.up.sql:2',
        'SG001@migrations/000003_next.up.sql:1',
      ]);
      const sarif = await runCli(['lint', '--format', 'sarif'], { cwd: bad.dir });
      expect(sarif.code).toBe(2);
      const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string }[] }[] };
      expect(log.runs[0]!.results.map((r) => r.ruleId)).toEqual(['SG000', 'SG001', 'SG001']);
    } finally {
      await bad.remove();
    }
  });

  describe('SG005 drop of data, with --db', () => {
    let drops: Project;
    beforeAll(async () => {
      await db.sql.unsafe(`
        CREATE TABLE legacy (id int, note text);
        INSERT INTO legacy SELECT g, CASE WHEN g % 2 = 0 THEN 'x' END FROM generate_series(1, 10) g;
        CREATE TABLE empty_one (id int);
        CREATE TABLE "We""ird Ta ble" (id int, "Odd Col" text);
        INSERT INTO "We""ird Ta ble" VALUES (1, NULL), (2, NULL);`);
      drops = await project({
        '000001_drop': [
          'DROP TABLE legacy;',
          'DROP TABLE empty_one;',
          'DROP TABLE IF EXISTS never_existed;',
          'ALTER TABLE legacy DROP COLUMN note;',
          'ALTER TABLE "We""ird Ta ble" DROP COLUMN "Odd Col";',
          'DROP TABLE "We""ird Ta ble";',
        ].join('\n'),
      });
    });
    afterAll(async () => {
      await drops?.remove();
    });

    it('flags drops of tables and columns that hold data, not empty or missing ones', async () => {
      const r = await runCli(['lint', '--db', db.url, '--format', 'json'], { cwd: drops.dir });
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.stdout) as { summary: { dataChecked: boolean }; findings: { rule: string; line: number; message: string }[] };
      expect(doc.summary.dataChecked).toBe(true);
      // SG012/SG013 (drops break the previous release) fire too; this test is about SG005.
      expect(doc.findings.filter((f) => f.rule === 'SG005').map((f) => [f.rule, f.line, f.message])).toEqual([
        ['SG005', 1, 'DROP TABLE legacy deletes 10 rows of legacy still in the target database'],
        ['SG005', 4, 'ALTER TABLE legacy DROP COLUMN note deletes 5 non-null values of legacy.note still in the target database'],
        ['SG005', 6, 'DROP TABLE We"ird Ta ble deletes 2 rows of We"ird Ta ble still in the target database'],
      ]);
      // Linting changed nothing.
      const [row] = await db.sql<{ n: string }[]>`select count(*)::text as n from legacy`;
      expect(row!.n).toBe('10');
    });

    it('without --db SG005 does not run, and the summary says so', async () => {
      // --fail-on critical: the drops are SG012/SG013 warnings either way; SG005 would be critical.
      const r = await runCli(['lint', '--fail-on', 'critical'], { cwd: drops.dir, env: { DATABASE_URL: db.url } });
      expect(r.code).toBe(0);
      expect(r.stdout.replace(/\s+/g, ' ')).toContain('SG005 not checked (no --db)');
    });

    it('an unreachable --db is exit 2 without the password', async () => {
      const r = await runCli(['lint', '--db', 'postgres://u:s3cret@127.0.0.1:1/x'], { cwd: drops.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).not.toContain('s3cret');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  });
});

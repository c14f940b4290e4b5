// Pure parts of migrate: file names, checksums, statement splitting, directives, error
// positions, integrity problems and run plans. No database needed.
import { beforeAll, describe, expect, it } from 'vitest';
import { checksumOf, listMigrationFiles, type MigrationFile } from '../../src/migrate/files.js';
import { checkHistory, type AppliedMigration } from '../../src/migrate/integrity.js';
import { parseTarget, planDown, planUp } from '../../src/migrate/plan.js';
import { lineColumn, loadParser, offsetOfPosition, parseDirectives, parseScript } from '../../src/migrate/script.js';
import { lockKeyFor } from '../../src/migrate/lock.js';
import { insertHistorySql, parseHistoryTable } from '../../src/migrate/history.js';
import { migrationsDir, tablePairs } from '../support/migrate.js';

beforeAll(async () => {
  await loadParser();
});

function applied(name: string, checksum = 'x'): AppliedMigration {
  return {
    name,
    version: name.split('_')[0]!,
    checksum,
    appliedAt: new Date(0),
    executionMs: 1,
    appliedBy: 'u',
    clientAddr: null,
    clientHost: null,
    baseline: false,
  };
}

describe('migration files', () => {
  it('pairs up and down files and sorts by number, not by text', () => {
    const dir = migrationsDir({
      '10_ten.up.sql': 'select 1;',
      '10_ten.down.sql': 'select 1;',
      '9_nine.up.sql': 'select 1;',
      'README.md': 'not a migration',
    });
    const files = listMigrationFiles(dir);
    expect(files.map((f) => f.name)).toEqual(['9_nine', '10_ten']);
    expect(files[0]!.downPath).toBeNull();
    expect(files[1]!.downPath).toMatch(/10_ten\.down\.sql$/);
  });

  it.each([
    ['abc.sql', /malformed migration file name "abc\.sql"/],
    ['000001_.up.sql', /malformed migration file name "000001_\.up\.sql"/],
    ['000001_x.sideways.sql', /malformed/],
    ['.up.sql', /malformed/],
    ['000001_ .up.sql', /the name is empty/],
  ])('refuses the file name %s', (name, message) => {
    const dir = migrationsDir({ [name]: 'select 1;' });
    expect(() => listMigrationFiles(dir)).toThrow(message);
  });

  it('refuses a down file without its up file, and two files with one number', () => {
    expect(() => listMigrationFiles(migrationsDir({ '000001_a.down.sql': '' }))).toThrow(/has no 000001_a\.up\.sql/);
    expect(() => listMigrationFiles(migrationsDir({ '000001_a.up.sql': '', '1_b.up.sql': '' }))).toThrow(/share version/);
  });

  it('refuses a missing directory', () => {
    expect(() => listMigrationFiles('/nonexistent/migrations')).toThrow(/does not exist/);
  });

  it('checksums ignore CRLF versus LF but not content', () => {
    expect(checksumOf('CREATE TABLE a (x int);\r\nSELECT 1;\r\n')).toBe(checksumOf('CREATE TABLE a (x int);\nSELECT 1;\n'));
    expect(checksumOf('CREATE TABLE a (x int);\n')).not.toBe(checksumOf('CREATE TABLE a (y int);\n'));
  });
});

describe('statement splitting and directives', () => {
  it('splits by PostgreSQL grammar: dollar quotes, comments and strings stay whole', () => {
    const text = [
      '-- a comment; with a semicolon',
      "CREATE TABLE \"odd;name\" (v text DEFAULT 'a;b');",
      '/* block; comment */',
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$',
      'BEGIN',
      '  RETURN 1; -- inside',
      'END $body$;',
      "SELECT 'x'",
    ].join('\n');
    const script = parseScript('f.sql', text);
    expect(script.statements.map((s) => s.kind)).toEqual(['CreateStmt', 'CreateFunctionStmt', 'SelectStmt']);
    expect(script.statements[1]!.sql).toContain('RETURN 1; -- inside');
    expect(script.statements[1]!.sql.endsWith('$body$')).toBe(true);
    expect(lineColumn(text, script.statements[2]!.offset)).toEqual({ line: 8, column: 1 });
    expect(script.tables).toEqual([{ schema: null, name: 'odd;name' }]);
  });

  it('keeps a BEGIN ATOMIC function body whole', () => {
    const script = parseScript('f.sql', 'CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT a + 1; SELECT 2; END;\nSELECT 1;');
    expect(script.statements.map((s) => s.kind)).toEqual(['CreateFunctionStmt', 'SelectStmt']);
    expect(script.statements[0]!.sql.endsWith('END')).toBe(true);
  });

  it('keeps offsets right after multi-byte characters', () => {
    const text = 'CREATE TABLE "ünï" (a int);\nSELECT nocol FROM "ünï";';
    const script = parseScript('f.sql', text);
    const second = script.statements[1]!;
    expect(text.slice(second.offset, second.offset + 6)).toBe('SELECT');
    expect(lineColumn(text, second.offset + 7)).toEqual({ line: 2, column: 8 });
  });

  it('maps PostgreSQL character positions over astral characters', () => {
    const sql = "SELECT '😀', nocol";
    // PostgreSQL counts 😀 as one character: nocol is at position 13.
    expect(sql.slice(offsetOfPosition(sql, 13))).toBe('nocol');
  });

  it('finds the tables a migration touches, dropped ones included', () => {
    const script = parseScript('f.sql', 'ALTER TABLE leads ADD COLUMN x int;\nDROP TABLE legacy.prospects, jobs;\nINSERT INTO a.b SELECT * FROM c JOIN d ON true;');
    expect(script.tables).toEqual([
      { schema: null, name: 'leads' },
      { schema: 'legacy', name: 'prospects' },
      { schema: null, name: 'jobs' },
      { schema: 'a', name: 'b' },
      { schema: null, name: 'c' },
      { schema: null, name: 'd' },
    ]);
  });

  it('flags statements that cannot run in a transaction', () => {
    const script = parseScript('f.sql', 'CREATE INDEX CONCURRENTLY i ON t (a);\nCREATE INDEX j ON t (a);');
    expect(script.statements.map((s) => s.nonTransactional)).toEqual([true, false]);
  });

  it('reads directives from the first lines only', () => {
    expect(parseDirectives('-- schemaguard:no-transaction\nCREATE INDEX …', 'f')).toEqual({ transaction: false });
    expect(parseDirectives('-- schemaguard:lock-timeout=10s\n-- schemaguard:statement-timeout=1min\nSELECT 1', 'f')).toEqual({
      transaction: true,
      lockTimeout: '10s',
      statementTimeout: '1min',
    });
    expect(parseDirectives('SELECT 1;\n-- schemaguard:no-transaction\n', 'f')).toEqual({ transaction: true });
    expect(() => parseDirectives('-- schemaguard:no-transactions\n', 'f')).toThrow(/f:1: unknown directive/);
    expect(() => parseDirectives('-- schemaguard:lock-timeout=soon\n', 'f')).toThrow(/invalid lock-timeout/);
  });

  it('reports a syntax error with file, line and column', () => {
    expect(() => parseScript('m.sql', 'SELECT 1;\nCREATE TABLE (;')).toThrow(/^m\.sql:2:14: syntax error/);
  });
});

describe('checkHistory', () => {
  const files = [
    { name: '000001_a', version: '000001', checksum: 'A' },
    { name: '000002_b', version: '000002', checksum: 'B' },
    { name: '000003_c', version: '000003', checksum: 'C' },
  ];

  it('finds nothing when history is a prefix of the files with equal checksums', () => {
    expect(checkHistory([applied('000001_a', 'A'), applied('000002_b', 'B')], files)).toEqual([]);
  });

  it('names an applied migration whose file changed', () => {
    expect(checkHistory([applied('000001_a', 'changed')], files)).toEqual([
      { kind: 'checksum-mismatch', name: '000001_a', recorded: 'changed', actual: 'A' },
    ]);
  });

  it('names an applied migration whose file is gone', () => {
    expect(checkHistory([applied('000001_a', 'A'), applied('000009_gone', 'G')], files)).toEqual([
      { kind: 'missing-file', name: '000009_gone' },
      { kind: 'out-of-order', name: '000002_b', latestApplied: '000009_gone' },
      { kind: 'out-of-order', name: '000003_c', latestApplied: '000009_gone' },
    ]);
  });

  it('names a pending migration numbered before an applied one', () => {
    expect(checkHistory([applied('000001_a', 'A'), applied('000003_c', 'C')], files)).toEqual([
      { kind: 'out-of-order', name: '000002_b', latestApplied: '000003_c' },
    ]);
  });
});

describe('run plans', () => {
  const files: MigrationFile[] = listMigrationFiles(migrationsDir(tablePairs(4)));

  it('parses --to and --step strictly', () => {
    expect(parseTarget(undefined, '2')).toEqual({ step: 2 });
    expect(() => parseTarget('000001_t1', '1')).toThrow(/cannot be used together/);
    for (const bad of ['0', '-1', '1.5', 'two', '']) expect(() => parseTarget(undefined, bad)).toThrow(/positive integer/);
  });

  it('plans up with --to (inclusive, by name or number) and --step', () => {
    expect(planUp(files, [], {}).map((f) => f.name)).toEqual(['000001_t1', '000002_t2', '000003_t3', '000004_t4']);
    expect(planUp(files, [applied('000001_t1')], { to: '3' }).map((f) => f.name)).toEqual(['000002_t2', '000003_t3']);
    expect(planUp(files, [], { step: 1 }).map((f) => f.name)).toEqual(['000001_t1']);
    expect(planUp(files, [applied('000001_t1')], { to: '000001_t1' })).toEqual([]);
    expect(() => planUp(files, [], { to: 'nope' })).toThrow(/unknown migration "nope"/);
  });

  it('plans down newest first: default one, --to keeps the target, --to 0 everything', () => {
    const all = ['000001_t1', '000002_t2', '000003_t3'].map((n) => applied(n));
    expect(planDown(files, all, {}).map((f) => f.name)).toEqual(['000003_t3']);
    expect(planDown(files, all, { to: '000001_t1' }).map((f) => f.name)).toEqual(['000003_t3', '000002_t2']);
    expect(planDown(files, all, { to: '0' }).map((f) => f.name)).toEqual(['000003_t3', '000002_t2', '000001_t1']);
    expect(planDown(files, all, { step: 2 }).map((f) => f.name)).toEqual(['000003_t3', '000002_t2']);
    expect(() => planDown(files, all, { step: 4 })).toThrow(/only 3 migration/);
    expect(() => planDown(files, all, { to: '000004_t4' })).toThrow(/is not applied/);
    expect(() => planDown(files, all, { to: 'nope' })).toThrow(/unknown migration/);
    expect(planDown(files, [], {})).toEqual([]);
  });
});

describe('history and lock naming', () => {
  it('quotes hostile values in the history INSERT', () => {
    const sql = insertHistorySql(parseHistoryTable('my"schema.hist'), {
      name: "000001_it's; DROP TABLE x; --",
      version: '000001',
      checksum: 'c',
      executionMs: 3,
    });
    expect(sql).toContain('INSERT INTO "my""schema"."hist"');
    expect(sql).toContain("'000001_it''s; DROP TABLE x; --'");
  });

  it('derives a stable lock key per history table', () => {
    const a = lockKeyFor(parseHistoryTable(undefined));
    expect(lockKeyFor(parseHistoryTable('public.schemaguard_migrations'))).toEqual(a);
    expect(lockKeyFor(parseHistoryTable('other.history')).key).not.toBe(a.key);
    expect((BigInt(a.classid) << 32n) | BigInt(a.objid)).toBe(BigInt.asUintN(64, BigInt(a.key)));
  });

  it('refuses an empty history table name', () => {
    expect(() => parseHistoryTable('public.')).toThrow(/invalid --history-table/);
  });
});

// Each lint rule with a failing and a passing example (SG005, which needs a database, is in
// lint-cli.test.ts). Files are real files on disk, parsed by libpg-query.
import { describe, expect, it } from 'vitest';
import { project, ruleHits } from './helpers.js';

const base = 'CREATE TABLE prospects (id uuid PRIMARY KEY, domain text NOT NULL, name varchar(20), score int);\n';

describe('SG001 index without CONCURRENTLY', () => {
  it('flags CREATE INDEX on a table an earlier migration created', async () => {
    expect(await ruleHits({ '000001_a': base, '000002_b': '\nCREATE INDEX prospects_domain ON prospects (domain);' })).toEqual([
      'SG001@000002_b.up.sql:2',
    ]);
  });
  it('passes CREATE INDEX CONCURRENTLY, and CREATE INDEX on a table created in the same file', async () => {
    expect(
      await ruleHits({
        '000001_a': `${base}CREATE INDEX prospects_domain ON prospects (domain);`,
        '000002_b': '-- schemaguard:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS prospects_name ON prospects (name);',
      }),
    ).toEqual([]);
  });
  it('flags ADD PRIMARY KEY / UNIQUE without USING INDEX on an existing table, passes USING INDEX', async () => {
    expect(
      await ruleHits({
        '000001_a': 'CREATE TABLE t (a int, b int);',
        '000002_b': 'ALTER TABLE t ADD PRIMARY KEY (a);\nALTER TABLE t ADD CONSTRAINT t_b UNIQUE USING INDEX t_b_idx;',
      }),
    ).toEqual(['SG001@000002_b.up.sql:1']);
  });
});

describe('SG002 constraint without NOT VALID', () => {
  const parent = 'CREATE TABLE jobs (id uuid PRIMARY KEY);\nCREATE TABLE q (id uuid, job_id uuid, n int);';
  it('flags a foreign key and a check added to an existing table', async () => {
    expect(
      await ruleHits({
        '000001_a': parent,
        '000002_b':
          'ALTER TABLE q ADD CONSTRAINT q_job FOREIGN KEY (job_id) REFERENCES jobs (id);\nALTER TABLE q ADD CONSTRAINT q_n CHECK (n > 0);',
      }),
    ).toEqual(['SG002@000002_b.up.sql:1', 'SG002@000002_b.up.sql:2']);
  });
  it('passes NOT VALID followed by VALIDATE, and constraints on a table created in the same file', async () => {
    // SG002 is satisfied; in one transactional file the VALIDATE is SG011's (it scans under the ADD's lock).
    expect(
      await ruleHits({
        '000001_a': `${parent}\nALTER TABLE q ADD CONSTRAINT q_n CHECK (n > 0);`,
        '000002_b':
          'ALTER TABLE q ADD CONSTRAINT q_job FOREIGN KEY (job_id) REFERENCES jobs (id) NOT VALID;\nALTER TABLE q VALIDATE CONSTRAINT q_job;',
      }),
    ).toEqual(['SG011@000002_b.up.sql:2']);
    expect(
      await ruleHits({
        '000001_a': parent,
        '000002_b': 'ALTER TABLE q ADD CONSTRAINT q_job FOREIGN KEY (job_id) REFERENCES jobs (id) NOT VALID;',
        '000003_c': 'ALTER TABLE q VALIDATE CONSTRAINT q_job;',
      }),
    ).toEqual([]);
  });
});

describe('SG003 scan or rewrite', () => {
  it('flags SET NOT NULL on an existing table', async () => {
    expect(await ruleHits({ '000001_a': base, '000002_b': 'ALTER TABLE prospects ALTER COLUMN name SET NOT NULL;' })).toEqual([
      'SG003@000002_b.up.sql:1',
    ]);
  });
  it('passes SET NOT NULL through a validated CHECK (col IS NOT NULL)', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': [
          'ALTER TABLE prospects ADD CONSTRAINT name_nn CHECK (name IS NOT NULL) NOT VALID;',
          'ALTER TABLE prospects VALIDATE CONSTRAINT name_nn;',
          'ALTER TABLE prospects ALTER COLUMN name SET NOT NULL;',
          'ALTER TABLE prospects DROP CONSTRAINT name_nn;',
        ].join('\n'),
      }),
      // No SG003; the recipe in one transactional file is SG011's (its VALIDATE scans under the ADD's lock).
    ).toEqual(['SG011@000002_b.up.sql:2']);
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': 'ALTER TABLE prospects ADD CONSTRAINT name_nn CHECK (name IS NOT NULL) NOT VALID;',
        '000003_c': [
          'ALTER TABLE prospects VALIDATE CONSTRAINT name_nn;',
          'ALTER TABLE prospects ALTER COLUMN name SET NOT NULL;',
          'ALTER TABLE prospects DROP CONSTRAINT name_nn;',
        ].join('\n'),
      }),
    ).toEqual([]);
  });
  it('reads an ALTER TABLE command by command: a column added and retyped in one statement, a CHECK before SET NOT NULL', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': [
          // The type of a column added earlier in the same statement is followed: varchar(10) to
          // varchar(20) needs no rewrite, to int does (one SG003).
          'ALTER TABLE prospects ADD COLUMN code varchar(10), ALTER COLUMN code TYPE varchar(20), ALTER COLUMN code TYPE int;',
          // A validating CHECK (no NOT VALID) proves the column NOT NULL for the SET NOT NULL after it: SG002, not SG003.
          'ALTER TABLE prospects ADD CONSTRAINT d_nn CHECK (domain IS NOT NULL), ALTER COLUMN domain SET NOT NULL;',
        ].join('\n'),
      }),
    ).toEqual(['SG003@000002_b.up.sql:1', 'SG002@000002_b.up.sql:2']);
  });
  it('flags a rewriting type change (with or without USING) and passes a binary-compatible one', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': [
          'ALTER TABLE prospects ALTER COLUMN score TYPE bigint;',
          'ALTER TABLE prospects ALTER COLUMN name TYPE varchar(40);',
          'ALTER TABLE prospects ALTER COLUMN name TYPE text;',
          'ALTER TABLE prospects ALTER COLUMN domain TYPE varchar(100) USING domain::varchar(100);',
        ].join('\n'),
      }),
    ).toEqual(['SG003@000002_b.up.sql:1', 'SG003@000002_b.up.sql:4']);
  });
  it('flags a narrowing varchar and a column whose old type is unknown', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': 'ALTER TABLE prospects ALTER COLUMN name TYPE varchar(10);\nALTER TABLE elsewhere ALTER COLUMN x TYPE text;',
      }),
    ).toEqual(['SG003@000002_b.up.sql:1', 'SG003@000002_b.up.sql:2']);
  });
  it('flags ADD COLUMN with a volatile default or an identity, passes a constant default', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': [
          'ALTER TABLE prospects ADD COLUMN token uuid DEFAULT gen_random_uuid();',
          'ALTER TABLE prospects ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;',
          "ALTER TABLE prospects ADD COLUMN status text NOT NULL DEFAULT 'pending';",
          'ALTER TABLE prospects ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();',
        ].join('\n'),
      }),
    ).toEqual(['SG003@000002_b.up.sql:1', 'SG003@000002_b.up.sql:2']);
  });
});

describe('SG004 NOT NULL column without default', () => {
  it('flags ADD COLUMN … NOT NULL without DEFAULT on an existing table', async () => {
    expect(await ruleHits({ '000001_a': base, '000002_b': 'ALTER TABLE prospects\n  ADD COLUMN owner uuid NOT NULL;' })).toEqual([
      'SG004@000002_b.up.sql:2',
    ]);
  });
  it('passes it with a DEFAULT, nullable, or on a table created in the same file', async () => {
    expect(
      await ruleHits({
        '000001_a': `${base}ALTER TABLE prospects ADD COLUMN a int NOT NULL;`,
        '000002_b': 'ALTER TABLE prospects ADD COLUMN b int NOT NULL DEFAULT 0, ADD COLUMN c int;',
      }),
    ).toEqual([]);
  });
});

describe('SG006 column added by two migrations (seed 003)', () => {
  it('flags discovery_query_id added by add_discovery_query and again by the "safe" migration', async () => {
    const p = await project({
      '000001_base': 'CREATE TABLE prospects (id uuid PRIMARY KEY);\nCREATE TABLE discovery_queries (id uuid PRIMARY KEY);',
      '000002_add_discovery_query': 'ALTER TABLE prospects ADD COLUMN discovery_query_id uuid;',
      '000003_add_discovery_query_id_to_prospects_safe':
        '-- idempotent\nALTER TABLE prospects ADD COLUMN IF NOT EXISTS discovery_query_id uuid;',
    });
    try {
      const r = await p.lint();
      expect(r.findings.map((f) => [f.rule, f.file, f.line])).toEqual([
        ['SG006', 'migrations/000003_add_discovery_query_id_to_prospects_safe.up.sql', 2],
      ]);
      expect(r.findings[0]!.message).toContain('migrations/000002_add_discovery_query.up.sql:1 already adds it');
      // Linting only the newest file still sees the history of the directory.
      const only = await p.lint({ files: ['migrations/000003_add_discovery_query_id_to_prospects_safe.up.sql'] });
      expect(only.findings.map((f) => f.rule)).toEqual(['SG006']);
      expect(only.files).toEqual(['migrations/000003_add_discovery_query_id_to_prospects_safe.up.sql']);
    } finally {
      await p.remove();
    }
  });
  it('passes a column added once, and one dropped and added again or renamed away', async () => {
    expect(
      await ruleHits({
        '000001_a': 'CREATE TABLE p (id int, x int, y int);',
        '000002_b': 'ALTER TABLE p ADD COLUMN z int;\nALTER TABLE p DROP COLUMN x;\nALTER TABLE p RENAME COLUMN y TO w;',
        '000003_c': 'ALTER TABLE p ADD COLUMN x int;\nALTER TABLE p ADD COLUMN y int;',
      }, { only: ['SG006'] }),
    ).toEqual([]);
  });
  it('follows a table rename', async () => {
    expect(
      await ruleHits({
        '000001_a': 'CREATE TABLE campaigns (id int, name text);',
        '000002_b': 'ALTER TABLE campaigns RENAME TO lead_generation_campaigns;',
        '000003_c': 'ALTER TABLE lead_generation_campaigns ADD COLUMN name text;',
      }, { only: ['SG006'] }),
    ).toEqual(['SG006@000003_c.up.sql:1']);
  });
});

describe('SG007 missing down file', () => {
  it('flags an up file without its down, passes a pair', async () => {
    expect(
      await ruleHits({
        '000001_a': 'SELECT 1;',
        '000002_b.up.sql': 'SELECT 2;',
      }),
    ).toEqual(['SG007@000002_b.up.sql:1']);
  });
});

describe('SG008 CONCURRENTLY in a transactional migration', () => {
  it('flags CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY in a file that runs in a transaction', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': 'CREATE INDEX CONCURRENTLY i ON prospects (name);\nDROP INDEX CONCURRENTLY j;\nREINDEX (CONCURRENTLY) INDEX k;',
      }),
    ).toEqual(['SG008@000002_b.up.sql:1', 'SG008@000002_b.up.sql:2', 'SG008@000002_b.up.sql:3']);
  });
  it('passes them under a -- schemaguard:no-transaction first line (after other directives too)', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': '-- schemaguard:lock-timeout=2s\n-- schemaguard:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON prospects (name);',
      }),
    ).toEqual([]);
  });
  it('a directive further down the file does not count', async () => {
    expect(await ruleHits({ '000001_a': base, '000002_b': 'SELECT 1;\n-- schemaguard:no-transaction\nDROP INDEX CONCURRENTLY j;' })).toEqual(['SG008@000002_b.up.sql:3']);
  });
});

describe('silencing directives', () => {
  it('a directive with a reason silences its statement only, and is reported as silenced', async () => {
    const p = await project({
      '000001_a': base,
      '000002_b': [
        '-- schemaguard:lint-ignore SG004 reason: prospects is empty at deploy',
        'ALTER TABLE prospects ADD COLUMN a int NOT NULL;',
        'ALTER TABLE prospects ADD COLUMN b int NOT NULL;',
      ].join('\n'),
    });
    try {
      const r = await p.lint();
      expect(r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}:${f.line}`)).toEqual(['SG004:3']);
      expect(r.ignored.map((f) => [f.rule, f.line, f.reason])).toEqual([['SG004', 2, 'prospects is empty at deploy']]);
    } finally {
      await p.remove();
    }
  });
  it('a file-wide directive silences file-level findings (SG007) and several rules', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b.up.sql':
          '/* schemaguard:lint-ignore-file SG007, SG001 reason: one-way data fix agreed with the DBA */\nCREATE INDEX i ON prospects (name);',
      }),
    ).toEqual([]);
  });
  it('a directive without a reason is an SG000 finding at its place; the file and the others are still linted', async () => {
    const p = await project({
      '000001_a': base,
      '000002_b': 'SELECT 1;\n  -- schemaguard:lint-ignore SG001\nCREATE INDEX i ON prospects (name);',
      '000003_c': '-- schemaguard:lint-ignore SG001 reason: built while the table is empty\nCREATE INDEX j ON prospects (name);\nCREATE INDEX k ON prospects (name);',
    });
    try {
      const r = await p.lint();
      expect(r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}@${f.file.replace(/^migrations\//, '')}:${f.line}:${f.column}`)).toEqual([
        'SG000@000002_b.up.sql:2:3',
        'SG001@000002_b.up.sql:3:1',
        'SG001@000003_c.up.sql:3:1',
      ]);
      const sg000 = r.findings.find((f) => f.rule === 'SG000')!;
      expect(sg000.message).toMatch(/^lint-ignore directive must give a reason/);
      expect(sg000.severity).toBe('critical');
      expect(sg000.fix).not.toBe('');
      // The well-formed directive of the next file still silences its statement.
      expect(r.ignored.map((f) => [f.rule, f.line])).toEqual([['SG001', 2]]);
      // Bad input for the CLI (exit 2), named with its location.
      expect(r.unreadable.map((u) => u.error)).toEqual([
        'migrations/000002_b.up.sql:2:3: lint-ignore directive must give a reason (write: -- schemaguard:lint-ignore SG001 reason: why)',
      ]);
    } finally {
      await p.remove();
    }
  });
  it('a directive naming an unknown rule, or none, is an SG000 finding each', async () => {
    const p = await project({ '000001_a': '-- schemaguard:lint-ignore SG999 reason: because\nSELECT 1;\n/* schemaguard:lint-ignore-file reason: x */\nSELECT 2;' });
    try {
      const r = await p.lint();
      expect(r.findings.map((f) => [f.rule, f.line, f.message])).toEqual([
        ['SG000', 1, 'lint-ignore directive names unknown rule SG999'],
        ['SG000', 3, 'lint-ignore directive names no rule (write: -- schemaguard:lint-ignore SG001 reason: why)'],
      ]);
      expect(r.unreadable).toHaveLength(1);
    } finally {
      await p.remove();
    }
  });
  it('directive text inside a string literal is not a directive', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': "SELECT '-- schemaguard:lint-ignore SG001 reason: no';\nCREATE INDEX i ON prospects (name);",
      }),
    ).toEqual(['SG001@000002_b.up.sql:2']);
  });
});

describe('input errors and positions', () => {
  it('a syntax error is a critical SG000 finding at file:line:col (in characters, unicode before it)', async () => {
    const p = await project({ '000001_a': "SELECT 'é';\n\nSELECT frm x WHERE;\n" });
    try {
      const r = await p.lint();
      expect(r.findings.map((f) => [f.rule, f.severity, `${f.file}:${f.line}:${f.column}`, f.message])).toEqual([
        ['SG000', 'critical', 'migrations/000001_a.up.sql:3:19', 'syntax error at or near ";"'],
      ]);
      expect(r.unreadable).toHaveLength(1);
    } finally {
      await p.remove();
    }
  });
  it('columns are counted in characters after multi-byte text on the same line', async () => {
    const p = await project({ '000001_a': base, '000002_b': "SELECT 'ünïcødé'; CREATE INDEX i ON prospects (name);" });
    try {
      const r = await p.lint();
      expect(r.findings.filter((f) => f.rule === 'SG001').map((f) => [f.file, f.line, f.column])).toEqual([['migrations/000002_b.up.sql', 1, 19]]);
    } finally {
      await p.remove();
    }
  });
  it('a missing file or directory is bad input', async () => {
    const p = await project({ '000001_a': 'SELECT 1;' });
    try {
      await expect(p.lint({ files: ['nope.sql'] })).rejects.toThrow(/cannot read .*nope\.sql: no such file/);
      await expect(p.lint({ migrationsDir: 'missing' })).rejects.toThrow(/cannot read migrations directory missing: no such directory/);
    } finally {
      await p.remove();
    }
  });
});

describe('lint directives and the migrate runner', () => {
  it('a lint-ignore directive on the first lines does not stop the runner reading its own directives', async () => {
    const { parseDirectives } = await import('../../src/migrate/script.js');
    const text = '-- schemaguard:lint-ignore-file SG007 reason: one-way fix\n-- schemaguard:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (x);\n';
    expect(parseDirectives(text, 'x.up.sql')).toMatchObject({ transaction: false });
    expect(() => parseDirectives('-- schemaguard:bogus\nSELECT 1;', 'x.up.sql')).toThrow(/unknown directive/);
  });
});

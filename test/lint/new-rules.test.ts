// Rules SG009–SG029, each with a failing and a passing example, on real files parsed by
// libpg-query (the issue 12 list, most important first).
import { describe, expect, it } from 'vitest';
import { project, ruleHits } from './helpers.js';

const base = 'CREATE TABLE users (id bigint PRIMARY KEY, email text, team_id bigint);\nCREATE TABLE teams (id bigint PRIMARY KEY);\nCREATE INDEX users_email ON users (email);\n';
const NOTX = '-- schemaguard:no-transaction\n';

describe('SG009 DROP INDEX without CONCURRENTLY', () => {
  it('flags DROP INDEX of an index on an existing table (a down file too)', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': 'DROP INDEX users_email;',
        '000003_c.up.sql': `${NOTX}CREATE INDEX CONCURRENTLY IF NOT EXISTS users_team ON users (team_id);`,
        '000003_c.down.sql': 'DROP INDEX IF EXISTS users_team;',
      }, { only: ['SG009'] }),
    ).toEqual(['SG009@000002_b.up.sql:1', 'SG009@000003_c.down.sql:1']);
  });
  it('passes DROP INDEX CONCURRENTLY, and an index created in the same file', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': `${NOTX}DROP INDEX CONCURRENTLY IF EXISTS users_email;`,
        '000003_c': 'CREATE TABLE tmp (x int);\nCREATE INDEX tmp_x ON tmp (x);\nDROP INDEX tmp_x;',
      }, { only: ['SG009'] }),
    ).toEqual([]);
  });
});

describe('SG010 key or reference inline in ADD COLUMN', () => {
  it('flags REFERENCES, UNIQUE, PRIMARY KEY and SERIAL PRIMARY KEY on an existing table', async () => {
    expect(
      await ruleHits({
        '000001_a': 'CREATE TABLE teams (id bigint PRIMARY KEY);\nCREATE TABLE t (a int);',
        '000002_b': [
          'ALTER TABLE t ADD COLUMN team_id bigint REFERENCES teams (id);',
          'ALTER TABLE t ADD COLUMN code text UNIQUE;',
          'ALTER TABLE t ADD COLUMN id bigint PRIMARY KEY DEFAULT 0;',
          'ALTER TABLE t ADD COLUMN n serial PRIMARY KEY;',
        ].join('\n'),
      }, { only: ['SG010'] }),
    ).toEqual(['SG010@000002_b.up.sql:1', 'SG010@000002_b.up.sql:2', 'SG010@000002_b.up.sql:3', 'SG010@000002_b.up.sql:4']);
  });
  it('passes the bare column, and inline keys on a table created in the same file', async () => {
    expect(
      await ruleHits({
        '000001_a': 'CREATE TABLE teams (id bigint PRIMARY KEY);\nCREATE TABLE t (a int);',
        '000002_b': 'ALTER TABLE t ADD COLUMN team_id bigint;\nCREATE TABLE u (a int);\nALTER TABLE u ADD COLUMN team_id bigint REFERENCES teams (id) UNIQUE;',
      }, { only: ['SG010'] }),
    ).toEqual([]);
  });
});

describe('SG011 NOT VALID and VALIDATE in one transaction', () => {
  const parent = 'CREATE TABLE t (a int, b int);';
  it('flags VALIDATE after ADD … NOT VALID in one transactional file, and in one DO block of a no-transaction file', async () => {
    expect(
      await ruleHits({
        '000001_a': parent,
        '000002_b': 'ALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0) NOT VALID;\nSELECT 1;\nALTER TABLE t VALIDATE CONSTRAINT a_pos;',
        '000003_c': `${NOTX}DO $$\nBEGIN\n  ALTER TABLE t ADD CONSTRAINT b_nn CHECK (b IS NOT NULL) NOT VALID;\n  ALTER TABLE t VALIDATE CONSTRAINT b_nn;\nEND $$;`,
      }, { only: ['SG011'] }),
    ).toEqual(['SG011@000002_b.up.sql:3', 'SG011@000003_c.up.sql:5']);
  });
  it('passes them in a no-transaction file, in two files, and with --assume-no-transaction', async () => {
    const files = {
      '000001_a': parent,
      '000002_b': `${NOTX}ALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT a_pos;`,
      '000003_c': 'ALTER TABLE t ADD CONSTRAINT b_pos CHECK (b > 0) NOT VALID;',
      '000004_d': 'ALTER TABLE t VALIDATE CONSTRAINT b_pos;',
    };
    expect(await ruleHits(files, { only: ['SG011'] })).toEqual([]);
    const together = { '000001_a': parent, '000002_b': 'ALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT a_pos;' };
    expect(await ruleHits(together, { only: ['SG011'] })).toEqual(['SG011@000002_b.up.sql:2']);
    expect(await ruleHits(together, { only: ['SG011'], assumeNoTransaction: true })).toEqual([]);
  });
});

describe('SG012–SG015 drops', () => {
  it('flags DROP COLUMN, DROP TABLE, DROP DATABASE and TRUNCATE … CASCADE', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': 'ALTER TABLE users DROP COLUMN email;\nDROP TABLE teams;\nDROP DATABASE other;\nTRUNCATE users CASCADE;',
      }, { only: ['SG012', 'SG013', 'SG014', 'SG015'] }),
    ).toEqual(['SG012@000002_b.up.sql:1', 'SG013@000002_b.up.sql:2', 'SG014@000002_b.up.sql:3', 'SG015@000002_b.up.sql:4']);
  });
  it('passes drops of what the same file created (tables, columns), drops in a down file, and TRUNCATE without CASCADE', async () => {
    expect(
      await ruleHits({
        '000001_a.up.sql': 'CREATE TABLE scratch (x int, y int);\nALTER TABLE scratch DROP COLUMN y;\nDROP TABLE scratch;\nTRUNCATE teams;\nALTER TABLE users ADD COLUMN tmp int;\nALTER TABLE users DROP COLUMN tmp;',
        '000001_a.down.sql': 'ALTER TABLE users DROP COLUMN email;\nDROP TABLE teams;',
      }, { only: ['SG012', 'SG013', 'SG014', 'SG015'] }),
    ).toEqual([]);
  });
});

describe('SG016 renames', () => {
  it('flags RENAME COLUMN and RENAME TO on an existing table', async () => {
    expect(
      await ruleHits({ '000001_a': base, '000002_b': 'ALTER TABLE users RENAME COLUMN email TO mail;\nALTER TABLE teams RENAME TO squads;' }, { only: ['SG016'] }),
    ).toEqual(['SG016@000002_b.up.sql:1', 'SG016@000002_b.up.sql:2']);
  });
  it('passes renames of a table or column created in the same file, and renames in a down file', async () => {
    expect(
      await ruleHits({
        '000001_a.up.sql': 'CREATE TABLE draft (x int);\nALTER TABLE draft RENAME COLUMN x TO y;\nALTER TABLE draft RENAME TO final;\nALTER TABLE users ADD COLUMN tmp int;\nALTER TABLE users RENAME COLUMN tmp TO kept;',
        '000001_a.down.sql': 'ALTER TABLE users RENAME COLUMN mail TO email;',
      }, { only: ['SG016'] }),
    ).toEqual([]);
  });
});

describe('SG017–SG020 locks', () => {
  it('flags REINDEX, DETACH PARTITION without CONCURRENTLY, DROP NOT NULL, ALTER DOMAIN ADD CONSTRAINT', async () => {
    expect(
      await ruleHits({
        '000001_a': 'CREATE TABLE m (id bigint NOT NULL, at date) PARTITION BY RANGE (at);\nCREATE DOMAIN pos AS int;',
        '000002_b': [
          'REINDEX INDEX m_idx;',
          'REINDEX (CONCURRENTLY false) TABLE m;',
          "ALTER TABLE m DETACH PARTITION m_2020;",
          'ALTER TABLE m ALTER COLUMN id DROP NOT NULL;',
          'ALTER DOMAIN pos ADD CONSTRAINT pos_check CHECK (VALUE > 0);',
        ].join('\n'),
      }, { only: ['SG017', 'SG018', 'SG019', 'SG020'] }),
    ).toEqual(['SG017@000002_b.up.sql:1', 'SG017@000002_b.up.sql:2', 'SG018@000002_b.up.sql:3', 'SG019@000002_b.up.sql:4', 'SG020@000002_b.up.sql:5']);
  });
  it('passes their safe forms', async () => {
    expect(
      await ruleHits({
        '000001_a': 'CREATE TABLE m (id bigint NOT NULL, at date) PARTITION BY RANGE (at);\nCREATE DOMAIN pos AS int;',
        '000002_b': `${NOTX}REINDEX INDEX CONCURRENTLY m_idx;\nALTER TABLE m DETACH PARTITION m_2020 CONCURRENTLY;`,
        '000003_c': 'ALTER DOMAIN pos ADD CONSTRAINT pos_check CHECK (VALUE > 0) NOT VALID;',
        '000004_d': 'ALTER DOMAIN pos VALIDATE CONSTRAINT pos_check;\nCREATE TABLE n (x int NOT NULL);\nALTER TABLE n ALTER COLUMN x DROP NOT NULL;\nREINDEX SYSTEM;',
      }, { only: ['SG008', 'SG017', 'SG018', 'SG019', 'SG020'] }),
    ).toEqual([]);
  });
});

describe('SG008 reads the CONCURRENTLY option, not the word', () => {
  it('REINDEX (CONCURRENTLY false) in a transaction is not SG008; (CONCURRENTLY true) and DETACH … CONCURRENTLY are', async () => {
    expect(
      await ruleHits({
        '000001_a': 'REINDEX (CONCURRENTLY false) INDEX k;\nREINDEX (CONCURRENTLY true) INDEX k;\nALTER TABLE p DETACH PARTITION c CONCURRENTLY;',
      }, { only: ['SG008'] }),
    ).toEqual(['SG008@000001_a.up.sql:2', 'SG008@000001_a.up.sql:3']);
  });
});

describe('SG021 not re-runnable in a no-transaction file', () => {
  it('flags CREATE INDEX CONCURRENTLY without IF NOT EXISTS (even alone), and other unguarded statements before the last', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': `${NOTX}CREATE INDEX CONCURRENTLY users_team ON users (team_id);\nALTER TABLE users ADD COLUMN x int;\nDROP INDEX CONCURRENTLY users_email;`,
        // The last statement replays only after it failed, and then it rolled back; not a failed CIC.
        '000003_c': `${NOTX}CREATE INDEX CONCURRENTLY users_x ON users (x);`,
      }, { only: ['SG021'] }),
    ).toEqual(['SG021@000002_b.up.sql:2', 'SG021@000002_b.up.sql:3', 'SG021@000003_c.up.sql:2']);
  });
  it('passes the guarded forms, and transactional files (they roll back whole)', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': `${NOTX}CREATE INDEX CONCURRENTLY IF NOT EXISTS users_team ON users (team_id);\nDROP INDEX CONCURRENTLY IF EXISTS users_email;\nALTER TABLE users ADD COLUMN IF NOT EXISTS x int;`,
        '000003_c': 'CREATE TABLE again (x int);',
      }, { only: ['SG021'] }),
    ).toEqual([]);
  });
});

describe('SG022 transaction control in a migration', () => {
  it('flags BEGIN/COMMIT in a no-transaction file and in a transactional one', async () => {
    expect(
      await ruleHits({
        '000001_a': `${NOTX}BEGIN;\nCREATE TABLE x (a int);\nCOMMIT;`,
        '000002_b': 'BEGIN;\nCREATE TABLE y (a int);\nCOMMIT;',
      }, { only: ['SG022'] }),
    ).toEqual(['SG022@000001_a.up.sql:2', 'SG022@000001_a.up.sql:4', 'SG022@000002_b.up.sql:1', 'SG022@000002_b.up.sql:3']);
  });
  it('passes with --assume-no-transaction (the team\'s runner wants them)', async () => {
    expect(await ruleHits({ '000001_a': 'BEGIN;\nCREATE TABLE y (a int);\nCOMMIT;' }, { only: ['SG022'], assumeNoTransaction: true })).toEqual([]);
  });
});

describe('SG023 default of unknown volatility, and the shared volatile list', () => {
  it('flags a user function default on an existing table; uuidv7 is a known volatile one (SG003)', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': 'ALTER TABLE users ADD COLUMN code text DEFAULT make_code();\nALTER TABLE users ADD COLUMN ref uuid DEFAULT uuidv7();',
      }, { only: ['SG003', 'SG023'] }),
    ).toEqual(['SG023@000002_b.up.sql:1', 'SG003@000002_b.up.sql:2']);
  });
  it('passes known stable defaults, constants, and any default on a new table', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': "ALTER TABLE users ADD COLUMN at timestamptz DEFAULT now();\nALTER TABLE users ADD COLUMN s text DEFAULT lower('X');\nCREATE TABLE z (c text DEFAULT make_code());",
      }, { only: ['SG003', 'SG023'] }),
    ).toEqual([]);
  });
  it('the planner reads the same list', async () => {
    const { defaultIsVolatile, VOLATILE_FUNCTIONS } = await import('../../src/schema/volatility.js');
    expect(VOLATILE_FUNCTIONS.has('uuidv7')).toBe(true);
    expect(defaultIsVolatile('uuidv7()')).toBe(true);
    expect(defaultIsVolatile("'uuidv7'::text")).toBe(false);
  });
});

describe('SG024–SG028 types and names', () => {
  it('flags char(n), int primary keys, timestamp, varchar(n), identifiers over 63 bytes', async () => {
    const long = `t_${'é'.repeat(31)}`; // 64 bytes
    expect(
      await ruleHits({
        '000001_a': [
          'CREATE TABLE a (id int PRIMARY KEY, code char(3));',
          'CREATE TABLE b (id serial, at timestamp, name varchar(40), PRIMARY KEY (id));',
          `CREATE TABLE "${long}" (x text);`,
        ].join('\n'),
      }, { only: ['SG024', 'SG025', 'SG026', 'SG027', 'SG028'] }),
    ).toEqual(['SG025@000001_a.up.sql:1', 'SG024@000001_a.up.sql:1', 'SG025@000001_a.up.sql:2', 'SG026@000001_a.up.sql:2', 'SG027@000001_a.up.sql:2', 'SG028@000001_a.up.sql:3']);
  });
  it('passes text, bigint identity keys, timestamptz, varchar without a limit, a 63-byte name', async () => {
    expect(
      await ruleHits({
        '000001_a': `CREATE TABLE a (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code text, at timestamptz, n varchar, "char" "char");\nCREATE TABLE ${'x'.repeat(63)} (y int);`,
      }, { only: ['SG024', 'SG025', 'SG026', 'SG027', 'SG028'] }),
    ).toEqual([]);
  });
});

describe('SG028 over a quoted name holding a control character', () => {
  it('is found (the scanner is given the name with the control character as a space)', async () => {
    const long = `t\u0001${'x'.repeat(63)}`;
    expect(await ruleHits({ '000001_a': `CREATE TABLE "${long}" (x text);` }, { only: ['SG028'] })).toEqual(['SG028@000001_a.up.sql:1']);
  });
});

describe('DO blocks and PL/pgSQL bodies', () => {
  it('lints static DDL inside a DO block at its own line, and reports dynamic EXECUTE once as not analysed', async () => {
    const p = await project({
      '000001_a': base,
      '000002_b': [
        '-- backfill and tighten',
        'DO $$',
        'BEGIN',
        "  IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'x') THEN",
        '    ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
        '  END IF;',
        "  EXECUTE 'ALTER TABLE users DROP COLUMN ' || 'team_id';",
        "  EXECUTE format('DROP TABLE %I', 'teams');",
        '  ALTER TABLE users DROP COLUMN team_id;',
        'END $$;',
      ].join('\n'),
    });
    try {
      const r = await p.lint();
      expect(r.findings.map((f) => [f.rule, f.line, f.column, f.statement])).toEqual([
        ['SG003', 5, 5, 'ALTER TABLE users ALTER COLUMN email SET NOT NULL'],
        ['SG029', 7, 3, 'DO $$'],
        ['SG012', 9, 3, 'ALTER TABLE users DROP COLUMN team_id'],
      ]);
      expect(r.findings.find((f) => f.rule === 'SG029')!.message).toBe('dynamic EXECUTE in a DO block: not analysed (lint cannot read SQL built at run time)');
    } finally {
      await p.remove();
    }
  });
  it('a lint-ignore before the DO block silences what is inside it; CONCURRENTLY inside a DO is SG008 even in a no-transaction file', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': '-- schemaguard:lint-ignore SG012 reason: column unused since v2\nDO $$ BEGIN ALTER TABLE users DROP COLUMN team_id; END $$;',
        '000003_c': `${NOTX}DO $$ BEGIN CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON users (email); END $$;`,
      }, { only: ['SG008', 'SG012'] }),
    ).toEqual(['SG008@000003_c.up.sql:2']);
  });
  it('reads plpgsql function bodies; quoted-string bodies are located by line; passes a clean body', async () => {
    expect(
      await ruleHits({
        '000001_a': base,
        '000002_b': [
          'CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $f$',
          'BEGIN',
          '  UPDATE users SET email = lower(email);',
          'END $f$;',
          "CREATE FUNCTION g() RETURNS void LANGUAGE plpgsql AS 'BEGIN",
          "  ALTER TABLE users RENAME COLUMN email TO mail;",
          "END';",
        ].join('\n'),
      }, { only: ['SG016', 'SG029'] }),
    ).toEqual(['SG016@000002_b.up.sql:6']);
  });
});

describe('robust input', () => {
  it('0-byte, blank and comment-only files are fine; a syntax error is SG000 and the other files are still linted', async () => {
    const p = await project({
      '000001_a': base,
      '000002_empty.up.sql': '',
      '000002_empty.down.sql': '  \n',
      '000003_comments.up.sql': '-- nothing yet\n/* really */\n',
      '000003_comments.down.sql': '-- nothing\n',
      '000004_broken': 'CREATE TABLE ok (x int);\nALTER TABLE users ADD COLUMN;',
      '000005_after': 'CREATE INDEX users_team ON users (team_id);',
    });
    try {
      const r = await p.lint();
      expect(r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}@${f.file}:${f.line}:${f.column}`)).toEqual([
        'SG000@migrations/000004_broken.up.sql:2:29',
        'SG001@migrations/000005_after.up.sql:1:1',
      ]);
      expect(r.unreadable.map((u) => u.file)).toEqual(['migrations/000004_broken.up.sql']);
      expect(r.files).toHaveLength(10);
    } finally {
      await p.remove();
    }
  });
  it('SG006 does not fire for a column added again in the same file', async () => {
    expect(
      await ruleHits({
        '000001_a': 'CREATE TABLE t (id bigint);\nALTER TABLE t ADD COLUMN IF NOT EXISTS id bigint;\nALTER TABLE t ADD COLUMN x int;\nALTER TABLE t ADD COLUMN IF NOT EXISTS x int;',
      }, { only: ['SG006'] }),
    ).toEqual([]);
  });
  it('end positions: the end of the statement concerned', async () => {
    const p = await project({ '000001_a': base, '000002_b': "SELECT 'é';\nCREATE INDEX i\n  ON users (team_id);\n" });
    try {
      const r = await p.lint();
      const f = r.findings.find((x) => x.rule === 'SG001')!;
      // Exclusive end, as SARIF's endColumn: the character after the last one of the statement.
      expect([f.line, f.column, f.endLine, f.endColumn]).toEqual([2, 1, 3, 21]);
    } finally {
      await p.remove();
    }
  });
});

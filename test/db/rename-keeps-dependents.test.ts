// Issue 10: a confirmed column rename is one RENAME COLUMN. PostgreSQL rewrites every index key,
// predicate, check, exclusion, generated column, policy and trigger condition that reads the
// column; the plan must not drop and rebuild them. Applied to FROM, a second diff is empty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { diff } from '../../src/diff/index.js';
import { introspect } from '../../src/introspect/index.js';
import { plan } from '../../src/plan/plan.js';
import { changesWithRenames, renameColumnIn, renameLabel } from '../../src/plan/renames.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const ddl = (c: string) => `
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE users (id int PRIMARY KEY, "${c}" text NOT NULL, email text, upper_nick text GENERATED ALWAYS AS (upper("${c}")) STORED, during tstzrange);
CREATE UNIQUE INDEX users_nick_key ON users ("${c}");
CREATE INDEX users_lower ON users (lower("${c}"));
CREATE INDEX users_part ON users (email) WHERE "${c}" IS NOT NULL AND "${c}" <> 'nick_name';
CREATE INDEX users_multi ON users ("${c}" DESC, email) INCLUDE (id);
ALTER TABLE users ADD CONSTRAINT nick_len CHECK (length("${c}") < 40);
ALTER TABLE users ADD CONSTRAINT no_overlap EXCLUDE USING gist ("${c}" WITH =, during WITH &&);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON users USING ("${c}" = current_user);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER nick_changed BEFORE UPDATE OF "${c}" ON users FOR EACH ROW WHEN (OLD."${c}" IS DISTINCT FROM NEW."${c}") EXECUTE FUNCTION touch();
INSERT INTO users (id, "${c}", email) VALUES (1, 'ann', 'a@x');`;

describe('a confirmed column rename keeps what reads the column', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase('sg_rn_a'), createTestDatabase('sg_rn_b')]);
    for (const [db, c] of [[a, 'nick_name'], [b, 'Nick Name']] as const) {
      const sql = await connect(db.url, { max: 1 });
      await sql.unsafe(ddl(c));
      await sql.end();
    }
  });
  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
  });

  it('plans only the RENAME, which converges', async () => {
    const sa = await connect(a.url, { max: 1 });
    const sb = await connect(b.url, { max: 1 });
    try {
      const [from, to] = await Promise.all([introspect(sa), introspect(sb)]);
      const changes = changesWithRenames(from, to, (c) => renameLabel(c) === 'public.users.nick_name → Nick Name');
      const statements = plan(changes, { from, to }).statements.map((s) => s.sql);
      expect(statements).toEqual(['ALTER TABLE "public"."users" RENAME COLUMN "nick_name" TO "Nick Name"']);
      for (const s of statements) await sa.unsafe(s);
      expect(diff(await introspect(sa), to)).toEqual([]);
    } finally {
      await sa.end();
      await sb.end();
    }
  });
});

describe('renameColumnIn', () => {
  it('renames bare and quoted references, not literals, qualified names or calls', () => {
    expect(renameColumnIn(`(nick_name <> 'nick_name'::text) AND (lower(nick_name) = x.nick_name)`, 'nick_name', 'Nick')).toBe(`("Nick" <> 'nick_name'::text) AND (lower("Nick") = x.nick_name)`);
    expect(renameColumnIn(`"a""b" = 'it''s a""b'`, 'a"b', 'c')).toBe(`c = 'it''s a""b'`);
    expect(renameColumnIn('lower(lower)', 'lower', 'v')).toBe('lower(v)');
    expect(renameColumnIn('nick_names + nick_name2', 'nick_name', 'n')).toBe('nick_names + nick_name2');
  });
});

describe('renameColumnIn, trigger texts', () => {
  it('renames OLD./NEW. references and UPDATE OF columns, not the trigger or table named like the column', () => {
    const def = 'CREATE TRIGGER nick BEFORE UPDATE OF nick ON nick FOR EACH ROW WHEN ((old.nick IS DISTINCT FROM new.nick)) EXECUTE FUNCTION nick()';
    expect(renameColumnIn(def, 'nick', 'handle', { rowQualifiers: true })).toBe('CREATE TRIGGER nick BEFORE UPDATE OF handle ON nick FOR EACH ROW WHEN ((old.handle IS DISTINCT FROM new.handle)) EXECUTE FUNCTION nick()');
    expect(renameColumnIn('x.nick = old.nick', 'nick', 'h')).toBe('x.nick = old.nick');
  });
});

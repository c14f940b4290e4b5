// Convergence cases for collations (CREATE COLLATION, and the columns that use one), composite
// types (CREATE TYPE … AS (…), and the tables that use one) and what an owner revoked from itself, with awkward quoted names.
import type { ConvergenceCase } from './harness.js';

const c = (name: string, old: string, next: string, extra: Partial<ConvergenceCase> = {}): ConvergenceCase => ({ name, old, new: next, ...extra });

const S = 'CREATE SCHEMA "Lang Ü";';
const NOCASE = `CREATE COLLATION "Lang Ü"."No ""Case""" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);`;
const POSIXISH = `CREATE COLLATION "Lang Ü"."by bytes" (provider = libc, lc_collate = 'C', lc_ctype = 'C');`;
const WORDS = 'CREATE TABLE "Lang Ü"."Word List" (id int PRIMARY KEY, word text NOT NULL, note text);';
const WORD_ROWS = `INSERT INTO "Lang Ü"."Word List" SELECT g, 'w' || g, NULL FROM generate_series(1, 20) g;`;

const MOOD = `CREATE TYPE "Lang Ü"."Mood" AS ENUM ('calm', 'wild');`;
const PAIR = `CREATE TYPE "Lang Ü"."Pair ""Of"" Things" AS ("Left Side" int, label text COLLATE "C", mood "Lang Ü"."Mood");`;

export const TYPE_CASES: readonly ConvergenceCase[] = [
  // ---- collations
  c('collation: added, used by a new table and by a column added to an existing one', `${S} ${WORDS}`,
    `${S} ${NOCASE} ${POSIXISH} ${WORDS.replace('note text', `note text, "Tag" text COLLATE "Lang Ü"."No ""Case"""`)}
     CREATE TABLE "Lang Ü".sorted (k text COLLATE "Lang Ü"."by bytes" PRIMARY KEY);
     COMMENT ON COLLATION "Lang Ü"."by bytes" IS 'byte order';`, {
      data: WORD_ROWS,
      expectSql: [
        /^CREATE COLLATION "Lang Ü"."No ""Case""" \(provider = icu, locale = 'und-u-ks-level2', deterministic = false\)$/,
        /^ALTER TABLE "Lang Ü"."Word List" ADD COLUMN "Tag" text COLLATE "Lang Ü"."No ""Case"""$/,
      ],
    }),
  c('collation: dropped after the column that used it goes back to the default', `${S} ${NOCASE} ${WORDS.replace('note text', `note text COLLATE "Lang Ü"."No ""Case"""`)}`,
    `${S} ${WORDS}`, {
      data: WORD_ROWS,
      expectSql: [/^DROP COLLATION "Lang Ü"."No ""Case"""$/],
    }),
  c('collation: definition changed, its column (under a view) moved to the new one', `${S} ${POSIXISH} ${WORDS.replace('word text', `word text COLLATE "Lang Ü"."by bytes"`)} CREATE VIEW "Lang Ü".words AS SELECT word FROM "Lang Ü"."Word List";`,
    `${S} ${POSIXISH.replace("lc_collate = 'C', lc_ctype = 'C'", "lc_collate = 'POSIX', lc_ctype = 'POSIX'")} ${WORDS.replace('word text', `word text COLLATE "Lang Ü"."by bytes"`)} CREATE VIEW "Lang Ü".words AS SELECT word FROM "Lang Ü"."Word List";`, {
      data: WORD_ROWS,
      hazards: ['blocking-lock'],
      expectSql: [/^ALTER COLLATION "Lang Ü"."by bytes" RENAME TO "by bytes__old"$/, /^ALTER TABLE "Lang Ü"."Word List" ALTER COLUMN "word" TYPE text COLLATE "Lang Ü"."by bytes"$/],
    }),
  c('collation: ICU made deterministic, and a comment changed on another', `${S} ${NOCASE} ${POSIXISH} COMMENT ON COLLATION "Lang Ü"."by bytes" IS 'old';`,
    `${S} ${NOCASE.replace('deterministic = false', 'deterministic = true')} ${POSIXISH} COMMENT ON COLLATION "Lang Ü"."by bytes" IS 'new';`, {
      expectSql: [/^COMMENT ON COLLATION "Lang Ü"."by bytes" IS 'new'$/],
    }),

  // ---- composite types
  c('composite: added, with an enum attribute, used by a new table', `${S}`,
    `${S} ${MOOD} ${PAIR} COMMENT ON TYPE "Lang Ü"."Pair ""Of"" Things" IS 'two things'; COMMENT ON COLUMN "Lang Ü"."Pair ""Of"" Things"."Left Side" IS 'the left';
     CREATE TABLE "Lang Ü".holder (id int, p "Lang Ü"."Pair ""Of"" Things", ps "Lang Ü"."Pair ""Of"" Things"[]);`, {
      expectSql: [/^CREATE TYPE "Lang Ü"."Pair ""Of"" Things" AS \("Left Side" integer, "label" text COLLATE "C", "mood" "Lang Ü"\."Mood"\)$/],
    }),
  c('composite: dropped with the table that used it', `${S} ${MOOD} ${PAIR} CREATE TABLE "Lang Ü".holder (id int, p "Lang Ü"."Pair ""Of"" Things");`, `${S} ${MOOD}`, {
    expectSql: [/^DROP TYPE "Lang Ü"."Pair ""Of"" Things"$/],
  }),
  c('composite: attributes added, dropped and retyped, comment changed', `${S} ${MOOD} ${PAIR}`,
    `${S} ${MOOD} CREATE TYPE "Lang Ü"."Pair ""Of"" Things" AS ("Left Side" bigint, mood "Lang Ü"."Mood", "Right Side" numeric(8,2)); COMMENT ON TYPE "Lang Ü"."Pair ""Of"" Things" IS 'changed';`, {
      expectSql: [
        /^ALTER TYPE "Lang Ü"."Pair ""Of"" Things" ALTER ATTRIBUTE "Left Side" TYPE bigint$/,
        /^ALTER TYPE "Lang Ü"."Pair ""Of"" Things" ADD ATTRIBUTE "Right Side" numeric\(8,2\)$/,
        /^ALTER TYPE "Lang Ü"."Pair ""Of"" Things" DROP ATTRIBUTE "label"$/,
      ],
    }),
  c('composite: an attribute retyped while a table stores the type is dropped and added again, with the loss said', `${S} ${MOOD} ${PAIR} CREATE TABLE "Lang Ü".holder (id int, p "Lang Ü"."Pair ""Of"" Things"); INSERT INTO "Lang Ü".holder VALUES (1, ROW(1, 'x', 'calm'));`,
    `${S} ${MOOD} ${PAIR.replace('label text COLLATE "C"', 'label varchar(20)')} CREATE TABLE "Lang Ü".holder (id int, p "Lang Ü"."Pair ""Of"" Things");`, {
      hazards: ['deletes-data'],
    }),
  c('composite and collation: nested composites, a function returning one, a domain with a user collation', `${S}`,
    `${S} ${POSIXISH} CREATE DOMAIN "Lang Ü".word AS text COLLATE "Lang Ü"."by bytes" CHECK (VALUE <> '');
     CREATE TYPE "Lang Ü".inner_t AS (w "Lang Ü".word, n int);
     CREATE TYPE "Lang Ü"."Outer T" AS (i "Lang Ü".inner_t, at timestamptz);
     CREATE FUNCTION "Lang Ü".mk(x int) RETURNS "Lang Ü"."Outer T" LANGUAGE sql AS $$ SELECT ROW(ROW('a', x)::"Lang Ü".inner_t, now())::"Lang Ü"."Outer T" $$;
     CREATE TABLE "Lang Ü".store (id int PRIMARY KEY, o "Lang Ü"."Outer T");`),
  c('composite: an enum attribute follows its enum re-created for a removed label', `${S} ${MOOD.replace("'wild'", "'wild', 'gone'")} ${PAIR}`, `${S} ${MOOD} ${PAIR}`, {
    hazards: ['may-fail'],
  }),
];

// ---- what an object's owner has revoked from itself (its ACL no longer holds the default)
const ACC = 'CREATE TABLE "Acc ""Log""" (id int PRIMARY KEY, note text);';
const SEQ = 'CREATE SEQUENCE "Tick ""Seq""";';
const VIEW = 'CREATE VIEW "Acc View" AS SELECT id FROM "Acc ""Log""";';
const FN = 'CREATE FUNCTION "Add One"(i int) RETURNS int LANGUAGE sql AS $$ SELECT i + 1 $$;';
const BASE = `${ACC} ${SEQ} ${VIEW} ${FN}`;

export const OWNER_PRIVILEGE_CASES: readonly ConvergenceCase[] = [
  c('owner privileges: the owner revokes some of its own on a table, a view, a sequence and a function', BASE,
    `${BASE} REVOKE SELECT, TRUNCATE ON "Acc ""Log""" FROM CURRENT_USER; REVOKE UPDATE ON "Acc View" FROM CURRENT_USER;
     REVOKE USAGE ON SEQUENCE "Tick ""Seq""" FROM CURRENT_USER; REVOKE EXECUTE ON FUNCTION "Add One"(int) FROM CURRENT_USER;`, {
      expectSql: [/^REVOKE SELECT ON TABLE "public"."Acc ""Log""" FROM "[^"]+"$/, /^REVOKE USAGE ON SEQUENCE "public"."Tick ""Seq""" FROM "[^"]+"$/],
    }),
  c('owner privileges: the owner has its own back', `${BASE} REVOKE SELECT, DELETE ON "Acc ""Log""" FROM CURRENT_USER; REVOKE EXECUTE ON FUNCTION "Add One"(int) FROM CURRENT_USER;`, BASE, {
    expectSql: [/^GRANT SELECT ON TABLE "public"."Acc ""Log""" TO "[^"]+"$/],
  }),
  c('owner privileges: one revoked privilege traded for another, beside a grant to another role',
    `${BASE} GRANT SELECT ON "Acc ""Log""" TO sg_conv_reader; REVOKE DELETE ON "Acc ""Log""" FROM CURRENT_USER;`,
    `${BASE} GRANT SELECT ON "Acc ""Log""" TO sg_conv_reader; REVOKE INSERT, REFERENCES ON "Acc ""Log""" FROM CURRENT_USER;`),
  c('owner privileges: a schema whose owner gave up CREATE on it, a new one likewise', 'CREATE SCHEMA "Own ""Ns""";',
    'CREATE SCHEMA "Own ""Ns"""; REVOKE CREATE ON SCHEMA "Own ""Ns""" FROM CURRENT_USER; CREATE SCHEMA fresh; REVOKE USAGE ON SCHEMA fresh FROM CURRENT_USER;', {
      expectSql: [/^REVOKE CREATE ON SCHEMA "Own ""Ns""" FROM "[^"]+"$/],
    }),
  c('owner privileges: a new table created without some of its owner\'s, a dropped one with them', `CREATE TABLE gone (a int); REVOKE ALL ON gone FROM CURRENT_USER;`,
    `${ACC} REVOKE TRIGGER ON "Acc ""Log""" FROM CURRENT_USER;`),
];

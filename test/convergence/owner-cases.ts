// Convergence cases for owners (ALTER … OWNER TO for objects on both sides, new objects handed
// to theirs), the owner's own privileges when the two sides' owners differ, and USAGE on types.
// Our own DDL; the roles are cases.ts's ROLES, created once by the suite.
import type { ConvergenceCase } from './harness.js';

const c = (name: string, old: string, next: string, extra: Partial<ConvergenceCase> = {}): ConvergenceCase => ({ name, old, new: next, ...extra });

const WRITER = '"Sg Conv ""Writer"""';
const NS = '"Own ""Ns"""';
const OBJECTS = `CREATE SCHEMA ${NS};
CREATE TYPE ${NS}."Mood" AS ENUM ('ok', 'bad');
CREATE DOMAIN ${NS}."Pos" AS integer CHECK (VALUE > 0);
CREATE TYPE ${NS}."Pair" AS (a integer, b text);
CREATE TABLE ${NS}."Item ""T""" (id serial PRIMARY KEY, mood ${NS}."Mood", n ${NS}."Pos");
CREATE VIEW ${NS}."Item View" AS SELECT id, mood FROM ${NS}."Item ""T""";
CREATE MATERIALIZED VIEW ${NS}."Item Count" AS SELECT count(*) AS n FROM ${NS}."Item ""T""";
CREATE SEQUENCE ${NS}."Tick";
CREATE FUNCTION ${NS}."Add One"(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT $1 + 1 $$;
CREATE PROCEDURE ${NS}."Noop"() LANGUAGE sql AS $$ SELECT 1 $$;
CREATE AGGREGATE ${NS}."Total"(integer) (SFUNC = int4pl, STYPE = integer);`;
const TO_WRITER = `ALTER SCHEMA ${NS} OWNER TO ${WRITER};
ALTER TYPE ${NS}."Mood" OWNER TO ${WRITER};
ALTER DOMAIN ${NS}."Pos" OWNER TO ${WRITER};
ALTER TYPE ${NS}."Pair" OWNER TO ${WRITER};
ALTER TABLE ${NS}."Item ""T""" OWNER TO ${WRITER};
ALTER VIEW ${NS}."Item View" OWNER TO ${WRITER};
ALTER MATERIALIZED VIEW ${NS}."Item Count" OWNER TO ${WRITER};
ALTER SEQUENCE ${NS}."Tick" OWNER TO ${WRITER};
ALTER FUNCTION ${NS}."Add One"(integer) OWNER TO ${WRITER};
ALTER PROCEDURE ${NS}."Noop"() OWNER TO ${WRITER};
ALTER AGGREGATE ${NS}."Total"(integer) OWNER TO ${WRITER};`;

const TYPES = `CREATE TYPE "Mood" AS ENUM ('ok', 'bad'); CREATE DOMAIN "Pos" AS integer CHECK (VALUE > 0); CREATE TYPE "Pair" AS (a integer, b text);`;
const TYPE_GRANTS = `REVOKE USAGE ON TYPE "Mood" FROM PUBLIC; GRANT USAGE ON TYPE "Mood" TO sg_conv_reader;
GRANT USAGE ON DOMAIN "Pos" TO ${WRITER} WITH GRANT OPTION;
REVOKE USAGE ON TYPE "Pair" FROM PUBLIC;`;

export const OWNER_CASES: readonly ConvergenceCase[] = [
  c('owner: every kind of object handed to another role, the serial sequence with its table', OBJECTS, `${OBJECTS} ${TO_WRITER}`, {
    expectSql: [
      /^ALTER SCHEMA "Own ""Ns""" OWNER TO "Sg Conv ""Writer"""$/,
      /^ALTER TABLE "Own ""Ns"""\."Item ""T""" OWNER TO "Sg Conv ""Writer"""$/,
      /^ALTER MATERIALIZED VIEW "Own ""Ns"""\."Item Count" OWNER TO "Sg Conv ""Writer"""$/,
      /^ALTER DOMAIN "Own ""Ns"""\."Pos" OWNER TO "Sg Conv ""Writer"""$/,
      /^ALTER AGGREGATE "Own ""Ns"""\."Total"\(integer\) OWNER TO "Sg Conv ""Writer"""$/,
      /^ALTER PROCEDURE "Own ""Ns"""\."Noop"\(\) OWNER TO "Sg Conv ""Writer"""$/,
    ],
  }),
  c('owner: new objects created for their owner, with its grants', '', `${OBJECTS} ${TO_WRITER}
    GRANT SELECT ON ${NS}."Item ""T""" TO sg_conv_reader; REVOKE TRUNCATE ON ${NS}."Item ""T""" FROM ${WRITER};`, {
    expectSql: [/^ALTER FUNCTION "Own ""Ns"""\."Add One"\(integer\) OWNER TO "Sg Conv ""Writer"""$/, /^REVOKE TRUNCATE ON TABLE "Own ""Ns"""\."Item ""T""" FROM "Sg Conv ""Writer"""$/],
  }),
  // What a pg_dump of a database made before PostgreSQL 15 does to public (pagila's dump).
  c('owner: public handed to another role, with USAGE and CREATE for PUBLIC, as an old dump leaves it', '',
    `ALTER SCHEMA public OWNER TO ${WRITER}; REVOKE USAGE ON SCHEMA public FROM PUBLIC; GRANT ALL ON SCHEMA public TO PUBLIC;`, {
      expectSql: [/^ALTER SCHEMA "public" OWNER TO "Sg Conv ""Writer"""$/, /^GRANT CREATE ON SCHEMA "public" TO PUBLIC$/],
    }),
  // The owner's revoked privileges name the owner the object has when they run: the new one.
  c('owner: a different owner, which revoked other privileges from itself',
    'CREATE TABLE "Acc" (a int); REVOKE TRUNCATE ON "Acc" FROM CURRENT_USER; CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$; REVOKE EXECUTE ON FUNCTION f() FROM CURRENT_USER;',
    `CREATE TABLE "Acc" (a int); ALTER TABLE "Acc" OWNER TO ${WRITER}; REVOKE DELETE, REFERENCES ON "Acc" FROM ${WRITER};
     CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$; ALTER FUNCTION f() OWNER TO sg_conv_reader;`, {
      expectSql: [/^REVOKE DELETE ON TABLE "public"\."Acc" FROM "Sg Conv ""Writer"""$/, /^GRANT TRUNCATE ON TABLE "public"\."Acc" TO "Sg Conv ""Writer"""$/, /^GRANT EXECUTE ON ROUTINE "public"\."f"\(\) TO "sg_conv_reader"$/],
    }),
  // pagila's 2015 dump grants ALL on public to postgres, which the 2022 one makes its owner.
  c('owner: the role the objects are handed to had grants on them, which become its own',
    `CREATE SCHEMA "S ""1"""; GRANT USAGE, CREATE ON SCHEMA "S ""1""" TO ${WRITER}; CREATE TABLE "S ""1""".t (a int); GRANT SELECT, INSERT ON "S ""1""".t TO ${WRITER}; REVOKE DELETE ON "S ""1""".t FROM CURRENT_USER;`,
    `CREATE SCHEMA "S ""1""" AUTHORIZATION ${WRITER}; CREATE TABLE "S ""1""".t (a int); ALTER TABLE "S ""1""".t OWNER TO ${WRITER}; REVOKE DELETE, UPDATE ON "S ""1""".t FROM ${WRITER};`),
  c('owner: a collation handed to another role, a new one created for its owner', `CREATE COLLATION "By ""Bytes""" (provider = libc, lc_collate = 'C', lc_ctype = 'C');`,
    `CREATE COLLATION "By ""Bytes""" (provider = libc, lc_collate = 'C', lc_ctype = 'C'); ALTER COLLATION "By ""Bytes""" OWNER TO ${WRITER};
     CREATE COLLATION posix_too (provider = libc, lc_collate = 'POSIX', lc_ctype = 'POSIX'); ALTER COLLATION posix_too OWNER TO sg_conv_reader;`, {
      expectSql: [/^ALTER COLLATION "public"\."By ""Bytes""" OWNER TO "Sg Conv ""Writer"""$/, /^ALTER COLLATION "public"\."posix_too" OWNER TO "sg_conv_reader"$/],
    }),
  // ---- USAGE on types
  c('type usage: granted on an enum, a domain and a composite, revoked from PUBLIC', TYPES, `${TYPES} ${TYPE_GRANTS}`, {
    expectSql: [/^REVOKE USAGE ON TYPE "public"\."Mood" FROM PUBLIC$/, /^GRANT USAGE ON DOMAIN "public"\."Pos" TO "Sg Conv ""Writer""" WITH GRANT OPTION$/],
  }),
  c('type usage: new types created with their grants, dropped ones restored with them', `CREATE TYPE gone AS ENUM ('x'); REVOKE USAGE ON TYPE gone FROM PUBLIC; GRANT USAGE ON TYPE gone TO sg_conv_reader;`, `${TYPES} ${TYPE_GRANTS}`),
  c('type usage: the owner revoked its own USAGE of a type', TYPES, `${TYPES} REVOKE USAGE ON TYPE "Mood" FROM CURRENT_USER; REVOKE USAGE ON DOMAIN "Pos" FROM CURRENT_USER;`, {
    expectSql: [/^REVOKE USAGE ON TYPE "public"\."Mood" FROM "[^"]+"$/],
  }),
  // ---- ALTER DEFAULT PRIVILEGES (pg_dump writes them for app roles)
  c('default privileges: granted everywhere and in a schema, for another role too, EXECUTE taken from PUBLIC', `CREATE SCHEMA ${NS};`,
    `CREATE SCHEMA ${NS}; ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO sg_conv_reader;
     ALTER DEFAULT PRIVILEGES IN SCHEMA ${NS} GRANT USAGE ON SEQUENCES TO ${WRITER} WITH GRANT OPTION;
     ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
     ALTER DEFAULT PRIVILEGES FOR ROLE ${WRITER} GRANT INSERT, UPDATE ON TABLES TO sg_conv_reader;`, {
      expectSql: [
        /^ALTER DEFAULT PRIVILEGES FOR ROLE "[^"]+" IN SCHEMA "Own ""Ns""" GRANT USAGE ON SEQUENCES TO "Sg Conv ""Writer""" WITH GRANT OPTION$/,
        /^ALTER DEFAULT PRIVILEGES FOR ROLE "[^"]+" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC$/,
        /^ALTER DEFAULT PRIVILEGES FOR ROLE "Sg Conv ""Writer""" GRANT INSERT ON TABLES TO "sg_conv_reader"$/,
      ],
    }),
  c('default privileges: changed, and a table the plan creates gets only its own grants',
    `ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO sg_conv_reader; ALTER DEFAULT PRIVILEGES REVOKE USAGE ON TYPES FROM PUBLIC;`,
    `CREATE TABLE fresh (a int); ALTER DEFAULT PRIVILEGES GRANT SELECT, DELETE ON TABLES TO ${WRITER};`),
  c('default privileges: a role gives up its own UPDATE on the sequences it creates',
    '', `ALTER DEFAULT PRIVILEGES REVOKE UPDATE ON SEQUENCES FROM CURRENT_USER; ALTER DEFAULT PRIVILEGES GRANT ALL ON SEQUENCES TO sg_conv_reader;`, {
      expectSql: [/^ALTER DEFAULT PRIVILEGES FOR ROLE "[^"]+" REVOKE UPDATE ON SEQUENCES FROM "[^"]+"$/],
    }),
  // ---- range types (a dump's CREATE TYPE … AS RANGE)
  c('range: new ones, with a subtype_diff function, a collation, an opclass, a multirange name, usage and owner, used by a table',
    '', `CREATE FUNCTION "Diff ""F"""(a float8, b float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$ SELECT a - b $$;
     CREATE TYPE "Float ""Range""" AS RANGE (SUBTYPE = float8, SUBTYPE_DIFF = "Diff ""F""", MULTIRANGE_TYPE_NAME = "Float Multi");
     CREATE TYPE text_range AS RANGE (SUBTYPE = text, COLLATION = "C", SUBTYPE_OPCLASS = text_pattern_ops);
     COMMENT ON TYPE text_range IS 'by bytes'; REVOKE USAGE ON TYPE text_range FROM PUBLIC; GRANT USAGE ON TYPE text_range TO sg_conv_reader;
     ALTER TYPE "Float ""Range""" OWNER TO ${WRITER};
     CREATE TABLE spans (id int, f "Float ""Range""", t text_range, m "Float Multi");`, {
      expectSql: [/^CREATE TYPE "public"\."Float ""Range""" AS RANGE \(SUBTYPE = double precision, SUBTYPE_DIFF = public\."Diff ""F""", MULTIRANGE_TYPE_NAME = "public"\."Float Multi"\)$/],
    }),
  c('range: a comment changed, an unused one re-created with another subtype, one dropped',
    `CREATE TYPE r1 AS RANGE (SUBTYPE = int4); CREATE TYPE r2 AS RANGE (SUBTYPE = int8); CREATE TYPE gone AS RANGE (SUBTYPE = date); CREATE TABLE uses (x r1);`,
    `CREATE TYPE r1 AS RANGE (SUBTYPE = int4); COMMENT ON TYPE r1 IS 'ints'; CREATE TYPE r2 AS RANGE (SUBTYPE = numeric); CREATE TABLE uses (x r1);`),
];

// Changes the planner refuses by design: a PlanError (exit 2 at the CLI) that names the object,
// says why, and what to do, never an internal error. Each refusal is checked on real databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { introspect } from '../../src/introspect/index.js';
import { plan, PlanError } from '../../src/plan/plan.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { resetDatabase } from './harness.js';

const REFUSALS: readonly { name: string; old: string; new: string; message: RegExp }[] = [
  {
    name: 'partitioning changed on a table with partitions',
    old: "CREATE TABLE m (k int NOT NULL, d date NOT NULL) PARTITION BY LIST (k); CREATE TABLE m_1 PARTITION OF m FOR VALUES IN (1);",
    new: "CREATE TABLE m (k int NOT NULL, d date NOT NULL) PARTITION BY RANGE (d); CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');",
    message: /^cannot plan a change of the partitioning of table public\.m: recreating it would drop its partitions \(m_1\); detach them in a migration first, then diff again$/,
  },
  {
    name: 'partitioning changed on a table another table references',
    old: 'CREATE TABLE m (k int PRIMARY KEY); CREATE TABLE r (k int REFERENCES m);',
    new: 'CREATE TABLE m (k int PRIMARY KEY) PARTITION BY LIST (k); CREATE TABLE r (k int REFERENCES m);',
    message: /^cannot plan a change of the partitioning of table public\.m: foreign key r_k_fkey of public\.r references it;/,
  },
  {
    name: 'a collation re-created while a domain uses it',
    old: "CREATE COLLATION \"By Bytes\" (provider = libc, lc_collate = 'C', lc_ctype = 'C'); CREATE DOMAIN word AS text COLLATE \"By Bytes\";",
    new: "CREATE COLLATION \"By Bytes\" (provider = libc, lc_collate = 'POSIX', lc_ctype = 'POSIX'); CREATE DOMAIN word AS text COLLATE \"By Bytes\";",
    message: /^cannot plan the change of collation public\.By Bytes: domain public\.word uses it, and PostgreSQL cannot move them to another collation in place; create a collation under a new name/,
  },
  {
    name: 'an enum re-created while a stored composite type has an attribute of it',
    old: "CREATE TYPE mood AS ENUM ('calm', 'wild', 'gone'); CREATE TYPE pair AS (m mood, n int); CREATE TABLE holder (p pair);",
    new: "CREATE TYPE mood AS ENUM ('calm', 'wild'); CREATE TYPE pair AS (m mood, n int); CREATE TABLE holder (p pair);",
    message: /^cannot plan the re-creation of enum public\.mood: attribute m of type public\.pair uses it, and table public\.holder stores that type/,
  },
  {
    name: 'a range type given another subtype while a table uses it',
    old: 'CREATE TYPE "Span ""R""" AS RANGE (SUBTYPE = int4); CREATE TABLE booking (during "Span ""R""");',
    new: 'CREATE TYPE "Span ""R""" AS RANGE (SUBTYPE = int8); CREATE TABLE booking (during "Span ""R""");',
    message: /^cannot plan the change of range type public\.Span "R": PostgreSQL cannot alter its definition, and relation public\.booking uses it; create a range type under a new name/,
  },
  {
    name: 'a type change PostgreSQL has no cast for (bigint to timestamp)',
    old: 'CREATE TABLE "Clock" (id int PRIMARY KEY, "Seen At" bigint);',
    new: 'CREATE TABLE "Clock" (id int PRIMARY KEY, "Seen At" timestamp);',
    message: /^cannot plan the type change of column public\.Clock\.Seen At from bigint to timestamp without time zone: PostgreSQL has no cast from bigint to timestamp without time zone, so ALTER COLUMN \.\.\. TYPE would fail on apply; add a column of the new type/,
  },
  {
    name: 'a type change from a scalar to an array of it (json to json[])',
    old: 'CREATE TABLE doc (id int PRIMARY KEY, body json);',
    new: 'CREATE TABLE doc (id int PRIMARY KEY, body json[]);',
    message: /^cannot plan the type change of column public\.doc\.body from json to json\[\]: PostgreSQL has no cast from json to json\[\] \(one is an array, the other is not\)/,
  },
];

describe('designed refusals', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase('sg_refuse_a'), createTestDatabase('sg_refuse_b')]);
  });
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
  });
  for (const r of REFUSALS) {
    it(r.name, async () => {
      await Promise.all([resetDatabase(a.sql), resetDatabase(b.sql)]);
      await a.sql.unsafe(r.old);
      await b.sql.unsafe(r.new);
      const [from, to] = await Promise.all([introspect(a.sql), introspect(b.sql)]);
      let error: unknown;
      try {
        plan(diff(from, to, { detectRenames: false }), { from, to });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PlanError);
      expect((error as PlanError).message).toMatch(r.message);
      expect((error as PlanError).exitCode).toBe(2);
    });
  }
});

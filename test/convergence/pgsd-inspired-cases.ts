// Convergence cases for classes another differ's acceptance suite exposed (our own DDL):
// what a partition declares beyond its parent (NOT NULL, a default, its own primary key,
// uniques and checks), and foreign keys between tables dropped together.
import type { ConvergenceCase } from './harness.js';

const c = (name: string, old: string, next: string, extra: Partial<ConvergenceCase> = {}): ConvergenceCase => ({ name, old, new: next, ...extra });

const PARENT = `CREATE SCHEMA "Ledger Ops";
CREATE TABLE "Ledger Ops"."Entry Log" ("Entry Id" int, "Book" text, memo text, amount numeric DEFAULT 0) PARTITION BY LIST ("Book");`;
const OWN_PARTS = `${PARENT}
CREATE TABLE "Ledger Ops"."EU book" PARTITION OF "Ledger Ops"."Entry Log" (
  "Entry Id" NOT NULL, memo NOT NULL, amount DEFAULT 1, PRIMARY KEY ("Book", "Entry Id"), CHECK (amount >= 0)
) FOR VALUES IN ('eu');
CREATE TABLE "Ledger Ops"."us Book" PARTITION OF "Ledger Ops"."Entry Log" (UNIQUE ("Book", memo)) FOR VALUES IN ('us');`;

const CYCLE = `CREATE TABLE "Left Side" (id int PRIMARY KEY, "right id" int);
CREATE TABLE "right side" (id int PRIMARY KEY, "Left Id" int REFERENCES "Left Side" (id));
ALTER TABLE "Left Side" ADD CONSTRAINT "left→right" FOREIGN KEY ("right id") REFERENCES "right side" (id);`;

const PART_FKS = `CREATE TABLE "Src" (k text, v int) PARTITION BY LIST (k);
CREATE TABLE "Src A" PARTITION OF "Src" (UNIQUE (k)) FOR VALUES IN ('a');
CREATE TABLE "Dst" (k text, v int) PARTITION BY LIST (k);
CREATE TABLE "Dst A" PARTITION OF "Dst" (UNIQUE (k)) FOR VALUES IN ('a');
ALTER TABLE "Src A" ADD CONSTRAINT "src a → dst a" FOREIGN KEY (k) REFERENCES "Dst A" (k);
ALTER TABLE "Dst A" ADD CONSTRAINT "dst a → src a" FOREIGN KEY (k) REFERENCES "Src A" (k);`;

export const PGSD_INSPIRED_CASES: readonly ConvergenceCase[] = [
  // ---- partitions: what a partition adds to its parent
  c('partitions: new partitions with their own NOT NULL, default, primary key, unique and check', '', OWN_PARTS, {
    expectSql: [/^CREATE TABLE "Ledger Ops"\."EU book" PARTITION OF "Ledger Ops"\."Entry Log" \(\n {2}"Entry Id" WITH OPTIONS NOT NULL,[\s\S]*"amount" WITH OPTIONS DEFAULT 1[\s\S]*PRIMARY KEY \("Book", "Entry Id"\)[\s\S]*\) FOR VALUES IN \('eu'\)$/],
  }),
  c('partitions: a partition with its own key added to an existing parent, another dropped', `${PARENT}
CREATE TABLE "Ledger Ops"."old book" PARTITION OF "Ledger Ops"."Entry Log" (memo NOT NULL) FOR VALUES IN ('old');`, OWN_PARTS, {
    renames: false,
    hazards: ['deletes-data'],
  }),
  c('partitions: partitions with their own keys dropped with their parent', OWN_PARTS, '', { hazards: ['deletes-data'] }),

  // ---- foreign keys between tables dropped together
  c('drop tables: two tables whose foreign keys form a cycle', CYCLE, '', {
    expectSql: [/^ALTER TABLE "public"\."Left Side" DROP CONSTRAINT "left→right"$/],
  }),
  c('drop tables: partitions of two dropped parents that reference each other', PART_FKS, '', {
    expectSql: [/^ALTER TABLE "public"\."Src A" DROP CONSTRAINT "src a → dst a"$/],
  }),
  c('drop tables: one table of a cycle dropped, the other kept', CYCLE, 'CREATE TABLE "Left Side" (id int PRIMARY KEY, "right id" int);'),

  // ---- type changes that have a cast still plan (those without one are refusals, refusals.test.ts)
  c('types: bytea to char and text to timestamptz go through their casts', 'CREATE TABLE "Blob Box" (id int PRIMARY KEY, raw bytea, "When" text);',
    'CREATE TABLE "Blob Box" (id int PRIMARY KEY, raw char(4), "When" timestamptz);', {
      data: `INSERT INTO "Blob Box" VALUES (1, 'ab', '2024-01-02 03:04:05+00');`,
      hazards: ['may-fail'],
    }),

  // ---- partitioning changed under views: the views are dropped and re-created around the new table
  c('partitioning: a plain table becomes partitioned under a view and a materialized view', `CREATE TABLE "Sales Day" (id int, "Sold On" date NOT NULL, amount numeric);
CREATE VIEW "by month" AS SELECT date_trunc('month', "Sold On") AS m, sum(amount) AS total FROM "Sales Day" GROUP BY 1;
CREATE MATERIALIZED VIEW "Big Sales" AS SELECT id, amount FROM "Sales Day" WHERE amount > 100;`,
  `CREATE TABLE "Sales Day" (id int, "Sold On" date NOT NULL, amount numeric) PARTITION BY RANGE ("Sold On");
CREATE TABLE "Sales 2024" PARTITION OF "Sales Day" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE VIEW "by month" AS SELECT date_trunc('month', "Sold On") AS m, sum(amount) AS total FROM "Sales Day" GROUP BY 1;
CREATE MATERIALIZED VIEW "Big Sales" AS SELECT id, amount FROM "Sales Day" WHERE amount > 100;`, {
    data: `INSERT INTO "Sales Day" VALUES (1, '2024-03-04', 150), (2, '2024-05-06', 20);`,
    expectSql: [/^DROP VIEW "public"\."by month"$/, /^DROP MATERIALIZED VIEW "public"\."Big Sales"$/],
    hazards: ['rewrites-table'],
  }),

  // ---- routines with a SQL-standard body (RETURN / BEGIN ATOMIC): prosrc is empty, the body is in the definition
  c('routines: a SQL-standard body changed, two overloads of one quoted name', `CREATE FUNCTION "Add Up"(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE RETURN a + b;
CREATE FUNCTION "Add Up"(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE RETURN a || b;`,
  `CREATE FUNCTION "Add Up"(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE RETURN a + b + 1;
CREATE FUNCTION "Add Up"(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT a || '-' || b; END;`, {
    expectSql: [/^CREATE OR REPLACE FUNCTION public\."Add Up"\(a integer, b integer\)[\s\S]*RETURN \(\(a \+ b\) \+ 1\)/],
  }),

  // ---- a parent's index that attaches the key a partition adds at the same time
  c('partitions: a partition gains its own unique index and the parent one that attaches it', `CREATE TABLE "Meter Reads" (meter int, "Read At" int) PARTITION BY LIST (meter);
CREATE TABLE "Meter 7" PARTITION OF "Meter Reads" FOR VALUES IN (7);`,
  `CREATE TABLE "Meter Reads" (meter int, "Read At" int) PARTITION BY LIST (meter);
CREATE TABLE "Meter 7" PARTITION OF "Meter Reads" FOR VALUES IN (7);
CREATE UNIQUE INDEX "one read" ON ONLY "Meter Reads" (meter, "Read At");
CREATE UNIQUE INDEX "Meter 7 one read" ON "Meter 7" (meter, "Read At");
ALTER INDEX "one read" ATTACH PARTITION "Meter 7 one read";`, {
    data: `INSERT INTO "Meter Reads" VALUES (7, 1), (7, 2);`,
  }),
];

// Convergence cases for what a relation carries besides its columns: storage parameters of
// tables and materialized views, view options (check_option, security_barrier), replica
// identity, schema privileges, and the hazards of materialized views and SET NOT NULL.
import type { ConvergenceCase } from './harness.js';

const c = (name: string, old: string, next: string, extra: Partial<ConvergenceCase> = {}): ConvergenceCase => ({ name, old, new: next, ...extra });

const T = 'CREATE TABLE "Acc ount" (id int PRIMARY KEY, email text NOT NULL, note text);';
const ROWS = `INSERT INTO "Acc ount" SELECT g, 'e' || g, NULL FROM generate_series(1, 30) g;`;
const BASE = 'CREATE TABLE item (id int PRIMARY KEY, qty int NOT NULL, hidden boolean NOT NULL DEFAULT false);';

export const TABLE_OPTION_CASES: readonly ConvergenceCase[] = [
  // ---- storage parameters
  c('table options: fillfactor and autovacuum set on an existing table', T, `${T} ALTER TABLE "Acc ount" SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.05);`, {
    data: ROWS,
    expectSql: [/^ALTER TABLE "public"."Acc ount" SET \("autovacuum_vacuum_scale_factor" = '0.05', "fillfactor" = '70'\)$/],
  }),
  c('table options: one changed, one reset', `${T} ALTER TABLE "Acc ount" SET (fillfactor = 70, autovacuum_enabled = false);`, `${T} ALTER TABLE "Acc ount" SET (fillfactor = 90);`, {
    expectSql: [/RESET \("autovacuum_enabled"\)$/, /SET \("fillfactor" = '90'\)$/],
  }),
  c('table options: a new table created with them, a table dropped with them', 'CREATE TABLE old_t (a int) WITH (fillfactor = 50);', `${T} ALTER TABLE "Acc ount" SET (toast_tuple_target = 256, parallel_workers = 2);`),

  // ---- view options
  c('view options: check option and security barrier added', `${BASE} CREATE VIEW visible AS SELECT id, qty FROM item WHERE NOT hidden;`,
    `${BASE} CREATE VIEW visible WITH (security_barrier) AS SELECT id, qty FROM item WHERE NOT hidden WITH CASCADED CHECK OPTION;`, {
      expectSql: [/^ALTER VIEW "public"."visible" SET \("check_option" = 'cascaded', "security_barrier" = 'true'\)$/],
    }),
  c('view options: check option changed, security barrier dropped', `${BASE} CREATE VIEW visible WITH (security_barrier) AS SELECT id, qty FROM item WHERE NOT hidden WITH LOCAL CHECK OPTION;`,
    `${BASE} CREATE VIEW visible AS SELECT id, qty FROM item WHERE NOT hidden WITH CASCADED CHECK OPTION;`),
  c('view options: a new view with a check option on a new table', '', `${BASE} CREATE VIEW "Big Items" AS SELECT id, qty FROM item WHERE qty > 10 WITH LOCAL CHECK OPTION;`, {
    expectSql: [/^CREATE VIEW "public"."Big Items" WITH \("check_option" = 'local'\) AS/],
  }),
  c('view options: security invoker set and its definition changed at once', `${BASE} CREATE VIEW v AS SELECT id FROM item;`, `${BASE} CREATE VIEW v WITH (security_invoker = true) AS SELECT id, qty FROM item;`),

  // ---- materialized views
  c('materialized view options: fillfactor set in place', `${BASE} CREATE MATERIALIZED VIEW totals AS SELECT hidden, sum(qty) AS qty FROM item GROUP BY hidden;`,
    `${BASE} CREATE MATERIALIZED VIEW totals WITH (fillfactor = 60) AS SELECT hidden, sum(qty) AS qty FROM item GROUP BY hidden;`, {
      expectSql: [/^ALTER MATERIALIZED VIEW "public"."totals" SET \("fillfactor" = '60'\)$/],
    }),
  c('materialized view: dropping one warns that its rows go', `${BASE} CREATE MATERIALIZED VIEW totals AS SELECT hidden, sum(qty) AS qty FROM item GROUP BY hidden;`, BASE, {
    hazards: ['deletes-data'],
  }),
  c('materialized view: re-created for a new definition, with its options', `${BASE} CREATE MATERIALIZED VIEW totals WITH (fillfactor = 60) AS SELECT hidden, sum(qty) AS qty FROM item GROUP BY hidden;`,
    `${BASE} CREATE MATERIALIZED VIEW totals WITH (fillfactor = 80) AS SELECT hidden, count(*) AS n FROM item GROUP BY hidden;`, {
      hazards: ['blocking-lock'],
    }),

  // ---- replica identity
  c('replica identity: full and nothing', `${T} ${BASE}`, `${T} ${BASE} ALTER TABLE "Acc ount" REPLICA IDENTITY FULL; ALTER TABLE item REPLICA IDENTITY NOTHING;`, {
    expectSql: [/^ALTER TABLE "public"."Acc ount" REPLICA IDENTITY FULL$/, /^ALTER TABLE "public"."item" REPLICA IDENTITY NOTHING$/],
  }),
  c('replica identity: using a new unique index, on an existing table', T,
    `${T} CREATE UNIQUE INDEX "acc email" ON "Acc ount" (email); ALTER TABLE "Acc ount" REPLICA IDENTITY USING INDEX "acc email";`, {
      data: ROWS,
      expectSql: [/^ALTER TABLE "public"."Acc ount" REPLICA IDENTITY USING INDEX "acc email"$/],
    }),
  c('replica identity: back to default from full', `${T} ALTER TABLE "Acc ount" REPLICA IDENTITY FULL;`, T),
  c('replica identity: a new table created with it', '', `${BASE} ALTER TABLE item REPLICA IDENTITY FULL;`),

  // ---- schema privileges
  c('schema privileges: usage and create granted, one with grant option', 'CREATE SCHEMA "Rep orts";',
    'CREATE SCHEMA "Rep orts"; GRANT USAGE ON SCHEMA "Rep orts" TO sg_conv_reader WITH GRANT OPTION; GRANT CREATE, USAGE ON SCHEMA "Rep orts" TO "Sg Conv ""Writer""";', {
      expectSql: [/^GRANT USAGE ON SCHEMA "Rep orts" TO "sg_conv_reader" WITH GRANT OPTION$/],
    }),
  c('schema privileges: revoked', 'CREATE SCHEMA rep; GRANT USAGE, CREATE ON SCHEMA rep TO sg_conv_reader;', 'CREATE SCHEMA rep; GRANT USAGE ON SCHEMA rep TO sg_conv_reader;', {
    expectSql: [/^REVOKE CREATE ON SCHEMA "rep" FROM "sg_conv_reader"$/],
  }),
  c('schema privileges: a new schema with grants, a dropped schema with grants', 'CREATE SCHEMA gone; GRANT USAGE ON SCHEMA gone TO sg_conv_reader;', 'CREATE SCHEMA fresh; GRANT USAGE ON SCHEMA fresh TO PUBLIC;'),

  // ---- SET NOT NULL on a column that holds NULLs: the plan says it may fail
  c('column: SET NOT NULL warns that it fails while NULLs remain', T, T.replace('note text', "note text NOT NULL DEFAULT ''"), {
    hazards: ['may-fail'],
    data: `INSERT INTO "Acc ount" SELECT g, 'e' || g, 'n' FROM generate_series(1, 5) g;`,
  }),
];

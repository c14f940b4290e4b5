// Convergence cases for what pg_dump output of real sample databases carries and the plan
// missed: user aggregates (pg_get_functiondef refuses them), tables that reference each other
// dropped together, a table dropped with the trigger function it runs, and rewrite rules
// (inserts redirected to an inheritance child, an INSTEAD rule on a view). Our own DDL.
import type { ConvergenceCase } from './harness.js';

const c = (name: string, old: string, next: string, extra: Partial<ConvergenceCase> = {}): ConvergenceCase => ({ name, old, new: next, ...extra });

const JOIN_FN = `CREATE FUNCTION "Join Two"(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN $1 IS NULL THEN $2 WHEN $2 IS NULL THEN $1 ELSE $1 || ', ' || $2 END $$;`;
const AGG = `${JOIN_FN} CREATE AGGREGATE "List Of"(text) (SFUNC = "Join Two", STYPE = text);`;
const ITEMS = 'CREATE TABLE item (id int PRIMARY KEY, label text NOT NULL);';

const AVG_FNS = `CREATE FUNCTION acc_step(numeric[], numeric) RETURNS numeric[] LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT ARRAY[$1[1] + $2, $1[2] + 1] $$;
CREATE FUNCTION acc_unstep(numeric[], numeric) RETURNS numeric[] LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT ARRAY[$1[1] - $2, $1[2] - 1] $$;
CREATE FUNCTION acc_merge(numeric[], numeric[]) RETURNS numeric[] LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT ARRAY[$1[1] + $2[1], $1[2] + $2[2]] $$;
CREATE FUNCTION acc_final(numeric[]) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT CASE WHEN $1[2] = 0 THEN NULL ELSE $1[1] / $1[2] END $$;`;

const PARENT = `CREATE TABLE payment (id int NOT NULL, paid_at timestamp NOT NULL, amount numeric(7,2) NOT NULL);
CREATE TABLE payment_2015 (CHECK (paid_at >= '2015-01-01' AND paid_at < '2016-01-01')) INHERITS (payment);
CREATE TABLE "Payment 2016" (CHECK (paid_at >= '2016-01-01' AND paid_at < '2017-01-01')) INHERITS (payment);`;
const RULE_2015 = `CREATE RULE "to 2015" AS ON INSERT TO payment WHERE new.paid_at >= '2015-01-01' AND new.paid_at < '2016-01-01' DO INSTEAD INSERT INTO payment_2015 VALUES (new.id, new.paid_at, new.amount);`;

export const DUMP_INSPIRED_CASES: readonly ConvergenceCase[] = [
  // ---- aggregates
  c('aggregate: a new one over a new state function, read by a new view', ITEMS, `${ITEMS} ${AGG} CREATE VIEW labels AS SELECT "List Of"(label ORDER BY label) AS all_labels FROM item;`, {
    expectSql: [/^CREATE OR REPLACE AGGREGATE "public"\."List Of"\(text\) \(SFUNC = "public"\."Join Two", STYPE = text\)$/],
  }),
  c('aggregate: its initial state changed, replaced in place', AGG, AGG.replace('STYPE = text)', "STYPE = text, INITCOND = '')"), {
    expectSql: [/^CREATE OR REPLACE AGGREGATE "public"\."List Of"\(text\) \(SFUNC = "public"\."Join Two", STYPE = text, INITCOND = ''\)$/],
  }),
  c('aggregate over no argument (count(*)-like): created without PUBLIC execute, then its comment changed', '',
    `CREATE FUNCTION "Tick"(bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1'; CREATE AGGREGATE "Count Of"(*) (SFUNC = "Tick", STYPE = bigint, INITCOND = '0'); REVOKE EXECUTE ON ROUTINE "Count Of"() FROM PUBLIC; COMMENT ON AGGREGATE "Count Of"(*) IS 'rows';`),
  c('aggregate over no argument: its comment changed in place',
    `CREATE FUNCTION "Tick"(bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1'; CREATE AGGREGATE "Count Of"(*) (SFUNC = "Tick", STYPE = bigint, INITCOND = '0'); COMMENT ON AGGREGATE "Count Of"(*) IS 'rows';`,
    `CREATE FUNCTION "Tick"(bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1'; CREATE AGGREGATE "Count Of"(*) (SFUNC = "Tick", STYPE = bigint, INITCOND = '0'); COMMENT ON AGGREGATE "Count Of"(*) IS 'all rows';`, {
      expectSql: [/^COMMENT ON AGGREGATE "public"\."Count Of"\(\*\) IS 'all rows'$/],
    }),
  c('aggregate: dropped with its state function and a view that reads it', `${ITEMS} ${AGG} CREATE VIEW labels AS SELECT "List Of"(label) AS l FROM item;`, ITEMS),
  c('aggregate: final, combine and moving-aggregate functions, parallel safe, in another schema', '',
    `CREATE SCHEMA "Stats"; ${AVG_FNS} CREATE AGGREGATE "Stats".avg_of(numeric) (SFUNC = acc_step, STYPE = numeric[], FINALFUNC = acc_final, COMBINEFUNC = acc_merge, INITCOND = '{0,0}', MSFUNC = acc_step, MINVFUNC = acc_unstep, MSTYPE = numeric[], MFINALFUNC = acc_final, MINITCOND = '{0,0}', PARALLEL = SAFE);`),
  c('aggregate: a zero-argument one with a sort operator', '',
    `CREATE FUNCTION cnt_step(bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT $1 + 1 $$; CREATE AGGREGATE rows_seen(*) (SFUNC = cnt_step, STYPE = bigint, INITCOND = '0');
     CREATE FUNCTION biggest(int, int) RETURNS int LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT greatest($1, $2) $$; CREATE AGGREGATE biggest_of(int) (SFUNC = biggest, STYPE = int, SORTOP = >);`),

  // ---- dropping what references itself across tables
  c('drop: two tables that reference each other, dropped together', `CREATE TABLE store (id int PRIMARY KEY, manager int NOT NULL);
     CREATE TABLE staff (id int PRIMARY KEY, store int NOT NULL REFERENCES store (id));
     ALTER TABLE store ADD CONSTRAINT store_manager_fkey FOREIGN KEY (manager) REFERENCES staff (id) DEFERRABLE INITIALLY DEFERRED;`, '', {
    hazards: ['deletes-data'],
  }),
  c('drop: a table dropped with the trigger function it runs, the function also used by a kept view\'s table', `CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$;
     CREATE TABLE "Cus tomer" (id int PRIMARY KEY, updated_at timestamptz);
     CREATE FUNCTION report() RETURNS SETOF "Cus tomer" LANGUAGE sql AS $$ SELECT * FROM "Cus tomer" $$;
     CREATE TRIGGER touch BEFORE UPDATE ON "Cus tomer" FOR EACH ROW EXECUTE FUNCTION touch();`, ''),

  // ---- rewrite rules
  c('rule: inserts redirected to an inheritance child, added on existing tables', PARENT, `${PARENT} ${RULE_2015}`, {
    expectSql: [/^CREATE RULE "to 2015" AS\s+ON INSERT TO "?public"?\.payment/],
  }),
  c('rule: its condition and action changed, replaced in place', `${PARENT} ${RULE_2015}`, `${PARENT} ${RULE_2015.replace(/2015/g, '2015').replace("DO INSTEAD INSERT INTO payment_2015", "DO INSTEAD INSERT INTO \"Payment 2016\"").replace("'2016-01-01') DO", "'2016-01-01') DO")}`, {
    expectSql: [/^CREATE OR REPLACE RULE "to 2015"/],
  }),
  c('rule: dropped, and a new one disabled', `${PARENT} ${RULE_2015}`, `${PARENT} CREATE RULE no_delete AS ON DELETE TO payment DO INSTEAD NOTHING; ALTER TABLE payment DISABLE RULE no_delete;`, {
    expectSql: [/^DROP RULE "to 2015" ON "public"\."payment"$/, /^ALTER TABLE "public"\."payment" DISABLE RULE "no_delete"$/],
  }),
  c('rule: an INSTEAD rule on a new view writes to its table', ITEMS, `${ITEMS} CREATE VIEW "Item View" AS SELECT id, label FROM item; CREATE RULE ins AS ON INSERT TO "Item View" DO INSTEAD INSERT INTO item VALUES (new.id, new.label);`),
  c('rule: new tables created with their rules and dropped with them', '', `${PARENT} ${RULE_2015}`),
  c('rule: a view re-created for a column type change under it keeps its INSTEAD rule', `${ITEMS} CREATE VIEW "Item View" AS SELECT id, label FROM item; CREATE RULE ins AS ON INSERT TO "Item View" DO INSTEAD INSERT INTO item VALUES (new.id, new.label);`,
    `${ITEMS.replace('id int', 'id bigint')} CREATE VIEW "Item View" AS SELECT id, label FROM item; CREATE RULE ins AS ON INSERT TO "Item View" DO INSTEAD INSERT INTO item VALUES (new.id, new.label);`),
  c('rule: a view re-created with a changed rule and a new one', `${ITEMS} CREATE VIEW v AS SELECT id, label FROM item; CREATE RULE ins AS ON INSERT TO v DO INSTEAD INSERT INTO item VALUES (new.id, new.label);`,
    `${ITEMS} CREATE VIEW v AS SELECT id, label, length(label) AS n FROM item; CREATE RULE ins AS ON INSERT TO v DO INSTEAD INSERT INTO item VALUES (new.id, upper(new.label)); CREATE RULE del AS ON DELETE TO v DO INSTEAD DELETE FROM item WHERE id = old.id;`),
  // ---- rules on a table re-created for a partitioning change: dropped with it, back on the new one
  c('rule: a table with rules made partitioned; its rules, one changed, come back after its rows',
    `CREATE TABLE "Pay ""Log""" (k int); CREATE TABLE "Odd m" (k int NOT NULL); CREATE RULE "No Del" AS ON DELETE TO "Odd m" DO INSTEAD NOTHING;
     CREATE RULE "Log It" AS ON INSERT TO "Odd m" DO ALSO INSERT INTO "Pay ""Log""" VALUES (new.k);`,
    `CREATE TABLE "Pay ""Log""" (k int); CREATE TABLE "Odd m" (k int NOT NULL) PARTITION BY LIST (k); CREATE TABLE "Odd m 1" PARTITION OF "Odd m" FOR VALUES IN (1, 2);
     CREATE RULE "No Del" AS ON DELETE TO "Odd m" DO INSTEAD NOTHING; CREATE RULE "Log It" AS ON INSERT TO "Odd m" DO ALSO INSERT INTO "Pay ""Log""" VALUES (new.k * 10);
     ALTER TABLE "Odd m" DISABLE RULE "No Del";`, {
      data: 'INSERT INTO "Odd m" VALUES (1), (2);',
      expectSql: [/^CREATE RULE "Log It" AS\s+ON INSERT TO public\."Odd m" DO  INSERT INTO public\."Pay ""Log""" \(k\)\s+VALUES \(\(new\.k \* 10\)\)$/, /^ALTER TABLE "public"\."Odd m" DISABLE RULE "No Del"$/],
    }),
  c('rule: a partitioned table (no partitions yet) with a rule made plain again, a rule added and one dropped',
    `CREATE TABLE "Odd m" (k int NOT NULL) PARTITION BY LIST (k); CREATE RULE "No Del" AS ON DELETE TO "Odd m" DO INSTEAD NOTHING;`,
    `CREATE TABLE "Odd m" (k int NOT NULL); CREATE RULE "No Upd" AS ON UPDATE TO "Odd m" DO INSTEAD NOTHING;`),
  // ---- comments on a view's columns (the airlines demo dump has them)
  c('view column comments: on a new view and a new materialized view, with quotes', ITEMS,
    `${ITEMS} CREATE VIEW "Item View" AS SELECT id, label AS "Lab ""el""" FROM item; COMMENT ON COLUMN "Item View"."Lab ""el""" IS 'it''s the label';
     CREATE MATERIALIZED VIEW counts AS SELECT count(*) AS n FROM item; COMMENT ON COLUMN counts.n IS 'rows';`, {
      expectSql: [/^COMMENT ON COLUMN "public"\."Item View"\."Lab ""el""" IS 'it''s the label'$/],
    }),
  c('view column comments: set, changed and removed in place',
    `${ITEMS} CREATE VIEW v AS SELECT id, label FROM item; COMMENT ON COLUMN v.id IS 'old';`,
    `${ITEMS} CREATE VIEW v AS SELECT id, label FROM item; COMMENT ON COLUMN v.label IS 'new';`, {
      expectSql: [/^COMMENT ON COLUMN "public"\."v"\."id" IS NULL$/, /^COMMENT ON COLUMN "public"\."v"\."label" IS 'new'$/],
    }),
  c('view column comments: kept when the view is re-created for a new definition',
    `${ITEMS} CREATE VIEW v AS SELECT id, label FROM item; COMMENT ON COLUMN v.label IS 'kept';`,
    `${ITEMS} CREATE VIEW v AS SELECT id, upper(label) AS label FROM item; COMMENT ON COLUMN v.label IS 'kept';`),
  // ---- a table with inheritance children made partitioned (pagila 2015 → 2022): children dropped first
  c('partitioning: a parent whose inheritance children and their insert rule give way to partitions',
    `${PARENT} ${RULE_2015}`,
    `CREATE TABLE payment (id int NOT NULL, paid_at timestamp NOT NULL, amount numeric(7,2) NOT NULL) PARTITION BY RANGE (paid_at);
     CREATE TABLE "Payment 2022" PARTITION OF payment FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');`, {
      data: `INSERT INTO payment_2015 VALUES (1, '2015-03-01', 5); INSERT INTO "Payment 2016" VALUES (2, '2016-03-01', 7);`,
      hazards: ['deletes-data', 'rewrites-table'],
      // "Payment 2016" → "Payment 2022" looks like a rename; as unconfirmed, a drop and an add.
      renames: false,
    }),
  c('partitioning: a partitioned table whose partitions are dropped made plain again (pagila 2022 → 2015)',
    `CREATE TABLE "Pay" (id int NOT NULL, paid_at timestamp NOT NULL) PARTITION BY RANGE (paid_at);
     CREATE TABLE "Pay 2022" PARTITION OF "Pay" FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');
     CREATE TABLE pay_2023 PARTITION OF "Pay" FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');`,
    `CREATE TABLE "Pay" (id int NOT NULL, paid_at timestamp NOT NULL); CREATE TABLE "Pay 2015" (CHECK (paid_at < '2016-01-01')) INHERITS ("Pay");`, {
      data: `INSERT INTO "Pay" VALUES (1, '2022-05-01'), (2, '2023-05-01');`,
      renames: false,
    }),
  // ---- a domain check added NOT VALID (codd's sample schema does it)
  c('domain: a check added NOT VALID on a new domain and on an existing one, another validated',
    `CREATE DOMAIN "Word ""W""" AS text CONSTRAINT "Not Empty" CHECK (VALUE <> ''); ALTER DOMAIN "Word ""W""" ADD CONSTRAINT later CHECK (length(VALUE) < 50) NOT VALID;`,
    `CREATE DOMAIN "Word ""W""" AS text CONSTRAINT "Not Empty" CHECK (VALUE <> ''); ALTER DOMAIN "Word ""W""" ADD CONSTRAINT later CHECK (length(VALUE) < 50);
     ALTER DOMAIN "Word ""W""" ADD CONSTRAINT "No ""X""" CHECK (VALUE <> 'x') NOT VALID;
     CREATE DOMAIN fresh AS int CHECK (VALUE > 0); ALTER DOMAIN fresh ADD CONSTRAINT small CHECK (VALUE < 10) NOT VALID;`, {
      expectSql: [/^ALTER DOMAIN "public"\."fresh" ADD CONSTRAINT "small" CHECK \(\(VALUE < 10\)\) NOT VALID$/],
    }),
];

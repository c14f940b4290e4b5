// Convergence cases as data: (old DDL, new DDL) pairs covering every object kind of the IR.
import { readFileSync } from 'node:fs';
import type { ConvergenceCase } from './harness.js';
import { DEFERRABLE_KEY_CASES } from './deferrable-key-cases.js';
import { DEPENDENCY_CASES } from './dependency-cases.js';
import { TABLE_OPTION_CASES } from './table-option-cases.js';
import { OWNER_PRIVILEGE_CASES, TYPE_CASES } from './type-cases.js';
import { INHERITANCE_CASES } from './inheritance-cases.js';
import { VIEW_TRIGGER_CASES } from './view-trigger-cases.js';
import { DUMP_INSPIRED_CASES } from './dump-inspired-cases.js';
import { OWNER_CASES } from './owner-cases.js';
import { MATRIX_CASES } from './matrix-cases.js';
import { largeSchemaReleases, TABLES } from './large-schema.js';

const TABLES_NOTE = `${TABLES}+ tables`;

export const ROLES = ['sg_conv_reader', 'Sg Conv "Writer"'];

const KITCHEN_SINK = readFileSync(new URL('../fixtures/kitchen-sink.sql', import.meta.url), 'utf8').replaceAll('sg_inspect_reader', 'sg_conv_reader');

const c = (name: string, old: string, next: string, extra: Partial<ConvergenceCase> = {}): ConvergenceCase => ({ name, old, new: next, ...extra });

const USERS = 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name varchar(50), age integer, created_at timestamptz NOT NULL DEFAULT now());';
const ORDERS = 'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total numeric(10,2), status text);';
const ROWS = "INSERT INTO users SELECT g, 'u' || g || '@x.io', 'n' || g, g % 90, now() FROM generate_series(1, 50) g;";

export const CASES: readonly ConvergenceCase[] = [
  // ---- namespaces and extensions
  c('namespace: add', '', 'CREATE SCHEMA billing;'),
  c('namespace: drop', 'CREATE SCHEMA billing;', ''),
  c('namespace: comment', 'CREATE SCHEMA billing;', "CREATE SCHEMA billing; COMMENT ON SCHEMA billing IS 'money';"),
  c('namespace: awkward name with a table in it', '', 'CREATE SCHEMA "Ünïcode ""Schema"""; CREATE TABLE "Ünïcode ""Schema""".t (id int);'),
  c('extension: add and drop', 'CREATE EXTENSION citext;', 'CREATE EXTENSION pg_trgm;'),

  // ---- tables
  c('table: add', '', USERS),
  c('table: drop', USERS, '', { hazards: ['deletes-data'], data: ROWS }),
  c('table: comment', USERS, `${USERS} COMMENT ON TABLE users IS 'people';`),
  c('table: unlogged to logged', 'CREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v jsonb);', 'CREATE TABLE cache (k text PRIMARY KEY, v jsonb);', { hazards: ['rewrites-table'] }),
  c('table: row level security enabled and forced', USERS, `${USERS} ALTER TABLE users ENABLE ROW LEVEL SECURITY; ALTER TABLE users FORCE ROW LEVEL SECURITY;`),
  c('table: mixed case, spaces, quotes and unicode', '', 'CREATE TABLE "Mixed Case" ("Col ""Q""" int, "naïve café" text, "SELECT" int);'),
  c('table: rename (confirmed) keeps its rows', 'CREATE TABLE campaigns (id int PRIMARY KEY, name text, campaign_type text);', 'CREATE TABLE lead_generation_campaigns (id int PRIMARY KEY, name text, campaign_type text);', {
    expectSql: [/^ALTER TABLE "public"."campaigns" RENAME TO "lead_generation_campaigns"$/],
    data: "INSERT INTO campaigns VALUES (1, 'a', 'x');",
  }),
  c('table: rename not confirmed is drop + add', 'CREATE TABLE campaigns (id int PRIMARY KEY, name text, campaign_type text);', 'CREATE TABLE lead_generation_campaigns (id int PRIMARY KEY, name text, campaign_type text);', {
    renames: false,
    hazards: ['deletes-data'],
  }),

  // ---- columns
  c('column: add nullable', USERS, USERS.replace('age integer', 'age integer, nickname text')),
  c('column: add NOT NULL with default', USERS, USERS.replace('age integer', "age integer, plan text NOT NULL DEFAULT 'free'"), { data: ROWS }),
  c('column: drop', USERS, USERS.replace(', age integer', ''), { hazards: ['deletes-data'], data: ROWS }),
  c('column: type int to bigint', USERS, USERS.replace('age integer', 'age bigint'), { hazards: ['rewrites-table'], data: ROWS }),
  c('column: varchar length', USERS, USERS.replace('varchar(50)', 'varchar(200)'), { data: ROWS }),
  c('column: text to integer with USING', 'CREATE TABLE t (n text);', 'CREATE TABLE t (n integer);', { data: "INSERT INTO t VALUES ('1'), ('22');" }),
  c('column: set NOT NULL through a validated check', USERS, USERS.replace('name varchar(50)', 'name varchar(50) NOT NULL'), {
    data: ROWS,
    expectSql: [/CHECK \("name" IS NOT NULL\) NOT VALID$/, /VALIDATE CONSTRAINT/, /ALTER COLUMN "name" SET NOT NULL$/],
  }),
  c('column: drop NOT NULL', USERS, USERS.replace('email text NOT NULL', 'email text')),
  c('column: set, change and drop defaults', 'CREATE TABLE t (a int, b int DEFAULT 1, c text DEFAULT \'x\');', "CREATE TABLE t (a int DEFAULT 7, b int DEFAULT 2, c text);"),
  c('column: type change with a default', "CREATE TABLE t (a int DEFAULT 0);", "CREATE TABLE t (a bigint DEFAULT 5);"),
  c('column: identity added, dropped, changed', 'CREATE TABLE t (a int NOT NULL, b int GENERATED ALWAYS AS IDENTITY, c int GENERATED BY DEFAULT AS IDENTITY);', 'CREATE TABLE t (a int NOT NULL GENERATED BY DEFAULT AS IDENTITY, b int NOT NULL, c int GENERATED ALWAYS AS IDENTITY);'),
  c('column: identity sequence options changed, and identity added to a nullable column with a default', "CREATE TABLE ti (a int GENERATED ALWAYS AS IDENTITY, b bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 100 INCREMENT BY 5), c int DEFAULT 3);",
    "CREATE TABLE ti (a int GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 2 MAXVALUE 1000 CACHE 5 CYCLE), b bigint GENERATED BY DEFAULT AS IDENTITY, c int GENERATED BY DEFAULT AS IDENTITY (START WITH 7));", {
      data: 'INSERT INTO ti (c) VALUES (1), (2);',
      expectSql: [/ALTER COLUMN "a" SET INCREMENT BY 2 SET MINVALUE 1 SET MAXVALUE 1000 SET START WITH 10 SET CACHE 5 SET CYCLE$/, /ALTER COLUMN "c" ADD GENERATED BY DEFAULT AS IDENTITY \(START WITH 7\)$/],
    }),
  c('column: identity options on a new table and a descending identity', '', "CREATE TABLE tn (a smallint GENERATED ALWAYS AS IDENTITY (INCREMENT BY -1), b int GENERATED BY DEFAULT AS IDENTITY (MINVALUE 5 START WITH 50));"),
  c('column: generated column added and changed', 'CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED);', 'CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 3) STORED, c text GENERATED ALWAYS AS (a::text) STORED);'),
  c('column: collation', 'CREATE TABLE t (a text);', 'CREATE TABLE t (a text COLLATE "C");'),
  c('column: comment', USERS, `${USERS} COMMENT ON COLUMN users.email IS 'login';`),
  c('column: rename (confirmed) keeps values', 'CREATE TABLE campaign_jobs (id int PRIMARY KEY, payload jsonb, worker_id text);', 'CREATE TABLE campaign_jobs (id int PRIMARY KEY, job_payload jsonb, processing_server_id text);', {
    expectSql: [/RENAME COLUMN "payload" TO "job_payload"$/],
    data: "INSERT INTO campaign_jobs VALUES (1, '{}', 'w1');",
  }),
  c('column: awkward names added and dropped', 'CREATE TABLE "T ü" ("a""b" int, "Old Col" text);', 'CREATE TABLE "T ü" ("a""b" int, "New ""Col"" é" numeric(5,1));', { renames: false }),
  c('column: array and jsonb types', 'CREATE TABLE t (a int);', "CREATE TABLE t (a int, tags text[] NOT NULL DEFAULT '{}', doc jsonb DEFAULT '{}'::jsonb, ts timestamp(3) without time zone[]);"),

  // ---- primary keys, uniques, checks, exclusions
  c('primary key: add on an existing table (concurrent index, then USING INDEX)', 'CREATE TABLE t (id int NOT NULL, x int);', 'CREATE TABLE t (id int PRIMARY KEY, x int);', {
    expectSql: [/^CREATE UNIQUE INDEX CONCURRENTLY "t_pkey"/, /ADD CONSTRAINT "t_pkey" PRIMARY KEY USING INDEX "t_pkey"$/],
    data: 'INSERT INTO t SELECT g, g FROM generate_series(1, 20) g;',
  }),
  c('primary key: drop', 'CREATE TABLE t (id int PRIMARY KEY);', 'CREATE TABLE t (id int NOT NULL);'),
  c('primary key: change columns', 'CREATE TABLE t (a int NOT NULL, b int NOT NULL, CONSTRAINT t_pkey PRIMARY KEY (a));', 'CREATE TABLE t (a int NOT NULL, b int NOT NULL, CONSTRAINT t_pkey PRIMARY KEY (a, b));'),
  c('unique: add, drop, nulls not distinct, deferrable', 'CREATE TABLE t (a int, b int, c int, CONSTRAINT t_c_key UNIQUE (c));', 'CREATE TABLE t (a int, b int, c int, CONSTRAINT t_a_key UNIQUE (a), CONSTRAINT t_b_key UNIQUE NULLS NOT DISTINCT (b), CONSTRAINT t_ab UNIQUE (a, b) DEFERRABLE INITIALLY DEFERRED);'),
  c('check: add on an existing table (NOT VALID, then VALIDATE)', USERS, `${USERS} ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age >= 0);`, {
    data: ROWS,
    expectSql: [/ADD CONSTRAINT "age_ok" CHECK \(\(age >= 0\)\) NOT VALID$/, /VALIDATE CONSTRAINT "age_ok"$/],
  }),
  c('check: drop and modify', 'CREATE TABLE t (a int CONSTRAINT a_pos CHECK (a > 0), b int CONSTRAINT b_small CHECK (b < 10));', 'CREATE TABLE t (a int CONSTRAINT a_pos CHECK (a > 1), b int);'),
  c('check: left NOT VALID', 'CREATE TABLE t (a int);', 'CREATE TABLE t (a int); ALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0) NOT VALID;'),
  c('exclusion: add and drop', 'CREATE TABLE r (id int, during tsrange, CONSTRAINT old_x EXCLUDE USING gist (during WITH &&));', 'CREATE TABLE r (id int, during tsrange, area box, CONSTRAINT r_area EXCLUDE USING gist (area WITH &&) DEFERRABLE);', { renames: false }),

  // ---- foreign keys
  c('foreign key: add on existing tables (NOT VALID, then VALIDATE)', `${USERS} ${ORDERS}`, `${USERS} ${ORDERS} ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);`, {
    data: `${ROWS} INSERT INTO orders VALUES (1, 1, 10, 'new');`,
    expectSql: [/REFERENCES "public"."users" \("id"\) NOT VALID$/, /VALIDATE CONSTRAINT "orders_user_fk"$/],
  }),
  c('foreign key: drop, with its table', `${USERS} ${ORDERS.replace('user_id bigint', 'user_id bigint REFERENCES users (id)')}`, ''),
  c('foreign key: actions, match, deferrable changed', `${USERS} ${ORDERS.replace('user_id bigint', 'user_id bigint CONSTRAINT o_u REFERENCES users (id)')}`, `${USERS} ${ORDERS.replace('user_id bigint', 'user_id bigint CONSTRAINT o_u REFERENCES users (id) MATCH FULL ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED')}`),
  c('foreign key: composite, self-referencing, cross-schema', 'CREATE SCHEMA a; CREATE TABLE a.p (x int, y int, PRIMARY KEY (x, y));', 'CREATE SCHEMA a; CREATE SCHEMA "B b"; CREATE TABLE a.p (x int, y int, PRIMARY KEY (x, y)); CREATE TABLE "B b".c (id int PRIMARY KEY, parent int REFERENCES "B b".c (id), x int, y int, FOREIGN KEY (x, y) REFERENCES a.p (x, y));'),
  c('foreign key: new table referencing a new table', '', `${USERS} ${ORDERS.replace('user_id bigint', 'user_id bigint REFERENCES users (id) ON DELETE SET NULL')}`),

  // ---- indexes
  c('index: add on an existing table (CONCURRENTLY)', USERS, `${USERS} CREATE INDEX users_email_idx ON users (email);`, { hazards: ['index-build'], expectSql: [/^CREATE INDEX CONCURRENTLY "users_email_idx"/], data: ROWS }),
  c('index: drop', `${USERS} CREATE INDEX users_email_idx ON users (email);`, USERS, { expectSql: [/^DROP INDEX CONCURRENTLY IF EXISTS "public"."users_email_idx"$/] }),
  c('index: partial, expression, unique, include, desc nulls first', USERS, `${USERS}
    CREATE UNIQUE INDEX users_lower_email ON users (lower(email)) WHERE age > 18;
    CREATE INDEX users_created ON users (created_at DESC NULLS LAST, name ASC NULLS FIRST) INCLUDE (age);
    CREATE INDEX users_name_pattern ON users (name varchar_pattern_ops);`),
  c('index: methods gin, hash, brin', 'CREATE TABLE t (a int, tags text[], d date);', 'CREATE TABLE t (a int, tags text[], d date); CREATE INDEX t_tags ON t USING gin (tags); CREATE INDEX t_a ON t USING hash (a); CREATE INDEX t_d ON t USING brin (d);'),
  c('index: definition changed under the same name', `${USERS} CREATE INDEX users_x ON users (email);`, `${USERS} CREATE INDEX users_x ON users (email, name);`),
  c('index: comment', `${USERS} CREATE INDEX users_x ON users (email);`, `${USERS} CREATE INDEX users_x ON users (email); COMMENT ON INDEX users_x IS 'login lookups';`),
  c('index: awkward names', 'CREATE TABLE "Tab Le" ("Co l" int);', 'CREATE TABLE "Tab Le" ("Co l" int); CREATE INDEX "Ïndex ""One""" ON "Tab Le" ("Co l");'),

  // ---- enums and domains
  c('enum: add, used by a column with a default', '', "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE t (m mood DEFAULT 'ok');"),
  c('enum: drop', "CREATE TYPE mood AS ENUM ('sad', 'ok');", ''),
  c('enum: add labels (middle, end, first)', "CREATE TYPE mood AS ENUM ('sad', 'happy');", "CREATE TYPE mood AS ENUM ('meh', 'sad', 'ok', 'happy', 'ecstatic');"),
  c('enum: remove a label (type re-created, columns converted)', "CREATE TYPE status AS ENUM ('new', 'legacy', 'done'); CREATE TABLE jobs (id int, s status NOT NULL DEFAULT 'new', h status[]);", "CREATE TYPE status AS ENUM ('new', 'done'); CREATE TABLE jobs (id int, s status NOT NULL DEFAULT 'new', h status[]);", {
    data: "INSERT INTO jobs VALUES (1, 'new', '{done}'), (2, 'done', '{}');",
    hazards: ['rewrites-table'],
  }),
  c('enum: a column moved from one enum to another (and to an array of it), through text', "CREATE SCHEMA o; CREATE TYPE o.e1 AS ENUM ('a', 'b'); CREATE TYPE o.e2 AS ENUM ('a', 'b', 'c'); CREATE TABLE pick (id int, v o.e1 DEFAULT 'a', vs o.e1[]);", "CREATE SCHEMA o; CREATE TYPE o.e1 AS ENUM ('a', 'b'); CREATE TYPE o.e2 AS ENUM ('a', 'b', 'c'); CREATE TABLE pick (id int, v o.e2 DEFAULT 'b', vs o.e2[]);", {
    data: "INSERT INTO pick VALUES (1, 'a', '{a,b}'), (2, 'b', NULL);",
    expectSql: [/ALTER COLUMN "v" TYPE o\.e2 USING "v"::text::o\.e2$/, /ALTER COLUMN "vs" TYPE o\.e2\[\] USING "vs"::text\[\]::o\.e2\[\]$/],
    hazards: ['may-fail'],
  }),
  c('enum: a text column becomes an enum, an enum column becomes text', "CREATE TYPE lvl AS ENUM ('lo', 'hi'); CREATE TABLE m (a text, b lvl);", "CREATE TYPE lvl AS ENUM ('lo', 'hi'); CREATE TABLE m (a lvl, b text);", {
    data: "INSERT INTO m VALUES ('hi', 'lo');",
  }),
  c('enum: reorder and comment', "CREATE TYPE p AS ENUM ('a', 'b', 'c');", "CREATE TYPE p AS ENUM ('c', 'b', 'a'); COMMENT ON TYPE p IS 'reversed';"),
  c('enum: awkward labels and names', '', `CREATE SCHEMA "Sch"; CREATE TYPE "Sch"."Deal ""Stage""" AS ENUM ('it''s', 'très "bien"', ' spaced ');`),
  c('domain: add, drop', 'CREATE DOMAIN old_d AS int;', "CREATE DOMAIN code AS text COLLATE \"C\" DEFAULT 'A' NOT NULL CONSTRAINT code_upper CHECK (VALUE ~ '^[A-Z]+$'); CREATE TABLE t (c code);"),
  c('domain: default, not null, checks, comment changed', 'CREATE DOMAIN pos AS int DEFAULT 1 CONSTRAINT pos_check CHECK (VALUE > 0);', "CREATE DOMAIN pos AS int NOT NULL CONSTRAINT pos_check CHECK (VALUE >= 0); COMMENT ON DOMAIN pos IS 'non-negative';"),

  // ---- sequences
  c('sequence: add, drop', 'CREATE SEQUENCE old_seq;', 'CREATE SEQUENCE tickets AS integer START 100 INCREMENT 5 MINVALUE 100 MAXVALUE 100000 CACHE 10 CYCLE;'),
  c('sequence: options and comment changed', 'CREATE SEQUENCE s;', "CREATE SEQUENCE s INCREMENT 10 CACHE 5; COMMENT ON SEQUENCE s IS 'tens';"),
  c('sequence: owned by a column, serial', 'CREATE TABLE t (a int);', 'CREATE TABLE t (a int, id serial, b bigserial);'),

  // ---- routines and triggers
  c('function: add, drop', 'CREATE FUNCTION old_f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;', 'CREATE FUNCTION add(a int, b int DEFAULT 1) RETURNS int LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a + b $$;'),
  c('function: body, volatility and security changed', 'CREATE FUNCTION f(x int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN x; END $$;', "CREATE FUNCTION f(x int) RETURNS int LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$ BEGIN RETURN x + 1; END $$; COMMENT ON FUNCTION f(int) IS 'plus one';"),
  c('function: return type changed (drop and create)', 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;', 'CREATE FUNCTION f() RETURNS bigint LANGUAGE sql AS $$ SELECT 1::bigint $$;'),
  c('procedure: add with awkward name', '', 'CREATE SCHEMA "Sales Ops"; CREATE PROCEDURE "Sales Ops"."Close Deal"(IN deal integer) LANGUAGE plpgsql AS $body$ BEGIN RAISE NOTICE \'%\', deal; END $body$;'),
  c('trigger: add with its function', USERS, `${USERS} CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.email := lower(NEW.email); RETURN NEW; END $$;
    CREATE TRIGGER users_touch BEFORE INSERT OR UPDATE OF email ON users FOR EACH ROW WHEN (NEW.email IS NOT NULL) EXECUTE FUNCTION touch();`),
  c('trigger: modified, disabled, commented', `${USERS} CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER tr BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION touch();`,
    `${USERS} CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER tr BEFORE INSERT OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION touch(); ALTER TABLE users DISABLE TRIGGER tr; COMMENT ON TRIGGER tr ON users IS 'off';`),

  // ---- policies and privileges
  c('policy: add, restrictive, roles', USERS, `${USERS} ALTER TABLE users ENABLE ROW LEVEL SECURITY;
    CREATE POLICY "Own rows" ON users FOR SELECT TO sg_conv_reader USING (age > 0);
    CREATE POLICY small ON users AS RESTRICTIVE FOR INSERT TO "Sg Conv ""Writer""", sg_conv_reader WITH CHECK (age < 100);`),
  c('policy: modified and dropped', `${USERS} CREATE POLICY p1 ON users USING (age > 0); CREATE POLICY p2 ON users FOR DELETE USING (true);`, `${USERS} CREATE POLICY p1 ON users FOR UPDATE USING (age > 1) WITH CHECK (age > 2);`),
  c('grants: table, column, grant option', USERS, `${USERS} GRANT SELECT, INSERT ON users TO sg_conv_reader; GRANT UPDATE (email) ON users TO "Sg Conv ""Writer"""; GRANT DELETE ON users TO "Sg Conv ""Writer""" WITH GRANT OPTION;`),
  c('grants: revoked', `${USERS} GRANT SELECT, UPDATE ON users TO sg_conv_reader; GRANT SELECT (email) ON users TO "Sg Conv ""Writer""";`, `${USERS} GRANT SELECT ON users TO sg_conv_reader;`),
  c('grants: sequence, function, view', 'CREATE SEQUENCE s; CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$; CREATE VIEW v AS SELECT 1 AS one;',
    'CREATE SEQUENCE s; CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$; CREATE VIEW v AS SELECT 1 AS one; GRANT USAGE ON SEQUENCE s TO sg_conv_reader; REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC; GRANT EXECUTE ON FUNCTION f() TO sg_conv_reader; GRANT SELECT ON v TO sg_conv_reader;'),

  // ---- views
  c('view: add, drop', 'CREATE VIEW old_v AS SELECT 1 AS x;', `${USERS} CREATE VIEW adults AS SELECT id, email FROM users WHERE age >= 18; COMMENT ON VIEW adults IS 'grown-ups';`),
  c('view: definition changed', `${USERS} CREATE VIEW v AS SELECT id FROM users;`, `${USERS} CREATE VIEW v AS SELECT id, email FROM users WHERE age > 1;`),
  c('view: recreated around a column type change', `${USERS} CREATE VIEW v AS SELECT id, age FROM users; CREATE VIEW vv AS SELECT age FROM v;`, `${USERS.replace('age integer', 'age bigint')} CREATE VIEW v AS SELECT id, age FROM users; CREATE VIEW vv AS SELECT age FROM v;`, { data: ROWS }),
  c('view: recreated around a dropped column', `${USERS} CREATE VIEW v AS SELECT id, name FROM users;`, `${USERS.replace(', name varchar(50)', '')} CREATE VIEW v AS SELECT id FROM users;`),
  c('materialized view: add with index, drop', 'CREATE MATERIALIZED VIEW old_mv AS SELECT 1 AS x;', `${ORDERS} CREATE MATERIALIZED VIEW totals AS SELECT status, sum(total) AS total FROM orders GROUP BY status; CREATE UNIQUE INDEX totals_status ON totals (status);`),
  c('materialized view: index added to an existing one', `${ORDERS} CREATE MATERIALIZED VIEW totals AS SELECT status, sum(total) AS total FROM orders GROUP BY status;`, `${ORDERS} CREATE MATERIALIZED VIEW totals AS SELECT status, sum(total) AS total FROM orders GROUP BY status; CREATE UNIQUE INDEX totals_status ON totals (status);`),
  c('view: awkward names', '', 'CREATE SCHEMA "V s"; CREATE TABLE "V s"."Ta ""b""" ("x y" int); CREATE VIEW "V s"."Vïew" AS SELECT "x y" FROM "V s"."Ta ""b""";'),

  // ---- partitions
  c('partitions: partitioned table with partitions added', '', "CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, payload jsonb, PRIMARY KEY (id, at)) PARTITION BY RANGE (at); CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01'); CREATE TABLE events_rest PARTITION OF events DEFAULT; CREATE INDEX events_payload ON events USING gin (payload);"),
  c('partitions: a partition added and one dropped', "CREATE TABLE m (k int NOT NULL, v text) PARTITION BY LIST (k); CREATE TABLE m_1 PARTITION OF m FOR VALUES IN (1); CREATE TABLE m_2 PARTITION OF m FOR VALUES IN (2);", "CREATE TABLE m (k int NOT NULL, v text) PARTITION BY LIST (k); CREATE TABLE m_1 PARTITION OF m FOR VALUES IN (1); CREATE TABLE m_3 PARTITION OF m FOR VALUES IN (3, 4);", { renames: false }),
  c('partitions: whole partitioned table dropped', "CREATE TABLE h (k int NOT NULL) PARTITION BY HASH (k); CREATE TABLE h_0 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 0); CREATE TABLE h_1 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 1);", ''),
  c('partitions: a column added to the parent', "CREATE TABLE m (k int NOT NULL) PARTITION BY LIST (k); CREATE TABLE m_1 PARTITION OF m FOR VALUES IN (1);", "CREATE TABLE m (k int NOT NULL, note text) PARTITION BY LIST (k); CREATE TABLE m_1 PARTITION OF m FOR VALUES IN (1);"),

  c('partitioning: plain table becomes partitioned, rows kept, indexes and grants recreated', "CREATE TABLE pm (id int NOT NULL, d date NOT NULL, v text, PRIMARY KEY (id, d)); CREATE INDEX pm_v ON pm (v); GRANT SELECT ON pm TO sg_conv_reader;",
    "CREATE TABLE pm (id int NOT NULL, d date NOT NULL, v text, w int, PRIMARY KEY (id, d)) PARTITION BY RANGE (d); CREATE TABLE pm_2024 PARTITION OF pm FOR VALUES FROM ('2024-01-01') TO ('2025-01-01'); CREATE INDEX pm_v ON pm (v); GRANT SELECT ON pm TO sg_conv_reader;", {
      data: "INSERT INTO pm SELECT g, date '2024-01-01' + g, 'v' || g FROM generate_series(1, 40) g;",
      hazards: ['rewrites-table', 'may-fail'],
      expectSql: [/^INSERT INTO "public"."pm" \("id", "d", "v"\) SELECT "id", "d", "v" FROM "public"."pm__sg_copy"$/],
    }),
  c('partitioning: partitioned table without partitions becomes plain, identity kept', "CREATE TABLE pr (id int GENERATED ALWAYS AS IDENTITY, d date NOT NULL) PARTITION BY RANGE (d);", "CREATE TABLE pr (id int GENERATED ALWAYS AS IDENTITY, d date NOT NULL);"),
  c('partitioning: partition key changed on an empty parent, a partition detached', "CREATE TABLE pk (k int NOT NULL, d date NOT NULL) PARTITION BY LIST (k); CREATE TABLE loose (k int NOT NULL, d date NOT NULL); CREATE TABLE pl (k int NOT NULL) PARTITION BY LIST (k); CREATE TABLE pl_1 PARTITION OF pl FOR VALUES IN (1);",
    "CREATE TABLE pk (k int NOT NULL, d date NOT NULL) PARTITION BY RANGE (d); CREATE TABLE loose PARTITION OF pk FOR VALUES FROM ('2020-01-01') TO ('2021-01-01'); CREATE TABLE pl (k int NOT NULL) PARTITION BY LIST (k); CREATE TABLE pl_1 (k int NOT NULL);"),

  ...DEPENDENCY_CASES,
  ...OWNER_CASES,
  ...MATRIX_CASES,
  ...VIEW_TRIGGER_CASES,
  ...DEFERRABLE_KEY_CASES,
  ...TABLE_OPTION_CASES,
  ...DUMP_INSPIRED_CASES,
  ...INHERITANCE_CASES,
  ...TYPE_CASES,
  ...OWNER_PRIVILEGE_CASES,

  // ---- the foundation fixture, whole
  c('kitchen sink: built from nothing', '', KITCHEN_SINK),
  c('kitchen sink: torn down to nothing', KITCHEN_SINK, ''),
  c('kitchen sink: several changes at once', KITCHEN_SINK, KITCHEN_SINK
    .replace("'très \"happy\"');", "'très \"happy\"', 'ecstatic');")
    .replace('score numeric(10,2)', 'score numeric(12,2)')
    .replace('CREATE INDEX customers_tags_gin', 'CREATE INDEX customers_name_idx ON app.customers (name);\nCREATE INDEX customers_tags_gin')
    .replace("GRANT SELECT ON \"Sales Ops\".orders TO sg_conv_reader WITH GRANT OPTION;", '')),

  // ---- a large schema across releases
  ...(() => {
    const [r1, r2, r3] = largeSchemaReleases();
    return ([[r1!, r2!], [r2!, r3!], [r1!, r3!]] as const).map(([a, b]) => c(`large schema (${TABLES_NOTE}): ${a.name} → ${b.name}`, a.sql, b.sql, { renames: false }));
  })(),
];

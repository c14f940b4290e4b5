// Convergence cases whose plan only applies in the order the catalog's dependencies give
// (Schema.dependencies): views on views and on functions, functions on tables and on views,
// defaults and checks calling functions, an object replaced by another of the same name.
import type { ConvergenceCase } from './harness.js';

const c = (name: string, old: string, next: string, extra: Partial<ConvergenceCase> = {}): ConvergenceCase => ({ name, old, new: next, ...extra });

const PRICE = 'CREATE FUNCTION net(p numeric) RETURNS numeric LANGUAGE sql IMMUTABLE RETURN p * 0.8;';

export const DEPENDENCY_CASES: readonly ConvergenceCase[] = [
  c('dependencies: a table becomes a view of the same name over a new table, a view on it kept',
    'CREATE TABLE ledger (id int, amount numeric); CREATE VIEW ledger_big AS SELECT id FROM ledger WHERE amount > 100;',
    'CREATE TABLE ledger_rows (id int, amount numeric); CREATE VIEW ledger AS SELECT id, amount FROM ledger_rows; CREATE VIEW ledger_big AS SELECT id FROM ledger WHERE amount > 100;',
    { renames: false }),
  c('dependencies: a view becomes a table of the same name',
    'CREATE TABLE src (id int); CREATE VIEW snap AS SELECT id FROM src;',
    'CREATE TABLE src (id int); CREATE TABLE snap (id int, taken timestamptz);'),
  c('dependencies: views on views on a function, created from nothing and dropped to nothing',
    '',
    `CREATE TABLE sale (id int, price numeric); ${PRICE} CREATE VIEW sale_net AS SELECT id, net(price) AS n FROM sale; CREATE VIEW sale_top AS SELECT id FROM sale_net WHERE n > 10; CREATE MATERIALIZED VIEW sale_top_m AS SELECT id FROM sale_top; CREATE UNIQUE INDEX sale_top_m_id ON sale_top_m (id);`,
    { expectSql: [/^CREATE UNIQUE INDEX "sale_top_m_id" ON "public"."sale_top_m"/] }),
  c('dependencies: a function a view uses changes its result type: the view is dropped before and re-created after',
    `CREATE TABLE sale (id int, price numeric); ${PRICE} CREATE VIEW sale_net AS SELECT id, net(price) AS n FROM sale;`,
    'CREATE TABLE sale (id int, price numeric); CREATE FUNCTION net(p numeric) RETURNS double precision LANGUAGE sql IMMUTABLE RETURN p * 0.8; CREATE VIEW sale_net AS SELECT id, net(price) AS n FROM sale;'),
  c('dependencies: a function a view uses is dropped with the view',
    `CREATE TABLE sale (id int, price numeric); ${PRICE} CREATE VIEW sale_net AS SELECT id, net(price) AS n FROM sale;`,
    'CREATE TABLE sale (id int, price numeric);'),
  c('dependencies: a SQL function reads a view created in the same plan (bodies checked later)',
    '',
    "CREATE TABLE item (id int, name text); CREATE VIEW zz_item_names AS SELECT name FROM item; CREATE FUNCTION item_count() RETURNS bigint LANGUAGE sql STABLE AS 'select count(*) from zz_item_names';",
    { expectSql: [/^SET check_function_bodies = off$/] }),
  c('dependencies: a default and a check call functions, a BEGIN ATOMIC function reads the table',
    '',
    `${PRICE} CREATE FUNCTION positive(n numeric) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN n > 0; CREATE TABLE bill (id int, gross numeric CHECK (positive(gross)), net numeric DEFAULT net(100)); CREATE FUNCTION bill_total() RETURNS numeric LANGUAGE sql STABLE BEGIN ATOMIC SELECT sum(net(gross)) FROM bill; END;`),
  c('dependencies: a function returning a table type, the table new',
    '',
    'CREATE TABLE person (id int, name text); CREATE FUNCTION people() RETURNS SETOF person LANGUAGE sql STABLE BEGIN ATOMIC SELECT * FROM person; END; CREATE VIEW person_names AS SELECT name FROM people();'),
  c('dependencies: a column dropped under two levels of views',
    'CREATE TABLE acct (id int, region text, legacy int); CREATE VIEW acct_r AS SELECT id, region, legacy FROM acct; CREATE VIEW acct_rr AS SELECT region FROM acct_r;',
    'CREATE TABLE acct (id int, region text); CREATE VIEW acct_r AS SELECT id, region FROM acct; CREATE VIEW acct_rr AS SELECT region FROM acct_r;'),
];

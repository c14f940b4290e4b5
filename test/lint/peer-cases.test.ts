// Situations squawk's rule tests cover (sbdchd/squawk, crates/squawk_linter/src/rules), written
// afresh over one table: what lint reports for each, so a change in agreement shows here. Where
// lint differs from squawk on purpose the case says why.
import { describe, expect, it } from 'vitest';
import { ruleHits } from './helpers.js';

const base = 'CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10,2), note varchar(50), placed_at timestamptz, customer_id bigint);';

const CASES: readonly (readonly [string, string, readonly string[]])[] = [
  // adding-field-with-default: volatile defaults and stored generated columns rewrite.
  ['a volatile default', 'ALTER TABLE orders ADD COLUMN lucky float8 DEFAULT random();', ['SG003']],
  ['a volatile default, schema-qualified', 'ALTER TABLE orders ADD COLUMN lucky float8 DEFAULT pg_catalog.random();', ['SG003']],
  ['a volatile default after another action', 'ALTER TABLE orders SET LOGGED, ADD COLUMN token uuid DEFAULT gen_random_uuid();', ['SG003']],
  ['a sequence default', "ALTER TABLE orders ADD COLUMN seq bigint DEFAULT nextval('s');", ['SG003']],
  ['a stored generated column', 'ALTER TABLE orders ADD COLUMN doubled numeric GENERATED ALWAYS AS (total * 2) STORED;', ['SG003']],
  ['now() (stable: no rewrite)', 'ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT now();', []],
  // squawk flags constant arithmetic (its own test calls it a false positive); PostgreSQL folds it.
  ['constant arithmetic', 'ALTER TABLE orders ADD COLUMN qty int DEFAULT 3 * 4;', []],
  ['a cast constant', "ALTER TABLE orders ADD COLUMN meta jsonb DEFAULT '[]'::jsonb;", []],
  // squawk flags a user function as an error; lint cannot know its volatility: info (SG023).
  ['a user function default', 'ALTER TABLE orders ADD COLUMN code text DEFAULT make_code();', ['SG023']],
  // constraint-missing-not-valid, and NOT VALID + VALIDATE in one transaction.
  ['a CHECK without NOT VALID', 'ALTER TABLE orders ADD CONSTRAINT pos CHECK (total >= 0);', ['SG002']],
  ['NOT VALID then VALIDATE in one transactional file', 'ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES orders (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT fk;', ['SG011@2']],
  ['NOT VALID then VALIDATE in a no-transaction file', '-- schemaguard:no-transaction\nALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES orders (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT fk;', []],
  ['UNIQUE USING INDEX', 'ALTER TABLE orders ADD CONSTRAINT orders_note_key UNIQUE USING INDEX orders_note_idx;', []],
  ['a CHECK on a table this file creates', 'CREATE TABLE coupons (id bigint PRIMARY KEY, pct int NOT NULL);\nALTER TABLE coupons ADD CONSTRAINT pct_range CHECK (pct BETWEEN 0 AND 100);', []],
  ['a UNIQUE constraint built in place', 'ALTER TABLE orders ADD CONSTRAINT uq UNIQUE (note);', ['SG001']],
  // changing-column-type: lint passes the changes PostgreSQL makes without a rewrite.
  ['a narrowing type change', 'ALTER TABLE orders ALTER COLUMN customer_id TYPE int;', ['SG003']],
  ['numeric widened at the same scale', 'ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);', []],
  ['varchar widened', 'ALTER TABLE orders ALTER COLUMN note TYPE varchar(100);', ['SG027']],
  // adding-not-null-field / adding-required-field.
  ['SET NOT NULL', 'ALTER TABLE orders ALTER COLUMN placed_at SET NOT NULL;', ['SG003']],
  ['NOT NULL without a default', 'ALTER TABLE orders ADD COLUMN status text NOT NULL;', ['SG004']],
  ['NOT NULL with a default', "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';", []],
  // require-concurrent-index-creation/deletion, ban-concurrent-index-creation-in-transaction.
  ['an index on an existing table', 'CREATE INDEX orders_placed ON orders (placed_at);', ['SG001']],
  ['CONCURRENTLY in a transactional file', 'CREATE INDEX CONCURRENTLY orders_placed ON orders (placed_at);\nSELECT 1;', ['SG008@1']],
  ['DROP INDEX', 'DROP INDEX orders_placed;', ['SG009']],
  // renaming, dropping, truncating, domains, transactions, types.
  ['RENAME COLUMN', 'ALTER TABLE orders RENAME COLUMN note TO remark;', ['SG016']],
  ['RENAME TO', 'ALTER TABLE orders RENAME TO purchases;', ['SG016']],
  ['DROP COLUMN', 'ALTER TABLE orders DROP COLUMN note;', ['SG012']],
  ['DROP NOT NULL', 'ALTER TABLE orders ALTER COLUMN placed_at DROP NOT NULL;', ['SG019']],
  ['TRUNCATE CASCADE', 'TRUNCATE orders CASCADE;', ['SG015']],
  ['ALTER DOMAIN ADD CONSTRAINT', 'ALTER DOMAIN posint ADD CONSTRAINT p CHECK (VALUE > 0);', ['SG020']],
  ['BEGIN/COMMIT in a migration', 'BEGIN;\nALTER TABLE orders ADD COLUMN x int;\nCOMMIT;', ['SG022@1', 'SG022@3']],
  ['char(n)', 'CREATE TABLE c1 (id bigint PRIMARY KEY, code char(3));', ['SG024']],
  ['an int primary key', 'CREATE TABLE c2 (id int PRIMARY KEY);', ['SG025']],
  ['timestamp without time zone', 'CREATE TABLE c3 (id bigint PRIMARY KEY, at timestamp);', ['SG026']],
];

describe('situations from squawk’s rule tests, in lint’s words', () => {
  for (const [what, sql, expected] of CASES) {
    it(what, async () => {
      const hits = await ruleHits({ '000001_base': base, '000002_change': sql }, { info: true });
      const here = hits.filter((h) => h.includes('000002_change')).map((h) => h.replace(/@000002_change\.up\.sql:(\d+)$/, '@$1'));
      // A one-statement case is checked by rule; a multi-line one by rule and line.
      expect(sql.includes('\n') ? here : here.map((h) => h.replace(/@\d+$/, ''))).toEqual(expected);
    });
  }
});

// Cases the coverage matrix (matrix.ts) found missing: each fills one class × operation of the
// planner-fidelity issue that no other case converged on.
import type { ConvergenceCase } from './harness.js';

const c = (name: string, old: string, next: string, extra: Partial<ConvergenceCase> = {}): ConvergenceCase => ({ name, old, new: next, ...extra });

const MEASURES = `CREATE TABLE measures (id bigint NOT NULL, at date NOT NULL, v numeric) PARTITION BY RANGE (at);
CREATE TABLE measures_2024 PARTITION OF measures FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measures_2025 PARTITION OF measures FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');`;
const ITEMS = 'CREATE TABLE items (id bigint PRIMARY KEY, sku text NOT NULL, price numeric NOT NULL CHECK (price >= 0));';

export const MATRIX_CASES: readonly ConvergenceCase[] = [
  c('partitioned table: drop an index of the parent (and so of every partition)', `${MEASURES} CREATE INDEX measures_at ON measures (at);`, MEASURES, {
    data: "INSERT INTO measures VALUES (1, '2024-05-01', 1), (2, '2025-05-01', 2);",
  }),
  c('partitioned table: change the columns of the parent\'s index', `${MEASURES} CREATE INDEX measures_at ON measures (at);`, `${MEASURES} CREATE INDEX measures_at ON measures (at, id);`),
  c('partitioned table: drop the primary key of the parent', `${MEASURES} ALTER TABLE measures ADD PRIMARY KEY (id, at);`, MEASURES),
  c(
    'view: drop check_option and security_barrier',
    `${ITEMS} CREATE VIEW cheap_items WITH (check_option = local, security_barrier = true) AS SELECT id, sku, price FROM items WHERE price < 10;`,
    `${ITEMS} CREATE VIEW cheap_items AS SELECT id, sku, price FROM items WHERE price < 10;`,
  ),
  c(
    'materialized view: drop its fillfactor',
    `${ITEMS} CREATE MATERIALIZED VIEW item_prices WITH (fillfactor = 70) AS SELECT sku, price FROM items;`,
    `${ITEMS} CREATE MATERIALIZED VIEW item_prices AS SELECT sku, price FROM items;`,
  ),
  c('replica identity: FULL to an index', `${ITEMS} CREATE UNIQUE INDEX items_sku ON items (sku); ALTER TABLE items REPLICA IDENTITY FULL;`, `${ITEMS} CREATE UNIQUE INDEX items_sku ON items (sku); ALTER TABLE items REPLICA IDENTITY USING INDEX items_sku;`),
];

// One large schema (hundreds of tables) changed across several releases, as DDL generated
// deterministically: release 2 adds and drops tables and columns, release 3 changes types,
// indexes, foreign keys and views.
export interface Release {
  readonly name: string;
  readonly sql: string;
}

export const TABLES = 240;

function table(i: number, release: number): string {
  const cols = [`id bigint PRIMARY KEY`, `name text NOT NULL`, `amount numeric(10,2)`, `created_at timestamptz NOT NULL DEFAULT now()`];
  if (i > 0) cols.push(`parent_id bigint`);
  if (release >= 2 && i % 3 === 0) cols.push(`extra_${release} text`);
  if (release >= 2 && i % 7 === 0) cols.splice(2, 1); // amount dropped
  if (release >= 3 && i % 5 === 0) cols[1] = 'name varchar(200) NOT NULL';
  if (release >= 3 && i % 11 === 0) cols.push(`flag boolean NOT NULL DEFAULT false`);
  return `CREATE TABLE t_${String(i).padStart(3, '0')} (${cols.join(', ')});`;
}

function release(n: number): string {
  const out: string[] = ['CREATE SCHEMA big;', 'SET search_path = big;'];
  const present = (i: number) => !(n >= 2 && i % 40 === 39) && (i < TABLES || n >= 2);
  const count = n >= 2 ? TABLES + 20 : TABLES;
  for (let i = 0; i < count; i++) if (present(i)) out.push(table(i, n));
  for (let i = 1; i < count; i++) {
    if (!present(i) || !present(i - 1)) continue;
    const onDelete = n >= 3 && i % 4 === 0 ? ' ON DELETE CASCADE' : '';
    if (i % 2 === 0 || n >= 3) out.push(`ALTER TABLE t_${String(i).padStart(3, '0')} ADD CONSTRAINT t_${i}_parent FOREIGN KEY (parent_id) REFERENCES t_${String(i - 1).padStart(3, '0')} (id)${onDelete};`);
    if (i % 3 === 0) out.push(`CREATE INDEX t_${i}_created ON t_${String(i).padStart(3, '0')} (created_at${n >= 3 && i % 6 === 0 ? ' DESC' : ''});`);
  }
  for (let v = 0; v < 10; v++) {
    const i = v * 20 + 1;
    if (present(i)) out.push(`CREATE VIEW v_${v} AS SELECT id, name${n >= 3 && v % 2 === 0 ? ', created_at' : ''} FROM t_${String(i).padStart(3, '0')};`);
  }
  out.push('RESET search_path;');
  return out.join('\n');
}

export function largeSchemaReleases(): Release[] {
  return [1, 2, 3].map((n) => ({ name: `release ${n}`, sql: release(n) }));
}

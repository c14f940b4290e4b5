// Table inheritance without a database: models compile a child as PostgreSQL builds it, the diff
// leaves a parent's share of its children to the parent, and the planner writes INHERITS,
// INHERIT / NO INHERIT and ONLY, or refuses with a PlanError that says what to do.
import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { ConfigError } from '../../src/errors.js';
import { compileModels, t, table } from '../../src/model/index.js';
import { plan, PlanError } from '../../src/plan/plan.js';
import type { Schema } from '../../src/schema/types.js';

type Cols = Parameters<typeof table>[1];
const schema = (...models: unknown[]): Schema => compileModels(models).schema;
const base = (extra: Cols = {}) =>
  table('base', { id: t.bigint().notNull(), kind: t.text().default('x'), ...extra }, { checks: [{ name: 'kind_set', expression: "kind <> ''" }, { name: 'mine', expression: 'id > 0', noInherit: true }] });
const child = (options: { inherits?: string[] } = { inherits: ['base'] }, columns: Cols = { note: t.text() }) => table('child', columns, options);
const sqlOf = (from: Schema, to: Schema) => plan(diff(from, to), { from, to }).statements.map((s) => s.sql);

describe('table inheritance', () => {
  it('a model child gets its parents\' columns and inheritable checks, marked, its own after them', () => {
    const s = schema(base(), child({ inherits: ['base'] }, { kind: t.text().notNull(), note: t.text() }));
    const c = s.tables.find((x) => x.name === 'child')!;
    expect(c.inherits).toEqual([{ schema: 'public', name: 'base' }]);
    expect(c.columns.map((x) => [x.name, x.position, x.inherited ?? null, x.notNull])).toEqual([
      ['id', 1, { count: 1, local: false }, true],
      ['kind', 2, { count: 1, local: true }, true],
      ['note', 3, null, false],
    ]);
    expect(c.checks.map((x) => [x.name, x.inherited])).toEqual([['kind_set', { count: 1, local: false }]]);
  });

  it('a model inheriting from a missing table, or from itself, is a model error', () => {
    expect(() => schema(child({ inherits: ['nowhere'] }))).toThrow(ConfigError);
    expect(() => schema(table('a', {}, { inherits: ['b'] }), table('b', {}, { inherits: ['a'] }))).toThrow(/inherits from itself/);
  });

  it('a column added to a parent is one change, on the parent; the children get it from PostgreSQL', () => {
    const from = schema(base(), child());
    const to = schema(base({ added: t.text() }), child());
    expect(diff(from, to).map((c) => `${c.kind} ${'table' in c ? c.table.name : ''}`)).toEqual(['AddColumn base']);
    expect(sqlOf(from, to)).toEqual(['ALTER TABLE "public"."base" ADD COLUMN "added" text']);
  });

  it('a column dropped from a parent with children is dropped with ONLY, before a child that loses it too', () => {
    const from = schema(base({ gone: t.text() }), child());
    const to = schema(base(), child());
    const toKeeping = schema(base(), child({ inherits: ['base'] }, { gone: t.text(), note: t.text() }));
    expect(sqlOf(from, to)).toEqual(['ALTER TABLE ONLY "public"."base" DROP COLUMN "gone"', 'ALTER TABLE "public"."child" DROP COLUMN "gone"']);
    expect(sqlOf(from, toKeeping)).toEqual(['ALTER TABLE ONLY "public"."base" DROP COLUMN "gone"']);
  });

  it('a new child is created after its parent with its own columns only, INHERITS quoted', () => {
    const odd = table('Odd Parent', { id: t.integer() }, { schema: 'Other' });
    const to = schema(odd, table('a kid', { v: t.integer() }, { inherits: ['Other.Odd Parent'] }));
    expect(sqlOf(schema(), to).filter((s) => s.startsWith('CREATE TABLE'))).toEqual([
      'CREATE TABLE "Other"."Odd Parent" (\n  "id" integer\n)',
      'CREATE TABLE "public"."a kid" (\n  "v" integer\n) INHERITS ("Other"."Odd Parent")',
    ]);
  });

  it('attaching: the child first gains what INHERIT requires, then INHERIT; detaching is NO INHERIT first', () => {
    const alone = schema(base(), child({}, { id: t.bigint(), kind: t.text().default('x'), note: t.text() }));
    const attached = schema(base(), child());
    const up = sqlOf(alone, attached);
    expect(up.at(-1)).toBe('ALTER TABLE "public"."child" INHERIT "public"."base"');
    expect(up).toContainEqual(expect.stringMatching(/^ALTER TABLE "public"\."child" ADD CONSTRAINT "kind_set" CHECK/));
    expect(up).toContainEqual('ALTER TABLE "public"."child" ALTER COLUMN "id" SET NOT NULL');
    const down = sqlOf(attached, alone);
    expect(down[0]).toBe('ALTER TABLE "public"."child" NO INHERIT "public"."base"');
    expect(down).toContainEqual('ALTER TABLE "public"."child" DROP CONSTRAINT "kind_set"');
  });

  it('reordered parents are detached last first and attached in the new order', () => {
    const other = table('other', { tag: t.text() });
    const from = schema(base(), other, child({ inherits: ['base', 'other'] }));
    const to = schema(base(), other, child({ inherits: ['other', 'base'] }));
    expect(diff(from, to).map((c) => (c.kind === 'AddInherit' || c.kind === 'DropInherit' ? `${c.kind} ${c.parent.name}` : c.kind))).toEqual([
      'DropInherit other', 'DropInherit base', 'AddInherit other', 'AddInherit base',
    ]);
  });

  it('refuses what PostgreSQL cannot inherit from, naming the table and what to do', () => {
    const parted = table('parted', { k: t.integer().notNull() }, { partitionBy: 'LIST (k)' });
    const to = { ...schema(parted), tables: [...schema(parted).tables, { ...schema(child({})).tables[0]!, inherits: [{ schema: 'public', name: 'parted' }] }] };
    expect(() => plan(diff(schema(), to), { from: schema(), to })).toThrow(PlanError);
    expect(() => plan(diff(schema(), to), { from: schema(), to })).toThrow(/^cannot plan table public\.child INHERITS \(public\.parted\): PostgreSQL cannot inherit from a partitioned table; make child a partition of it/);
    const orphan = { ...schema(child({})), tables: [{ ...schema(child({})).tables[0]!, inherits: [{ schema: 'elsewhere', name: 'base' }] }] };
    expect(() => plan(diff(schema(), orphan), { from: schema(), to: orphan })).toThrow(/^cannot plan table public\.child INHERITS \(elsewhere\.base\): elsewhere\.base is not a table of the target schema; declare it too \(or include its schema with --schema\), then diff again$/);
  });
});

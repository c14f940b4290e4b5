// The planner on hand-built schemas (no database): exact SQL with its quoting, the order of
// statements, reverses, transactional flags and hazards.
import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { plan, PlanError } from '../../src/plan/plan.js';
import { withoutOwners } from '../../src/schema/owners.js';
import { applyRenames, changesWithRenames } from '../../src/plan/renames.js';
import { emptySchema, type Column, type Schema, type Table } from '../../src/schema/types.js';

function column(name: string, type: string, extra: Partial<Column> = {}, position = 1): Column {
  return { name, position, type, notNull: false, default: null, identity: null, generated: null, collation: null, comment: null, grants: [], ...extra };
}

function table(schema: string, name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return {
    schema, name, kind: 'table', unlogged: false, partitionBy: null, partitionOf: null,
    columns: columns.map((c, i) => ({ ...c, position: i + 1 })),
    primaryKey: null, uniques: [], checks: [], exclusions: [], foreignKeys: [], indexes: [], triggers: [],
    rowSecurity: { enabled: false, forced: false }, policies: [], grants: [], comment: null, ...extra,
  };
}

function schema(tables: Table[], extra: Partial<Schema> = {}): Schema {
  return { ...emptySchema(), tables, ...extra };
}

const sqlOf = (from: Schema, to: Schema) => plan(diff(from, to, { detectRenames: false }), { from, to }).statements;

describe('plan', () => {
  it('quotes every identifier, embedded quotes doubled', () => {
    const to = schema([table('my"schema', 'Odd "Table"', [column('Col ü', 'integer', { notNull: true })])]);
    expect(sqlOf(emptySchema(), to).map((s) => s.sql)).toEqual(['CREATE TABLE "my""schema"."Odd ""Table""" (\n  "Col ü" integer NOT NULL\n)']);
  });

  it('creates enums before the tables that use them and foreign keys after both tables', () => {
    const parent = table('public', 'jobs', [column('id', 'uuid', { notNull: true })], { primaryKey: { name: 'jobs_pkey', columns: ['id'] } });
    const child = table('public', 'a_queries', [column('job_id', 'uuid'), column('mood', 'public.mood')], {
      foreignKeys: [{ name: 'q_job', columns: ['job_id'], references: { schema: 'public', name: 'jobs', columns: ['id'] }, onUpdate: 'NO ACTION', onDelete: 'CASCADE', match: 'SIMPLE', deferrable: false, initiallyDeferred: false, validated: true }],
    });
    const to = schema([child, parent], { enums: [{ schema: 'public', name: 'mood', labels: ['a', 'b'], comment: null }] });
    const sql = sqlOf(emptySchema(), to).map((s) => s.sql.split('\n')[0]);
    expect(sql).toEqual([
      `CREATE TYPE "public"."mood" AS ENUM ('a', 'b')`,
      'CREATE TABLE "public"."a_queries" (',
      'CREATE TABLE "public"."jobs" (',
      'ALTER TABLE "public"."a_queries" ADD CONSTRAINT "q_job" FOREIGN KEY ("job_id") REFERENCES "public"."jobs" ("id") ON DELETE CASCADE',
    ]);
  });

  it('drops foreign keys before the tables they point at, and types after the tables', () => {
    const jobs = table('public', 'jobs', [column('id', 'uuid', { notNull: true })], { primaryKey: { name: 'jobs_pkey', columns: ['id'] } });
    const q = table('public', 'q', [column('job_id', 'uuid'), column('m', 'public.mood')], {
      foreignKeys: [{ name: 'q_job', columns: ['job_id'], references: { schema: 'public', name: 'jobs', columns: ['id'] }, onUpdate: 'NO ACTION', onDelete: 'NO ACTION', match: 'SIMPLE', deferrable: false, initiallyDeferred: false, validated: true }],
    });
    const from = schema([jobs, q], { enums: [{ schema: 'public', name: 'mood', labels: ['a'], comment: null }] });
    const to = schema([table('public', 'q', [column('job_id', 'uuid')])]);
    const steps = sqlOf(from, to);
    expect(steps.map((s) => s.sql)).toEqual([
      'ALTER TABLE "public"."q" DROP CONSTRAINT "q_job"',
      'ALTER TABLE "public"."q" DROP COLUMN "m"',
      'DROP TABLE "public"."jobs"',
      'DROP TYPE "public"."mood"',
    ]);
    expect(steps.find((s) => s.sql.startsWith('DROP TABLE'))!.hazards.map((h) => h.kind)).toEqual(['deletes-data']);
    expect(steps[0]!.reverse).toEqual(['ALTER TABLE "public"."q" ADD CONSTRAINT "q_job" FOREIGN KEY ("job_id") REFERENCES "public"."jobs" ("id")']);
  });

  it('builds an index on an existing table CONCURRENTLY, outside a transaction, and reverses it the same way', () => {
    const t = table('public', 't', [column('a', 'integer')]);
    const withIndex = { ...t, indexes: [{ name: 't_a', unique: false, method: 'btree', keys: [{ column: 'a', expression: null, descending: true, nullsFirst: false, opclass: null, collation: null }], include: [], predicate: 'a > 0', nullsNotDistinct: false, valid: true, comment: null }] };
    const [s] = sqlOf(schema([t]), schema([withIndex]));
    expect(s).toEqual({
      sql: 'CREATE INDEX CONCURRENTLY "t_a" ON "public"."t" USING btree ("a" DESC NULLS LAST) WHERE a > 0',
      reverse: ['DROP INDEX CONCURRENTLY IF EXISTS "public"."t_a"'],
      transactional: false,
      hazards: [{ kind: 'index-build', message: 'builds index t_a' }],
      change: 'AddIndex',
    });
  });

  it('sets NOT NULL through a validated check, and each step has its reverse', () => {
    const steps = sqlOf(schema([table('public', 't', [column('a', 'text')])]), schema([table('public', 't', [column('a', 'text', { notNull: true })])]));
    expect(steps.map((s) => [s.sql, s.reverse])).toEqual([
      ['ALTER TABLE "public"."t" ADD CONSTRAINT "t_a_not_null" CHECK ("a" IS NOT NULL) NOT VALID', ['ALTER TABLE "public"."t" DROP CONSTRAINT IF EXISTS "t_a_not_null"']],
      ['ALTER TABLE "public"."t" VALIDATE CONSTRAINT "t_a_not_null"', []],
      ['ALTER TABLE "public"."t" ALTER COLUMN "a" SET NOT NULL', ['ALTER TABLE "public"."t" ALTER COLUMN "a" DROP NOT NULL']],
      ['ALTER TABLE "public"."t" DROP CONSTRAINT IF EXISTS "t_a_not_null"', []],
    ]);
  });

  it('a confirmed rename becomes RENAME, and what else changed is diffed against the renamed table', () => {
    const from = schema([table('public', 'campaigns', [column('id', 'integer'), column('name', 'text'), column('campaign_type', 'text')])]);
    const to = schema([table('public', 'lead_generation_campaigns', [column('id', 'integer'), column('name', 'text'), column('campaign_type', 'text'), column('progress', 'integer')])]);
    const changes = changesWithRenames(from, to, () => true);
    expect(changes.map((c) => c.kind)).toEqual(['RenameTable', 'AddColumn']);
    expect(plan(changes, { from, to }).statements.map((s) => s.sql)).toEqual([
      'ALTER TABLE "public"."campaigns" RENAME TO "lead_generation_campaigns"',
      'ALTER TABLE "public"."lead_generation_campaigns" ADD COLUMN "progress" integer',
    ]);
    const rejected = changesWithRenames(from, to, () => false);
    expect(rejected.map((c) => c.kind).sort()).toEqual(['AddTable', 'DropTable']);
    expect(applyRenames(from, changes.slice(0, 1) as never).tables[0]!.name).toBe('lead_generation_campaigns');
  });
  describe('owners', () => {
    const owned = (owner: string) => schema([table('public', 't', [column('a', 'integer')], { owner })]);
    it('hands a new object to its owner, and changes the owner of one on both sides', () => {
      expect(sqlOf(emptySchema(), owned('App "Owner"')).map((s) => s.sql)).toContain('ALTER TABLE "public"."t" OWNER TO "App ""Owner"""');
      const [step] = sqlOf(owned('a'), owned('b'));
      expect([step?.sql, step?.reverse]).toEqual(['ALTER TABLE "public"."t" OWNER TO "b"', ['ALTER TABLE "public"."t" OWNER TO "a"']]);
    });
    it('compares owners only where both sides describe them', () => {
      expect(diff(withoutOwners(owned('a')), owned('b'))).toEqual([]);
      expect(diff(owned('a'), withoutOwners(owned('b')))).toEqual([]);
    });
    it('refuses a role the server of the database planned for lacks, naming it and where', () => {
      const from = { ...owned('a'), roles: ['a', 'reader'] };
      expect(() => plan(diff(from, owned('app')), { from, to: owned('app') })).toThrow(PlanError);
      expect(() => plan(diff(from, owned('app')), { from, to: owned('app') })).toThrow('role "app" (owner of table public.t) does not exist on the server the plan is for');
      const granted = schema([table('public', 't', [column('a', 'integer')], { owner: 'a', grants: [{ grantee: 'writer', privilege: 'SELECT', grantable: false }] })]);
      expect(() => plan(diff(from, granted), { from, to: granted })).toThrow('role "writer" (granted SELECT on table public.t)');
      const fine = schema([table('public', 't', [column('a', 'integer')], { owner: 'a', grants: [{ grantee: 'PUBLIC', privilege: 'SELECT', grantable: false }, { grantee: 'reader', privilege: 'SELECT', grantable: false }] })]);
      expect(plan(diff(from, fine), { from, to: fine }).statements.length).toBe(2);
    });
  });
});

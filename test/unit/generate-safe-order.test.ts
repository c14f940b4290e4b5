// The safe order `migrate generate` writes NOT NULL columns in (src/migrate/generate-safe-order.ts),
// on hand-built schemas: which statements go to which file, the exact SQL, the guard's quoting.
import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { safeOrder } from '../../src/migrate/generate-safe-order.js';
import { plan } from '../../src/plan/plan.js';
import { emptySchema, type Schema, type Table } from '../../src/schema/types.js';
import { column, table } from '../support/ir.js';

const schema = (tables: Table[]): Schema => ({ ...emptySchema(), tables });

function staged(from: Schema, to: Schema) {
  const changes = diff(from, to, { detectRenames: false });
  const order = safeOrder(plan(changes, { from, to }), changes, { from, to });
  return { ...order, stages: order.statements.map((s) => [s.stage, s.sql]) };
}

describe('safeOrder', () => {
  const id = column('id', 'bigint', { notNull: true });

  it('ADD COLUMN NOT NULL without a default: nullable, guard and NOT VALID check, VALIDATE, SET NOT NULL, drop', () => {
    const r = staged(schema([table('t', [id])]), schema([table('t', [id, column('c', 'text', { notNull: true })])]));
    expect(r.stages).toEqual([
      ['main', 'ALTER TABLE "public"."t" ADD COLUMN "c" text'],
      ['backfill', expect.stringMatching(/^DO \$sg\$BEGIN IF EXISTS \(SELECT FROM "public"\."t" WHERE "c" IS NULL\) THEN RAISE EXCEPTION USING MESSAGE = 'TODO backfill: /)],
      ['backfill', 'ALTER TABLE "public"."t" ADD CONSTRAINT "t_c_not_null" CHECK ("c" IS NOT NULL) NOT VALID'],
      ['validate', 'ALTER TABLE "public"."t" VALIDATE CONSTRAINT "t_c_not_null"'],
      ['not-null', 'ALTER TABLE "public"."t" ALTER COLUMN "c" SET NOT NULL'],
      ['not-null', 'ALTER TABLE "public"."t" DROP CONSTRAINT IF EXISTS "t_c_not_null"'],
    ]);
    expect(r.backfills).toEqual([{ table: { schema: 'public', name: 't' }, column: 'c', sql: null }]);
    expect(r.statements.every((s) => s.transactional)).toBe(true);
    expect(r.statements[0]!.reverse).toEqual(['ALTER TABLE "public"."t" DROP COLUMN "c"']);
  });

  it('a constant default, or a new table, stays as the planner wrote it', () => {
    const withDefault = staged(schema([table('t', [id])]), schema([table('t', [id, column('c', 'text', { notNull: true, default: "'x'::text" })])]));
    expect(withDefault.stages).toEqual([['main', `ALTER TABLE "public"."t" ADD COLUMN "c" text DEFAULT 'x'::text NOT NULL`]]);
    const created = staged(schema([]), schema([table('t', [id, column('c', 'text', { notNull: true })])]));
    expect(created.stages.every(([stage]) => stage === 'main')).toBe(true);
    expect(created.backfills).toEqual([]);
  });

  it('a new column that joins the primary key stays as the planner wrote it (the key sets NOT NULL before any backfill)', () => {
    const r = staged(schema([table('t', [id])]), schema([table('t', [id, column('k', 'text', { notNull: true })], { primaryKey: { name: 't_pkey', columns: ['id', 'k'] } })]));
    expect(r.stages).toContainEqual(['main', 'ALTER TABLE "public"."t" ADD COLUMN "k" text NOT NULL']);
    expect(r.backfills).toEqual([]);
  });

  it('a volatile default: added without it, SET DEFAULT, then the UPDATE generate writes itself; nullable needs no check', () => {
    const r = staged(schema([table('t', [id])]), schema([table('t', [id, column('u', 'uuid', { default: 'gen_random_uuid()' })])]));
    expect(r.stages).toEqual([
      ['main', 'ALTER TABLE "public"."t" ADD COLUMN "u" uuid'],
      ['main', 'ALTER TABLE "public"."t" ALTER COLUMN "u" SET DEFAULT gen_random_uuid()'],
      ['backfill', 'UPDATE "public"."t" SET "u" = gen_random_uuid() WHERE "u" IS NULL'],
    ]);
    expect(r.backfills).toEqual([]);
  });

  it('SET NOT NULL of an existing column: the planner chain spread over the stages, with a guard', () => {
    const r = staged(schema([table('t', [id, column('c', 'text')])]), schema([table('t', [id, column('c', 'text', { notNull: true })])]));
    expect(r.stages).toEqual([
      ['backfill', expect.stringMatching(/^DO \$sg\$BEGIN IF EXISTS \(SELECT FROM "public"\."t" WHERE "c" IS NULL\)/)],
      ['backfill', 'ALTER TABLE "public"."t" ADD CONSTRAINT "t_c_not_null" CHECK ("c" IS NOT NULL) NOT VALID'],
      ['validate', 'ALTER TABLE "public"."t" VALIDATE CONSTRAINT "t_c_not_null"'],
      ['not-null', 'ALTER TABLE "public"."t" ALTER COLUMN "c" SET NOT NULL'],
      ['not-null', 'ALTER TABLE "public"."t" DROP CONSTRAINT IF EXISTS "t_c_not_null"'],
    ]);
  });

  it('a hostile name cannot end the guard\'s dollar quote or its message', () => {
    const name = "x$sg$'; DROP TABLE canary; --%s";
    const r = staged(schema([table('t', [id])]), schema([table('t', [id, column(name, 'text', { notNull: true })])]));
    const guard = r.statements.find((s) => s.sql.startsWith('DO '))!.sql;
    expect(guard.startsWith('DO $sg1$')).toBe(true);
    expect(guard.endsWith('$sg1$')).toBe(true);
    expect(guard.slice(8, -5)).not.toContain('$sg1$');
    expect(guard).toContain(`MESSAGE = 'TODO backfill: "public"."t"."x$sg$''; DROP TABLE canary; --%s" still holds NULL`);
  });
});

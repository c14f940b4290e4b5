// Collations, composite types and an owner's own revoked privileges, planned from hand-built
// schemas: order against the tables that use them, quoting, reverses, and no noise where a
// source does not describe them.
import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { collateClause, collationName } from '../../src/plan/ddl.js';
import { plan, PlanError } from '../../src/plan/plan.js';
import { emptySchema, type Collation, type CompositeType, type Schema } from '../../src/schema/types.js';
import { column, table } from '../support/ir.js';

const schema = (extra: Partial<Schema>): Schema => ({ ...emptySchema(), ...extra });
const sqlOf = (from: Schema, to: Schema) => plan(diff(from, to, { detectRenames: false }), { from, to }).statements.map((s) => s.sql);

const NOCASE: Collation = { schema: 'Lang', name: 'No "Case"', provider: 'icu', locale: 'und-u-ks-level2', lcCollate: null, lcCtype: null, deterministic: false, comment: null };
const PAIR: CompositeType = {
  schema: 'public', name: 'pair', comment: null,
  attributes: [{ name: 'a', type: 'integer', collation: null, comment: null }, { name: 'b', type: 'text', collation: '"Lang"."No ""Case"""', comment: null }],
};

describe('collation spellings', () => {
  it('splits the catalog spelling into unquoted parts and quotes every part again', () => {
    expect(collationName('public."numeric"')).toEqual({ schema: 'public', name: 'numeric' });
    expect(collationName('"Lang Ü"."No ""Case"""')).toEqual({ schema: 'Lang Ü', name: 'No "Case"' });
    expect(collationName('"C"')).toEqual({ schema: null, name: 'C' });
    expect(collateClause('public."numeric"')).toBe(' COLLATE "public"."numeric"');
    expect(collateClause('ucs_basic')).toBe(' COLLATE "ucs_basic"');
    expect(collateClause(null)).toBe('');
  });
});

describe('collations and composite types in a plan', () => {
  it('creates the collation, then the composite using it, then the table using both; drops in the other order', () => {
    const to = schema({
      collations: [NOCASE],
      composites: [PAIR],
      tables: [table('t', [column('p', 'public.pair'), column('w', 'text', { collation: '"Lang"."No ""Case"""' })])],
      dependencies: [{ object: { kind: 'relation', schema: 'public', name: 't', arguments: '' }, on: { kind: 'type', schema: 'public', name: 'pair', arguments: '' } }],
    });
    const up = sqlOf(emptySchema(), to).map((s) => s.split('\n')[0]);
    expect(up).toEqual([
      `CREATE COLLATION "Lang"."No ""Case""" (provider = icu, locale = 'und-u-ks-level2', deterministic = false)`,
      'CREATE TYPE "public"."pair" AS ("a" integer, "b" text COLLATE "Lang"."No ""Case""")',
      'CREATE TABLE "public"."t" (',
    ]);
    expect(sqlOf(to, emptySchema())).toEqual(['DROP TABLE "public"."t"', 'DROP TYPE "public"."pair"', 'DROP COLLATION "Lang"."No ""Case"""']);
  });

  it('re-creates a changed collation around the columns that use it, and reverses it the same way', () => {
    const t = table('t', [column('w', 'text', { collation: '"Lang"."No ""Case"""' })]);
    const from = schema({ collations: [NOCASE], tables: [t] });
    const to = schema({ collations: [{ ...NOCASE, deterministic: true }], tables: [t] });
    const p = plan(diff(from, to), { from, to });
    expect(p.statements.map((s) => s.sql)).toEqual([
      'ALTER COLLATION "Lang"."No ""Case""" RENAME TO "No ""Case""__old"',
      `CREATE COLLATION "Lang"."No ""Case""" (provider = icu, locale = 'und-u-ks-level2', deterministic = true)`,
      'ALTER TABLE "public"."t" ALTER COLUMN "w" TYPE text COLLATE "Lang"."No ""Case"""',
      'DROP COLLATION "Lang"."No ""Case""__old"',
    ]);
    expect(p.statements[0]!.reverse).toContain(`CREATE COLLATION "Lang"."No ""Case""" (provider = icu, locale = 'und-u-ks-level2', deterministic = false)`);
    expect(p.statements[0]!.hazards.map((h) => h.kind)).toContain('blocking-lock');
  });

  it('refuses to re-create a collation a domain uses, saying what to do', () => {
    const domain = { schema: 'public', name: 'word', baseType: 'text', notNull: false, default: null, collation: '"Lang"."No ""Case"""', checks: [], comment: null };
    const from = schema({ collations: [NOCASE], domains: [domain] });
    const to = schema({ collations: [{ ...NOCASE, locale: 'de' }], domains: [domain] });
    expect(() => plan(diff(from, to), { from, to })).toThrow(PlanError);
    expect(() => plan(diff(from, to), { from, to })).toThrow(/cannot plan the change of collation Lang.No "Case": domain public.word uses it/);
  });

  it('alters attributes in place, and drops and re-adds one a table column stores, saying its values go', () => {
    const to = { ...PAIR, attributes: [{ name: 'a', type: 'bigint', collation: null, comment: null }, { name: 'c', type: 'date', collation: null, comment: 'when' }] };
    const alone = sqlOf(schema({ composites: [PAIR] }), schema({ composites: [to] }));
    expect(alone).toEqual([
      'ALTER TYPE "public"."pair" DROP ATTRIBUTE "b"',
      'ALTER TYPE "public"."pair" ADD ATTRIBUTE "c" date',
      'ALTER TYPE "public"."pair" ALTER ATTRIBUTE "a" TYPE bigint',
      `COMMENT ON COLUMN "public"."pair"."c" IS 'when'`,
    ]);
    const used = { tables: [table('t', [column('p', 'public.pair')])], dependencies: [{ object: { kind: 'relation' as const, schema: 'public', name: 't', arguments: '' }, on: { kind: 'type' as const, schema: 'public', name: 'pair', arguments: '' } }] };
    const from = schema({ composites: [PAIR], ...used });
    const next = schema({ composites: [to], ...used });
    const p = plan(diff(from, next), { from, to: next }).statements;
    expect(p.map((s) => s.sql)).toContain('ALTER TYPE "public"."pair" DROP ATTRIBUTE "a"');
    expect(p.map((s) => s.sql)).not.toContain('ALTER TYPE "public"."pair" ALTER ATTRIBUTE "a" TYPE bigint');
    expect(p.flatMap((s) => s.hazards.map((h) => h.kind))).toContain('deletes-data');
  });

  it('compares nothing where neither side has collations or composites', () => {
    expect(diff(schema({}), schema({ collations: [], composites: [] }))).toEqual([]);
  });
});

describe("an owner's own privileges", () => {
  it('revokes what the owner gave up and grants back what it has again; nothing when both hold the default', () => {
    const plain = table('t', [column('a', 'integer')]);
    const revoked = { ...plain, ownerRevoked: { owner: 'app owner', privileges: ['SELECT' as const, 'TRUNCATE' as const] } };
    expect(sqlOf(schema({ tables: [plain] }), schema({ tables: [revoked] }))).toEqual([
      'REVOKE SELECT ON TABLE "public"."t" FROM "app owner"',
      'REVOKE TRUNCATE ON TABLE "public"."t" FROM "app owner"',
    ]);
    expect(sqlOf(schema({ tables: [revoked] }), schema({ tables: [plain] }))).toEqual([
      'GRANT SELECT ON TABLE "public"."t" TO "app owner"',
      'GRANT TRUNCATE ON TABLE "public"."t" TO "app owner"',
    ]);
    expect(sqlOf(schema({ tables: [plain] }), schema({ tables: [plain] }))).toEqual([]);
    expect(sqlOf(emptySchema(), schema({ tables: [revoked] })).slice(1)).toEqual([
      'REVOKE SELECT ON TABLE "public"."t" FROM "app owner"',
      'REVOKE TRUNCATE ON TABLE "public"."t" FROM "app owner"',
    ]);
  });
});

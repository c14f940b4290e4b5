import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../../src/errors.js';
import { compileModels, enumType, t, table } from '../../src/model/index.js';
import * as repoModels from '../../schemas/index.js';

const mood = enumType('mood', ['happy', 'sad']);

const everything = table(
  'everything',
  {
    id: t.uuid().primaryKey().defaultSql('gen_random_uuid()'),
    a_text: t.text().notNull().default('x'),
    a_varchar: t.varchar(20),
    a_char: t.char(3),
    a_smallint: t.smallint().default(-1),
    a_integer: t.integer().notNull().default(0),
    a_bigint: t.bigint(),
    a_numeric: t.numeric(10, 2).default('0'),
    a_real: t.real(),
    a_double: t.double().default(1.5),
    a_boolean: t.boolean().notNull().default(false),
    a_date: t.date().defaultSql('CURRENT_DATE'),
    a_timestamp: t.timestamp().defaultSql('CURRENT_TIMESTAMP'),
    a_timestamptz: t.timestamptz().notNull().defaultNow(),
    a_interval: t.interval().defaultSql("'1 day'"),
    a_inet: t.inet(),
    a_bytea: t.bytea(),
    a_json: t.json(),
    a_jsonb: t.jsonb(z.object({ n: z.number() })).default({ n: 1 }),
    a_text_array: t.text().array().default([]),
    a_mood: t.enumOf(mood).notNull().default('happy'),
    a_serial: t.serial(),
    a_identity: t.bigint().identity('by default'),
    parent_id: t.uuid().references('everything', 'id', { onDelete: 'CASCADE' }),
  },
  { indexes: [{ name: 'everything_lower_text', columns: ['(lower(a_text))'], where: 'a_integer > 0' }] },
);

describe('models', () => {
  it('compile to the canonical IR spellings', () => {
    const { schema } = compileModels({ everything, mood });
    const table = schema.tables[0]!;
    const col = (name: string) => table.columns.find((c) => c.name === name)!;
    expect(table.columns.map((c) => c.type)).toEqual([
      'uuid', 'text', 'character varying(20)', 'character(3)', 'smallint', 'integer', 'bigint', 'numeric(10,2)', 'real',
      'double precision', 'boolean', 'date', 'timestamp without time zone', 'timestamp with time zone', 'interval', 'inet',
      'bytea', 'json', 'jsonb', 'text[]', 'public.mood', 'integer', 'bigint', 'uuid',
    ]);
    expect(col('a_serial')).toMatchObject({ notNull: true, default: "nextval('public.everything_a_serial_seq'::regclass)" });
    expect(col('a_identity')).toMatchObject({ notNull: true, identity: 'by default', default: null });
    expect(col('a_jsonb').default).toBe(`'{"n":1}'::jsonb`);
    expect(col('a_mood').default).toBe("'happy'::public.mood");
    expect(table.primaryKey).toEqual({ name: 'everything_pkey', columns: ['id'] });
    expect(table.foreignKeys).toEqual([
      expect.objectContaining({ name: 'everything_parent_id_fkey', columns: ['parent_id'], references: { schema: 'public', name: 'everything', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' }),
    ]);
    expect(table.indexes[0]).toMatchObject({ name: 'everything_lower_text', keys: [{ column: null, expression: 'lower(a_text)' }], predicate: 'a_integer > 0' });
    expect(schema.sequences.map((s) => s.name)).toEqual(['everything_a_serial_seq']);
  });

  it('each table exports a zod row schema that application code can infer types from', () => {
    type Row = z.infer<typeof everything.row>;
    expectTypeOf<Row['a_text']>().toEqualTypeOf<string>();
    expectTypeOf<Row['a_varchar']>().toEqualTypeOf<string | null>();
    expectTypeOf<Row['a_mood']>().toEqualTypeOf<'happy' | 'sad'>();
    expectTypeOf<Row['a_jsonb']>().toEqualTypeOf<{ n: number } | null>();
    const users = table('users', { id: t.uuid().primaryKey(), email: t.varchar(5).notNull() });
    expect(users.row.safeParse({ id: '6f1c1c1e-8d7a-4a53-9d1a-1b2c3d4e5f60', email: 'a@b' }).success).toBe(true);
    expect(users.row.safeParse({ id: 'nope', email: 'a@b' }).success).toBe(false);
    expect(users.row.safeParse({ id: '6f1c1c1e-8d7a-4a53-9d1a-1b2c3d4e5f60', email: 'too long' }).success).toBe(false);
  });

  it('a duplicate column is a ConfigError', () => {
    const dup = table('d', { id: t.uuid().primaryKey(), email: t.text(), emailAddress: t.text().named('email') });
    expect(() => compileModels([dup])).toThrow(ConfigError);
    expect(() => compileModels([dup])).toThrow('invalid model: table public.d declares the column "email" twice');
  });

  it('a reference to a missing table or column is a ConfigError', () => {
    const orphan = table('o', { id: t.uuid().primaryKey(), owner_id: t.uuid().references('owners') });
    expect(() => compileModels([orphan])).toThrow('invalid model: the foreign key of public.o.owner_id references the missing table public.owners');
    const owners = table('owners', { id: t.uuid().primaryKey() });
    const bad = table('b', { id: t.uuid().primaryKey(), owner_id: t.uuid().references('owners', 'uid') });
    expect(() => compileModels([owners, bad])).toThrow('references the missing column public.owners.uid');
    const badIndex = table('i', { id: t.uuid().primaryKey() }, { indexes: [{ name: 'i_x', columns: ['x'] }] });
    expect(() => compileModels([badIndex])).toThrow('the index i_x references the missing column public.i.x');
  });

  it('a table declared twice is a ConfigError', () => {
    expect(() => compileModels([table('x', { id: t.uuid() }), table('x', { id: t.uuid() })])).toThrow('table public.x is declared twice');
  });

  it("this repository's schemas/ compile: the phase-centric target", () => {
    const compiled = compileModels(repoModels);
    expect(compiled.schema.tables.map((x) => x.name)).toEqual([
      'audit_logs', 'campaign_jobs', 'campaign_phases', 'generated_domains', 'keyword_rules', 'keyword_sets', 'lead_generation_campaigns',
      'personas', 'proxies', 'proxy_pool_memberships', 'proxy_pools', 'user_sessions', 'users',
    ]);
    expect([...compiled.jsonShapes.keys()]).toEqual([
      'public.lead_generation_campaigns.domains_data',
      'public.lead_generation_campaigns.dns_results',
      'public.lead_generation_campaigns.http_results',
      'public.lead_generation_campaigns.analysis_results',
    ]);
    const lgc = compiled.schema.tables.find((x) => x.name === 'lead_generation_campaigns')!;
    expect(lgc.columns.map((c) => c.name)).not.toContain('campaign_type');
    expect(lgc.columns.find((c) => c.name === 'progress')!.notNull).toBe(true);
    const indexNames = compiled.schema.tables.flatMap((x) => x.indexes.map((i) => i.name));
    expect(indexNames).toEqual(expect.arrayContaining(['idx_lead_gen_campaigns_phase_data_counts', 'idx_campaign_phases_active_phases', 'idx_generated_domains_campaign_status']));
    expect(compiled.legacy.filter((l) => l.object === 'table').map((l) => l.name).sort()).toEqual([
      'analysis_phases', 'campaigns', 'dns_validation_campaign_params', 'dns_validation_phases', 'dns_validation_results', 'domain_generation_campaign_params',
      'domain_generation_phases', 'event_projections', 'event_store', 'http_keyword_campaign_params', 'http_keyword_results', 'http_keyword_validation_phases',
    ]);
  });

  it('the JSONB phase shapes accept a phase-centric document and reject a malformed one', () => {
    const shape = compileModels(repoModels).jsonShapes.get('public.lead_generation_campaigns.domains_data')!;
    const good = {
      config: { pattern_type: 'prefix', variable_length: 3, character_set: 'abc', constant_string: 'shop', tld: '.com', num_domains_to_generate: 100, total_possible_combinations: 27, current_offset: 0 },
      state: { status: 'in_progress', processed_items: 10, total_items: 100 },
      results: { generated_count: 10 },
    };
    expect(shape.safeParse(good).success).toBe(true);
    const bad = { ...good, config: { ...good.config, tld: 5 } };
    const r = shape.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['config', 'tld']);
  });
});

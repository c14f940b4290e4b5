import { describe, expect, it } from 'vitest';
import { normalizeExpression, normalizeType } from '../../src/schema/normalize.js';

// Left: as PostgreSQL prints it (pg_get_expr / format_type under search_path = pg_catalog);
// right: as a person writes it in a model.
const EXPRESSIONS: [string, string][] = [
  ["nextval('public.t_a_seq'::regclass)", "nextval('t_a_seq'::regclass)"],
  ["'x'::text", "'x'"],
  ["'y'::character varying", "'y'"],
  ['CURRENT_TIMESTAMP', 'now()'],
  ['now()', 'NOW()'],
  ['CURRENT_TIMESTAMP', 'transaction_timestamp()'],
  ["'a'::public.mood", "'a'"],
  ["'{}'::jsonb", "'{}'"],
  ["'{}'::text[]", "'{}'"],
  ["'-1'::integer", '-1'],
  ["'-1.5'::numeric", '-1.5'],
  ['(1 + 2)', '1+2'],
  ["('a'::text || 'b'::text)", "'a' || 'b'"],
  ["(now() AT TIME ZONE 'utc'::text)", "now() at time zone 'utc'"],
  ['((progress >= 0) AND (progress <= 100))', 'progress >= 0 AND progress <= 100'],
  ["(status = ANY (ARRAY['a'::text, 'b'::text]))", "status IN ('a', 'b')"],
  ["(((domains_data ->> 'generated_count'::text))::bigint)", "(domains_data->>'generated_count')::bigint"],
  ["gg <> ''::text", "gg != ''"],
  ['public.uuid_generate_v4()', 'uuid_generate_v4()'],
  ['gen_random_uuid()', 'pg_catalog.gen_random_uuid()'],
  ['CURRENT_DATE', 'current_date'],
  ["'1 day'::interval", "'1 day'"],
  ['false', 'FALSE'],
  ["'0'::numeric(5,2)", '0'],
];

describe('normalizeExpression', () => {
  it.each(EXPRESSIONS)('%s ≡ %s', (pg, model) => {
    expect(normalizeExpression(pg, { schema: 'public' })).toBe(normalizeExpression(model, { schema: 'public' }));
  });

  it('NULL defaults, with or without a cast, are no default', () => {
    expect(normalizeExpression('NULL::character varying')).toBeNull();
    expect(normalizeExpression('NULL')).toBeNull();
  });

  it('keeps real differences apart', () => {
    const differ: [string, string][] = [
      ["'x'::text", "'y'"],
      ['now()', 'clock_timestamp()'],
      ["nextval('public.a_seq'::regclass)", "nextval('public.b_seq'::regclass)"],
      ['0', '1'],
      ["'pending'::text", "'PENDING'"],
      ["nextval('other.t_seq'::regclass)", "nextval('t_seq'::regclass)"],
      ['a + b', 'a - b'],
    ];
    for (const [a, b] of differ) expect(normalizeExpression(a, { schema: 'public' })).not.toBe(normalizeExpression(b, { schema: 'public' }));
  });
});

describe('normalizeType', () => {
  const same: [string, string][] = [
    ['int4', 'integer'],
    ['int', 'integer'],
    ['serial', 'integer'],
    ['int8', 'bigint'],
    ['bigserial', 'bigint'],
    ['int2', 'smallint'],
    ['varchar(20)', 'character varying(20)'],
    ['VARCHAR', 'character varying'],
    ['timestamptz', 'timestamp with time zone'],
    ['timestamp', 'timestamp without time zone'],
    ['timestamptz(3)', 'timestamp(3) with time zone'],
    ['public.mood', 'mood'],
    ['"public"."mood"[]', 'mood[]'],
    ['_int4', 'integer[]'],
    ['numeric(5)', 'numeric(5,0)'],
    ['decimal(10, 2)', 'numeric(10,2)'],
    ['bool', 'boolean'],
    ['float8', 'double precision'],
    ['float4', 'real'],
    ['character varying(255)[]', 'varchar(255)[]'],
    ['bpchar', 'character(1)'],
    ['pg_catalog.text', 'text'],
  ];
  it.each(same)('%s ≡ %s', (a, b) => expect(normalizeType(a, { schema: 'public' })).toBe(normalizeType(b, { schema: 'public' })));

  it('keeps real differences apart', () => {
    expect(normalizeType('varchar(20)')).not.toBe(normalizeType('varchar(30)'));
    expect(normalizeType('timestamp')).not.toBe(normalizeType('timestamptz'));
    expect(normalizeType('integer')).not.toBe(normalizeType('integer[]'));
    expect(normalizeType('other.mood', { schema: 'public' })).not.toBe(normalizeType('mood', { schema: 'public' }));
  });
});

describe('normalizeExpression: what PostgreSQL adds to checks and predicates', () => {
  const pairs: [string, string][] = [
    ['((progress >= (0)::numeric) AND (progress <= (100)::numeric))', 'progress >= 0 AND progress <= 100'],
    ["((v)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))", "v IN ('a', 'b')"],
    ['(progress > (0)::numeric)', 'progress > 0'],
    ['0.00', "'0'::numeric(5,2)"],
    ['1.50', '1.5'],
  ];
  it.each(pairs)('%s ≡ %s', (pg, model) => expect(normalizeExpression(pg, { schema: 'public' })).toBe(normalizeExpression(model, { schema: 'public' })));
  it('numbers that differ stay different', () => {
    expect(normalizeExpression('0.5')).not.toBe(normalizeExpression('5'));
    expect(normalizeExpression('10')).not.toBe(normalizeExpression('1'));
  });
});

describe('normalizeExpression: JSON literals', () => {
  it('a jsonb default compares by content, not by key order or spacing', () => {
    expect(normalizeExpression(`'{"n": 1, "a": [1, 2]}'::jsonb`)).toBe(normalizeExpression(`'{"a":[1,2],"n":1}'::jsonb`));
    expect(normalizeExpression(`'{"n": 1}'::jsonb`)).not.toBe(normalizeExpression(`'{"n": 2}'::jsonb`));
  });
  it('array literals are not mistaken for JSON', () => {
    expect(normalizeExpression("'{a,b}'::text[]")).toBe("'{a,b}'");
  });
});

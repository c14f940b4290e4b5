// introspect() on the kitchen-sink fixture must give exactly the IR written out below.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { introspect } from '../../src/introspect/index.js';
import { sortSchema } from '../../src/schema/sort.js';
import type { Column, Grant, Index, IndexKey, Schema, Table } from '../../src/schema/types.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { ensureRole } from '../support/roles.js';

const FIXTURE = readFileSync(new URL('../fixtures/kitchen-sink.sql', import.meta.url), 'utf8');
const READER = 'sg_inspect_reader';

// Builders with the IR's defaults spelled out once; each object below states what differs.
function col(name: string, position: number, type: string, more: Partial<Column> = {}): Column {
  return { name, position, type, notNull: false, default: null, identity: null, identityOptions: null, generated: null, collation: null, comment: null, grants: [], ...more };
}
function key(column: string | null, more: Partial<IndexKey> = {}): IndexKey {
  return { column, expression: null, descending: false, nullsFirst: false, opclass: null, collation: null, ...more };
}
function index(name: string, keys: IndexKey[], more: Partial<Index> = {}): Index {
  return { name, unique: false, method: 'btree', keys, include: [], predicate: null, nullsNotDistinct: false, valid: true, comment: null, ...more };
}
function table(schema: string, name: string, columns: Column[], more: Partial<Table> = {}): Table {
  return {
    schema, name, kind: 'table', unlogged: false, partitionBy: null, partitionOf: null, columns, primaryKey: null,
    uniques: [], checks: [], exclusions: [], foreignKeys: [], indexes: [], triggers: [],
    rowSecurity: { enabled: false, forced: false }, policies: [], grants: [], comment: null,
    options: [], replicaIdentity: { kind: 'default' }, ...more,
  };
}
const grant = (grantee: string, privilege: Grant['privilege'], grantable = false): Grant => ({ grantee, privilege, grantable });
const eventColumns = () => [
  col('id', 1, 'bigint', { notNull: true }),
  col('happened_at', 2, 'date', { notNull: true }),
  col('payload', 3, 'jsonb'),
];

// PostgreSQL's own deparsing differs by release: before 16, pg_get_viewdef qualifies every
// column with its table; before 14, procedure arguments are printed without their IN mode.
function expectedSchema(citextVersion: unknown, serverVersion: number): Schema {
  const v16 = serverVersion >= 160000;
  const argIn = serverVersion >= 140000 ? 'IN ' : '';
  return {
    version: 1,
    namespaces: [
      { name: 'Sales Ops', comment: 'where the "money" is', grants: [] },
      { name: 'app', comment: null, grants: [] },
      // A fresh database's public schema: PUBLIC may use it (and, before 15, create in it).
      { name: 'public', comment: expect.toBeOneOf([null, 'standard public schema']) as unknown as string, grants: serverVersion >= 150000 ? [grant('PUBLIC', 'USAGE')] : [grant('PUBLIC', 'CREATE'), grant('PUBLIC', 'USAGE')] },
    ],
    tables: [
      table('Sales Ops', 'Order "Lines" ü', [
        col('order_id', 1, 'integer', { notNull: true }),
        col('region', 2, 'text', { notNull: true }),
        col('line_no', 3, 'smallint', { notNull: true }),
        col('sku', 4, 'app.code'),
        col('qty', 5, 'integer', { default: '1' }),
        col('When', 6, 'timestamp(3) without time zone[]'),
      ], {
        primaryKey: { name: 'Lines PK', columns: ['order_id', 'region', 'line_no'] },
        checks: [{ name: 'qty_positive', expression: '(qty > 0)', validated: false, noInherit: false }],
        foreignKeys: [{
          name: 'lines_order_fk', columns: ['order_id', 'region'],
          references: { schema: 'Sales Ops', name: 'orders', columns: ['id', 'region'] },
          onUpdate: 'CASCADE', onDelete: 'SET NULL', match: 'FULL', validated: true,
          deferrable: true, initiallyDeferred: true,
        }],
      }),
      table('Sales Ops', 'orders', [
        col('id', 1, 'integer', { notNull: true, default: `nextval('"Sales Ops".orders_id_seq'::regclass)` }),
        col('region', 2, 'text', { notNull: true }),
        col('customer_id', 3, 'bigint', { notNull: true }),
        col('stage', 4, '"Sales Ops"."Deal Stage"', { notNull: true, default: `'lead'::"Sales Ops"."Deal Stage"` }),
        col('Total €', 5, 'numeric(12,2)'),
      ], {
        primaryKey: { name: 'orders_pkey', columns: ['id', 'region'] },
        foreignKeys: [{
          name: 'orders_customer_id_fkey', columns: ['customer_id'],
          references: { schema: 'app', name: 'customers', columns: ['id'] },
          onUpdate: 'NO ACTION', onDelete: 'CASCADE', match: 'SIMPLE', validated: true,
          deferrable: false, initiallyDeferred: false,
        }],
        indexes: [index('Orders by Stage', [
          key('stage', { descending: true, nullsFirst: false }),
          key('region', { opclass: 'text_pattern_ops' }),
        ], { unique: true, include: ['Total €'] })],
        triggers: [{
          name: 'orders_audit', timing: 'AFTER', events: ['DELETE', 'TRUNCATE'], updateColumns: [], level: 'STATEMENT',
          function: { schema: 'app', name: 'touch' }, when: null, enabled: 'D',
          definition: 'CREATE TRIGGER orders_audit AFTER DELETE OR TRUNCATE ON "Sales Ops".orders FOR EACH STATEMENT EXECUTE FUNCTION app.touch()',
          comment: null,
        }],
        grants: [grant(READER, 'SELECT', true)],
      }),
      table('app', 'cache', [col('key', 1, 'text', { notNull: true }), col('value', 2, 'jsonb')], {
        unlogged: true,
        primaryKey: { name: 'cache_pkey', columns: ['key'] },
      }),
      table('app', 'customers', [
        col('id', 1, 'bigint', {
          notNull: true, identity: 'always',
          identityOptions: { start: '1', increment: '1', min: '1', max: '9223372036854775807', cache: '1', cycle: false },
        }),
        col('Email Address', 2, 'character varying(255)', {
          notNull: true, comment: 'lower-cased by a trigger', grants: [grant(READER, 'UPDATE')],
        }),
        col('name', 3, 'text', { collation: '"C"' }),
        col('nick', 4, 'app.citext'),
        col('tags', 5, 'text[]', { notNull: true, default: `'{}'::text[]` }),
        col('mood', 6, 'app.mood', { default: `'ok'::app.mood` }),
        col('score', 7, 'numeric(10,2)'),
        col('credit', 8, 'app.positive_int'),
        col('created_at', 9, 'timestamp with time zone', { notNull: true, default: 'now()' }),
        col('name_upper', 10, 'text', { generated: 'upper(name)' }),
      ], {
        primaryKey: { name: 'customers_pkey', columns: ['id'] },
        uniques: [{ name: 'customers_email_key', columns: ['Email Address'], nullsNotDistinct: false, deferrable: false, initiallyDeferred: false }],
        checks: [{ name: 'score_not_negative', expression: '(score >= (0)::numeric)', validated: true, noInherit: false }],
        indexes: [
          index('customers_lower_email_idx', [key(null, { expression: 'lower("Email Address"::text)' })], {
            predicate: `(created_at > '2020-01-01 00:00:00+00'::timestamp with time zone)`,
          }),
          index('customers_tags_gin', [key('tags')], { method: 'gin', comment: 'tag search' }),
        ],
        triggers: [{
          name: 'Touch Email', timing: 'BEFORE', events: ['INSERT', 'UPDATE'], updateColumns: ['Email Address'], level: 'ROW',
          function: { schema: 'app', name: 'touch' }, when: 'new."Email Address" IS NOT NULL', enabled: 'O',
          definition: 'CREATE TRIGGER "Touch Email" BEFORE INSERT OR UPDATE OF "Email Address" ON app.customers FOR EACH ROW WHEN (new."Email Address" IS NOT NULL) EXECUTE FUNCTION app.touch()',
          comment: 'keeps emails lower case',
        }],
        rowSecurity: { enabled: true, forced: true },
        policies: [
          { name: 'Own rows', command: 'SELECT', permissive: true, roles: [READER], using: `(mood <> 'sad'::app.mood)`, withCheck: null },
          { name: 'insert_small', command: 'INSERT', permissive: false, roles: ['PUBLIC'], using: null, withCheck: '((score IS NULL) OR (score < (100)::numeric))' },
        ],
        grants: [grant(READER, 'INSERT'), grant(READER, 'SELECT')],
        comment: 'people who buy',
      }),
      table('app', 'events', eventColumns(), {
        kind: 'partitioned',
        partitionBy: 'RANGE (happened_at)',
        primaryKey: { name: 'events_pkey', columns: ['id', 'happened_at'] },
        indexes: [index('events_payload_idx', [key('payload')], { method: 'gin' })],
      }),
      table('app', 'events_2024', eventColumns(), {
        partitionOf: { schema: 'app', name: 'events', bound: `FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')` },
      }),
      table('app', 'events_default', eventColumns(), {
        partitionOf: { schema: 'app', name: 'events', bound: 'DEFAULT' },
      }),
      table('app', 'rooms', [col('id', 1, 'integer', { notNull: true }), col('area', 2, 'box', { notNull: true })], {
        primaryKey: { name: 'rooms_pkey', columns: ['id'] },
        exclusions: [{ name: 'rooms_no_overlap', definition: 'EXCLUDE USING gist (area WITH &&)', deferrable: true, initiallyDeferred: false }],
      }),
      table('app', 'tickets', [col('no', 1, 'integer', { notNull: true, default: `nextval('app.ticket_seq'::regclass)` })]),
      table('public', 'stray', [col('x', 1, 'integer')]),
    ],
    views: [
      {
        schema: 'app', name: 'Happy Customers', materialized: false,
        definition: v16
          ? ` SELECT id,\n    "Email Address"\n   FROM app.customers\n  WHERE mood = 'happy'::app.mood;`
          : ` SELECT customers.id,\n    customers."Email Address"\n   FROM app.customers\n  WHERE customers.mood = 'happy'::app.mood;`,
        columns: [{ name: 'id', type: 'bigint' }, { name: 'Email Address', type: 'character varying(255)' }],
        indexes: [], grants: [grant(READER, 'SELECT')], comment: 'the happy ones',
      },
      {
        schema: 'app', name: 'order_totals', materialized: true,
        definition: v16
          ? ` SELECT region,\n    sum("Total €") AS total\n   FROM "Sales Ops".orders\n  GROUP BY region;`
          : ` SELECT orders.region,\n    sum(orders."Total €") AS total\n   FROM "Sales Ops".orders\n  GROUP BY orders.region;`,
        columns: [{ name: 'region', type: 'text' }, { name: 'total', type: 'numeric' }],
        indexes: [index('order_totals_region_idx', [key('region')], { unique: true })],
        grants: [], comment: null,
      },
    ],
    enums: [
      { schema: 'Sales Ops', name: 'Deal Stage', labels: ['lead', 'won'], comment: null },
      { schema: 'app', name: 'mood', labels: ['sad', 'ok', 'happy', 'très "happy"'], comment: 'how it feels' },
    ],
    domains: [
      {
        schema: 'app', name: 'code', baseType: 'text', notNull: false, default: null, collation: '"C"',
        checks: [{ name: 'code_check', expression: `(VALUE ~ '^[A-Z]+$'::text)` }], comment: 'upper-case code',
      },
      {
        schema: 'app', name: 'positive_int', baseType: 'integer', notNull: true, default: '1', collation: null,
        checks: [{ name: 'positive_int_check', expression: '(VALUE > 0)' }], comment: null,
      },
    ],
    sequences: [
      {
        schema: 'Sales Ops', name: 'orders_id_seq', type: 'integer', start: '1', increment: '1', min: '1', max: '2147483647',
        cache: '1', cycle: false, ownedBy: { schema: 'Sales Ops', name: 'orders', column: 'id' },
        grants: [grant(READER, 'USAGE')], comment: null,
      },
      {
        schema: 'app', name: 'ticket_seq', type: 'integer', start: '100', increment: '5', min: '100', max: '100000',
        cache: '10', cycle: true, ownedBy: { schema: 'app', name: 'tickets', column: 'no' }, grants: [], comment: 'ticket numbers',
      },
    ],
    routines: [
      {
        schema: 'Sales Ops', name: 'Close Deal', kind: 'procedure', identityArguments: `${argIn}deal integer`, arguments: `${argIn}deal integer`,
        returns: null, language: 'plpgsql', body: `\nBEGIN\n  RAISE NOTICE 'closing %', deal;\nEND\n`, volatility: 'VOLATILE',
        securityDefiner: true, strict: false,
        definition: `CREATE OR REPLACE PROCEDURE "Sales Ops"."Close Deal"(${argIn}deal integer)\n LANGUAGE plpgsql\n SECURITY DEFINER\nAS $procedure$\nBEGIN\n  RAISE NOTICE 'closing %', deal;\nEND\n$procedure$\n`,
        grants: [grant('PUBLIC', 'EXECUTE')], comment: null,
      },
      {
        schema: 'app', name: 'add', kind: 'function', identityArguments: 'a integer, b integer', arguments: 'a integer, b integer DEFAULT 1',
        returns: 'integer', language: 'sql', body: ' SELECT a + b ', volatility: 'IMMUTABLE', securityDefiner: false, strict: true,
        definition: `CREATE OR REPLACE FUNCTION app.add(a integer, b integer DEFAULT 1)\n RETURNS integer\n LANGUAGE sql\n IMMUTABLE STRICT\nAS $function$ SELECT a + b $function$\n`,
        // EXECUTE was revoked from PUBLIC: only the explicit grant remains.
        grants: [grant(READER, 'EXECUTE')], comment: null,
      },
      {
        schema: 'app', name: 'touch', kind: 'function', identityArguments: '', arguments: '', returns: 'trigger', language: 'plpgsql',
        body: `\nBEGIN\n  NEW."Email Address" := lower(NEW."Email Address");\n  RETURN NEW;\nEND;\n`, volatility: 'VOLATILE',
        securityDefiner: false, strict: false,
        definition: `CREATE OR REPLACE FUNCTION app.touch()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$\nBEGIN\n  NEW."Email Address" := lower(NEW."Email Address");\n  RETURN NEW;\nEND;\n$function$\n`,
        // A function nobody granted anything on keeps the built-in EXECUTE for PUBLIC.
        grants: [grant('PUBLIC', 'EXECUTE')], comment: 'trigger body',
      },
    ],
    extensions: [{ name: 'citext', schema: 'app', version: citextVersion as string }],
    // What the catalog says each object needs (views through their rule, defaults, column types,
    // the functions a table's triggers run);
    // nothing of citext's: its members come with CREATE EXTENSION.
    dependencies: [
      dep(['relation', 'Sales Ops', 'Order "Lines" ü'], ['type', 'app', 'code']),
      dep(['relation', 'Sales Ops', 'orders'], ['relation', 'Sales Ops', 'orders_id_seq']),
      dep(['relation', 'Sales Ops', 'orders'], ['routine', 'app', 'touch']),
      dep(['relation', 'Sales Ops', 'orders'], ['type', 'Sales Ops', 'Deal Stage']),
      dep(['relation', 'app', 'Happy Customers'], ['relation', 'app', 'customers']),
      dep(['relation', 'app', 'Happy Customers'], ['type', 'app', 'mood']),
      dep(['relation', 'app', 'customers'], ['routine', 'app', 'touch']),
      dep(['relation', 'app', 'customers'], ['type', 'app', 'mood']),
      dep(['relation', 'app', 'customers'], ['type', 'app', 'positive_int']),
      dep(['relation', 'app', 'order_totals'], ['relation', 'Sales Ops', 'orders']),
      dep(['relation', 'app', 'tickets'], ['relation', 'app', 'ticket_seq']),
    ],
  };
}

/**
 * What every object of a schema the test user built carries besides: its owner, USAGE for PUBLIC
 * on types (their built-in default), the server's roles, and no default privileges.
 */
function ownedBy(s: Schema, user: string, publicOwner: string): Schema {
  const typeAccess = { grants: [grant('PUBLIC', 'USAGE')] };
  return {
    ...s,
    namespaces: s.namespaces.map((n) => ({ ...n, owner: n.name === 'public' ? publicOwner : user })),
    tables: s.tables.map((t) => ({ ...t, owner: user })),
    views: s.views.map((v) => ({ ...v, owner: user })),
    enums: s.enums.map((e) => ({ ...e, ...typeAccess, owner: user })),
    domains: s.domains.map((d) => ({ ...d, ...typeAccess, owner: user })),
    sequences: s.sequences.map((q) => ({ ...q, owner: user })),
    routines: s.routines.map((r) => ({ ...r, owner: user })),
    roles: expect.arrayContaining([user, READER]) as unknown as string[],
    defaultPrivileges: [],
  };
}

type Ref = ['relation' | 'routine' | 'type', string, string];
function dep([kind, schema, name]: Ref, [onKind, onSchema, onName]: Ref) {
  return { object: { kind, schema, name, arguments: '' }, on: { kind: onKind, schema: onSchema, name: onName, arguments: '' } };
}

describe('introspect() on the kitchen-sink fixture', () => {
  let db: TestDatabase;
  let schema: Schema;
  let serverVersion: number;
  let queries: string[];
  let user: string;

  beforeAll(async () => {
    await ensureRole(READER);
    db = await createTestDatabase('sg_introspect');
    await db.sql.unsafe(FIXTURE);
    queries = [];
    schema = await introspect(db.sql, { onQuery: (name) => queries.push(name) });
    serverVersion = Number((await db.sql<{ v: string }[]>`select current_setting('server_version_num') as v`)[0]!.v);
    user = (await db.sql<{ u: string }[]>`select current_user as u`)[0]!.u;
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('reads every object kind into exactly the expected IR', () => {
    // Before 15, public belongs to the bootstrap superuser; from 15, to pg_database_owner.
    const publicOwner = serverVersion >= 150000 ? 'pg_database_owner' : (expect.any(String) as unknown as string);
    expect(schema).toEqual(ownedBy(expectedSchema(expect.stringMatching(/^\d+\.\d+$/), serverVersion), user, publicOwner));
  });

  it('is already in canonical order and survives a JSON round trip', () => {
    expect(sortSchema(schema)).toStrictEqual(schema);
    expect(JSON.parse(JSON.stringify(schema))).toStrictEqual(schema);
  });

  it('leaves out what an extension owns (citext types and functions)', () => {
    expect(schema.routines.map((r) => r.name)).not.toContain('citext_eq');
    expect(schema.tables.flatMap((t) => t.columns).find((c) => c.name === 'nick')?.type).toBe('app.citext');
  });

  it('issues one query per object kind, however many tables there are', async () => {
    const KINDS = [
      'namespaces', 'tables', 'columns', 'constraints', 'indexes', 'triggers', 'policies', 'views',
      'enums', 'domains', 'sequences', 'routines', 'extensions', 'collations', 'composites', 'ranges', 'rules', 'comments', 'grants', 'owners', 'roles', 'defaultPrivileges', 'dependencies',
    ];
    // The test pool has four connections: columns ran on a second one, in an exported snapshot.
    expect([...queries].sort()).toEqual([...KINDS, 'snapshot'].sort());
    await db.sql.unsafe(`create table public.more_1 (a int primary key); create table public.more_2 (b int references public.more_1)`);
    try {
      const sequential: string[] = [];
      const bigger = await introspect(db.sql, { parallel: false, onQuery: (name) => sequential.push(name) });
      expect(bigger.tables).toHaveLength(schema.tables.length + 2);
      expect(sequential).toEqual(KINDS);
    } finally {
      await db.sql.unsafe(`drop table public.more_2, public.more_1`);
    }
  });

  it('gives the same IR on one connection as on two', async () => {
    expect(await introspect(db.sql, { parallel: false })).toEqual(schema);
  });

  it('reads only the schemas asked for', async () => {
    const only = await introspect(db.sql, { schemas: ['Sales Ops'] });
    expect(only.namespaces.map((n) => n.name)).toEqual(['Sales Ops']);
    expect(only.tables.map((t) => t.name)).toEqual(['Order "Lines" ü', 'orders']);
    expect(only.enums.map((e) => e.name)).toEqual(['Deal Stage']);
    expect(only.routines.map((r) => r.name)).toEqual(['Close Deal']);
    expect(only.extensions).toEqual([]);
    // A foreign key into a schema not read still names its target.
    expect(only.tables[1]?.foreignKeys[0]?.references).toEqual({ schema: 'app', name: 'customers', columns: ['id'] });
  });

  it('reads a schema whose name has quotes and a backslash in it', async () => {
    await db.sql.unsafe(`create schema "it's ""odd"" \\"; create table "it's ""odd"" \\".t (x int)`);
    try {
      const odd = await introspect(db.sql, { schemas: [`it's "odd" \\`] });
      expect(odd.namespaces).toEqual([{ name: `it's "odd" \\`, comment: null, grants: [], owner: user }]);
      expect(odd.tables.map((t) => `${t.schema}|${t.name}`)).toEqual([`it's "odd" \\|t`]);
    } finally {
      await db.sql.unsafe(`drop schema "it's ""odd"" \\" cascade`);
    }
  });

  it('reads collations and composite types, and leaves them out when there are none', async () => {
    expect(schema.collations).toBeUndefined();
    expect(schema.composites).toBeUndefined();
    await db.sql.unsafe(`
      create schema "Coll ß";
      create collation "Coll ß"."No ""Case""" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
      create collation "Coll ß".bytes (provider = libc, lc_collate = 'C', lc_ctype = 'POSIX');
      comment on collation "Coll ß".bytes is 'byte order';
      create type "Coll ß"."Pair ""P""" as (a int, "B b" text collate "Coll ß".bytes, m app.mood[]);
      comment on type "Coll ß"."Pair ""P""" is 'a pair';
      comment on column "Coll ß"."Pair ""P""".a is 'first';
      create table "Coll ß".t (p "Coll ß"."Pair ""P""", w text collate "Coll ß"."No ""Case""")`);
    try {
      const s = await introspect(db.sql, { schemas: ['Coll ß'] });
      expect(s.collations).toEqual([
        { schema: 'Coll ß', name: 'No "Case"', provider: 'icu', locale: 'und-u-ks-level2', lcCollate: null, lcCtype: null, deterministic: false, comment: null, owner: user },
        { schema: 'Coll ß', name: 'bytes', provider: 'libc', locale: null, lcCollate: 'C', lcCtype: 'POSIX', deterministic: true, comment: 'byte order', owner: user },
      ]);
      expect(s.composites).toEqual([{
        schema: 'Coll ß', name: 'Pair "P"', comment: 'a pair', grants: [grant('PUBLIC', 'USAGE')], owner: user,
        attributes: [
          { name: 'a', type: 'integer', collation: null, comment: 'first' },
          { name: 'B b', type: 'text', collation: '"Coll ß".bytes', comment: null },
          { name: 'm', type: 'app.mood[]', collation: null, comment: null },
        ],
      }]);
      expect(s.tables[0]?.columns.map((c) => [c.name, c.type, c.collation])).toEqual([
        ['p', '"Coll ß"."Pair ""P"""', null],
        ['w', 'text', '"Coll ß"."No ""Case"""'],
      ]);
      expect(s.dependencies).toContainEqual(dep(['relation', 'Coll ß', 't'], ['type', 'Coll ß', 'Pair "P"']));
    } finally {
      await db.sql.unsafe(`drop schema "Coll ß" cascade`);
    }
  });

  it("shows what an owner revoked from itself, and nothing where its ACL is NULL or holds the default", async () => {
    expect(schema.tables.filter((t) => t.ownerRevoked !== undefined)).toEqual([]);
    await db.sql.unsafe(`
      create schema "Own ß";
      create table "Own ß".untouched (a int);
      create table "Own ß".explicit (a int); grant select on "Own ß".explicit to ${READER}; revoke select on "Own ß".explicit from ${READER};
      create table "Own ß"."Re ""voked""" (a int); revoke select, truncate on "Own ß"."Re ""voked""" from current_user;
      create function "Own ß".f() returns int language sql as 'select 1'; revoke execute on function "Own ß".f() from current_user`);
    try {
      const s = await introspect(db.sql, { schemas: ['Own ß'] });
      const [user] = await db.sql<{ u: string }[]>`select current_user as u`;
      expect(s.tables.map((t) => [t.name, t.ownerRevoked])).toEqual([
        ['Re "voked"', { owner: user!.u, privileges: ['SELECT', 'TRUNCATE'] }],
        ['explicit', undefined],
        ['untouched', undefined],
      ]);
      expect(s.tables.every((t) => t.grants.length === 0)).toBe(true);
      expect(s.routines[0]?.ownerRevoked).toEqual({ owner: user!.u, privileges: ['EXECUTE'] });
      expect('ownerRevoked' in s.tables[1]!).toBe(false);
    } finally {
      await db.sql.unsafe(`drop schema "Own ß" cascade`);
    }
  });

  it('rejects an unknown schema by name', async () => {
    const attempt = introspect(db.sql, { schemas: ['app', 'no such'] });
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(introspect(db.sql, { schemas: ['no such'] })).rejects.toThrow(/unknown schema "no such"/);
  });
});

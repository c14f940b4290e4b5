import { describe, expect, it } from 'vitest';
import { sortSchema } from '../../src/schema/sort.js';
import { emptySchema, type Column, type Table } from '../../src/schema/types.js';

const column = (name: string, position: number): Column => ({
  name, position, type: 'integer', notNull: false, default: null, identity: null, generated: null, collation: null, comment: null, grants: [],
});
const table = (schema: string, name: string, more: Partial<Table> = {}): Table => ({
  schema, name, kind: 'table', unlogged: false, partitionBy: null, partitionOf: null, columns: [], primaryKey: null,
  uniques: [], checks: [], exclusions: [], foreignKeys: [], indexes: [], triggers: [],
  rowSecurity: { enabled: false, forced: false }, policies: [], grants: [], comment: null, ...more,
});

describe('sortSchema', () => {
  it('orders named objects by code unit (not locale) and columns by position', () => {
    const sorted = sortSchema({
      ...emptySchema(),
      namespaces: [{ name: 'b', comment: null }, { name: 'B', comment: null }, { name: 'a', comment: null }],
      tables: [
        table('b', 'x'),
        table('a', 'z', { columns: [column('second', 2), column('first', 1)] }),
        table('a', 'Y'),
      ],
    });
    expect(sorted.namespaces.map((n) => n.name)).toEqual(['B', 'a', 'b']);
    expect(sorted.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['a.Y', 'a.z', 'b.x']);
    expect(sorted.tables[1]?.columns.map((c) => c.name)).toEqual(['first', 'second']);
  });

  it('keeps order-bearing lists (key columns, enum labels) and sorts sets (roles, events, grants)', () => {
    const t = table('s', 't', {
      primaryKey: { name: 'pk', columns: ['b', 'a'] },
      policies: [{ name: 'p', command: 'ALL', permissive: true, roles: ['zed', 'amy'], using: null, withCheck: null }],
      triggers: [{
        name: 'tr', timing: 'AFTER', events: ['DELETE', 'INSERT'], updateColumns: [], level: 'ROW',
        function: { schema: 's', name: 'f' }, when: null, enabled: 'O', definition: '', comment: null,
      }],
      grants: [
        { grantee: 'bob', privilege: 'UPDATE', grantable: false },
        { grantee: 'amy', privilege: 'SELECT', grantable: false },
        { grantee: 'bob', privilege: 'INSERT', grantable: false },
      ],
    });
    const sorted = sortSchema({
      ...emptySchema(),
      tables: [t],
      enums: [{ schema: 's', name: 'e', labels: ['zz', 'aa'], comment: null }],
    });
    const out = sorted.tables[0]!;
    expect(out.primaryKey?.columns).toEqual(['b', 'a']);
    expect(sorted.enums[0]?.labels).toEqual(['zz', 'aa']);
    expect(out.policies[0]?.roles).toEqual(['amy', 'zed']);
    expect(out.triggers[0]?.events).toEqual(['INSERT', 'DELETE']);
    expect(out.grants.map((g) => `${g.grantee}:${g.privilege}`)).toEqual(['amy:SELECT', 'bob:INSERT', 'bob:UPDATE']);
    // Pure: the input is untouched.
    expect(t.policies[0]?.roles).toEqual(['zed', 'amy']);
  });

  it('is idempotent', () => {
    const once = sortSchema({ ...emptySchema(), tables: [table('b', 'b'), table('a', 'a')] });
    expect(sortSchema(once)).toStrictEqual(once);
  });
});

// View bodies as PostgreSQL 15 and 18 print them (pg_get_viewdef of the same views): equal
// by viewBodyKey; a different query is not.
import { beforeAll, describe, expect, it } from 'vitest';
import { viewBodyKey } from '../../src/introspect/view-deparse.js';
import { loadParser } from '../../src/migrate/script.js';

const PAIRS: [string, string][] = [
  [' SELECT users.id,\n    users.name\n   FROM users\n  WHERE (users.org > 1);', ' SELECT id,\n    name\n   FROM users\n  WHERE (org > 1);'],
  [' SELECT users.name,\n    count(*) AS count\n   FROM users\n  GROUP BY users.name;', ' SELECT name,\n    count(*) AS count\n   FROM users\n  GROUP BY name;'],
  [' SELECT users.name,\n    ( SELECT count(*) AS count\n           FROM orgs\n          WHERE (orgs.id = users.org)) AS c\n   FROM users;', ' SELECT name,\n    ( SELECT count(*) AS count\n           FROM orgs\n          WHERE (orgs.id = users.org)) AS c\n   FROM users;'],
  [' SELECT x.a FROM t x UNION ALL SELECT y.a FROM u y;', ' SELECT a FROM t x UNION ALL SELECT a FROM u y;'],
];

describe('viewBodyKey', () => {
  beforeAll(() => loadParser());

  it.each(PAIRS)('15 and 18 spellings are one query: %s', (a, b) => {
    expect(viewBodyKey(a)).toBe(viewBodyKey(b));
  });

  it('a changed predicate, column or join is not the same query', () => {
    const base = viewBodyKey(' SELECT id FROM users WHERE (org > 1);');
    expect(viewBodyKey(' SELECT id FROM users WHERE (org > 2);')).not.toBe(base);
    expect(viewBodyKey(' SELECT name FROM users WHERE (org > 1);')).not.toBe(base);
    // In a join the qualifier says which table: it is kept.
    expect(viewBodyKey(' SELECT u.id FROM (users u JOIN orgs o ON ((o.id = u.org)));')).not.toBe(viewBodyKey(' SELECT o.id FROM (users u JOIN orgs o ON ((o.id = u.org)));'));
    // An outer reference inside a subquery keeps its qualifier.
    expect(viewBodyKey(' SELECT (SELECT count(*) FROM orgs WHERE (orgs.id = users.org)) FROM users;')).not.toBe(viewBodyKey(' SELECT (SELECT count(*) FROM orgs WHERE (orgs.id = org)) FROM users;'));
  });

  it('text that does not parse is its own key', () => {
    expect(viewBodyKey('SELEC nonsense')).toBe('SELEC nonsense');
  });
});

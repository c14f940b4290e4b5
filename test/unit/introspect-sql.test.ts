import { describe, expect, it } from 'vitest';
import { exclusionDefinition, triggerWhen } from '../../src/introspect/assemble.js';
import { catalogQueries } from '../../src/introspect/catalog.js';
import { bindScope, textArrayLiteral } from '../../src/introspect/filters.js';
import { versionNumber } from '../../src/introspect/server.js';

describe('catalog query text', () => {
  it('reads catalog columns newer than PostgreSQL 13 only from servers that have them', () => {
    const pg13 = catalogQueries(130012, null);
    const pg15 = catalogQueries(150004, null);
    expect(pg13.indexes).not.toContain('indnullsnotdistinct');
    expect(pg13.constraints).not.toContain('indnullsnotdistinct');
    expect(pg15.indexes).toContain('i.indnullsnotdistinct');
    expect(pg15.constraints).toContain('ix.indnullsnotdistinct');
    // The ICU locale moved: collcollate (13, 14), colliculocale (15, 16), colllocale (17+); rules from 16.
    const pg16 = catalogQueries(160002, null);
    const pg17 = catalogQueries(170000, null);
    expect(pg13.collations).not.toMatch(/colliculocale|colllocale|collicurules/);
    expect(pg15.collations).toContain('c.colliculocale');
    expect(pg15.collations).not.toContain('collicurules');
    expect(pg16.collations).toContain('c.collicurules');
    expect(pg17.collations).toContain('c.colllocale');
    expect(pg17.collations).not.toContain('colliculocale');
  });

  it('writes the schemas asked for as one escaped literal, and NULL for all', () => {
    expect(textArrayLiteral(['public', 'Sales Ops', 'a"b', 'c\\d'])).toBe('{"public","Sales Ops","a\\"b","c\\\\d"}');
    expect(bindScope('x = any($1::text[])', ["it's"])).toBe(`x = any('{"it''s"}'::text[])`);
    expect(bindScope('$1::text[] is null', null)).toBe('NULL::text[] is null');
    for (const text of Object.values(catalogQueries(180000, ["x'); drop table t; --"]))) {
      expect(text).not.toContain('$1');
      expect(text).not.toMatch(/[^']'\); drop/);
    }
  });
});

describe('server version', () => {
  it('reads server_version as the server reports it at startup', () => {
    expect(versionNumber('18.4')).toBe(180004);
    expect(versionNumber('13.2 (Debian 13.2-1.pgdg100+1)')).toBe(130002);
    expect(versionNumber('17beta1')).toBe(170000);
    expect(versionNumber('9.6.24')).toBeNull();
    expect(versionNumber(undefined)).toBeNull();
  });
});

describe('printed definitions', () => {
  it("takes a trigger's WHEN condition out of pg_get_triggerdef", () => {
    expect(triggerWhen('CREATE TRIGGER t BEFORE UPDATE ON s.x FOR EACH ROW WHEN ((old.a IS DISTINCT FROM new.a)) EXECUTE FUNCTION s.f()'))
      .toBe('(old.a IS DISTINCT FROM new.a)');
    expect(triggerWhen('CREATE TRIGGER t AFTER INSERT ON x FOR EACH STATEMENT EXECUTE FUNCTION f()')).toBeNull();
  });

  it('leaves deferrability out of an exclusion definition', () => {
    expect(exclusionDefinition('EXCLUDE USING gist (a WITH &&) DEFERRABLE INITIALLY DEFERRED')).toBe('EXCLUDE USING gist (a WITH &&)');
    expect(exclusionDefinition('EXCLUDE USING btree (a WITH =) WHERE (b)')).toBe('EXCLUDE USING btree (a WITH =) WHERE (b)');
  });
});

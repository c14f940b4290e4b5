// The file formats libpq and dotenv define, parsed as their documentation says.
import { describe, expect, it } from 'vitest';
import { matchPgpass, parsePgpass, parseServiceFile, resolveConnection } from '../../src/db/libpq.js';
import { parseDotEnv } from '../../src/cli/dotenv.js';

describe('.pgpass', () => {
  it('splits on unescaped colons, unescapes \\: and \\\\, skips comments and short lines', () => {
    const entries = parsePgpass('# comment\nbad:line\ndb.example:5432:app:svc:pa\\:ss\\\\word:tail\n*:*:*:*:any\n');
    expect(entries).toEqual([
      { host: 'db.example', port: '5432', dbname: 'app', user: 'svc', password: 'pa:ss\\word:tail' },
      { host: '*', port: '*', dbname: '*', user: '*', password: 'any' },
    ]);
  });

  it('the first matching line wins; a socket directory matches localhost', () => {
    const entries = parsePgpass('localhost:5432:*:u:local\n*:*:*:u:fallback\n');
    expect(matchPgpass(entries, { host: '/var/run/postgresql', port: '5432', dbname: 'x', user: 'u' })).toBe('local');
    expect(matchPgpass(entries, { host: 'db', port: '5432', dbname: 'x', user: 'u' })).toBe('fallback');
    expect(matchPgpass(entries, { host: 'db', port: '5432', dbname: 'x', user: 'other' })).toBeUndefined();
  });
});

describe('pg_service.conf', () => {
  it('sections of key=value, comments and blank lines skipped', () => {
    const s = parseServiceFile('# c\n[prod]\nhost = db.prod\nport=6432\n\n[dev]\ndbname=app_dev\n');
    expect(s.get('prod')).toEqual({ host: 'db.prod', port: '6432' });
    expect(s.get('dev')).toEqual({ dbname: 'app_dev' });
  });
});

describe('.env', () => {
  it('export, quotes, comments', () => {
    const v = parseDotEnv('# c\nexport A=1\nB="two words"\nC=\'x#y\'\nD=plain # trailing\nnot a line\n');
    expect([...v]).toEqual([['A', '1'], ['B', 'two words'], ['C', 'x#y'], ['D', 'plain']]);
  });
});

describe('resolveConnection', () => {
  const home = '/nonexistent-home';
  it('the URL outranks the environment; libpq defaults fill the rest', () => {
    const r = resolveConnection('postgres://app@db.example/shop?sslmode=require&application_name=x', { env: { PGHOST: 'other', PGPORT: '6543', PGPASSWORD: 'pw' }, home });
    expect(r.url).toBe('postgres://app:pw@db.example:6543/shop?application_name=x&sslmode=require');
    expect(r.passwordSource).toBe('PGPASSWORD');
  });

  it('a socket directory travels as ?host=', () => {
    const r = resolveConnection(undefined, { env: { PGHOST: '/var/run/postgresql', PGUSER: 'u' }, home });
    expect(r.url).toBe('postgres://u@localhost:5432/u?host=%2Fvar%2Frun%2Fpostgresql');
    expect(resolveConnection(r.url, { env: {}, home }).url).toBe(r.url);
  });
});

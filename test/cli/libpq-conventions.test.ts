// Each libpq source reaching a real database as a role with a password: PG* variables, a
// service file (PGSERVICEFILE, ~/.pg_service.conf, PGSYSCONFDIR), ~/.pgpass (PGPASSFILE, and
// ignored when others can read it), and .env in the project (never over a set variable).
// No source's password may appear in any output.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';
import { quoteIdent, quoteLiteral } from '../../src/schema/quote.js';
import { runCli, type CliResult } from '../support/cli.js';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/db.js';
import { connect } from '../../src/db/connect.js';

const ROLE = 'sg_libpq_user';
const PASSWORD = 'libpq-s3cret-Pw';

let db: TestDatabase;
let host: string;
let port: string;
let home: string;
let project: string;

/** Nothing from the test runner's own connection settings leaks into a case. */
const CLEAN = { DATABASE_URL: undefined, PGHOST: undefined, PGPORT: undefined, PGUSER: undefined, PGDATABASE: undefined, PGPASSWORD: undefined, PGSERVICE: undefined, PGSERVICEFILE: undefined, PGSYSCONFDIR: undefined, PGPASSFILE: undefined, PGSSLMODE: undefined };

function env(extra: Record<string, string | undefined>): Record<string, string | undefined> {
  return { ...CLEAN, HOME: home, ...extra };
}

async function inspect(vars: Record<string, string | undefined>, cwd = project, args: string[] = []): Promise<CliResult> {
  const r = await runCli(['inspect', '--format', 'json', ...args], { env: env(vars), cwd });
  expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  return r;
}

function seesTheTable(r: CliResult): void {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const schema = JSON.parse(r.stdout) as { tables: Array<{ name: string }> };
  expect(schema.tables.map((t) => t.name)).toContain('libpq_marker');
}

beforeAll(async () => {
  db = await createTestDatabase('sg_libpq');
  const admin = await connect(adminUrl());
  try {
    await admin.unsafe(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = ${quoteLiteral(ROLE)}) then create role ${quoteIdent(ROLE)} login; end if;
    exception when duplicate_object or unique_violation then null;
    end $$`);
    await admin.unsafe(`alter role ${quoteIdent(ROLE)} login password ${quoteLiteral(PASSWORD)}`);
    // The embedded server's pg_hba asks every TCP client for a password: prove it, or the
    // tests below would pass without any password being sent.
    const [hba] = await admin.unsafe<{ methods: string[] }[]>(`select array_agg(distinct auth_method) as methods from pg_hba_file_rules where type like 'host%'`);
    expect(hba?.methods.every((m) => ['password', 'md5', 'scram-sha-256'].includes(m))).toBe(true);
  } finally {
    await admin.end({ timeout: 5 });
  }
  await db.sql.unsafe(`create table libpq_marker (id int primary key); grant usage on schema public to ${quoteIdent(ROLE)}`);
  const u = new URL(db.url);
  host = u.hostname;
  port = u.port;
  home = mkdtempSync(join(tmpdir(), 'sg-libpq-home-'));
  project = mkdtempSync(join(tmpdir(), 'sg-libpq-project-'));
});

afterAll(async () => {
  await db?.dispose();
});

describe('PG* environment variables', () => {
  it('PGHOST, PGPORT, PGUSER, PGDATABASE and PGPASSWORD connect without --db', async () => {
    seesTheTable(await inspect({ PGHOST: host, PGPORT: port, PGUSER: ROLE, PGDATABASE: db.name, PGPASSWORD: PASSWORD }));
  });

  it('fill the parts a --db URL leaves out', async () => {
    seesTheTable(await inspect({ PGPORT: port, PGUSER: ROLE, PGPASSWORD: PASSWORD }, project, ['--db', `postgres://${host}/${db.name}`]));
  });

  it('a wrong PGPASSWORD fails as authentication, naming the user and not the password', async () => {
    const r = await inspect({ PGHOST: host, PGPORT: port, PGUSER: ROLE, PGDATABASE: db.name, PGPASSWORD: `${PASSWORD}-wrong` });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/password authentication failed for user "sg_libpq_user"/);
    expect(r.stderr).not.toContain(`${PASSWORD}-wrong`);
  });

  it('PGSSLMODE is honoured: require fails on this server (no SSL), disable connects', async () => {
    const base = { PGHOST: host, PGPORT: port, PGUSER: ROLE, PGDATABASE: db.name, PGPASSWORD: PASSWORD };
    const required = await inspect({ ...base, PGSSLMODE: 'require' });
    expect(required.code).toBe(2);
    expect(required.stderr.trim().split('\n')).toHaveLength(1);
    expect(required.stderr).toMatch(/: the TLS handshake failed \(sslmode=require; does the server support SSL\?\)\n$/);
    seesTheTable(await inspect({ ...base, PGSSLMODE: 'disable' }));
    const bogus = await inspect({ ...base, PGSSLMODE: 'sometimes' });
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/^schemaguard: invalid sslmode "sometimes": expected one of disable, allow, prefer, require, verify-ca, verify-full\n$/);
  });
});

describe('pg_service.conf', () => {
  const service = (name: string) => `# a comment\n[${name}]\nhost=${host}\nport=${port}\nuser=${ROLE}\ndbname=${db.name}\npassword=${PASSWORD}\n`;

  it('PGSERVICE with PGSERVICEFILE', async () => {
    const file = join(project, 'services.conf');
    writeFileSync(file, service('sg_svc'));
    seesTheTable(await inspect({ PGSERVICE: 'sg_svc', PGSERVICEFILE: file }));
  });

  it('?service= in the URL, from ~/.pg_service.conf', async () => {
    const userHome = mkdtempSync(join(tmpdir(), 'sg-libpq-svc-'));
    writeFileSync(join(userHome, '.pg_service.conf'), service('sg_home'));
    const r = await runCli(['inspect', '--format', 'json', '--db', 'postgres://?service=sg_home'], { env: { ...CLEAN, HOME: userHome }, cwd: project });
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    seesTheTable(r);
  });

  it('PGSYSCONFDIR/pg_service.conf when the user file lacks the service; the service outranks PGHOST', async () => {
    const sysconf = mkdtempSync(join(tmpdir(), 'sg-libpq-sysconf-'));
    writeFileSync(join(sysconf, 'pg_service.conf'), service('sg_sys'));
    writeFileSync(join(home, '.pg_service.conf'), '[other]\nhost=nowhere.invalid\n');
    seesTheTable(await inspect({ PGSERVICE: 'sg_sys', PGSYSCONFDIR: sysconf, PGHOST: 'nowhere.invalid' }));
  });

  it('an unknown service is one line, exit 2', async () => {
    const r = await inspect({ PGSERVICE: 'sg_nope', PGSERVICEFILE: join(project, 'services.conf') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^schemaguard: definition of service "sg_nope" not found \(looked in .*services\.conf.*\)\n$/);
  });
});

describe('.pgpass', () => {
  const line = () => `# host:port:database:user:password\nother.example:*:*:*:not-this-one\n${host}:${port}:${db.name}:${ROLE}:${PASSWORD}\n`;

  it('~/.pgpass (mode 0600) supplies the password PGHOST and friends leave out', async () => {
    const userHome = mkdtempSync(join(tmpdir(), 'sg-libpq-pgpass-'));
    writeFileSync(join(userHome, '.pgpass'), line(), { mode: 0o600 });
    const r = await runCli(['inspect', '--format', 'json'], { env: { ...CLEAN, HOME: userHome, PGHOST: host, PGPORT: port, PGUSER: ROLE, PGDATABASE: db.name }, cwd: project });
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    seesTheTable(r);
  });

  it('PGPASSFILE with wildcards, for a --db URL without a password', async () => {
    const file = join(project, 'pgpass');
    writeFileSync(file, `*:${port}:*:${ROLE}:${PASSWORD}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    seesTheTable(await inspect({ PGPASSFILE: file }, project, ['--db', `postgres://${ROLE}@${host}:${port}/${db.name}`]));
  });

  it('is ignored, with libpq\'s warning, when group or others can read it', async () => {
    const file = join(project, 'pgpass-open');
    writeFileSync(file, line());
    chmodSync(file, 0o644);
    const r = await inspect({ PGPASSFILE: file, PGHOST: host, PGPORT: port, PGUSER: ROLE, PGDATABASE: db.name });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`schemaguard: warning: password file "${file}" has group or world access; permissions should be u=rw (0600) or less\n`);
    expect(r.stderr).toMatch(/password authentication failed for user "sg_libpq_user"/);
  });
});

describe('.env in the project root', () => {
  it('DATABASE_URL from .env connects', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-libpq-dotenv-'));
    writeFileSync(join(dir, '.env'), `# local settings\nexport DATABASE_URL="postgres://${ROLE}:${PASSWORD}@${host}:${port}/${db.name}"\n`);
    seesTheTable(await inspect({}, dir));
  });

  it('PG* variables from .env, the password too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-libpq-dotenv-'));
    writeFileSync(join(dir, '.env'), `PGHOST=${host}\nPGPORT=${port}\nPGUSER=${ROLE}\nPGDATABASE=${db.name}\nPGPASSWORD='${PASSWORD}'\n`);
    seesTheTable(await inspect({}, dir));
  });

  it('never overrides a variable already set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-libpq-dotenv-'));
    writeFileSync(join(dir, '.env'), `DATABASE_URL=postgres://${ROLE}:${PASSWORD}@${host}:${port}/${db.name}\n`);
    const refused = await freePort();
    const r = await inspect({ DATABASE_URL: `postgres://${ROLE}@127.0.0.1:${refused}/elsewhere` }, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`schemaguard: cannot connect to 127.0.0.1:${refused}/elsewhere: connection refused (is PostgreSQL running and listening there?)\n`);
  });
});

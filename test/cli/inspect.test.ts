// `schemaguard inspect` through the built CLI: output formats, and every bad input giving one
// line on stderr, exit 2, no stack trace and no password.
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';
import { withDatabase } from '../../src/db/scratch.js';
import { introspect } from '../../src/introspect/index.js';
import { runCli, type CliResult } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { ensureRole } from '../support/roles.js';

const FIXTURE = readFileSync(new URL('../fixtures/kitchen-sink.sql', import.meta.url), 'utf8');

function passwordOf(url: string): string {
  return decodeURIComponent(new URL(url).password);
}

function withPassword(url: string, password: string): string {
  const u = new URL(url);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** The shape every failure must have. */
function expectUsageFailure(r: CliResult, message: RegExp, secrets: readonly string[] = []): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  for (const secret of secrets) expect(r.stderr).not.toContain(secret);
}

describe('schemaguard inspect', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    await ensureRole('sg_inspect_reader');
    db = await createTestDatabase('sg_inspect_cli');
    await db.sql.unsafe(FIXTURE);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('--format json prints exactly the IR introspect() returns, less the server-wide role list', async () => {
    const r = await runCli(['inspect', '--db', db.url, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { version: number };
    expect(printed.version).toBe(1);
    const { roles, ...described } = await introspect(db.sql);
    expect(roles).toContain('sg_inspect_reader');
    expect(printed).not.toHaveProperty('roles');
    expect(printed).toEqual(described);
  });

  it('takes the database from DATABASE_URL and the schemas from --schema', async () => {
    const r = await runCli(['inspect', '--schema', 'Sales Ops', 'app', '--format', 'json'], { env: { DATABASE_URL: db.url } });
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { namespaces: { name: string }[]; tables: { name: string }[] };
    expect(printed.namespaces.map((n) => n.name)).toEqual(['Sales Ops', 'app']);
    expect(printed.tables.map((t) => t.name)).not.toContain('stray');
  });

  it('--format table prints the statistics block and one line per table, without colour when piped', async () => {
    const r = await runCli(['inspect', '--db', db.url], { env: { COLUMNS: undefined } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    const stat = (label: string) => lines.find((l) => l.trimStart().startsWith(`${label} `))?.trim();
    expect(stat('tables')).toBe('tables            10  (1 partitioned, 2 partitions, 1 unlogged)');
    expect(stat('columns')).toBe('columns           36');
    expect(stat('indexes')).toBe('indexes           13  (8 back constraints)');
    expect(stat('foreign keys')).toBe('foreign keys       2');
    expect(stat('checks')).toBe('checks             2');
    expect(stat('triggers')).toBe('triggers           2');
    expect(stat('routines')).toBe('routines           3');
    expect(stat('enums')).toBe('enums              2');
    expect(stat('views')).toBe('views              2  (1 materialized)');
    const row = lines.find((l) => l.includes('app.customers'));
    // Columns are separated by two or more spaces, no borders; a row starts at column 0 and its
    // wrapped continuation lines are indented.
    expect(row?.trim().split(/ {2,}/)).toEqual(['app.customers', 'table', '10', 'id', '2', '0', '1', '1', 'forced']);
    const header = lines.findIndex((l) => /^table +kind +col/.test(l));
    expect(header).toBeGreaterThan(0);
    expect(lines.slice(header + 1).filter((l) => /^\S/.test(l))).toHaveLength(10);
    // At 80 columns the widest column, the table name, ends in an ellipsis; given room it is whole.
    expect(r.stdout).toContain('"Sales Ops"."Order …');
    expect(r.stdout).not.toMatch(/\u001b\[/);
    const wide = await runCli(['inspect', '--db', db.url], { env: { COLUMNS: '200' } });
    expect(wide.stdout).toContain('"Sales Ops"."Order ""Lines"" ü"');
  });

  describe('bad input', () => {
    it('a malformed URL', async () => {
      const r = await runCli(['inspect', '--db', 'postgres://me:hunter2@[not-a-host/db']);
      expectUsageFailure(r, /^schemaguard: malformed database URL/, ['hunter2']);
    });

    it('a port nobody listens on: connection refused', async () => {
      const port = await freePort();
      const r = await runCli(['inspect', '--db', `postgres://me:hunter2@127.0.0.1:${port}/db`]);
      expectUsageFailure(r, /^schemaguard: cannot connect to 127\.0\.0\.1:\d+\/db: connection refused/, ['hunter2']);
    });

    it('an unknown host', async () => {
      const r = await runCli(['inspect', '--db', 'postgres://me:hunter2@no-such-host.invalid/db']);
      expectUsageFailure(r, /^schemaguard: cannot connect to no-such-host\.invalid:5432\/db: unknown host/, ['hunter2']);
    });

    it('a host that accepts but never answers: bounded by PGCONNECT_TIMEOUT', async () => {
      const sockets: Socket[] = [];
      const silent: Server = createServer((s) => sockets.push(s));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const port = (silent.address() as { port: number }).port;
      try {
        const started = Date.now();
        const r = await runCli(['inspect', '--db', `postgres://me:hunter2@127.0.0.1:${port}/db`], { env: { PGCONNECT_TIMEOUT: '1' } });
        expect(Date.now() - started).toBeLessThan(8_000);
        expectUsageFailure(r, /^schemaguard: cannot connect to 127\.0\.0\.1:\d+\/db: timed out connecting/, ['hunter2']);
      } finally {
        for (const s of sockets) s.destroy();
        await new Promise((resolve) => silent.close(resolve));
      }
    });

    it('a wrong password', async () => {
      const wrong = withPassword(db.url, 'not-the-password-42');
      const r = await runCli(['inspect', '--db', wrong]);
      expectUsageFailure(r, /^schemaguard: cannot connect to .*: password authentication failed for user "postgres"$/, [
        'not-the-password-42',
        passwordOf(db.url),
      ]);
    });

    it('a database that does not exist', async () => {
      const r = await runCli(['inspect', '--db', withDatabase(db.url, 'sg_no_such_db')]);
      expectUsageFailure(r, /: database "sg_no_such_db" does not exist$/, [passwordOf(db.url)]);
    });

    it('no database at all', async () => {
      const r = await runCli(['inspect'], { env: { DATABASE_URL: undefined } });
      expectUsageFailure(r, /no database given/);
    });

    it('an unknown flag', async () => {
      const r = await runCli(['inspect', '--db', db.url, '--tables-only']);
      expectUsageFailure(r, /unknown option '--tables-only'/, [passwordOf(db.url)]);
    });

    it('an unknown --schema, named in the message', async () => {
      const r = await runCli(['inspect', '--db', db.url, '--schema', 'app', 'Nope"s']);
      expectUsageFailure(r, /^schemaguard: unknown schema "Nope"s" \(schemas in this database: Sales Ops, app, public\)$/, [passwordOf(db.url)]);
    });

    it('an unknown --format', async () => {
      const r = await runCli(['inspect', '--db', db.url, '--format', 'yaml']);
      expectUsageFailure(r, /argument 'yaml' is invalid/, [passwordOf(db.url)]);
    });
  });
});
